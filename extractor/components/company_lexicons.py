"""The word lists the company rules read from ``models/`` (all lists of a KIND, none of names of
particular articles). Name lists (carriers, news outlets, not-companies) are empty when the
``gazetteer`` setting is off, so that only what the language shows is left.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..assets import AssetError, read_lexicon, read_rows, read_table
from ..names import form_key, legal_words, name_key

__all__ = ["Lexicons", "cue_words", "load_lexicons", "rule_words", "trigger_lemmas"]


@dataclass(frozen=True)
class Lexicons:
    suffixes: frozenset[str]
    prefixes: frozenset[str]
    company_nouns: frozenset[str]
    carrier_nouns: frozenset[str]
    carrier_modifiers: frozenset[str]
    carrier_name_words: frozenset[str]
    name_words: frozenset[str]
    org_words: frozenset[str]
    business_nouns: frozenset[str]
    role_nouns: frozenset[str]
    deal_verbs: frozenset[str]
    deal_nouns: frozenset[str]
    list_heads: frozenset[str]
    title_words: frozenset[str] = frozenset()
    gov_titles: frozenset[str] = frozenset()
    internal_roles: frozenset[str] = frozenset()
    unit_nouns: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    firm_plurals: frozenset[str] = frozenset()
    publication_nouns: frozenset[str] = frozenset()
    group_numbers: dict = field(default_factory=dict)
    group_determiners: frozenset[str] = frozenset()
    exchanges: frozenset[str] = frozenset()     # "(NYSE: ACM)": company_rule_words.tsv
    carriers: frozenset[str] = frozenset()      # form keys; gazetteer only
    carrier_names: frozenset[str] = frozenset()  # the same, as merge keys (names.name_key)
    places: frozenset[str] = frozenset()  # form keys of countries and regions; gazetteer only
    outlets: frozenset[str] = frozenset()       # form keys; gazetteer only
    not_companies: frozenset[str] = frozenset()  # form keys; gazetteer only


def _lower(items) -> frozenset[str]:
    return frozenset(i.lower() for i in items)


@lru_cache(maxsize=1)
def rule_words() -> dict[str, frozenset[str]]:
    """``models/company_rule_words.tsv``: kind -> its words (every kind of the schema, maybe
    empty)."""
    from ..assets import schema

    kinds = schema()["company_rule_words.tsv"][0].type.split("|")
    rows = read_rows("company_rule_words.tsv")
    return {kind: frozenset(w.lower() for k, w in rows if k == kind) for kind in kinds}


def trigger_lemmas(pos: str) -> frozenset[str]:
    """Lemmas of ``models/deal_triggers.tsv`` read as part of speech ``pos`` ("NOUN" or "VERB";
    a ``*`` row is both)."""
    return frozenset(row[0].lower() for row in read_rows("deal_triggers.tsv")
                     if row[1] in (pos, "*"))


CUES_FILE = "company_cues.tsv"


@lru_cache(maxsize=1)
def cue_words() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """``models/company_cues.tsv``: kind -> its words in file order (every kind of the schema,
    maybe empty), and the value of each ``group_number`` word. Raises :class:`AssetError`
    naming the file and the word for a ``group_number`` without a whole-number value or another
    kind with one (the schema checks the rest, by line)."""
    from ..assets import schema

    kinds = schema()[CUES_FILE][0].type.split("|")
    words: dict[str, list[str]] = {kind: [] for kind in kinds}
    numbers: dict[str, int] = {}
    for row in read_rows(CUES_FILE):
        kind, word, value = row[0], row[1], row[2] if len(row) > 2 else None
        where = f"models/{CUES_FILE}: {kind} {word!r}"
        if kind == "group_number":
            if value is None or not float(value).is_integer():
                raise AssetError(f"{where}: needs a whole number as its value, got {value!r}")
            numbers[word] = int(float(value))
        elif value is not None:
            raise AssetError(f"{where}: takes no value (only group_number rows do)")
        words[kind].append(word)
    return {kind: tuple(ws) for kind, ws in words.items()}, numbers


def _deal_words(words: dict[str, tuple[str, ...]], kind: str, pos: str) -> frozenset[str]:
    """The deal words of ``company_cues.tsv``: the triggers of ``pos`` (their one home), less
    the ``<kind>_except`` words, plus the ``<kind>_also`` words."""
    return (trigger_lemmas(pos) - _lower(words[kind + "_except"])) | _lower(words[kind + "_also"])


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Form keys of the countries and regions of the world, by their English names in the
    Unicode CLDR (Babel's ``Locale("en").territories``: "Hungary", "Madagascar", "Western
    Europe"); short forms such as "Congo - Kinshasa" give their first part too."""
    from babel import Locale

    out = set()
    for name in Locale("en").territories.values():
        out.add(form_key(name))
        out.add(form_key(name.split(" - ")[0].split(" (")[0].split(" SAR ")[0]))
    return frozenset(k for k in out if k)


@lru_cache(maxsize=2)
def load_lexicons(gazetteer: bool = True) -> Lexicons:
    """Read the lexicons from ``models/`` (cached per setting)."""
    suffix_rows = legal_words("names")
    cues, numbers = cue_words()
    carrier_rows = read_table("carrier_cues.txt")
    by_kind = {kind: frozenset(w for k, w in carrier_rows if k == kind)
               for kind in ("noun", "modifier", "name")}
    names = {}
    for key, path in (("carriers", "carriers.txt"), ("outlets", "news_outlets.txt"),
                      ("not_companies", "not_companies.txt")):
        names[key] = (frozenset(form_key(n) for n in read_lexicon(path)) if gazetteer
                      else frozenset())
    # the carriers again as the graph's one merge key writes them, so that spelling variants
    # match ("Hong Kong Telecommunications" is the lexicon's "Hong Kong Telecom")
    names["carrier_names"] = (frozenset(name_key(n) for n in read_lexicon("carriers.txt"))
                              if gazetteer else frozenset())
    names["places"] = place_names() if gazetteer else frozenset()
    return Lexicons(
        suffixes=frozenset(s for s in suffix_rows if not s.startswith("^")),
        prefixes=frozenset(s[1:] for s in suffix_rows if s.startswith("^")),
        company_nouns=_lower(read_lexicon("company_nouns.txt")),
        carrier_nouns=by_kind["noun"],
        carrier_modifiers=by_kind["modifier"],
        carrier_name_words=by_kind["name"],
        name_words=_lower(read_lexicon("company_name_words.txt")),
        org_words=_lower(read_lexicon("org_words.txt")),
        business_nouns=_lower(cues["business_noun"]),
        role_nouns=_lower(cues["role_noun"]),
        deal_verbs=_deal_words(cues, "deal_verb", "VERB"),
        deal_nouns=_deal_words(cues, "deal_noun", "NOUN"),
        list_heads=_lower(cues["list_head"]),
        title_words=_lower(cues["title_word"]),
        gov_titles=_lower(cues["gov_title"]),
        internal_roles=_lower(cues["internal_role"]),
        unit_nouns=_lower(cues["unit_noun"]),
        name_particles=_lower(cues["name_particle"]),
        firm_plurals=_lower(cues["firm_plural"]),
        publication_nouns=_lower(cues["publication_noun"]),
        group_numbers=dict(numbers),
        group_determiners=_lower(cues["group_determiner"]),
        exchanges=rule_words()["exchange"],
        **names,
    )
