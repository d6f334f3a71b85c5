"""The draft's tone towards people, in English and Spanish: warmth (thanks, pride, praise), disdain (insults, sarcastic
applause, eye-rolls), talk about oneself, and laughter next to someone else.

Why: a warm or self-mocking post about the job ("I owe the anaesthetists a very large coffee", "my registrar group
chat voted me most likely to fall asleep") shares its words with mockery of a colleague or a patient (the rota, the
ward, the group chat, a laugh). Tone alone never flags anything; these parts are features of the learned second
opinion, so it can weigh who the joke is on. Leave-one-file-out over fifteen files (development): professionalism
found 0.894 -> 0.908 at the same 90.5% of clean drafts passed.
"""

from __future__ import annotations

import re

from bot.draft_check.vocabulary import ci

WARMTH_RE = ci(
    r"\b(?:thank\w*|grateful|gratitude|appreciat\w+|proud|lov(?:e|ely|ed)|favou?rite|amazing|brilliant|kind(?:ness)?"
    r"|friendliest|glad|happy|congrat\w*|welcome|deserve\w*|legends?|heroe?s?|respect|owe\s+you|shout-?out|gracias"
    r"|agradec\w+|orgull\w+|encanta\w*|genial|cariño|enhorabuena|felicidades|felicitaciones|bienvenid\w+|merece\w*"
    r"|admiro|admiraci[oó]n|maravillos\w+|incre[ií]ble|[aá]nimo|valiente)\b|[🙏❤💙💚🥰😊🤗]"
)
DISDAIN_RE = ci(
    r"\b(?:nightmare|dumb\w*|stupid\w*|idiot\w*|lazy|useless|incompeten\w+|clueless|pathetic|rubbish|third-rate"
    r"|glorified|retire\s+already|shouldn['’]?t\s+be\s+allowed|toughen\s+up|buttercup|weirdest|can['’]?t\s+read"
    r"|still\s+hasn['’]?t|still\s+can['’]?t|hasn['’]?t\s+figured|drama\s+queens?|moron\w*|muppets?|clowns?"
    r"|joke\s+of\s+a|waste\s+of|wasting|sweetheart|bless\s+(?:him|her|them)|enemigo\w*|in[uú]til\w*|vag[oa]s"
    r"|tont[oa]s|insoportable\w*|enchufad\w+|ganas\s+de\s+irme|va\s+por\s+vosotros|pesad[oa]s|ignorante\w*"
    r"|caradura\w*|pringad\w+|listill\w+|est[uú]pid\w+|lol|lmao|smh|ugh)\b|🙄|🤦|🤡|👏\s*👏"
)
_FIRST_PERSON = ci(
    r"\b(?:I|I['’]m|I['’]ve|I['’]ll|me|my|myself|we|our|us|yo|mi|mis|nosotr[oa]s|nuestr[oa]s?)\b"
)
_SOMEONE_ELSE = ci(
    r"\b(?:he|she|him|her|his|they|them|their|[eé]l|ella|ellos|ellas|su|sus|le|les|lady|guy|man|woman|señora?"
    r"|chic[oa])\b|(?<![\w.])@\w+"
)
_LAUGH = ci(r"\b(?:lol|haha\w*|jaja\w*|jeje\w*)\b|[😂🤣😅🫠😩🙃😬]")


def _whole(text: str, present: bool) -> list[tuple[int, int]]:
    return [(0, len(text))] if present and text else []


def warm_only(text: str) -> list[tuple[int, int]]:
    """Warmth with no disdain anywhere in the draft (a sarcastic "congrats to Ward 12" has both)."""
    return _whole(text, WARMTH_RE.search(text) is not None and DISDAIN_RE.search(text) is None)


def about_self(text: str) -> list[tuple[int, int]]:
    """The writer talks about themselves or their own team, with nobody else in view and no disdain."""
    return _whole(text, _FIRST_PERSON.search(text) is not None and _SOMEONE_ELSE.search(text) is None
                  and DISDAIN_RE.search(text) is None)


def laugh_at_other(text: str) -> list[tuple[int, int]]:
    """A laugh in a draft that speaks of someone else: the joke may be on them."""
    return _whole(text, _LAUGH.search(text) is not None and _SOMEONE_ELSE.search(text) is not None)


PATTERNS: dict[str, re.Pattern[str]] = {"tone.warm": WARMTH_RE, "tone.disdain": DISDAIN_RE}
FOUND_BY = {"tone.warm_only": warm_only, "tone.about_self": about_self, "tone.laugh_at_other": laugh_at_other}
