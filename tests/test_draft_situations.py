"""Situation detectors (who, what, speech act, mitigation) in English and Spanish, the learned second opinion
and how it combines with the rules, the wording a doctor acts on, and the patient-data guard's reminder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.draft_check import check_draft, guard, summarise
from bot.draft_check.engine import RULES, new_second_opinion
from bot.draft_check.evaluate import folds, load_examples
from bot.draft_check.language import detect_language
from bot.draft_check.learned import TRAINING_DIR, load_training
from bot.draft_check.types import CheckResult, Flag
from bot.draft_check.vocabulary import Draft

DATA = Path(__file__).parent / "data"


def rules_only(text: str) -> CheckResult:
    return check_draft(text, learned=False)


def cats(result: CheckResult) -> set[str]:
    return {f.category for f in result.flags if f.severity != "low"}


def flag_for(result: CheckResult, category: str) -> Flag:
    return next(f for f in result.flags if f.category == category)


# --- who + what: replies that disclose the reader's care ----------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the review Dan. For the record you missed your last two appointments.",
        "Dear reviewer, we note you arrived 40 minutes late for your smear.",
        "@kelly.writes so glad the knee op went well last week and you're back on your feet!",
        "Gracias por su reseña. Le recordamos que faltó a sus dos últimas citas.",
        "Estimado usuario: consta que llegó 40 minutos tarde a su analítica.",
        "@lauri_92 ¡qué alegría que la cesárea saliera bien y ya estés recuperada!",
    ],
)
def test_reply_that_speaks_about_the_readers_care_is_a_disclosure(text: str) -> None:
    result = rules_only(text)
    assert "patient-privacy" in cats(result), text
    assert "contact the practice" in flag_for(result, "patient-privacy").fix or "contacte" in flag_for(
        result, "patient-privacy").fix


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for taking the time to leave a review. We can't discuss anyone's care online; please contact "
        "the practice manager directly.",
        "Gracias por dejarnos su opinión. No podemos hablar de la atención de nadie en redes; contacte "
        "directamente con la consulta.",
    ],
)
def test_generic_review_reply_is_clean(text: str) -> None:
    assert cats(rules_only(text)) == set()


def test_review_reply_fix_offers_the_safe_wording() -> None:
    fix = flag_for(rules_only("Thanks for your feedback Sam, your biopsy results were sent on Monday."),
                   "patient-privacy").fix
    assert fix.startswith("Reply without confirming they are a patient") and "contact the practice directly" in fix


@pytest.mark.parametrize(
    "text",
    [
        "The little girl with leukaemia we saw in clinic on Tuesday was so brave.",
        "Guess who came to see me about his liver? The vicar. Small town life!",
        "Bumped into Gareth at the shops, looking well after that scare with a DVT.",
        "El niño con neumonía que vimos en consulta el jueves fue valentísimo.",
        "¿A que no sabéis quién vino a verme por su cirrosis? El cura del pueblo.",
    ],
)
def test_patients_described_without_a_name(text: str) -> None:
    assert "patient-privacy" in cats(rules_only(text)), text


def test_general_advice_about_children_is_not_a_patient() -> None:
    assert cats(rules_only("Si tu bebé tiene menos de 3 meses y fiebre, acude a urgencias.")) == set()


# --- speech act: individual advice to a stranger ------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "@runner_jo from your photo that's definitely shingles. Grab some ibuprofen, no need to see anyone.",
        "Hi Linda, stop the amlodipine for a week and see if the ankle swelling goes down.",
        "Replying to John: at your weight you can take 1g of metformin twice a day.",
        "@pepe_gym por la foto es claramente herpes zóster. Compra ibuprofeno y no hace falta que vayas al médico.",
        "Respuesta por privado: Marta, es reflujo. Cómprate omeprazol y olvídate de la cita.",
    ],
)
def test_individual_advice(text: str) -> None:
    assert "medical-advice" in cats(rules_only(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "Hi @runner_jo, I'm sorry you're unwell. I can't advise individuals on here, please call 111 or see your GP.",
        "If you have a rash that won't go away, please see your own doctor rather than asking online.",
        "Hola @lauri_92, siento que estés mal. Por aquí no puedo aconsejar a nadie; consulta con tu médico.",
    ],
)
def test_see_your_own_doctor_is_not_advice(text: str) -> None:
    assert "medical-advice" not in cats(rules_only(text)), text


# --- speech act: endorsements, benefits, codes ----------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Huge thanks to AstraZeneca for flying me out to Vienna for their asthma launch!",
        "Nutricia just sent me a box of free samples; I'll hand them out to patients.",
        "Use my code GLOW20 for 20% off CollaGlow, it's what I take every day.",
        "Mil gracias a Almirall por invitarme a Roma a la presentación de su nuevo fármaco.",
        "Con mi código SALUD25 tenéis un 25% en VitaPlus; lo recomiendo a todo el mundo.",
    ],
)
def test_undisclosed_interest(text: str) -> None:
    assert "conflict-of-interest" in cats(rules_only(text)), text


def test_disclosure_fix_names_the_company() -> None:
    flag = flag_for(rules_only("So grateful to Medtronic for covering my hotel at the congress."),
                    "conflict-of-interest")
    assert "Medtronic" in flag.fix and flag.fix.startswith("Disclose")


@pytest.mark.parametrize(
    "text",
    [
        "Disclosure: I received a speaker fee from Pfizer for this talk on migraine.",
        "Declaración: recibí honorarios de Ferrer por esta charla sobre asma.",
        "Free webinar for parents on asthma this Thursday, no sponsor, no products.",
        "Myth: the flu vaccine cures flu. Fact: it does not cure anything; it lowers your risk.",
        "Bulo: la vacuna de la gripe cura la enfermedad. Realidad: no cura nada.",
    ],
)
def test_mitigated_or_educational_posts_are_clean(text: str) -> None:
    assert cats(rules_only(text)) == set(), text


# --- professionalism without slurs ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Another Friday night of drunk students clogging up the department. Let them wait.",
        "Otro viernes con los antivacunas colapsando urgencias. Que esperen.",
        "Not naming names but a certain local councillor was in A&E again at 2am 🙄",
        "Absolute chaos on ward 7 at St Mary's last night: the agency nurse left a patient on the floor.",
        "@gymrat_tony you were my favourite patient this week, fancy a drink when you're off the crutches?",
        "Hola Nuria, te dejo mi móvil personal por si quieres quedar fuera del trabajo.",
    ],
)
def test_professionalism_situations(text: str) -> None:
    assert "professionalism" in cats(rules_only(text)), text


def test_smokers_deserve_support_is_not_contempt() -> None:
    assert cats(rules_only("Smokers deserve support to quit, not judgement. Ask us about the free service.")) == set()


# --- consent ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Had to film this toddler's face during vaccination in clinic today 😂",
        "Mum said it was fine to share, so here's the video of her baby's first steps after the surgery.",
        "Tuve que grabar la cara de este peque durante los puntos hoy en consulta 😂",
        "La madre me dijo que podía compartirlo: aquí el vídeo de los primeros pasos de su niño.",
    ],
)
def test_patient_media_without_written_consent(text: str) -> None:
    result = rules_only(text)
    assert "consent" in cats(result), text
    assert "written consent" in flag_for(result, "consent").fix or "por escrito" in flag_for(result, "consent").fix


# --- wording ------------------------------------------------------------------------------------------------------

def test_plural_forms() -> None:
    one = rules_only("Some patients are just idiots.")
    assert summarise(one, "en")[0] == "Review before posting: 1 point."
    assert summarise(one, "es")[0] == "Revisa antes de publicar: 1 punto."
    two = rules_only("Some patients are just idiots. @maria take 500 mg twice a day.")
    assert summarise(two, "en")[0] == "Review before posting: 2 points."
    assert summarise(two, "es")[0] == "Revisa antes de publicar: 2 puntos."
    worse = rules_only("Mrs Jones, 84, ward 7, went home. Check out this X-ray of my patient's broken arm!")
    assert summarise(worse, "en")[0] == "Do not post as written: 2 problems."
    assert summarise(worse, "es")[0] == "No lo publiques así: 2 problemas."


def test_ok_says_what_was_checked_and_is_not_clearance() -> None:
    title, bullets = summarise(rules_only("Our clinic opens on Saturdays from 9 to 13."))
    assert title == "Nothing to fix found."
    assert "patient privacy" in bullets[-1] and "not clearance" in bullets[-1]
    title_es, bullets_es = summarise(rules_only("La consulta abre los sábados de 9 a 13 h."))
    assert title_es == "No he encontrado nada que corregir."
    assert "no una autorización" in bullets_es[-1]


def test_labels_follow_the_draft_language() -> None:
    title, bullets = summarise(rules_only("@pepe toma 2 comprimidos de ibuprofeno cada 8 horas."))
    assert title.startswith("Revisa") and bullets[0].startswith("MEDIO consejo médico:")


def test_every_rule_has_both_languages_and_a_source() -> None:
    for rule_id, rule in RULES.items():
        assert rule.why_en and rule.why_es and rule.fix_en and rule.fix_es and rule.source, rule_id


# --- the learned second opinion ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_model():  # type: ignore[no-untyped-def]
    """A second opinion trained on a fifth of the labelled drafts: enough to test the combination quickly."""
    rows = load_training()
    return new_second_opinion().fit(rows[::5])


def test_second_opinion_adds_a_category_the_rules_missed(small_model) -> None:  # type: ignore[no-untyped-def]
    text = "Honestly the only probiotic I trust for my own family is GutGlow, kindly gifted by the makers 💚"
    margins = small_model.scores(text, [])
    assert set(margins) == {"patient-privacy", "consent", "advertising", "conflict-of-interest",
                            "professionalism", "medical-advice"}
    combined = check_draft(text, learned=small_model)
    for f in combined.flags:
        assert f.why and f.fix and f.source and 0 <= f.span[0] < f.span[1] <= len(text)
    learned_only = [f for f in combined.flags if f not in rules_only(text).flags]
    assert all(f.severity == "medium" for f in learned_only)


def test_second_opinion_never_removes_a_rule_finding(small_model) -> None:  # type: ignore[no-untyped-def]
    text = "Mrs Jones, 84, ward 7, finally went home after her pneumonia."
    assert cats(rules_only(text)) <= cats(check_draft(text, learned=small_model))


def test_a_confident_classifier_alone_gives_a_learned_flag(small_model, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bot.draft_check import engine

    monkeypatch.setattr(engine, "ADD_MARGIN", -100.0)  # every category "confident": each must come with a span
    monkeypatch.setattr(engine, "CATEGORY_MARGIN", {})
    text = "A perfectly ordinary note for patients about the clinic's opening hours. Nothing else here."
    result = check_draft(text, learned=small_model)
    assert {f.category for f in result.flags} == {"patient-privacy", "consent", "advertising",
                                                  "conflict-of-interest", "professionalism", "medical-advice"}
    assert all(f.why.startswith("This reads like drafts") for f in result.flags)


def test_a_learned_flag_quotes_the_draft_words_that_weigh_most(small_model, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bot.draft_check import engine

    monkeypatch.setattr(engine, "ADD_MARGIN", -100.0)
    monkeypatch.setattr(engine, "CATEGORY_MARGIN", {})
    text = "Os dejo el código DRMARTA20 para el sérum que uso cada noche, enlace en la bio."
    flags = [f for f in check_draft(text, learned=small_model).flags if f.why.startswith("Se parece a")]
    assert flags
    quoted = [w for f in flags for w in re.findall(r"“([^”]+)”", f.why)]
    assert quoted, [f.why for f in flags]
    assert all(w in text for w in quoted)
    assert all("Las palabras que más pesan" in f.why for f in flags if "“" in f.why)


def test_model_saves_and_loads_without_pickle(small_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "model.npz"
    small_model.save(path)
    again = new_second_opinion().load(path)
    text = "@runner_jo take 400 mg of ibuprofen three times a day"
    signals = ["part:who.handle", "rule:advice.individual:medium"]
    assert again.scores(text, signals) == pytest.approx(small_model.scores(text, signals))
    path.write_bytes(b"not a model")
    with pytest.raises((ValueError, OSError)):
        new_second_opinion().load(path)


def test_grouped_folds_keep_generated_variants_together() -> None:
    examples = load_examples(TRAINING_DIR / "drafts.jsonl")
    for train, test in folds(examples, 5):
        assert not {e.group for e in train} & {e.group for e in test}
    assert sum(len(test) for _, test in folds(examples, 5)) == len(examples)


def test_training_file_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "drafts.jsonl"
    bad.write_text(json.dumps({"text": "ok", "categories": []}) + "\n" + '{"text": 1}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"drafts.jsonl:2"):
        load_training(bad)


def test_without_labelled_drafts_the_rules_work_alone(tmp_path: Path) -> None:
    from bot.draft_check.learned import Lazy

    assert Lazy(lambda text: [], lambda: [tmp_path / "missing.jsonl"]).get() is None


def test_every_training_file_is_installed_and_weighted_by_who_wrote_it() -> None:
    from bot.draft_check.learned import INDEPENDENT_WEIGHT, TRAINING_NAMES, training_files, weight_for

    assert [p.name for p in training_files()] == list(TRAINING_NAMES)
    assert weight_for("drafts.jsonl") == 1.0
    assert weight_for("drafts_hand_f.jsonl") == INDEPENDENT_WEIGHT
    assert weight_for("drafts_retired_blind3.jsonl") == INDEPENDENT_WEIGHT  # the retired blind sets are independent
    assert not (DATA / "drafts_blind.jsonl").exists()  # moved into training, not kept twice
    for retired in ("drafts_blind5.jsonl", "drafts_blind6.jsonl"):  # round 5: retired after their final measurement
        assert not (DATA / retired).exists() and f"drafts_retired_{retired[7:]}" in TRAINING_NAMES


def test_labelled_set_is_large_balanced_and_bilingual() -> None:
    examples = load_examples(TRAINING_DIR / "drafts.jsonl")
    assert len(examples) >= 1500
    assert sum(e.lang == "es" for e in examples) >= len(examples) / 3
    for category in ("patient-privacy", "consent", "advertising", "conflict-of-interest", "professionalism",
                     "medical-advice"):
        assert sum(category in e.categories for e in examples) >= 150, category


# --- the patient-data guard ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "words", "values"),
    [
        ("My patient John Smith, 47, with diabetes came in today", ["a name", "an age"], ["John", "Smith", "47"]),
        ("Mrs Patel in bed 12 on ward 7, MRN 123456, has sepsis", ["a name"], ["Patel", "12", "123456"]),
        ("La paciente María García, de 67 años, ingresó ayer con un ictus", ["un nombre", "una edad"],
         ["María", "García", "67"]),
    ],
)
def test_guard_reminder_names_kinds_never_values(text: str, words: list[str], values: list[str]) -> None:
    finding = guard.inspect(text)
    assert finding is not None
    title, body = finding.reminder()
    for word in words:
        assert word in body
    for value in values:
        assert value not in body and value not in title


def test_guard_follows_the_message_language() -> None:
    finding = guard.inspect("La paciente María García, de 67 años, ingresó ayer con un ictus")
    assert finding is not None and finding.language == "es"
    assert finding.reminder()[0] == "Un recordatorio amable"


@pytest.mark.parametrize("text", ["", "   ", "Anyone know if the new NICE AF guidance changes thresholds?"])
def test_guard_stays_quiet(text: str) -> None:
    assert guard.inspect(text) is None


def test_guard_false_alarms_on_clinical_chatter_stay_low() -> None:
    rows = [json.loads(line) for line in (DATA / "guard_chatter.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    chatter = [r["text"] for r in rows if not r["identifying"]]
    identifying = [r["text"] for r in rows if r["identifying"]]
    assert len(chatter) >= 50 and len(identifying) >= 15
    false_alarms = sum(guard.inspect(t) is not None for t in chatter)
    assert false_alarms / len(chatter) <= 0.10
    assert sum(guard.inspect(t) is not None for t in identifying) / len(identifying) >= 0.8


# --- professionalism and consent from combined parts (rules_boundaries, consent.story) --------------------------

def rule_ids(text: str) -> set[str]:
    from bot.draft_check.engine import detect
    from bot.draft_check.language import detect_language
    from bot.draft_check.vocabulary import Draft

    return {h.rule for h in detect(Draft(text, detect_language(text)))}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Two pints down at the quiz night and I'm on call from midnight, fingers crossed 🤞", "prof.impaired"),
        ("Llevo cuatro cañas en la boda y mañana opero a las 8, qué puede salir mal", "prof.impaired"),
        ("Great to see you at your appointment on Tuesday! Fancy a coffee sometime? x", "prof.invite"),
        ("Te atendí en la consulta el lunes y no paro de pensar en ti, ¿quedamos para cenar?", "prof.invite"),
        ("Un vermut a mediodía y consulta a las 17h, lo que no sepan en la sala de espera...", "prof.impaired"),
        ("Quick pint with the partners at lunch, then the afternoon diabetes clinic 🍺", "prof.impaired"),
        ("Hey gorgeous, hope your stitches are settling. Message me anytime 😉", "prof.invite"),
        ("My Hinge match turned out to be my 10am follow-up. Awkward, but still going 😅", "prof.invite"),
        ("Anyone who voted for the cuts deserves to sit in that waiting room for hours.", "prof.politics"),
        ("Los que votaron recortes, que no vengan a quejarse a urgencias.", "prof.politics"),
        ("Dr Mirren in gastro botched yet another scope. Unbelievable.", "prof.verdict"),
        ("El servicio de trauma otra vez con sus chapuzas, y nosotros arreglándolo.", "prof.verdict"),
        ("Thread 🧵 on a case I won't forget: a farmer in his 70s came in with a cough and left with a diagnosis "
         "of lung cancer.", "consent.story"),
        ("Os cuento el caso de un chaval de 17 años que llegó a urgencias con dolor torácico.", "consent.story"),
    ],
)
def test_combined_parts_make_a_finding(text: str, rule: str) -> None:
    assert rule in rule_ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "Alcohol and on-call shifts don't mix: never drink before a shift, and ask for cover if you must.",
        "Drinks for the whole team on Friday to celebrate the new ward opening 🥂",
        "Elections are coming: whoever you vote for, the NHS is there for you.",
        "Huge thanks to Dr Mirren in gastro for squeezing in an urgent scope today.",
        "Teaching case (written consent, details changed): a farmer in his 70s came in with a cough. Thread 🧵",
        "Our fees: first consultation £150, follow-up £90, ultrasound £120.",
        "People ask if I \"guarantee\" results. No doctor can; I explain risks and benefits instead.",
        "Declaración de intereses: en 2026 recibí honorarios de Laboratorios Norte por una charla.",
        "Thanks to everyone who came to Saturday's CPR workshop at the library!",
        "Hey beautiful people! The clinic is open on Saturday for flu jabs 💉",
        "Alcohol before surgery: stop drinking beer or wine 48 hours before your operation.",
    ],
)
def test_look_alikes_of_the_combined_parts_pass(text: str) -> None:
    assert not {"prof.impaired", "prof.invite", "prof.politics", "prof.verdict", "consent.story", "ad.price",
                "ad.claim", "coi.endorse", "coi.undisclosed", "privacy.name"} & rule_ids(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Before and after photos of my sourdough starter, day 1 vs day 10 🍞", "consent"),
        ("For transparency: in 2026 I received speaker fees from Norlab. I don't name products here.",
         "conflict-of-interest"),
        ("Lo siento, no puedo valorarte por aquí: pide cita con tu médico.", "medical-advice"),
        ("Thanks for your feedback. We can't discuss individual care here; please contact the practice.",
         "professionalism"),
    ],
)
def test_the_classifier_alone_cannot_add_what_the_draft_clears(text: str, category: str) -> None:
    from bot.draft_check.engine import learned_may_add
    from bot.draft_check.language import detect_language
    from bot.draft_check.vocabulary import Draft

    draft = Draft(text, detect_language(text))
    assert not learned_may_add(draft, category)
    assert learned_may_add(Draft("@sam_k take 400 mg ibuprofen for that knee, mate", "en"), "medical-advice")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("@rosa_m eso es una cistitis, toma fosfomicina y no vayas a urgencias.", "medical-advice"),
        ("@tom_r your smear is fine, skip the follow-up colposcopy.", "medical-advice"),
        ("Blood gas printout from last night's DKA attached, look at that pH.", "consent"),
        ("Raw footage from my theatre list today: a full hip replacement, start to finish.", "consent"),
    ],
)
def test_skipping_care_and_more_patient_media_are_found(text: str, category: str) -> None:
    assert category in cats(check_draft(text, learned=False))


@pytest.mark.parametrize(
    "text",
    [
        "Honest answer to \"are you the best cardiologist in town?\": nobody can say that about themselves.",
        "Does vitamin C cure colds? No. It may shorten them slightly, that's all.",
        "Free blood pressure checks at the library on Friday, run by our nurses. No sales, no sign-ups.",
        "Dr Okoro is on leave next week; her clinics are covered by Dr Byrne. Repeat prescriptions as usual.",
        "@jo_walks I can't tell what's wrong from a post. Please ring your surgery today, or 111 if worse.",
        "Paracetamol in adults: 500 mg to 1 g every 4-6 hours, no more than 4 g a day.",
    ],
)
def test_fresh_style_look_alikes_pass_the_rules(text: str) -> None:
    assert not cats(check_draft(text, learned=False)), check_draft(text, learned=False).flags


# --- professionalism and privacy from parts that combine (who x act x mitigation) ------------------------------

@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a kind of patient named by a label x ridicule
        ("The 'detox tea' crowd in my clinic again. Gee, I wonder why their liver tests are off 🙄", "professionalism"),
        ("Otra vez el desfile de los de la baja pidiendo la baja un lunes. Qué país.", "professionalism"),
        # attraction x a care encounter
        ("Sent a friend request to the cute guy from bay 3 now that he's discharged 😏", "professionalism"),
        ("Me has alegrado el día en la consulta de las 12, ¿estás soltera? 😍", "professionalism"),
        # one drink x a duty that is not over
        ("Gin in my water bottle for the night shift, don't tell the sister 🤫", "professionalism"),
        ("Brindando con cava en plena guardia, que esto hay que celebrarlo", "professionalism"),
        # blaming the reader in a reply
        ("Owner reply: you turned up drunk and shouted at our nurse. Good luck finding another practice.",
         "professionalism"),
        ("Marisa, faltaste a las dos revisiones, así que no culpes a la clínica.", "patient-privacy"),
        # a lay role x place x care
        ("The landlord of the Red Lion was in again last night with his gout 🍺", "patient-privacy"),
        ("Hoy le cosí la mano al carnicero del mercado de abastos, qué susto", "patient-privacy"),
        # a patient list in the background of a photo
        ("Team selfie at the nurses' station! (the bed board behind us is a bit blurry, sorry)", "patient-privacy"),
        # a secret asked of the readers x a visit
        ("Ni una palabra, pero el alcalde vino ayer a urgencias por lo del corazón 🤐", "professionalism"),
    ],
)
def test_parts_that_combine_into_a_problem(text: str, category: str) -> None:
    assert category in cats(rules_only(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "Night shift finished, home to a glass of wine and twelve hours of sleep 🍷",
        "Avoid alcohol before nights: it wrecks the sleep you need after the shift.",
        "Flu shots for the night shift team at 2am in the mess room, come along.",
        "Never accept a friend request from a patient, even after discharge: GMC guidance is clear.",
        "Wish me luck, first solo list in theatre tomorrow!",
        "Patients who wonder why their blood pressure is high: here is what the numbers mean.",
        "Our asthma patients asked for evening clinics; demanding jobs make daytime visits hard.",
        "La profe Elvira dio una charla sobre diabetes en el colegio de su barrio.",
        "Photo of our new ward whiteboard: all blank for now, ready for Monday!",
        "Gracias, Miguel, pero no puedo decirte si dejar la medicación por aquí. Háblalo con tu psiquiatra.",
        "Lo siento, no puedo valorar nada por mensaje. Pide cita con tu médico y, si te cuesta respirar, ve a "
        "urgencias.",
        "@sam_k sorry, I can't tell you whether to stop a medication online. Please ring your prescriber.",
    ],
)
def test_look_alikes_of_the_combined_parts_are_clean(text: str) -> None:
    assert not cats(rules_only(text)), text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Our complication rates are the lowest in the county, book with us not the NHS.", True),
        ("Somos los únicos en Bilbao que hacemos esta técnica sin ingreso. Pide tu cita.", True),
        ("Our waiting times are shorter than last year, thanks to the new rota.", False),
        ("We were the only ones in the department who stayed for the whole fire drill 😂", False),
        ("These insoles are the only ones I recommend to runners with plantar pain.", False),
    ],
)
def test_ranking_ones_own_practice_above_others_is_advertising(text: str, flagged: bool) -> None:
    assert ("advertising" in cats(rules_only(text))) is flagged, text


# --- round 4: parts read from the retired blind sets' leave-one-file-out misses --------------------------------

@pytest.mark.parametrize(("text", "category"), [
    # identifiers in a picture, hedged by the writer
    ("Selfie at the nurses' station 📸 ignore the names on the whiteboard, couldn't crop them", "patient-privacy"),
    ("Foto desde mi consulta 📷 se ve la pantalla con la agenda, pero casi no se leen los nombres", "patient-privacy"),
    # one of a small named group with a condition
    ("Three players from the Elmbridge Rovers squad in with concussion after Saturday's match", "patient-privacy"),
    ("Dos alumnos de la clase de 3ºB del Colegio Altamira con varicela esta semana", "patient-privacy"),
    # a named person next to their treatment's result, shown
    ("Swipe to see Priya's transformation after our skin protocol ✨ book your consult", "patient-privacy"),
    ("Mira la transformación de Nerea tras nuestro tratamiento de ortodoncia 😍 pide tu cita", "consent"),
    # a ranking of the writer's practice by place
    ("Honoured to be named the top cardiologist in Leeds. You know where to find me.", "advertising"),
    ("Somos el número 1 en implantes dentales de Sudamérica, con la mejor tasa de éxito", "advertising"),
    # a reply to one person about their check-up
    ("@leo.runs great seeing you at your check-up yesterday, keep it up!", "patient-privacy"),
])
def test_round_four_parts_find_the_situation(text: str, category: str) -> None:
    assert category in cats(rules_only(text))


@pytest.mark.parametrize("text", [
    "Team photo after the audit meeting 📸 no screens or lists in shot",
    "Proud of our team at St Anne's for the flu campaign, 2,000 jabs given",
    "Before and after of my garden fence, two weekends and a lot of paint 🎨",
    "We can't guarantee same-day appointments, but we always ring back before 5pm.",
    "Shingles vaccine is offered to everyone aged 70-79. Ask your practice.",
    "Reye's syndrome is why children under 16 should not take aspirin.",
    "Thank you for the lovely review! It means a lot to the whole team.",
])
def test_round_four_look_alikes_stay_clean(text: str) -> None:
    assert not cats(rules_only(text))


# --- round 5: look-alikes read from the leave-one-file-out false alarms, and the tone parts ----------------------

@pytest.mark.parametrize("text", [
    # an interest stated first or in a heading is disclosed
    "Disclosure up front: I've been paid by Harlan Medical to speak at their event. I'll cover the guideline only.",
    "Sponsored post: our diabetes evening is funded by an unrestricted grant from GlucoSense. No say in content.",
    "Declaración de conflicto de intereses: he recibido honorarios como ponente de Laboratorios Fenixia.",
    "Viaje al congreso pagado por Laboratorios Nerea (declarado). Os dejo un hilo con lo más interesante.",
    # a promotion word denied, and friends sponsoring a charity run
    "How I study for exams: flashcards and question banks. Not sponsored, no affiliate links.",
    "Marathon done in 4:12! Thanks to everyone who sponsored me for the hospice 🏃",
    # free public-health checks, a graduating class, an emergency number
    "Free blood pressure checks this Saturday at Millbrook Library, no appointment needed 🩺",
    "Free flu shot clinic for healthcare workers in the staff lounge this Thursday. Bring your ID badge.",
    "Reencuentro con la promo de Medicina de 2006 🍷 mismos chistes malos y más canas.",
    "No puedo decirte qué tienes por aquí. Si el dolor en el pecho es fuerte, llama ya al 112.",
    # the writer's own explainer, and media that shows nobody
    "YouTube description: in this video I explain how inhalers work and the most common mistakes.",
    "Descripción de YouTube: en este vídeo explico cómo medir bien la tensión en casa.",
    "Tomé esta foto de una radiografía de un libro de texto de dominio público. No es de ningún paciente.",
    "My own knee MRI after the ski trip 🎿 ACL intact, pride not so much.",
    # a reply that declines to assess and sends the reader to care times their next step, not an encounter
    "Respuesta a un DM: no puedo valorar a tu hija por Instagram. Si tiene fiebre alta, llévala hoy a urgencias "
    "o llama a su pediatra.",
    "@kim_r I'm sorry, I can't say what's going on without examining him. A rash with fever needs to be seen today.",
    "Hola @luna_88, no puedo opinar sobre tu tratamiento por aquí. Coméntalo con tu médica en la próxima consulta.",
    # a fee list that says the quote comes "antes de empezar" (before starting) is plain information
    "Honorarios: primera consulta 60 €, revisión 40 €. Antes de cualquier tratamiento le damos un presupuesto.",
])
def test_round_five_look_alikes_stay_clean(text: str) -> None:
    assert not cats(rules_only(text)), text


@pytest.mark.parametrize(("text", "category"), [
    ("Book a full body check-up in January and get a free cholesterol test 🎉", "advertising"),
    ("Free skin checks for new clients this month only, book now!", "advertising"),
    ("I've partnered with Glowderm, use my code GLOW20 for 20% off.", "conflict-of-interest"),
    ("In this video I walk you through a real carpal tunnel release on a lady from my Tuesday list.", "consent"),
    ("Check out this X-ray from today's clinic 😱 guess the diagnosis!", "consent"),
    ("Primera consulta: 50 € (antes 80 €). Llámanos.", "advertising"),
])
def test_round_five_look_alikes_do_not_hide_the_real_thing(text: str, category: str) -> None:
    assert category in cats(rules_only(text)), text


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("To the anaesthetists who make my lists run on time: I appreciate you ☕", {"tone.warm", "tone.warm_only"},
     {"tone.disdain"}),
    ("Congrats to Ward 12 for losing another set of dentures. Impressive consistency 👏👏", {"tone.disdain"},
     {"tone.warm_only"}),
    ("My registrar group chat voted me most likely to fall asleep on a night shift. Fair.", {"tone.about_self"},
     {"tone.laugh_at_other", "tone.disdain"}),
    ("The lady from the bakery asked again if it's glandular 😂", {"tone.laugh_at_other"}, {"tone.about_self"}),
    ("Gracias a las enfermeras de la planta 5, sois lo mejor 💚", {"tone.warm_only"}, {"tone.disdain"}),
])
def test_tone_parts_tell_warmth_from_disdain(text: str, present: set[str], absent: set[str]) -> None:
    from bot.draft_check import situations as sit
    from bot.draft_check.engine import signals_of

    draft = Draft(text, detect_language(text))
    found = sit.parts(draft)
    assert present <= found and not (absent & found), found
    assert {f"part:{p}" for p in present} <= set(signals_of(draft, []))  # the classifier sees them


@pytest.mark.parametrize(("text", "opens"), [
    ("Los pijos de la urbanización que vienen a urgencias con el Mercedes en doble fila... sois la alegría de mi "
     "guardia 🙄", True),
    ("pls remind me never to take a shift the day after Maya's hen do again. still seeing double on the ward", True),
    ("Third night shift in a row, no breaks, running on vending-machine coffee ☕", False),
])
def test_venting_gate_opens_for_readers_addressed_as_a_group_and_for_a_night_out(text: str, opens: bool) -> None:
    from bot.draft_check.engine import learned_may_add

    assert learned_may_add(Draft(text, detect_language(text)), "professionalism") is opens


@pytest.mark.parametrize(("text", "flagged"), [
    ("Tenner says our new FY1 cries in the sluice before the 3am round. Place your bets 😂", True),
    ("Apuesta en el grupo de la guardia: el R2 de cirugía no llega a las 4 sin llamar a su madre. 5 euros a que sí",
     True),
    ("I rate my Tuesday list by how much each one whinges. Today's winner moaned through a scale and polish.", True),
    ("Ranking personal de abuelos quejicas de mi cupo. El de la cadera está invicto 🥇", True),
    ("Patients often rate their worst pain as a 10, and that is worth taking seriously.", False),
    ("Bet you didn't know: half of adults with high blood pressure have no symptoms. Get checked.", False),
    ("Our FY1s ran the best teaching session of the year. Proud of every one of them.", False),
    ("Our new reg is so slow we've started a pool on how many admissions he'll clerk by 8am 👇", True),
    ("I bet our new F1s will smash their exams this year. So proud of them.", False),
])
def test_a_bet_or_ranking_on_who_cries_or_moans_is_professionalism(text: str, flagged: bool) -> None:
    assert ("professionalism" in cats(rules_only(text))) is flagged, text


@pytest.mark.parametrize(("text", "flagged"), [
    ("Our practice manager at Dunmore Road thinks 'urgent' means 'next week'. Absolutely no idea.", True),
    ("Name and shame time: Dr Orrell at the Kelby walk-in told my lady her pain was 'just stress'.", True),
    ("Mi compañero Julián, de trauma, ha quemado a otro con la escayola. Alguien debería decírselo.", True),
    ("Our practice manager at Dunmore Road has no idea how much we appreciate her. Thank you, Sue!", False),
    ("Dr Orrell at the Kelby walk-in ran a brilliant session on chest pain. Well worth the trip.", False),
])
def test_a_verdict_by_sarcasm_or_naming_and_shaming_is_professionalism(text: str, flagged: bool) -> None:
    assert ("professionalism" in cats(rules_only(text))) is flagged, text


@pytest.mark.parametrize(("text", "flagged"), [
    ("still tasting last night's gin and I've got a full clinic booked till 1pm 🥴", True),
    ("Ayer cena de empresa, hoy consulta de 30 pacientes con la cabeza como un bombo 🤕", True),
    ("Last night's wine tasting with the book club was lovely. Back to clinic on Monday.", False),
])
def test_the_morning_after_next_to_a_clinic_is_professionalism(text: str, flagged: bool) -> None:
    assert ("professionalism" in cats(rules_only(text))) is flagged, text
