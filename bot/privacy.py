"""Strip personal data from text before it is stored, and hash user ids before they are stored.

Doctors sometimes paste patient details into a question. The unanswered-question log is meant for
improving the knowledge base, so the core runs `scrub` on every text before `record_gap`: e-mail
addresses, phone numbers, dates, record/ID numbers and long digit runs become placeholders. The
scrubber errs on the side of removing too much (a statistic with 5+ digits becomes "[number]").
It does not find names: the log keeps only questions the bot could not answer, for a limited time.
"""

from __future__ import annotations

import hashlib
import hmac
import re

__all__ = ["PLACEHOLDERS", "hash_user", "scrub"]

PLACEHOLDERS = ("[email]", "[phone]", "[number]", "[date]", "[record]")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# -- record numbers: a keyword followed by something holding a digit -----------------------------
_RECORD_KEYWORDS = r"""
    (?:
        mrn | medical\s+record(?:\s+(?:number|no\.?|num\.?))?
      | (?:patient|hospital|case|chart)\s+(?:number|no\.?|id)
      | record | chart | nhs(?:\s+(?:number|no\.?|num\.?))? | chi(?:\s+number)?
      | ssn | social\s+security(?:\s+number)?
      | insurance\s+(?:number|no\.?) | passport(?:\s+(?:number|no\.?))? | bed | room
      | historia(?:\s+cl[ií]nica)? | h\.?\s?c\b\.? | expediente(?:\s+cl[ií]nico)?
      | folio | cama | habitaci[oó]n
      | nss | n[uú]mero\s+de\s+(?:seguridad\s+social|afiliaci[oó]n|expediente|historia|paciente)
      | afiliaci[oó]n | curp | rfc | dni | nie | nif | pasaporte | c[eé]dula | tarjeta\s+sanitaria | cip
    )
"""
_NUMBER_WORD = r"(?:number|num\.?|no\.?|n[uú]mero|n[º°o]\.?|nro\.?|núm\.?)"
_RECORD = re.compile(
    rf"""
    \b{_RECORD_KEYWORDS}
    (?:\s+(?:de|del|of|is|es|:))?          # "número de ...", "MRN is ..."
    (?:\s*{_NUMBER_WORD})?                 # "record no. 123", "historia clínica nº 4567"
    [\s:#.\-]*                             # separators: "MRN: 123", "record #123"
    (?=[A-Z0-9/.-]*\d)                     # the value holds at least one digit
    [A-Z0-9]++(?:[\s/.-](?=[A-Z0-9]*\d)[A-Z0-9]++)*+   # "943 476 5919", "GODE561231HDFRRN09"
    (?:-[A-Z])?                            # "12345678-X"
    (?!\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# identifiers recognisable without a keyword
_CURP = re.compile(r"\b[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d\b", re.IGNORECASE)
_DNI_NIE = re.compile(r"\b(?:\d{8}|[XYZ]\d{7})-?[A-Z]\b", re.IGNORECASE)
_ALNUM_ID = re.compile(r"\b[A-Z]{1,4}-?\d{5,}[A-Z]?\b")  # e.g. "MX1234567", "H-200045"

# -- dates --------------------------------------------------------------------------------------
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|ene|abr|ago|dic)\.?"
)
# "may" the verb: after a day ("12 may") or before a year it is a month; before a number only "May".
_MONTHS_BEFORE_DAY = _MONTHS.replace("|may|", "|(?-i:May|MAY)|")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|º|°|o|ro|er)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WRITTEN_DATE = re.compile(
    rf"""
    \b(?:
        {_DAY}\s*(?:de\s+|of\s+|-\s*)?{_MONTHS}                     # 12 March, 3 de marzo
          (?:,?\s*(?:de\s+|del\s+|-\s*)?(?:{_YEAR}|'\d\d))?          #   ... 2024, de 2024
      | {_MONTHS_BEFORE_DAY}\s*{_DAY}(?:,?\s*{_YEAR})?                # March 3rd, 2024
      | {_MONTHS},?\s*(?:de\s+|del\s+)?{_YEAR}                        # marzo de 2024
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NUMERIC_DATE = re.compile(
    r"""
    (?<![\d/.-])(?:
        \d{4}[/.-]\d{1,2}[/.-]\d{1,2}              # 2024-03-12
      | \d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})    # 12/03/2024, 12.03.24
      | (?:0[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2])  # 12/03 (two digits each, so "3/4" stays)
    )(?![\d/])
    """,
    re.VERBOSE,
)

# -- phones and long numbers ----------------------------------------------------------------------
_PHONE = re.compile(
    r"""
    (?<![\w+])
    (?:\+|\b00)?\s?                    # international prefix
    \(?\d++\)?                         # first group, maybe "(55)"
    (?:[\s.\-]{1,2}+\(?\d++\)?|\(\d++\))*+   # possessive: no catastrophic backtracking
    (?!\w)
    """,
    re.VERBOSE,
)
# "1.000.000 médicos" / "2 500 000" is a round quantity, but "612.345.678" is a Spanish mobile number.
_ROUND_QUANTITY = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
_DIGIT_RUN = re.compile(r"\d{5,}")


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    bare = text.strip()
    if digits < 7 or digits > 15 or (bare.isdigit() and digits > 12):
        return text  # too short, or longer than any phone number (E.164: 15): left to "[number]"
    if _ROUND_QUANTITY.match(bare) and bare.endswith("000"):
        return text
    # keep the whitespace the match swallowed around the number
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}[phone]{trail}"


def scrub(text: str) -> str:
    """Replace personal data with placeholders ([email], [record], [date], [phone], [number]).

    Order matters: e-mails and records first (they contain digits that look like phones), dates
    before phones (2024-03-12 has eight digits), and any long digit run left over last.
    """
    out = _EMAIL.sub("[email]", text)
    out = _RECORD.sub("[record]", out)
    out = _CURP.sub("[record]", out)
    out = _DNI_NIE.sub("[record]", out)
    out = _ALNUM_ID.sub("[record]", out)
    out = _WRITTEN_DATE.sub("[date]", out)
    out = _NUMERIC_DATE.sub("[date]", out)
    out = _PHONE.sub(_phone, out)
    out = _DIGIT_RUN.sub("[number]", out)
    return out


def hash_user(platform_user_id: str, salt: str) -> str:
    """A stable pseudonym (HMAC-SHA256, 32 hex chars) so votes can be de-duplicated without
    storing who voted; without the secret salt the ids cannot be recovered by brute force."""
    digest = hmac.new(salt.encode("utf-8"), platform_user_id.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:32]
