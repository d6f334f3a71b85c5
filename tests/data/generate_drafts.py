"""Generate the templated part of bot/draft_check/data/drafts.jsonl (see tests/data/DRAFTS.md).

Each frame is a short situation written by hand in English or Spanish with slots ({drug}, {company}...)
filled from small pools; a frame yields a few variants, so the data grows without one sentence repeated
hundreds of times. Every row carries `group` (the frame id) so cross-validation can keep a frame's
variants on one side of the split. Run: python tests/data/generate_drafts.py  (rewrites only rows
whose group starts with "gen:"; the hand-written rows are kept as they are).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "bot" / "draft_check" / "data" / "drafts.jsonl"
SEED = 11
VARIANTS = {"patient-privacy": 5, "consent": 6, "advertising": 6, "conflict-of-interest": 9, "professionalism": 9,
            "medical-advice": 9, "": 5}

POOLS: dict[str, dict[str, list[str]]] = {
    "en": {
        "name": ["Sarah", "Tom", "Priya", "Kevin", "Aisha", "Gareth", "Linda", "Marcus", "Chloe", "Dev", "Fiona",
                 "Hamza", "Megan", "Oliver", "Joanne", "Ravi"],
        "handle": ["@sunny_mum87", "@gymrat_tony", "@kelly.writes", "@dan_in_leeds", "@nightowl_nurse",
                   "@bakerbecky", "@runner_jo", "@maz_k", "@tired_dad_22", "@lucy_loves_cats", "@frankie_b"],
        "age": ["34", "41", "58", "67", "72", "19", "26", "83", "47", "15"],
        "condition": ["type 2 diabetes", "a DVT", "early dementia", "bipolar disorder", "a miscarriage",
                      "a broken hip", "breast cancer", "heart failure", "an eating disorder", "sepsis",
                      "pneumonia", "a stroke", "COPD", "Crohn's disease", "an overdose"],
        "symptom": ["a rash that won't go away", "chest tightness when climbing stairs", "a cough for three weeks",
                    "headaches every morning", "a lump in my neck", "blood in my stool", "tingling in both feet",
                    "palpitations at night", "a sore throat and fever", "knee pain after running"],
        "diagnosis": ["shingles", "a migraine", "a simple viral infection", "eczema", "reflux", "a UTI",
                      "plantar fasciitis", "tonsillitis", "anxiety", "a pulled muscle", "psoriasis", "gout"],
        "drug": ["ibuprofen", "amoxicillin", "sertraline", "prednisolone", "omeprazole", "codeine",
                 "cetirizine", "naproxen", "metformin", "diazepam", "doxycycline", "propranolol"],
        "dose": ["400 mg", "500 mg", "20 mg", "40 mg", "10 mg", "2 tablets", "1 g", "5 mg", "50 mg"],
        "freq": ["three times a day", "twice a day", "every 8 hours", "every night", "for 5 days",
                 "once a day for a week"],
        "product": ["CollaGlow", "VitaBoost D3", "SleepWell Magnesium", "DermaCalm cream", "ImmunoMax",
                    "FlexJoint gummies", "PureBiotic", "HydraSkin serum", "KetoSlim shakes", "CardioOmega"],
        "company": ["Pfizer", "Novo Nordisk", "AstraZeneca", "Medtronic", "Bayer", "GSK", "Sanofi", "Abbott",
                    "Nutricia", "Boots", "Johnson & Johnson", "Roche"],
        "city": ["Barcelona", "Lisbon", "Vienna", "Dubai", "Copenhagen", "Nice", "Berlin", "Boston"],
        "topic": ["obesity", "migraine", "diabetes", "heart failure", "asthma", "menopause", "eczema",
                  "osteoporosis", "atrial fibrillation"],
        "ward": ["ward 7", "Ward 12", "the acute medical unit", "ward C4", "the stroke unit", "bay 2 on ward 9"],
        "hospital": ["St Mary's", "the Royal", "Northgate General", "City Hospital", "Queen's"],
        "town": ["Whitby", "Ilkley", "Tenby", "Frome", "Bude", "Ludlow", "Penrith", "Oban"],
        "person": ["lady", "gentleman", "young man", "woman", "teenager", "grandad", "student", "mum of three"],
        "local": ["the vicar", "the head teacher at St Anne's", "the landlord of the Red Lion",
                  "a certain local councillor", "the lad who plays in goal for the town team",
                  "the woman who runs the bakery on the high street", "our local MP",
                  "a well-known weather presenter"],
        "group": ["drunk students", "anti-vaxxers", "frequent attenders", "smokers", "the over-80s",
                  "the gym bros", "people on benefits", "private patients"],
        "test": ["blood test", "scan", "biopsy", "x-ray", "smear", "ECG"],
        "procedure": ["vaccination", "ear syringing", "stitches", "the blood test", "a lumbar puncture",
                      "the cast coming off", "nebuliser"],
        "body": ["cheek", "back", "forearm", "scalp", "shin", "hand", "neck"],
        "lesion": ["rash", "mole", "lesion", "ulcer", "birthmark", "abscess", "cyst"],
        "treat": ["Botox", "lip filler", "laser hair removal", "hair transplants", "teeth whitening",
                  "chemical peels", "IV vitamin drips", "weight-loss injections"],
        "surgery": ["knee op", "hip replacement", "gallbladder surgery", "C-section", "hernia repair",
                    "cataract op"],
        "price": ["£99", "£149", "£199", "£49", "£250"],
        "pct": ["10", "15", "20", "25", "30", "50"],
        "code": ["DRSARAH10", "GLOW20", "DOC15", "HEALTHY25", "DRMIKE"],
        "day": ["Tuesday", "Thursday", "Saturday", "Monday", "Friday"],
        "kid": ["little boy", "little girl", "toddler", "5-year-old", "baby", "3-year-old"],
        "vaccine": ["flu vaccine", "HPV vaccine", "MMR", "COVID booster", "shingles vaccine",
                    "whooping cough vaccine"],
        "event": ["free webinar", "free talk", "free community workshop", "free Q&A evening",
                  "free online session"],
    },
    "es": {
        "name": ["Lucía", "Javier", "Marta", "Andrés", "Carmen", "Sergio", "Nuria", "Pablo", "Elena", "Rubén",
                 "Pilar", "Iker", "Rocío", "Diego", "Ainhoa", "Toni"],
        "handle": ["@mamadetres_", "@runner_bcn", "@anita.lectora", "@pepe_gym", "@lauri_92", "@el_tito_mario",
                   "@soniaviajera", "@carlos.f", "@noe_enfermera", "@abuelo_juan", "@maria_del_mar"],
        "age": ["34", "41", "58", "67", "72", "19", "26", "83", "47", "15"],
        "condition": ["diabetes tipo 2", "una trombosis", "demencia incipiente", "trastorno bipolar",
                      "un aborto", "una fractura de cadera", "cáncer de mama", "insuficiencia cardíaca",
                      "anorexia", "una sepsis", "neumonía", "un ictus", "EPOC", "enfermedad de Crohn",
                      "una sobredosis"],
        "symptom": ["un sarpullido que no se va", "opresión en el pecho al subir escaleras",
                    "tos desde hace tres semanas", "dolor de cabeza cada mañana", "un bulto en el cuello",
                    "sangre en las heces", "hormigueo en los pies", "palpitaciones por la noche",
                    "dolor de garganta y fiebre", "dolor de rodilla al correr"],
        "diagnosis": ["herpes zóster", "una migraña", "un virus sin más", "eccema", "reflujo",
                      "una infección de orina", "fascitis plantar", "amigdalitis", "ansiedad",
                      "una contractura", "psoriasis", "gota"],
        "drug": ["ibuprofeno", "amoxicilina", "sertralina", "prednisona", "omeprazol", "tramadol",
                 "cetirizina", "naproxeno", "metformina", "diazepam", "doxiciclina", "propranolol"],
        "dose": ["400 mg", "500 mg", "20 mg", "40 mg", "10 mg", "2 comprimidos", "1 g", "5 mg", "50 mg"],
        "freq": ["tres veces al día", "dos veces al día", "cada 8 horas", "todas las noches",
                 "durante 5 días", "una vez al día una semana"],
        "product": ["ColaGlow", "VitaPlus D3", "DuermeBien Magnesio", "crema DermaCalm", "InmunoMax",
                    "FlexiJoint gominolas", "PuroBiotic", "sérum HydraSkin", "batidos KetoSlim", "CardioOmega"],
        "company": ["Pfizer", "Novo Nordisk", "AstraZeneca", "Medtronic", "Bayer", "GSK", "Sanofi", "Abbott",
                    "Laboratorios Esteve", "Almirall", "Ferrer", "Grifols"],
        "city": ["Lisboa", "Viena", "Dubái", "Copenhague", "Niza", "Berlín", "Cancún", "Roma"],
        "topic": ["obesidad", "migraña", "diabetes", "insuficiencia cardíaca", "asma", "menopausia",
                  "dermatitis", "osteoporosis", "fibrilación auricular"],
        "ward": ["la planta 7", "la 3ª planta", "la unidad de ictus", "el box 4 de urgencias",
                 "la habitación 412", "la UCI"],
        "hospital": ["La Paz", "el Clínico", "el Hospital de Cruces", "La Fe", "el Virgen del Rocío",
                     "el Gregorio Marañón"],
        "town": ["Tarifa", "Cangas", "Jaca", "Zafra", "Laredo", "Ronda", "Alcañiz", "Tudela"],
        "person": ["señora", "señor", "chaval", "mujer", "adolescente", "abuelo", "estudiante",
                   "madre de tres"],
        "local": ["el cura del pueblo", "la directora del colegio", "el dueño del bar de la plaza",
                  "cierto concejal", "el portero del equipo del pueblo", "la de la panadería de la calle mayor",
                  "nuestro alcalde", "una presentadora muy conocida de la tele local"],
        "group": ["los borrachos del fin de semana", "los antivacunas", "los hiperfrecuentadores",
                  "los fumadores", "los abueletes", "los del gimnasio", "los que viven de ayudas",
                  "los de la privada"],
        "test": ["analítica", "resonancia", "biopsia", "radiografía", "citología", "ecografía"],
        "procedure": ["la vacuna", "el lavado de oídos", "los puntos", "la analítica", "la punción lumbar",
                      "quitar la escayola", "el aerosol"],
        "body": ["la mejilla", "la espalda", "el antebrazo", "el cuero cabelludo", "la espinilla", "la mano",
                 "el cuello"],
        "lesion": ["erupción", "lesión", "úlcera", "mancha", "placa", "ampolla", "costra"],
        "treat": ["bótox", "relleno de labios", "depilación láser", "injerto capilar", "blanqueamiento dental",
                  "peeling químico", "sueros de vitaminas", "inyecciones para adelgazar"],
        "surgery": ["la operación de rodilla", "la prótesis de cadera", "la operación de vesícula",
                    "la cesárea", "la operación de hernia", "la operación de cataratas"],
        "price": ["99 €", "149 €", "199 €", "49 €", "250 €"],
        "pct": ["10", "15", "20", "25", "30", "50"],
        "code": ["DRALUCIA10", "GLOW20", "DOC15", "SALUD25", "DRMIGUEL"],
        "day": ["martes", "jueves", "sábado", "lunes", "viernes"],
        "kid": ["niño", "chiquitín", "peque", "crío de 5 años", "bebé", "niño de 3 años"],
        "vaccine": ["vacuna de la gripe", "vacuna del VPH", "triple vírica", "dosis de refuerzo de la COVID",
                    "vacuna del herpes zóster", "vacuna de la tosferina"],
        "event": ["webinar gratuito", "charla gratuita", "taller gratuito", "coloquio abierto y gratuito",
                  "sesión online gratuita"],
    },
}

PRIV = ["patient-privacy"]
REVIEW = ["patient-privacy", "professionalism"]  # a reply to a review with the care in it: both, as elsewhere
CONS = ["consent"]
ADV = ["advertising"]
COI = ["conflict-of-interest"]
PROF = ["professionalism"]
ADVICE = ["medical-advice"]
CLEAN: list[str] = []

# (language, labels, template). Kinds of post: review replies, group posts, captions, DMs, replies to strangers.
FRAMES: list[tuple[str, list[str], str]] = [
    # --- patient privacy, described indirectly -------------------------------------------------------
    ("en", REVIEW, "Hi {name}, sorry to hear about the wait. We checked and your {test} results went to your GP "
                 "on {day}, so you should hear soon."),
    ("en", REVIEW, "Thanks for the review {name}. For the record you missed your last two appointments, which is "
                 "why your prescription wasn't ready."),
    ("en", REVIEW, "Replying to the 2-star review: we're sorry you felt rushed, but your {condition} needed urgent "
                 "referral and that was the priority that day."),
    ("en", PRIV, "{handle} so glad the {surgery} went well last week and you're back on your feet!"),
    ("en", PRIV, "The {kid} with {condition} we saw in clinic on {day} was the bravest patient I've had all year."),
    ("en", PRIV, "A {age}-year-old {person} from {town} with {condition}, my third this month. Something in the "
                 "water?"),
    ("en", PRIV, "Guess who came to see me about {condition}? {local}. Small town life!"),
    ("en", PRIV, "Lovely to bump into {name} at the supermarket, looking so well after that scare with "
                 "{condition} in spring."),
    ("en", REVIEW, "Dear reviewer, we have no record of you being rude to staff, but we do note you arrived 40 "
                 "minutes late for your {test}."),
    ("en", PRIV, "{name}, mum of the twins in room 4, thank you for the chocolates! Good luck with the "
                 "treatment for {condition}."),
    ("es", REVIEW, "Hola {name}, sentimos la espera. Hemos comprobado que los resultados de su {test} se enviaron "
                 "a su centro de salud el {day}."),
    ("es", REVIEW, "Gracias por su reseña. Le recordamos que faltó a sus dos últimas citas y por eso su receta no "
                 "estaba lista."),
    ("es", REVIEW, "Respondiendo a la valoración de 2 estrellas: sentimos que se sintiera con prisas, pero su "
                 "{condition} requería derivación urgente."),
    ("es", PRIV, "{handle} ¡qué alegría que {surgery} de la semana pasada saliera bien y ya estés "
                 "recuperada!"),
    ("es", PRIV, "El {kid} con {condition} que vimos el {day} en consulta ha sido el paciente más valiente del "
                 "año."),
    ("es", PRIV, "{person} de {age} años de {town} con {condition}, el tercer caso este mes. ¿Qué pasa en ese "
                 "pueblo?"),
    ("es", PRIV, "¿A que no sabéis quién vino a verme por {condition}? {local}. Cosas de pueblo."),
    ("es", PRIV, "Me encontré a {name} en el súper, qué bien se le ve después del susto de {condition}."),
    ("es", REVIEW, "Estimado usuario: no consta que fuera grosero con el personal, pero sí que llegó 40 minutos "
                 "tarde a su {test}."),
    ("es", PRIV, "{name}, la mamá de los gemelos de la habitación 4, ¡gracias por los bombones! ¡Ánimo con el "
                 "tratamiento de {condition}!"),
    # --- consent: patient media without written consent ----------------------------------------------
    ("en", CONS + PRIV, "Had to film this {kid}'s face during {procedure} in clinic today 😂 sound on!"),
    ("en", CONS, "Unusual {lesion} on a teenager's {body}, photo below. Any guesses before I tell you?"),
    ("en", CONS, "Mum said it was fine to share, so here's the video of her {kid}'s first steps after the "
                 "surgery ❤️"),
    ("en", CONS, "Birth video from last night's delivery, dad was happy for me to post it. Nothing beats this job."),
    ("en", CONS, "Posting the {test} from this morning's patient, absolutely textbook. Swipe for the report."),
    ("en", CONS, "Quick snap of the {lesion} on this gentleman's {body} before we excised it. Wild, right?"),
    ("en", CONS, "He said I could put his {lesion} on my page, so here it is: day 1 vs day 14 of treatment."),
    ("en", CONS, "My {kid} patient giggling through {procedure}, clip in my stories!"),
    ("es", CONS + PRIV, "Tuve que grabar la cara de este {kid} durante {procedure} hoy en consulta 😂 ¡con sonido!"),
    ("es", CONS, "Una {lesion} curiosa en {body} de una adolescente, os dejo la foto. ¿Diagnóstico?"),
    ("es", CONS, "La madre me dijo que podía compartirlo: aquí el vídeo de los primeros pasos de su {kid} tras "
                 "la operación ❤️"),
    ("es", CONS, "Vídeo del parto de anoche, el padre me dijo de palabra que lo subiera. Qué bonito es esto."),
    ("es", CONS, "Subo la {test} de la paciente de esta mañana, de libro. Desliza para ver el informe."),
    ("es", CONS, "Foto rápida de la {lesion} en {body} de este señor antes de quitarla. ¿Impresiona, eh?"),
    ("es", CONS, "Me dijo que podía subir su {lesion} a mi perfil: día 1 frente a día 14 de tratamiento."),
    ("es", CONS, "Mi pequeño paciente partiéndose de risa durante {procedure}, ¡el vídeo en mis stories!"),
    # --- advertising ----------------------------------------------------------------------------------
    ("en", ADV, "{treat} from {price} this month only. Results you'll love, guaranteed!"),
    ("en", ADV, "Book {treat} before {day} and get {pct}% off. Limited slots!"),
    ("en", ADV, "\"I look ten years younger\" - another happy client after {treat}. Book yours today."),
    ("en", ADV, "Why go anywhere else? The most experienced {treat} clinic in {town}, voted number one."),
    ("en", ADV, "Bring a friend for {treat} and you both get {pct}% off your next visit."),
    ("en", ADV, "Our {treat} is completely safe and painless, with permanent results after one session."),
    ("es", ADV, "{treat} desde {price} solo este mes. ¡Resultados garantizados!"),
    ("es", ADV, "Reserva {treat} antes del {day} y llévate un {pct}% de descuento. ¡Plazas limitadas!"),
    ("es", ADV, "\"Parezco diez años más joven\": otra clienta encantada tras {treat}. Pide tu cita."),
    ("es", ADV, "La clínica con más experiencia en {treat} de {town}. Somos los mejores, sin duda."),
    ("es", ADV, "Trae a una amiga a {treat} y las dos tenéis un {pct}% de descuento en la próxima visita."),
    ("es", ADV, "Nuestro tratamiento de {treat} es totalmente seguro y sin dolor, con resultados para siempre."),
    # --- conflict of interest without the word "sponsored" --------------------------------------------
    ("en", COI, "Huge thanks to {company} for flying me out to {city} for the launch of their new {topic} drug. "
                "Exciting times!"),
    ("en", COI, "{company} just sent me a box of free samples of {product}; I'll be handing them out to patients "
                "this week."),
    ("en", COI, "Talking {topic} at the {company} dinner tonight. If you treat {topic}, their new drug really is "
                "the one to use."),
    ("en", COI, "Use my code {code} for {pct}% off {product}, it's what I take every day and recommend to "
                "everyone."),
    ("en", COI, "Honestly, {product} is the only supplement I trust for my own family. Link in bio 👇"),
    ("en", COI, "Back from a wonderful few days in {city} as a guest of {company}, great science and even "
                "better food!"),
    ("en", COI, "So grateful to {company} for covering my registration and hotel at the {topic} congress."),
    ("en", COI, "My go-to for patients with dry skin: {product}. Grab it through the link in my bio before it "
                "sells out!"),
    ("es", COI, "Mil gracias a {company} por invitarme a {city} a la presentación de su nuevo fármaco para "
                "{topic}."),
    ("es", COI, "{company} me ha mandado una caja de muestras de {product}; esta semana se las daré a mis "
                "pacientes."),
    ("es", COI, "Esta noche hablo de {topic} en la cena de {company}. Si tratáis {topic}, su nuevo fármaco es el "
                "que hay que usar."),
    ("es", COI, "Con mi código {code} tenéis un {pct}% en {product}; es lo que tomo cada día y lo recomiendo a "
                "todo el mundo."),
    ("es", COI, "Sinceramente, {product} es el único suplemento en el que confío para mi familia. Enlace en la "
                "bio 👇"),
    ("es", COI, "De vuelta de unos días estupendos en {city} invitada por {company}: buena ciencia y mejor "
                "comida."),
    ("es", COI, "Muy agradecida a {company} por pagarme la inscripción y el hotel del congreso de {topic}."),
    ("es", COI, "Mi recomendación para la piel seca: {product}. Tenéis el enlace en la bio, ¡antes de que se "
                "agote!"),
    # --- professionalism without slurs ----------------------------------------------------------------
    ("en", PROF, "Another Friday night of {group} clogging up the department. Honestly, let them wait."),
    ("en", PROF, "Absolute chaos on {ward} at {hospital} last night: the agency nurse left a patient on the "
                 "floor for an hour. Management couldn't care less."),
    ("en", PROF, "{handle} you were my favourite patient this week 😉 fancy a drink when you're off the "
                 "crutches?"),
    ("en", PROF, "Not naming names but {local} was in A&E again at 2am. Some people never learn 🙄"),
    ("en", PROF, "I'm done pretending {group} deserve the same effort. They made their choices."),
    ("en", PROF, "To the person who left us one star: maybe try turning up on time before you complain."),
    ("en", PROF, "The new registrar on {ward} couldn't find a vein if it had a sign on it. Who hires these "
                 "people?"),
    ("en", PROF, "Hey {name}, it was great to see you in clinic, here's my personal number if you ever want to "
                 "chat outside work 😊"),
    ("es", PROF, "Otro viernes con {group} colapsando urgencias. Que esperen, la verdad."),
    ("es", PROF, "Caos absoluto anoche en {ward} de {hospital}: la eventual dejó a un paciente en el suelo una "
                 "hora. A la dirección le da igual."),
    ("es", PROF, "{handle} has sido mi paciente favorita esta semana 😉 ¿un café cuando te quiten las muletas?"),
    ("es", PROF, "No digo nombres, pero {local} volvió a urgencias a las 2 de la mañana. Hay quien no aprende 🙄"),
    ("es", PROF, "Me niego a fingir que {group} merecen el mismo esfuerzo. Ellos eligieron."),
    ("es", PROF, "A quien nos puso una estrella: quizá pruebe a llegar puntual antes de quejarse."),
    ("es", PROF, "El residente nuevo de {ward} no encuentra una vena ni con un cartel. ¿Quién contrata a esta "
                 "gente?"),
    ("es", PROF, "Hola {name}, fue un placer verte en consulta; te dejo mi móvil personal por si quieres quedar "
                 "fuera del trabajo 😊"),
    # --- medical advice to a stranger -----------------------------------------------------------------
    ("en", ADVICE, "{handle} from your photo that's definitely {diagnosis}. Grab some {drug} from the pharmacy, "
                   "no need to see anyone."),
    ("en", ADVICE, "{handle} {symptom}? Sounds like {diagnosis} to me. Take {dose} of {drug} {freq} and you'll "
                   "be fine."),
    ("en", ADVICE, "{name}, for your son's fever just give him {dose} of {drug} {freq}, no need to bother the GP."),
    ("en", ADVICE, "Replying to {handle}: with {symptom} you can stop your {drug}, it's probably what's causing "
                   "it."),
    ("en", ADVICE, "{handle} yes, double your {drug} for a few days and see if it settles."),
    ("en", ADVICE, "DM reply: honestly {name}, it's {diagnosis}. Get {product} and skip the appointment."),
    ("en", ADVICE, "@ you asked about {symptom}: that's classic {diagnosis}, I wouldn't waste a GP slot on it, "
                   "try {drug}."),
    ("en", ADVICE, "{handle} don't bother with the antibiotics your doctor gave you, {product} works better for "
                   "{diagnosis}."),
    ("es", ADVICE, "{handle} por la foto es claramente {diagnosis}. Compra {drug} en la farmacia y no hace falta "
                   "que vayas al médico."),
    ("es", ADVICE, "{handle} ¿{symptom}? Eso es {diagnosis}. Tómate {dose} de {drug} {freq} y listo."),
    ("es", ADVICE, "{name}, para la fiebre de tu hijo dale {dose} de {drug} {freq}, no hace falta ir al "
                   "pediatra."),
    ("es", ADVICE, "En respuesta a {handle}: con {symptom} puedes dejar el {drug}, seguro que es eso."),
    ("es", ADVICE, "{handle} sí, dobla la dosis de {drug} unos días a ver si cede."),
    ("es", ADVICE, "Respuesta por privado: {name}, es {diagnosis}. Cómprate {product} y olvídate de la cita."),
    ("es", ADVICE, "Me preguntas por {symptom}: eso es {diagnosis} de manual, no gastes una cita, prueba con "
                   "{drug}."),
    ("es", ADVICE, "{handle} olvídate del antibiótico que te mandó tu médico, {product} va mejor para "
                   "{diagnosis}."),
    # --- clean look-alikes ----------------------------------------------------------------------------
    ("en", CLEAN, "Myth: the {vaccine} cures the illness. Fact: it does not cure anything; it lowers your "
                  "chance of getting seriously ill. Ask your practice about eligibility."),
    ("en", CLEAN, "Disclosure: I received a speaker fee from {company} for this talk on {topic}. The slides "
                  "only use published trial data and generic drug names."),
    ("en", CLEAN, "{event} for parents on {topic} this {day} at 7pm, run by our practice nurses. Everyone "
                  "welcome, no sales, no products."),
    ("en", CLEAN, "Teaching case, shared with the patient's written consent and with details changed: a "
                  "person in their 50s with {condition}. What would you do next?"),
    ("en", CLEAN, "Thank you for taking the time to leave a review. We can't discuss anyone's care online; "
                  "please contact the practice manager directly so we can look into it."),
    ("en", CLEAN, "If you have {symptom}, please see your own doctor rather than asking online; we can't "
                  "assess you from a post."),
    ("en", CLEAN, "General info: adults usually take {drug} as prescribed on the label; never change a dose "
                  "without talking to your own doctor or pharmacist."),
    ("en", CLEAN, "Antibiotics don't cure colds or flu. Rest, fluids and time do most of the work; see a "
                  "doctor if you are getting worse after a week."),
    ("en", CLEAN, "Our practice runs a {event} on {topic}: free, no registration fee, and no sponsor. Slides "
                  "will be shared afterwards."),
    ("en", CLEAN, "Great discussion at journal club on {topic}. The trial was funded by {company}, which "
                  "the authors declared; worth reading critically."),
    ("en", CLEAN, "Clinic fees are listed on our website. We don't do discounts or offers, and we're happy to "
                  "answer questions by phone."),
    ("en", CLEAN, "Hi {handle}, I'm sorry you're unwell. I can't advise individuals on here, please call 111 "
                  "or see your GP."),
    ("es", CLEAN, "Bulo: la {vaccine} cura la enfermedad. Realidad: no cura nada; reduce el riesgo de "
                  "enfermar gravemente. Pregunta en tu centro de salud."),
    ("es", CLEAN, "Declaración: recibí honorarios de {company} por esta charla sobre {topic}. Las "
                  "diapositivas solo usan datos publicados y nombres genéricos."),
    ("es", CLEAN, "{event} para familias sobre {topic} este {day} a las 19 h, con nuestras enfermeras. Sin "
                  "ventas ni productos."),
    ("es", CLEAN, "Caso docente, compartido con el consentimiento por escrito del paciente y con datos "
                  "cambiados: una persona de unos 50 años con {condition}. ¿Qué haríais?"),
    ("es", CLEAN, "Gracias por dejarnos su opinión. No podemos hablar de la atención de nadie en redes; "
                  "contacte directamente con la consulta para que lo revisemos."),
    ("es", CLEAN, "Si tienes {symptom}, consulta con tu médico en lugar de preguntar por redes; no podemos "
                  "valorarte desde aquí."),
    ("es", CLEAN, "Información general: el {drug} se toma como indica el prospecto; no cambies nunca la dosis "
                  "sin hablar con tu médico o farmacéutico."),
    ("es", CLEAN, "Los antibióticos no curan el catarro ni la gripe. Descanso, líquidos y tiempo; consulta "
                  "si empeoras pasada una semana."),
    ("es", CLEAN, "Organizamos un {event} sobre {topic}: sin inscripción de pago y sin patrocinador. "
                  "Compartiremos las diapositivas."),
    ("es", CLEAN, "Buena sesión bibliográfica sobre {topic}. El ensayo lo financió {company}, y los autores "
                  "lo declararon; hay que leerlo con espíritu crítico."),
    ("es", CLEAN, "Nuestras tarifas están en la web. No hacemos descuentos ni ofertas; resolvemos dudas por "
                  "teléfono."),
    ("es", CLEAN, "Hola {handle}, siento que estés mal. Por aquí no puedo aconsejar a nadie en concreto; "
                  "llama a tu centro de salud o al 112 si es urgente."),
]

_SLOT = re.compile(r"\{(\w+)\}")


def _fill(template: str, pool: dict[str, list[str]], rng: random.Random) -> str:
    text = _SLOT.sub(lambda m: rng.choice(pool[m.group(1)]), template)
    return text[0].upper() + text[1:] if text[0].islower() and not text.startswith("@") else text


def generate() -> list[dict[str, object]]:
    """Every frame's variants, de-duplicated, in a stable order."""
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for n, (lang, labels, template) in enumerate(FRAMES):
        wanted = VARIANTS[labels[0] if labels else ""]
        for _ in range(wanted * 4):
            if sum(1 for r in rows if r["group"] == f"gen:{n}") >= wanted:
                break
            text = _fill(template, POOLS[lang], rng)
            if text in seen:
                continue
            seen.add(text)
            rows.append({"text": text, "categories": labels, "lang": lang, "group": f"gen:{n}"})
    return rows


def main() -> None:
    kept = [line for line in DATA.read_text(encoding="utf-8").splitlines()
            if line.strip() and not str(json.loads(line).get("group", "")).startswith("gen:")]
    generated = [json.dumps(r, ensure_ascii=False) for r in generate()]
    DATA.write_text("\n".join(kept + generated) + "\n", encoding="utf-8")
    print(f"{len(kept)} hand-written rows kept, {len(generated)} generated rows written to {DATA.name}")


if __name__ == "__main__":
    main()
