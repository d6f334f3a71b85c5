"""Findings that only the learned second opinion made: one explanation per category, no detector.

The classifier says how a draft reads, not which words break a rule, so the why says so plainly, quotes the
words of the span that weigh most towards the category, and the fix is the category's general fix; the span is
the sentence that leans most towards the category.
"""

from __future__ import annotations

from bot.draft_check.types import Category, Language, Rule

_WHY_EN = ("This reads like drafts that break the {label} rule ({what}); no single phrase proves it, so reread "
           "it with that in mind.")
_WHY_ES = ("Se parece a borradores que incumplen la norma de {label} ({what}); ninguna frase lo demuestra por "
           "sí sola, así que reléelo pensando en ello.")

# Appended to the why when the classifier's strongest sentence has words that lean towards the category.
LEANING: dict[Language, str] = {"en": "The words that weigh most: {words}.",
                                "es": "Las palabras que más pesan: {words}."}

_CATEGORY: dict[Category, tuple[str, str, str, str, str, str, str]] = {
    # label en, label es, what en, what es, fix en, fix es, source
    "patient-privacy": (
        "patient privacy", "privacidad del paciente",
        "details that let people recognise a patient or their care",
        "detalles que permiten reconocer a un paciente o su atención",
        "Remove every detail that points to a person (who, when, where, what happened), or do not post it.",
        "Quita todo detalle que apunte a una persona (quién, cuándo, dónde, qué le pasó), o no lo publiques.",
        "HIPAA Privacy Rule, 45 CFR 164.514(b)(2); GMC, Using social media as a medical professional, 2024",
    ),
    "consent": (
        "consent", "consentimiento",
        "a patient's image or video without stated written consent",
        "la imagen o el vídeo de un paciente sin consentimiento por escrito",
        "Add: 'shared with the patient's written consent, anonymised', and keep the signed form; otherwise remove "
        "the image.",
        "Añade: 'compartido con el consentimiento por escrito del paciente, anonimizado', y guarda el documento "
        "firmado; si no, quita la imagen.",
        "HIPAA, 45 CFR 164.508(a)(3); GMC, Using social media as a medical professional, 2024",
    ),
    "advertising": (
        "advertising", "publicidad",
        "promises, testimonials, offers or comparisons to attract patients",
        "promesas, testimonios, ofertas o comparaciones para atraer pacientes",
        "Describe the service factually, without offers, testimonials or promised results.",
        "Describe el servicio de forma objetiva, sin ofertas, testimonios ni resultados prometidos.",
        "Ahpra/Medical Board, Social media guidance, 2019; CGCOM, Código de Deontología Médica, 2022, art. 93",
    ),
    "conflict-of-interest": (
        "conflict of interest", "conflicto de intereses",
        "praise or thanks for a company or product without saying what you get from it",
        "elogios o agradecimientos a una empresa o producto sin decir qué obtienes",
        "Disclose at the start: 'I received a fee / travel / samples from <company>', or remove the promotion.",
        "Declara al principio: 'He recibido honorarios / el viaje / muestras de <empresa>', o quita la "
        "promoción.",
        "GMC, Using social media as a medical professional, 2024 (declare financial or commercial interests)",
    ),
    "professionalism": (
        "professionalism", "profesionalidad",
        "remarks about patients, colleagues or reviewers that undermine trust",
        "comentarios sobre pacientes, colegas o reseñas que dañan la confianza",
        "Remove the remark; raise concerns privately or through the formal channels.",
        "Quita el comentario; plantea las quejas en privado o por los cauces formales.",
        "GMC, Using social media as a medical professional, 2024, para 14; OMC/CGCOM, Manual de estilo, 2014",
    ),
    "medical-advice": (
        "medical advice", "consejo médico",
        "a diagnosis, dose or product for one person without assessing them",
        "un diagnóstico, una dosis o un producto para una persona sin valorarla",
        "Reply in general terms only: 'I can't assess you online; please see your own doctor.'",
        "Responde solo en general: 'No puedo valorarte por aquí; consulta con tu médico.'",
        "ACP/FSMB, Online Medical Professionalism, 2013; OMC/CGCOM, Manual de estilo, 2014",
    ),
}

RULES: dict[str, Rule] = {
    f"learned.{category}": Rule(
        category,
        "medium",
        source,
        _WHY_EN.format(label=label_en, what=what_en),
        _WHY_ES.format(label=label_es, what=what_es),
        fix_en,
        fix_es,
    )
    for category, (label_en, label_es, what_en, what_es, fix_en, fix_es, source) in _CATEGORY.items()
}
