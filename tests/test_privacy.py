"""bot.privacy: personal data in English and Spanish becomes placeholders; ordinary questions survive."""

from __future__ import annotations

import time

import pytest

from bot.privacy import PLACEHOLDERS, hash_user, scrub

SCRUBBED = [
    # e-mail addresses
    ("write to maria.garcia@salud.gob.mx", "write to [email]"),
    ("E-mail: J.Smith99@nhs.net.", "E-mail: [email]."),
    ("correo: dra_lopez@hospital-central.es, gracias", "correo: [email], gracias"),
    # phone numbers: international and local, spaces, dashes, dots, parentheses
    ("call me on 07700 900123", "call me on [phone]"),
    ("ring +1 (415) 555-0132 tomorrow", "ring [phone] tomorrow"),
    ("phone 0044 20 7946 0958", "phone [phone]"),
    ("number is 020-7946-0958", "number is [phone]"),
    ("Call +44 20 7946 0958 or 555.123.4567", "Call [phone] or [phone]"),
    ("tel. 91 123 45 67", "tel. [phone]"),
    ("mi número es +34 612 345 678", "mi número es [phone]"),
    ("Llámame al 612 34 56 78", "Llámame al [phone]"),
    ("whatsapp 55-1234-5678", "whatsapp [phone]"),
    ("llama al (55) 1234 5678", "llama al [phone]"),
    ("el fijo +52 (55) 5555-1234", "el fijo [phone]"),
    ("teléfono 612.345.678", "teléfono [phone]"),
    # long digit runs
    ("the code is 12345 here", "the code is [number] here"),
    ("el lote 987654321012345 caducó", "el lote [number] caducó"),
    # record numbers, English
    ("Patient MRN 12345678 came in", "Patient [record] came in"),
    ("MRN: 00123456", "[record]"),
    ("NHS number 943 476 5919 is the patient", "[record] is the patient"),
    ("NHS no. 485 777 3456", "[record]"),
    ("see record #123 for details", "see [record] for details"),
    ("the patient ID 4455667 is wrong", "the [record] is wrong"),
    ("hospital number H123456", "[record]"),
    ("chart #7788 shows it", "[record] shows it"),
    ("medical record number 12-3456", "[record]"),
    ("patient in bed 12 asked", "patient in [record] asked"),
    ("room 4B12 is noisy", "[record] is noisy"),
    # record numbers, Spanish
    ("historia clínica 4567 del paciente", "[record] del paciente"),
    ("historia clínica nº 4567", "[record]"),
    ("Historia Clinica 123456", "[record]"),
    ("paciente con HC 123456", "paciente con [record]"),
    ("expediente 98765 y cama 12", "[record] y [record]"),
    ("expediente clínico 2023/4455", "[record]"),
    ("número de expediente: A-4455", "[record]"),
    ("paciente de la cama 12", "paciente de la [record]"),
    ("habitación 305", "[record]"),
    ("NSS: 12345678901", "[record]"),
    ("número de seguridad social 12 34 56 78 901", "[record]"),
    ("NSS 12345678901 y CURP GODE561231HDFRRN09", "[record] y [record]"),
    ("su CURP es GODE561231HDFRRN09", "su [record]"),
    ("his CURP is GODE561231HDFRRN09 ok", "his [record] ok"),
    ("GODE561231HDFRRN09 sin palabra clave", "[record] sin palabra clave"),
    ("DNI 12345678X", "[record]"),
    ("DNI 12345678-X", "[record]"),
    ("con 12345678Z en la receta", "con [record] en la receta"),
    ("NIE X1234567L", "[record]"),
    ("Tarjeta sanitaria CIP ABCD123456789012", "Tarjeta sanitaria [record]"),
    # dates, numeric
    ("born 12/03/2024 and seen 2024-03-12", "born [date] and seen [date]"),
    ("visit 2024-03-12 at 10:30", "visit [date] at 10:30"),
    ("visit on 12.03.24", "visit on [date]"),
    ("el 12/03 vino", "el [date] vino"),
    ("F. nac. 01/02/1980", "F. nac. [date]"),
    # dates, written
    ("seen on 12 March 2024 and on March 3rd", "seen on [date] and on [date]"),
    ("on 1st of March, 2024", "on [date]"),
    ("on Mar 3, 2024", "on [date]"),
    ("on May 5th", "on [date]"),
    ("seen 12 may 2024", "seen [date]"),
    ("born in March 1984", "born in [date]"),
    ("is WhatsApp safe in May 2024?", "is WhatsApp safe in [date]?"),
    ("el 3 de marzo de 2024 vino", "el [date] vino"),
    ("el 3 de marzo", "el [date]"),
    ("desde marzo de 2024", "desde [date]"),
    ("nació el 1º de enero de 1980", "nació el [date]"),
    ("el 1º de mayo", "el [date]"),
    ("el 15 dic. 2023", "el [date]"),
]

KEPT = [
    "What is Sermo?",
    "¿Qué es Sermo?",
    "90% of doctors in Mexico use WhatsApp (697 interviews, 2024)",
    "El 90% de los médicos en 2023",
    "BP 120/80 and 3/4 of patients",
    "1.000.000 de médicos usan WhatsApp",
    "12,000 doctors",
    "take 2 tablets every 8 hours",
    "I may 2 things",  # "may" the verb, not the month
    "is it GDPR article 9?",
    "can I post an x-ray on Instagram?",
    "top 10 networks for doctors",
    "COVID-19 in 2020",
    "call me tomorrow",
    "record a video for TikTok?",
    "can I share my bed time routine?",
    "¿Puedo usar Doctoralia en la consulta?",
]


@pytest.mark.parametrize(("text", "expected"), SCRUBBED)
def test_personal_data_becomes_placeholders(text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_questions_are_untouched(text: str) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize(("text", "expected"), SCRUBBED)
def test_scrub_is_idempotent(text: str, expected: str) -> None:
    assert scrub(expected) == expected


def test_mixed_message_keeps_the_question_and_drops_every_identifier() -> None:
    text = (
        "My patient (MRN 88812345, DOB 12/03/1984, tel +44 20 7946 0958, ana.lopez@example.com) "
        "asked on 3 de marzo de 2024: can I reply on WhatsApp?"
    )
    out = scrub(text)
    assert out == (
        "My patient ([record], DOB [date], tel [phone], [email]) asked on [date]: can I reply on WhatsApp?"
    )
    for fragment in ("88812345", "1984", "7946", "ana.lopez", "marzo"):
        assert fragment not in out


def test_placeholders_are_documented() -> None:
    produced = {p for _, expected in SCRUBBED for p in PLACEHOLDERS if p in expected}
    assert produced == set(PLACEHOLDERS)


def test_scrub_is_linear_on_hostile_input() -> None:
    hostile = [("1 11111 " * 600) + "x", "MRN " + ("1 " * 3000) + "é", "a" * 6000 + "@", "(1)" * 3000 + "a"]
    started = time.perf_counter()
    for text in hostile:
        scrub(text)
    assert time.perf_counter() - started < 5  # generous: catastrophic backtracking takes minutes


def test_hash_user_is_a_stable_salted_pseudonym() -> None:
    one = hash_user("telegram:123456789", "salt-a")
    assert one == hash_user("telegram:123456789", "salt-a")
    assert one != hash_user("telegram:123456789", "salt-b")
    assert one != hash_user("telegram:123456780", "salt-a")
    assert len(one) == 32 and all(c in "0123456789abcdef" for c in one)
    assert "123456789" not in one
