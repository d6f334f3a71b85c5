"""Tests for the rule-based draft checker: each rule in English and Spanish, clean posts, spans,
redaction, bad input, and a quality gate over the labelled set (through the shared evaluate module)."""

from __future__ import annotations

import json

import pytest

from bot.draft_check import MAX_DRAFT_CHARS, CheckResult, EmptyDraft, Flag, check_draft, summarise
from bot.draft_check.evaluate import evaluate, flagged_categories, load_examples
from bot.draft_check.learned import TRAINING_DIR

DATA = TRAINING_DIR / "drafts.jsonl"


def cats(result: CheckResult) -> set[str]:
    return flagged_categories(result)


def flag_for(result: CheckResult, category: str) -> Flag:
    return next(f for f in result.flags if f.category == category)


# --- patient privacy ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Mr Smith's MRI came back clear today, so relieved for him.",
        "Just saw a 34-year-old with HIV who had never been tested before.",
        "Mrs Jones, 84, ward 7, finally home after her pneumonia.",
        "MRN 00482915 - why was this lady's CT cancelled?",
        "You'll never guess which famous footballer I stitched up in A&E tonight.",
        "Hoy en consulta la paciente María López, de 67 años, con cáncer de mama.",
        "Paciente de 45 años con VIH en la habitación 312 del Hospital La Paz.",
        "Esta mañana en urgencias ha venido el alcalde del pueblo con un infarto.",
        "Historia clínica 458921: ¿por qué se ha suspendido la colonoscopia?",
    ],
)
def test_privacy_identifiers_are_high(text: str) -> None:
    result = check_draft(text)
    assert "patient-privacy" in cats(result)
    assert result.verdict == "do-not-post"


def test_privacy_span_points_at_the_name() -> None:
    text = "Great news: Mr Patel's MRI came back clear!"
    flag = flag_for(check_draft(text), "patient-privacy")
    assert text[flag.span[0] : flag.span[1]].startswith("Mr Patel")
    assert flag.excerpt == text[flag.span[0] : flag.span[1]]


def test_adjacent_identifiers_merge_into_one_flag() -> None:
    text = "Mrs Jones, 84, ward 7, went home after her pneumonia."
    flags = [f for f in check_draft(text).flags if f.category == "patient-privacy"]
    assert len(flags) == 1
    assert flags[0].excerpt == "Mrs Jones, 84, ward 7"
    assert "age" in flags[0].why and "place" in flags[0].why


def test_phone_in_patient_story_is_flagged_but_clinic_phone_is_not() -> None:
    story = "Call 07700 900123 if you see Mr Davies, he left the clinic confused without his warfarin."
    assert "patient-privacy" in cats(check_draft(story))
    clinic = "New opening hours: Mon-Fri 8:00-18:30. Appointments on 020 7946 0958."
    assert check_draft(clinic).verdict == "ok"


def test_review_reply_with_clinical_details() -> None:
    en = "In response to your review: your blood tests showed you were pregnant, so we could not prescribe."
    es = "En respuesta a su reseña: usted vino el 3 de marzo con una infección de orina y le recetamos X."
    for text in (en, es):
        got = cats(check_draft(text))
        assert {"patient-privacy", "professionalism"} <= got


def test_reply_to_a_star_rating_and_public_record_note() -> None:
    for text in (
        "Dear Karen who gave us 1 star: your appointment was cancelled as you didn't bring your referral.",
        "A la señora que nos puso una estrella: usted llegó tarde y su hija no traía los informes.",
        "To the man who shouted at our receptionist: your GP record has been noted.",
    ):
        assert {"patient-privacy", "professionalism"} <= cats(check_draft(text)), text


def test_staff_named_in_praise_are_not_patients() -> None:
    for text in (
        "Huge thanks to our nurse Emma, retiring today after 38 years on the children's ward!",
        "Enhorabuena a la Dra. Marta Iglesias por su nombramiento como jefa de Cardiología.",
        "Photo from today's grand round: our registrars presenting their sepsis audit 📸",
    ):
        assert check_draft(text).verdict == "ok", text


def test_relation_and_confirmation_of_patient_status() -> None:
    result = check_draft("My neighbour Sue (she's my patient too!) was just told her breast lump is benign.")
    assert {"patient-privacy", "professionalism"} <= cats(result)
    assert "Sue" not in result.redacted


# --- consent -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Check out this X-ray from this morning: a child swallowed 3 magnets!",
        "Video of my patient taking her first steps after the hip replacement.",
        "Mirad esta radiografía de un niño que se tragó una moneda.",
        "Os dejo el vídeo de la paciente caminando tras la prótesis de rodilla.",
    ],
)
def test_patient_media_without_consent(text: str) -> None:
    result = check_draft(text)
    assert "consent" in cats(result)
    assert flag_for(result, "consent").severity == "high"


@pytest.mark.parametrize(
    "text",
    [
        "Teaching image (shared with the patient's written consent, anonymised): classic bat wing on chest "
        "X-ray.",
        "Imagen anonimizada con fines docentes: neumotórax en la radiografía de tórax.",
        "Fotografía clínica compartida con consentimiento por escrito: eritema migrans típico.",
    ],
)
def test_written_consent_or_anonymisation_suppresses(text: str) -> None:
    result = check_draft(text)
    assert "consent" not in cats(result)
    assert result.verdict == "ok"


def test_swipe_to_see_results_is_patient_media_and_advertising() -> None:
    got = cats(check_draft("Swipe to see the results of my patient's lip filler - natural look! DM to book"))
    assert {"consent", "advertising"} <= got


def test_verbal_consent_is_not_enough() -> None:
    result = check_draft("Vídeo del parto de mi paciente, con su permiso verbal.")
    assert flag_for(result, "consent").severity == "medium"


def test_education_about_scans_is_not_a_patient_image() -> None:
    text = "MRI scans use strong magnets, not radiation. Tell us if you have a pacemaker."
    assert check_draft(text).verdict == "ok"


# --- advertising ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Guaranteed results or your money back!", "high"),
        ("Tratamiento milagroso para la caída del cabello, 100% eficaz.", "high"),
        ("'Dr Lee changed my life - I lost 30 kg!' Thanks Sarah for this lovely review ⭐⭐⭐⭐⭐", "high"),
        ("Voted best cosmetic surgeon in Brisbane. Why go anywhere else?", "medium"),
        ("Black Friday: 30% off all Botox appointments until Sunday.", "medium"),
        ("Blanqueamiento dental por solo 99 euros.", "medium"),
        ("Somos mucho mejor que las franquicias de la competencia.", "medium"),
    ],
)
def test_advertising(text: str, severity: str) -> None:
    result = check_draft(text)
    flags = [f for f in result.flags if f.category == "advertising"]
    rank = {"low": 1, "medium": 2, "high": 3}
    assert flags and max(flags, key=lambda f: rank[f.severity]).severity == severity


def test_conference_fee_is_not_a_price_hook() -> None:
    text = "Congress registration only €50 for residents until 1 May. See you in Valencia!"
    assert check_draft(text).verdict == "ok"


# --- conflict of interest ------------------------------------------------------------------------------

def test_undisclosed_promotion_is_medium() -> None:
    for text in (
        "Loving this collagen supplement from GlowLabs! Use my code DRSAM15. Link in bio.",
        "Me encanta este sérum de DermaPlus. Con mi código DRAPAULA10 tenéis descuento.",
    ):
        flag = flag_for(check_draft(text), "conflict-of-interest")
        assert flag.severity == "medium"


def test_disclosed_sponsorship_is_low_only() -> None:
    for text in (
        "#ad Partnered with SunSafe. Disclosure: I receive fees from SunSafe. Use SPF 30+ whatever the "
        "brand.",
        "#publicidad Colaboro con NutriKids. Recibo honorarios por ello. Desayunos con fruta y lácteos.",
    ):
        result = check_draft(text)
        assert {f.severity for f in result.flags if f.category == "conflict-of-interest"} == {"low"}
        assert result.verdict == "review"


# --- professionalism ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Dr Hughes in cardiology is completely incompetent.",
        "Some patients are just idiots.",
        "El Dr. Gómez de traumatología es un inútil.",
        "Qué pesadez de pacientes hipocondríacos hoy.",
        "As my patient John Carter knows, I answer e-mails within 24 hours.",
        "Como sabe mi paciente Pedro Sánchez, contesto siempre en el día.",
    ],
)
def test_professionalism(text: str) -> None:
    assert "professionalism" in cats(check_draft(text))


# --- medical advice ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "@maria take 500 mg twice a day for a week.",
        "@DaveR you should stop your insulin if your sugars are low.",
        "@lauritag tómate 1 g de paracetamol cada 8 horas.",
        "Carmen, duplica la dosis de enalapril a 20 mg.",
    ],
)
def test_individual_medical_advice(text: str) -> None:
    result = check_draft(text)
    assert flag_for(result, "medical-advice").severity == "medium"


def test_general_dosing_information_is_not_advice() -> None:
    for text in (
        "Adults can take up to 4 g of paracetamol a day; less if you weigh under 50 kg.",
        "Tómate la tensión al menos una vez al año a partir de los 40.",
    ):
        assert "medical-advice" not in cats(check_draft(text))


# --- clean posts -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Reminder: flu jabs are now available for over-65s. Book online.",
        "Our clinic is closed on 25 December. For emergencies call 999.",
        "Thrilled to speak at the European Congress of Cardiology in Madrid on 14 September.",
        "Los antibióticos no sirven para los resfriados. Consulta siempre a tu médico.",
        "Horario de verano: de lunes a viernes de 8:00 a 15:00.",
        "Caso docente (con consentimiento por escrito, datos modificados): varón de 50 años con dolor "
        "torácico.",
    ],
)
def test_clean_posts_are_ok(text: str) -> None:
    result = check_draft(text)
    assert result.verdict == "ok", result.flags
    assert result.redacted == text


# --- redaction ----------------------------------------------------------------------------------------

def test_redaction_replaces_identifiers() -> None:
    text = "Mrs Jones, 84, ward 7, MRN 12345678, call 07700 900123 or jones@example.com about her dementia."
    redacted = check_draft(text).redacted
    for secret in ("Jones", "84", "ward 7", "12345678", "07700", "jones@example.com"):
        assert secret not in redacted
    for placeholder in ("[NAME]", "[AGE]", "[PLACE]", "[RECORD]", "[PHONE]", "[EMAIL]"):
        assert placeholder in redacted


def test_redaction_spanish_date_and_place() -> None:
    text = "Hoy en consulta un chaval de 16 años de Getafe con un coma etílico el 3 de marzo."
    redacted = check_draft(text).redacted
    assert "[AGE]" in redacted and "[PLACE]" in redacted and "[DATE]" in redacted
    assert "Getafe" not in redacted


# --- language and summaries ------------------------------------------------------------------------

def test_language_detection_and_locale_override() -> None:
    es = check_draft("Mirad esta radiografía de la paciente de 45 años.")
    assert es.language == "es"
    assert "consentimiento" in flag_for(es, "consent").why
    en = check_draft("Mirad esta radiografía de la paciente de 45 años.", locale="en")
    assert "consent" in flag_for(en, "consent").why


def test_summarise_title_and_bullets() -> None:
    result = check_draft("Mrs Jones, 84, ward 7, finally went home after her pneumonia.")
    title, bullets = summarise(result, "en")
    assert title == "Do not post as written: 1 problem."
    assert bullets[0].startswith("HIGH patient privacy: 'Mrs Jones, 84, ward 7' - ")
    assert "Fix: Remove the name, the place (hospital, ward, bed, town) and the age" in bullets[0]
    title_es, bullets_es = summarise(result, "es")
    assert title_es == "No lo publiques así: 1 problema."
    assert bullets_es[0].startswith("ALTO privacidad del paciente: ") and "identifica" in bullets_es[0]
    assert "Cómo arreglarlo: Quita el nombre, el lugar" in bullets_es[0]


def test_json_contract() -> None:
    result = check_draft("Check out this X-ray of my patient's broken arm!")
    data = json.loads(result.model_dump_json(exclude={"truncated", "language"}))
    assert set(data) == {"verdict", "flags", "redacted"}
    flag = data["flags"][0]
    assert set(flag) == {"category", "severity", "span", "excerpt", "why", "source", "fix"}
    assert isinstance(flag["span"], list) and len(flag["span"]) == 2


@pytest.mark.parametrize(
    ("text", "category", "body"),
    [
        ("Mr Smith's MRI came back clear.", "patient-privacy", "45 CFR 164.514(b)(2)"),
        ("Check out this X-ray of my patient's broken arm!", "consent", "164.508(a)(3)"),
        ("Miracle cure, 100% guaranteed!", "advertising", "Ahpra"),
        ("Primera visita por solo 40 euros.", "advertising", "art. 93"),
        ("Use my code DRSAM15 for my favourite supplement!", "conflict-of-interest", "GMC"),
        ("Some patients are just idiots.", "professionalism", "GMC"),
        ("@maria take 500 mg twice a day.", "medical-advice", "ACP/FSMB"),
    ],
)
def test_sources_name_the_guidance(text: str, category: str, body: str) -> None:
    assert body in flag_for(check_draft(text), category).source


def test_every_flag_has_explanation_and_sorted_spans() -> None:
    for ex in load_examples(DATA):
        result = check_draft(ex.text)
        starts = [f.span[0] for f in result.flags]
        assert starts == sorted(starts)
        for f in result.flags:
            assert f.why and f.source and f.fix
            assert 0 <= f.span[0] < f.span[1] <= len(ex.text)
            assert f.excerpt == ex.text[f.span[0] : f.span[1]] or f.excerpt.endswith("…")


# --- bad input ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_empty_input_is_an_error_not_ok(text: str) -> None:
    with pytest.raises(EmptyDraft):
        check_draft(text)


def test_huge_input_is_truncated() -> None:
    text = "Mr Smith's MRI was clear. " * 4000  # ~100k characters (speed: benchmarks/check_bench.py)
    result = check_draft(text)
    assert result.truncated
    assert len(result.redacted) <= MAX_DRAFT_CHARS
    assert all(f.span[1] <= MAX_DRAFT_CHARS for f in result.flags)
    assert result.verdict == "do-not-post"


@pytest.mark.parametrize(
    "text",
    [
        "😀🎉🩺💉❤️",
        "https://www.nhs.uk/conditions/flu/ https://example.com/a/20240312/123456789",
        "<p>Flu jabs <b>now</b> available</p><script>alert(1)</script>",
        "**Bold** _italic_ [link](https://example.org/1234567890) `code` # Heading",
        "\u200b\u200d\ufeff",
        "a" * 10 + "\x00" + "b",
    ],
)
def test_odd_input_never_crashes_and_urls_are_not_phones(text: str) -> None:
    result = check_draft(text)
    assert result.verdict == "ok"
    assert "[PHONE]" not in result.redacted


def test_non_string_input_is_treated_as_empty() -> None:
    with pytest.raises(EmptyDraft):
        check_draft(None)  # type: ignore[arg-type]



# --- quality gate over the labelled set ------------------------------------------------------------

def test_labelled_set_shape() -> None:
    examples = load_examples(DATA)
    assert len(examples) >= 100
    assert sum(1 for e in examples if not e.categories) >= 30
    langs = {lang: sum(1 for e in examples if e.lang == lang) for lang in ("en", "es")}
    assert min(langs.values()) >= 0.4 * len(examples)


def test_quality_on_labelled_set() -> None:
    report = evaluate(load_examples(DATA))
    assert report.categories["patient-privacy"].recall >= 0.90
    assert report.categories["consent"].recall >= 0.90
    assert report.false_alarm_rate <= 0.10


# --- generalisation: rewordings, slang, abbreviations and typos ------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "41yo F w/ hx of COPD admitted 4/12, discharged 11/12, back again tonight.",
        "Pcte de 58a con DM2 e HTA, ingresa por IAM. ¿Ajustamos la pauta?",
        "R.T., 63, retired welder, new dx of lung ca. Gutted.",
        "Mi vecino Paco (70) por fin se ha operado de la cadera 💪",
        "My son's football coach was in resus last night with a stroke, he's 48.",
        "El camionero que vino a urgencias con un infarto sigue en la UCI",
        "Screenshot of the WhatsApp my patient sent me at midnight asking about her biopsy 🙄",
        "Os paso captura del mensaje que me mandó una paciente con sus resultados",
        "la sra de la fruteria ingreso ayer con neumonia, que pena",
        "Met the lady from the bakery in A&E today, broken wrist after a fall on the ice.",
    ],
)
def test_privacy_rewordings_are_caught(text: str) -> None:
    result = check_draft(text)
    assert "patient-privacy" in cats(result), result.flags
    assert result.verdict == "do-not-post"


def test_relation_and_screenshot_explain_themselves() -> None:
    flag = flag_for(check_draft("My neighbour's daughter (16) has anorexia, so sad to see."), "patient-privacy")
    assert "neighbour" in flag.why or "who the patient is" in flag.why
    assert "45 CFR 164.514" in flag.source
    shot = flag_for(check_draft("Screenshot of what my pt texted me last night 😂"), "patient-privacy")
    assert "screenshot" in shot.why.lower() and "HIPAA" in shot.source


@pytest.mark.parametrize(
    "text",
    [
        "Check out this xrya from a pt with a swallowed coin 😱",
        "Miren esta placa de tórax de un paciente de la guardia",
        "Interesting MRI from clinic, guess the dx 👇",
        "Antes/despues del botox de mi paciente, resultado natural 💉",
        "Pre & post pics of my client's filler, swipe ➡️",
        "Grabé la reducción de la luxación con el móvil, la subo luego",
    ],
)
def test_patient_media_rewordings_need_consent(text: str) -> None:
    assert "consent" in cats(check_draft(text))


@pytest.mark.parametrize(
    "text",
    [
        "Read this lovely testimonal from one of our patients!",
        "Resultados garantisados desde la primera sesión",
        "The most effective laser clinic in Leeds, nobody else offers this.",
        "Ningún otro dermatólogo consigue estos resultados.",
        "Say goodbye to back pain forever with our programme.",
        "Our patients give us 5⭐ for a reason, book today!",
    ],
)
def test_advertising_rewordings(text: str) -> None:
    assert "advertising" in cats(check_draft(text))


def test_patient_slurs_and_abbreviated_colleagues_are_unprofessional() -> None:
    assert "professionalism" in cats(check_draft("Another frequent flyer in majors tonight, what a time waster."))
    assert "professionalism" in cats(check_draft("The med reg tonight was a useless clown, couldn't read a basic ECG"))


CLEAN_REWORDINGS = [
    "Hoy he terminado mi rotación en el Hospital Niño Jesús. Gracias al equipo.",
    "Gran charla con la cardióloga Elena Martín sobre insuficiencia cardíaca 👏",
    "Taller de primeros auxilios para padres, gratis, plazas limitadas, sábado 10h.",
    "Our new MRI scanner arrives next month and will halve waiting times.",
    "Results of our pilot study on asthma in 12 primary schools are out today.",
    "Los antibióticos no curan la gripe: reposo y líquidos.",
    "Flu vaccine session on Saturday at the community centre, Calle Mayor 12.",
    "Dr Patel's clinic down the road has new opening hours.",
    "Congreso de Neumología en Sevilla, 12-14 de marzo, inscripción 300 €.",
    "Thanks to my registrar Tom for teaching me to reduce a shoulder today 💪",
]


@pytest.mark.parametrize("text", CLEAN_REWORDINGS)
def test_clean_rewordings_are_not_flagged_by_the_rules(text: str) -> None:
    result = check_draft(text, learned=False)
    assert not cats(result), result.flags


def test_the_second_opinion_leaves_clean_rewordings_alone() -> None:
    # The classifier reads wording, so a look-alike can lean one way ("Dr Patel's clinic down the road" reads
    # like a comparison with a competitor); on fresh drafts it wrongly flags about 1 clean draft in 90, so one
    # miss in these ten is tolerated, two are a regression.
    flagged = [text for text in CLEAN_REWORDINGS if cats(check_draft(text))]
    assert len(flagged) <= 1, flagged


def test_clinical_vocabulary_is_accent_and_plural_tolerant() -> None:
    from bot.draft_check.vocabulary import CLINICAL_RE, word_alt

    assert CLINICAL_RE.search("neumonia bilateral") and CLINICAL_RE.search("panic attacks")
    assert CLINICAL_RE.search("mi casa") is None  # "MI" is only clinical in capitals
    assert word_alt("heart attack|heart failure") == r"heart\s+(?:attack|failure)"
