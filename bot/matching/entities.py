"""Named bodies, networks and countries: recognised in a question, linked to entries, used to steer.

Which entries are about which entity is read from the data (entry ids such as `network-tiktok`,
`body-gmc`, `stats-linkedin`, tags, titles); this module only holds a small alias table for
acronyms, full names, Spanish names and adjectives, and the cue words of a statistics or rules
question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from bot.matching.normalize import fold
from bot.models import Entry

if TYPE_CHECKING:
    from bot.config import MatchSettings

Kind = Literal["body", "network", "country"]


@dataclass(frozen=True)
class Known:
    kind: Kind
    country: str | None  # a body's country
    aliases: tuple[str, ...]  # folded phrases; a leading "=" means "case-sensitive, as written" (US, AMA, X)


# Aliases only: which entries an entity belongs to comes from the knowledge files.
KNOWN: dict[str, Known] = {
    # professional bodies and regulators
    "gmc": Known("body", "uk", ("gmc", "general medical council", "consejo medico general britanico")),
    "bma": Known("body", "uk", ("bma", "british medical association", "asociacion medica britanica")),
    "ama": Known("body", "us", ("=AMA", "american medical association", "asociacion medica americana",
                                "asociacion medica estadounidense")),
    "fsmb": Known("body", "us", ("fsmb", "federation of state medical boards", "state medical boards",
                                 "state medical board", "juntas medicas estatales")),
    "acp": Known("body", "us", ("=ACP", "american college of physicians", "colegio americano de medicos")),
    "hhs": Known("body", "us", ("hhs", "ocr", "office for civil rights", "department of health and human services")),
    "hipaa": Known("body", "us", ("hipaa", "hippa", "hipa")),
    "cnom": Known("body", "france", ("cnom", "ordre des medecins", "ordre national des medecins", "conseil national",
                                     "orden de los medicos", "consejo nacional de la orden", "french medical council",
                                     "council of the order")),
    "cgcom": Known("body", "spain", ("cgcom", "omc", "organizacion medica colegial", "consejo general de colegios",
                                     "colegio de medicos", "colegios de medicos", "colegio medico",
                                     "codigo deontologico", "spanish medical council", "medical college")),
    "ahpra": Known("body", "australia", ("ahpra", "medical board of australia", "australian health practitioner",
                                         "junta medica de australia")),
    "cofepris": Known("body", "mexico", ("cofepris", "ley general de salud", "reglamento de publicidad")),
    # networks (keys are the suffixes of `network-*` ids or the ids of medical networks)
    "twitter": Known("network", None, ("twitter", "tuiter", "tweet", "tweets", "tuit", "tuits", "tuitear", "=X")),
    "facebook": Known("network", None, ("facebook", "fb", "face")),
    "instagram": Known("network", None, ("instagram", "insta", "ig", "reels", "reel")),
    "youtube": Known("network", None, ("youtube", "you tube", "yt")),
    "linkedin": Known("network", None, ("linkedin", "linked in", "linkdin")),
    "whatsapp": Known("network", None, ("whatsapp", "whats app", "whatsap", "wasap", "wsp", "guasap")),
    "tiktok": Known("network", None, ("tiktok", "tik tok", "tiktoks")),
    "threads": Known("network", None, ("threads",)),
    "bluesky": Known("network", None, ("bluesky", "blue sky", "bsky")),
    "mastodon": Known("network", None, ("mastodon", "fediverse")),
    "reddit": Known("network", None, ("reddit", "subreddit", "r medicine")),
    "review-sites": Known("network", None, ("google business profile", "google business", "google my business",
                                            "google maps", "google reviews", "review sites", "review site",
                                            "yelp", "healthgrades", "resenas de google", "ficha de google",
                                            "perfil de empresa de google", "trustpilot")),
    "telegram": Known("network", None, ("telegram",)),
    # countries, with adjectives in both languages
    "uk": Known("country", None, ("uk", "united kingdom", "britain", "great britain", "british", "england",
                                  "scotland", "wales", "reino unido", "britanico", "britanicos", "inglaterra", "nhs")),
    "us": Known("country", None, ("=US", "usa", "u s", "united states", "america", "american", "americans",
                                  "estados unidos", "eeuu", "ee uu", "estadounidense", "estadounidenses",
                                  "norteamericano", "norteamericanos", "gringo", "gringos")),
    "france": Known("country", None, ("france", "french", "francia", "frances", "franceses", "francesa")),
    "spain": Known("country", None, ("spain", "espana", "espanol", "espanoles", "espanola", "espanolas")),
    "mexico": Known("country", None, ("mexico", "mexican", "mexicans", "mexicano", "mexicanos", "mexicana",
                                      "mexicanas", "mx")),
    "australia": Known("country", None, ("australia", "australian", "australians", "australiano", "australianos",
                                         "aussie")),
    "germany": Known("country", None, ("germany", "german", "alemania", "aleman", "alemanes")),
}

_STATS_CUE = re.compile(
    r"\b(?:how many|how much of|what share|which share|share of|data on|datos de uso|datos sobre|cuanto se usa|usage|"
    r"what percent(?:age)?|percent(?:age)?s?|proportion|fraction|"
    r"statistics?|stats|figures?|numbers?|survey(?:ed|s)?|stud(?:y|ies)|how common|how popular|how widespread|"
    r"majority|most doctors|adoption|numerical|usage numbers|cuant[oa]s|datos numericos|porcentajes?|por ciento|"
    r"proporcion|estadisticas?|cifras?|numeros?|"
    r"encuestas?|estudios?|que tan comun|que tan popular|mayoria|la mayoria)\b|%"
)
_RULES_CUE = re.compile(
    r"\b(?:rules?|guidelines?|guidance|code of conduct|codes?|allowed|permitted|legal|illegal|laws?|regulat\w*|"
    r"say about|says about|says?|position|stance|ethic\w*|professional standards?|standards|policy|policies|"
    r"can i|may i|am i allowed|normas?|normativa|reglas?|codigo|permitid[oa]|ley(?:es)?|regula\w*|dice|opina|"
    r"postura|puedo|debo|etic[oa]|deontolog\w*|lineamientos|directrices|recomendaciones|sancion\w*)\b"
)


# Three or more bodies named ("guidance from the GMC, AMA, BMA and others") ask for the overview
# across bodies, not one body's entry: such a question is left to the classifier.
_MANY_BODIES = 3


def asks_statistics(folded: str) -> bool:
    return _STATS_CUE.search(folded) is not None


def asks_rules(folded: str) -> bool:
    return _RULES_CUE.search(folded) is not None


def _compile(known: dict[str, Known]) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """One regex over folded text, one over the raw text (case-sensitive aliases), alias -> key."""
    folded_aliases: dict[str, str] = {}
    exact_aliases: dict[str, str] = {}
    for key, item in known.items():
        for alias in item.aliases:
            if alias.startswith("="):
                exact_aliases[alias[1:]] = key
            else:
                folded_aliases[alias] = key
    by_length = sorted(folded_aliases, key=len, reverse=True)
    folded_re = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in by_length) + r")(?![\w])")
    exact_re = re.compile(r"(?<![\w@#.-])(?:" + "|".join(re.escape(a) for a in exact_aliases) + r")(?![\w-])")
    return folded_re, exact_re, {**folded_aliases, **exact_aliases}


_FOLDED_RE, _EXACT_RE, _ALIAS_KEY = _compile(KNOWN)


def _plain(text: str) -> str:
    return re.sub(r"[^\w%]+", " ", fold(text)).strip()


# One-word network and body names long enough to recognise with a typo ("facebok", "istagram", "twiter").
# Not countries ("medico" is one letter from "mexico") nor names that are common words ("threads").
_NOT_FUZZY = frozenset({"threads", "tweets"})
_FUZZY_NAMES = sorted(
    a
    for a, k in _ALIAS_KEY.items()
    if " " not in a and len(a) >= 6 and a.isalpha() and a.islower() and a not in _NOT_FUZZY
    and KNOWN[k].kind != "country"
)


def _typo_of(word: str) -> str | None:
    """The entity a longer word names with one or two typos ("facebok" -> facebook), if any."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    if len(word) < 5 or not word.isalpha():
        return None
    hit = process.extractOne(word, _FUZZY_NAMES, scorer=Levenshtein.distance, score_cutoff=1 if len(word) < 8 else 2)
    return _ALIAS_KEY[hit[0]] if hit is not None else None


_TYPO_CACHE_LIMIT = 50_000


def _fuzzy(words: Iterable[str], memo: dict[str, str | None] | None = None) -> set[str]:
    found: set[str] = set()
    for word in words:
        if word in _ALIAS_KEY:
            continue
        if memo is None:
            key = _typo_of(word)
        elif word in memo:
            key = memo[word]
        else:
            key = _typo_of(word)
            if len(memo) < _TYPO_CACHE_LIMIT:
                memo[word] = key
        if key is not None:
            found.add(key)
    return found


def mentions(text: str, plain: str | None = None, memo: dict[str, str | None] | None = None) -> set[str]:
    """Entity keys named in a question, typos in longer names included ("what does the GMC say" -> {"gmc"}).

    `plain` is the text already folded and stripped of punctuation, when the caller has it; `memo`
    remembers each word's typo check (a matcher keeps one, filled with its vocabulary).
    """
    plain = _plain(text) if plain is None else plain
    matched = [m.group(0) for m in _FOLDED_RE.finditer(plain)]
    found = {_ALIAS_KEY[alias] for alias in matched}
    found |= {_ALIAS_KEY[m.group(0)] for m in _EXACT_RE.finditer(text)}
    found |= _fuzzy(plain.split(), memo)
    return _place_generic_body(found, matched)


# "Colegio de médicos" means Spain's OMC/CGCOM only when no other country is named: "el colegio de medicos
# de Francia" is the CNOM, "colegio de medicos de Mexico" the Mexican rules.
_GENERIC_BODY_ALIASES = frozenset({"colegio de medicos", "colegios de medicos", "colegio medico", "medical college"})


def _place_generic_body(found: set[str], matched: list[str]) -> set[str]:
    others = {k for k in found if KNOWN[k].kind == "country" and k != "spain"}
    generic_only = "cgcom" in found and all(a in _GENERIC_BODY_ALIASES for a in matched if _ALIAS_KEY[a] == "cgcom")
    if not (generic_only and others):
        return found
    bodies = {k for k, item in KNOWN.items() if item.kind == "body" and item.country in others}
    return (found - {"cgcom"}) | bodies


def kind_of(key: str) -> Kind | None:
    item = KNOWN.get(key)
    return item.kind if item is not None else None


@dataclass(frozen=True)
class EntryFacts:
    """What an entry is about, read from its id, topic, tags and title."""

    entities: frozenset[str]
    countries: frozenset[str]
    is_stats: bool
    is_body: bool
    network: str | None  # the network an entry is *the* entry for (network-linkedin, sermo ...)
    stats_network: str | None  # the one network a statistics entry is about (stats-linkedin)


def _entry_facts(entry: Entry) -> EntryFacts:
    words: set[str] = set(entry.id.split("-"))
    words.add(entry.id)
    if entry.id.startswith(("network-", "body-", "stats-")):
        words.add(entry.id.split("-", 1)[1])
    words |= {t.lower() for t in entry.tags}
    if entry.title is not None:
        for text in (entry.title.en, entry.title.es):
            if text:
                words |= mentions(text)
    entities = frozenset(w for w in words if w in KNOWN)
    is_stats = entry.topic == "statistics" or entry.id.startswith("stats-")
    countries = {w for w in entities if KNOWN[w].kind == "country"}
    # a body's overview, or a country's own rules entry naming its regulator (rule-mexico-advertising)
    is_body = entry.id.startswith("body-") or entry.topic in ("bodies", "professional-bodies") or (
        entry.topic == "rules" and any(KNOWN[w].kind == "body" and KNOWN[w].country in countries for w in entities)
    )
    if is_body:  # a body's overview belongs to its country; a rule that cites HIPAA does not
        countries |= {c for w in entities if (c := KNOWN[w].country) is not None}
    networks = sorted(w for w in entities if KNOWN[w].kind == "network")
    network: str | None = None
    if entry.id.startswith("network-"):
        suffix = entry.id.split("-", 1)[1]
        network = suffix if suffix in KNOWN else (networks[0] if len(networks) == 1 else None)
    elif entry.topic == "medical-networks" and not is_stats and _is_named_network(entry):
        network = entry.id  # sermo, doximity ...: the entry is the network's own
    stats_network: str | None = None
    if is_stats:
        suffix = entry.id.split("-", 1)[1] if "-" in entry.id else ""
        stats_network = suffix if kind_of(suffix) == "network" else None
    return EntryFacts(entities, frozenset(countries), is_stats, is_body, network, stats_network)


def _is_named_network(entry: Entry) -> bool:
    """A medical network's own entry carries its name as a tag (sermo: [sermo, ...]; medscape-consult: [medscape])."""
    tags = {t.lower() for t in entry.tags}
    return entry.id in tags or entry.id.split("-")[0] in tags


def _network_names(entry: Entry) -> set[str]:
    """How people write a medical network's name: "figure1", "figure 1", "medscape consult", "medscape"."""
    names = {entry.id, entry.id.replace("-", " "), re.sub(r"(?<=[a-z])(?=\d)", " ", entry.id)}
    first = entry.id.split("-")[0]
    if first in {t.lower() for t in entry.tags}:
        names.add(first)
    return names


@dataclass(frozen=True)
class Steering:
    """What a question names and asks: the input of `EntityIndex.steer`."""

    bodies: frozenset[str] = frozenset()
    networks: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    statistics: bool = False
    rules: bool = False

    @property
    def active(self) -> bool:
        return bool(self.bodies or self.networks or self.countries)


class EntityIndex:
    """Per entry facts, and the steering of confidences by what a question names."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.facts = [_entry_facts(e) for e in entries]
        self._typos: dict[str, str | None] = {}
        self._position = {e.id: i for i, e in enumerate(entries)}
        self._network_entry: dict[str, int] = {}
        for position, facts in enumerate(self.facts):
            if facts.network is not None and facts.network not in self._network_entry:
                self._network_entry[facts.network] = position
        names: dict[str, str] = {}
        for entry, facts in zip(entries, self.facts, strict=True):
            if facts.network is not None and facts.network not in KNOWN:
                names.update({name: facts.network for name in _network_names(entry)})
        self._medical_names = names
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self._medical_re = re.compile(r"(?<![\w])(?:" + alternatives + r")(?![\w])") if names else None
        count = len(self.facts)
        self._stats = np.asarray([f.is_stats for f in self.facts], dtype=bool)
        self._body = np.asarray([f.is_body for f in self.facts], dtype=bool)
        self._owner = np.asarray([f.network is not None for f in self.facts], dtype=bool)
        self._any_country = np.asarray([bool(f.countries) for f in self.facts], dtype=bool)
        # general entries ("the main rules"): tagged or named as an overview in the data
        self._overview = np.asarray(
            [e.id.endswith("-overview") or "overview" in {t.lower() for t in e.tags} for e in entries], dtype=bool
        )
        self._any_network = np.asarray(
            [any(kind_of(k) == "network" for k in f.entities) or f.network is not None for f in self.facts], dtype=bool
        )
        self._has: dict[str, np.ndarray] = {}
        for position, facts in enumerate(self.facts):
            keys = set(facts.entities) | {f"country:{c}" for c in facts.countries}
            if facts.network is not None:
                keys.add(facts.network)
            for key in keys:
                self._has.setdefault(key, np.zeros(count, dtype=bool))[position] = True

    def learn_words(self, words: Iterable[str]) -> None:
        """Check the knowledge's own words for typos of names once, at build time, not per question."""
        for word in words:
            if word not in self._typos and len(self._typos) < _TYPO_CACHE_LIMIT:
                self._typos[word] = _typo_of(word)

    def mentions(self, text: str, plain: str | None = None) -> set[str]:
        """Known entities plus medical networks named by their entry id (sermo, doximity ...)."""
        plain = _plain(text) if plain is None else plain
        found = mentions(text, plain, self._typos)
        if self._medical_re is not None:
            found |= {self._medical_names[m.group(0)] for m in self._medical_re.finditer(plain)}
        return found

    def steering(self, text: str, corrected: str = "") -> Steering:
        """What `text` names and asks; `corrected` (normalised, spelling-corrected) also counts ("facebok")."""
        plain = _plain(text)
        named = self.mentions(text, plain)
        if corrected and corrected != plain:
            named |= self.mentions(corrected, corrected)
        if not named:
            return Steering()
        folded = plain + " " + corrected
        return Steering(
            bodies=frozenset(k for k in named if kind_of(k) == "body"),
            networks=frozenset(k for k in named if kind_of(k) == "network" or k in self._network_entry),
            countries=frozenset(countries_of(named)),
            statistics=asks_statistics(folded) or "%" in text,
            rules=asks_rules(folded),
        )

    def _any(self, keys: Iterable[str]) -> np.ndarray:
        result = np.zeros(len(self.facts), dtype=bool)
        for key in keys:
            found = self._has.get(key)
            if found is not None:
                result |= found
        return result

    def steer(self, confidence: np.ndarray, steering: Steering, settings: MatchSettings) -> np.ndarray:
        """Raise entries about what the question names, lower entries about something else named alike.

        A body named: its overview and the rules citing it first; a network named: its own entry, or
        its statistics when the question asks for figures; a country named: that country's body for a
        rules question, its statistics for a figures question. A raise is scaled by how plausible the
        entry already is, so naming Australia never makes an unrelated question answerable.
        """
        boost, penalty = settings.entity_boost, settings.entity_penalty
        adjust = np.zeros(len(self.facts), dtype=np.float64)
        stats = self._stats
        if steering.bodies and len(steering.bodies) < _MANY_BODIES:
            has = self._any(steering.bodies)
            adjust += boost * has
            adjust -= penalty * (self._body & ~has)
            if not steering.statistics:
                adjust -= penalty * stats
        if steering.networks:
            has = self._any(steering.networks)
            adjust += boost / 2 * has
            adjust -= penalty * ((self._owner | stats) & self._any_network & ~has)
            if steering.statistics:
                adjust += boost / 2 * (stats & has)
                adjust -= penalty * (self._owner & has)
            else:
                adjust -= penalty * (stats & has)
        if steering.countries:
            has = self._any(f"country:{c}" for c in steering.countries)
            adjust += boost / 2 * has
            adjust -= penalty * (self._any_country & ~has)
            if steering.statistics:
                adjust += boost / 2 * (stats & has)
                adjust -= penalty * self._body
            elif steering.rules:
                adjust += boost * (self._body & has)
                adjust -= penalty * stats
        plausible = np.clip(confidence[: len(adjust)] / max(settings.clarify_threshold, 1e-6), 0.0, 1.0)
        steered = confidence.astype(np.float64, copy=True)
        steered[: len(adjust)] += np.where(adjust > 0, adjust * plausible, adjust)
        steered = np.maximum(steered, 0.0)  # not capped at 1: the matcher ranks on it, then caps (Candidate)
        if steering.countries and steering.rules and not steering.statistics:
            self._country_body_first(steered, self._any(f"country:{c}" for c in steering.countries), penalty)
        return steered

    def _country_body_first(self, steered: np.ndarray, in_country: np.ndarray, penalty: float) -> None:
        """A rules question naming a country: when the best entry is a general overview or another entry
        about that country (its statistics, a network there), the country's body takes its place."""
        own_body = self._body & in_country
        if not own_body.any() or not len(steered):
            return
        top = int(np.argmax(steered[: len(self.facts)]))
        if own_body[top] or not (self._overview[top] or self._stats[top] or self._any_country[top]):
            return  # the body already leads, or a specific topic does (photos, testimonials ...)
        bodies = np.flatnonzero(own_body)
        best_body = int(bodies[np.argmax(steered[bodies])])
        steered[best_body] = steered[top]
        steered[top] = max(0.0, steered[top] - penalty)

    def network_entry(self, named: Iterable[str]) -> int | None:
        """Position of the entry that is *the* entry for a named network, if any."""
        for key in sorted(named):
            position = self._network_entry.get(key)
            if position is not None:
                return position
        return None

    def network_of(self, entry_id: str) -> str | None:
        """The network an entry is the own entry or the statistics entry of."""
        position = self._position.get(entry_id)
        if position is None:
            return None
        facts = self.facts[position]
        return facts.network or facts.stats_network

    def owns(self, entry_id: str) -> bool:
        position = self._position.get(entry_id)
        return position is not None and self.facts[position].network is not None

    def is_stats(self, entry_id: str) -> bool:
        position = self._position.get(entry_id)
        return position is not None and self.facts[position].is_stats


def countries_of(named: Iterable[str]) -> set[str]:
    result: set[str] = set()
    for key in named:
        item = KNOWN.get(key)
        if item is None:
            continue
        if item.kind == "country":
            result.add(key)
        elif item.country is not None:
            result.add(item.country)
    return result
