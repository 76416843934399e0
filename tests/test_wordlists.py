"""The word lists of ``models/``: every one loads through its schema, a bad row is reported by
file and line, and lists that must agree do agree (each word has one home)."""
from __future__ import annotations

import shutil

import pytest

from extractor import assets
from extractor.assets import AssetError, asset_path, read_rows, schema
from extractor.components.company_lexicons import (cue_words, load_lexicons, rule_words,
                                                   trigger_lemmas)
from extractor.evaluate import normalise
from extractor.graph import merge_words, name_key
from extractor.names import clean_form, legal_words
from extractor.relation_rules import load_lexicon, parse_requires

MODELS = asset_path("schema.tsv").parent
WORD_LISTS = sorted(p.name for p in MODELS.iterdir() if p.suffix in {".txt", ".tsv"}
                    and p.name != "schema.tsv")


# --- the schema loader ---------------------------------------------------------------------

@pytest.mark.parametrize("name", WORD_LISTS)
def test_every_word_list_loads_through_its_schema(name):
    rows = read_rows(name)
    assert rows, f"{name} has no rows"


def test_every_schema_entry_names_a_file():
    assert sorted(schema()) == WORD_LISTS


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A temporary models folder holding the real schema; write a word list into it."""
    shutil.copy(MODELS / "schema.tsv", tmp_path / "schema.tsv")
    monkeypatch.setattr(assets, "asset_path", lambda name: tmp_path / name)
    assets.clear_cache()
    yield tmp_path
    assets.clear_cache()


TRIGGER_HEAD = "# a comment\n\n"  # rows start on line 3


@pytest.mark.parametrize("row, message", [
    ("merge\tVERB\tmerger\tagreed", "line 3: 4 columns, expected 5 to 6 (lemma, pos, kind, "
                                     "status, class, requires)"),
    ("merge\tVERB\tmerger\tagreed\tsym\twith\textra", "line 3: 7 columns, expected 5 to 6"),
    ("merge\tVERB\tmerger\tagred\tsym", "line 3: column 'status' is 'agred', expected one of "
                                        "agreed, proposed"),
    ("merge\tADJ\tmerger\tagreed\tsym", "line 3: column 'pos' is 'ADJ', expected one of NOUN, "
                                        "VERB, *"),
    ("merge\tVERB\tjoint venture\tagreed\tsym", "line 3: column 'kind' is 'joint venture', "
                                                "expected one word"),
    ("merge\tVERB\t\tagreed\tsym", "line 3: column 'kind' is empty"),
])
def test_bad_row_names_file_line_and_problem(models, row, message):
    (models / "deal_triggers.tsv").write_text(TRIGGER_HEAD + row + "\n", encoding="utf-8")
    with pytest.raises(AssetError) as error:
        read_rows("deal_triggers.tsv")
    assert str(error.value).startswith("models/deal_triggers.tsv, ")
    assert message in str(error.value)


@pytest.mark.parametrize("name, text, message", [
    ("magnitudes.tsv", "# x\nhundred\t100\nthousand\tlots\n",
     "models/magnitudes.tsv, line 3: column 'factor' is 'lots', expected a number"),
    ("legal_suffixes.txt", "inc\tnames,merge\nag\tnames,graph\n",
     "models/legal_suffixes.txt, line 2: column 'uses' has 'graph', expected comma-separated "
     "values of names, merge, gold"),
    ("carriers.txt", "AT&T\nSprint\tUS\n",
     "models/carriers.txt, line 2: 2 columns, expected 1 (name)"),
    ("aliases.tsv", "AT&T\n", "models/aliases.tsv, line 1: 1 columns, expected 2 or more"),
    ("unknown.tsv", "a\tb\n", "models/unknown.tsv: no schema"),
    ("news_outlets.txt", None, "models/news_outlets.txt: cannot read"),
])
def test_bad_file_message(models, name, text, message):
    if text is not None:
        (models / name).write_text(text, encoding="utf-8")
    with pytest.raises(AssetError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        read_rows(name)


@pytest.mark.parametrize("name, text, rows", [
    ("deal_triggers.tsv", "# kind\nmerge\tVERB\tmerger\tagreed\tsym\n"
                          "talk\tNOUN\ttalks\tproposed\tsym\twith\n",
     (("merge", "VERB", "merger", "agreed", "sym"),
      ("talk", "NOUN", "talks", "proposed", "sym", "with"))),
    ("aliases.tsv", "AT&T\tATT\tAmerican Telephone and Telegraph\n",
     (("AT&T", "ATT", "American Telephone and Telegraph"),)),
    ("magnitudes.tsv", "k\t1000\nhalf\t-0.5\n", (("k", "1000"), ("half", "-0.5"))),
])
def test_good_file_reads(models, name, text, rows):
    (models / name).write_text(text, encoding="utf-8")
    assert read_rows(name) == rows


def test_bad_schema_row_is_reported(models):
    (models / "schema.tsv").write_text("x.tsv\tword\ttext\tsometimes\n", encoding="utf-8")
    with pytest.raises(AssetError, match=r"^models/schema.tsv, line 1: need is 'sometimes'"):
        read_rows("x.tsv")


# --- deal words: models/deal_triggers.tsv is their home ------------------------------------

def _cues() -> dict:
    """The deal words of ``company_cues.tsv`` as {"deal_nouns": {"except": .., "also": ..}}."""
    words, _ = cue_words()
    return {kind + "s": {"except": words[kind + "_except"], "also": words[kind + "_also"]}
            for kind in ("deal_noun", "deal_verb")}


@pytest.mark.parametrize("text, message", [
    ("group_number\ttwo\n", "models/company_cues.tsv: group_number 'two': needs a whole number "
                            "as its value, got None"),
    ("group_number\ttwo\t2.5\n", "group_number 'two': needs a whole number as its value, got "
                                 "'2.5'"),
    ("list_head\tlike\t3\n", "models/company_cues.tsv: list_head 'like': takes no value"),
    ("list_heads\tlike\n", "models/company_cues.tsv, line 1: column 'kind' is 'list_heads', "
                           "expected one of business_noun"),
])
def test_bad_company_cue_row_names_file_and_word(models, text, message):
    (models / "company_cues.tsv").write_text(text, encoding="utf-8")
    cue_words.cache_clear()
    try:
        with pytest.raises(AssetError) as error:
            cue_words()
    finally:
        cue_words.cache_clear()
    assert message in str(error.value)


def test_company_cue_words_load_by_kind():
    words, numbers = cue_words()
    assert numbers["two"] == 2 and numbers["both"] == 2 and "two" in words["group_number"]
    assert "including" in words["list_head"] and not set(words["list_head"]) & set(numbers)


def _spelling(word: str) -> str:
    return word.replace("-", "").replace(" ", "")


@pytest.mark.parametrize("key, pos", [("deal_nouns", "NOUN"), ("deal_verbs", "VERB")])
def test_company_deal_words_derive_from_the_triggers(key, pos):
    entry, triggers = _cues()[key], trigger_lemmas(pos)
    stale = set(entry["except"]) - triggers
    assert not stale, f"company_cues.tsv {key} 'except' names no {pos} trigger: {sorted(stale)}"
    doubled = set(entry["also"]) & triggers
    assert not doubled, f"company_cues.tsv {key} 'also' repeats triggers: {sorted(doubled)}"
    variants = {w for w in entry["also"] if _spelling(w) in {_spelling(t) for t in triggers}}
    assert not variants, f"{key} 'also' spells a trigger another way: {sorted(variants)}"
    hyphenated = {w for w in entry["also"] if "-" in w}
    assert not hyphenated, f"{key} 'also' has hyphenated words (never a lemma): {hyphenated}"
    lex = getattr(load_lexicons(), key)
    assert triggers - set(entry["except"]) <= lex  # every trigger is known to the company rules


@pytest.mark.parametrize("word, noun, verb", [
    ("merger", True, False),    # a trigger
    ("tieup", True, False),     # a trigger ("tie-up" in the cues never matched a lemma)
    ("investment", True, False),  # company cue only ("also")
    ("subsidiary", False, False),  # a trigger the company rules leave out ("except")
    ("acquire", False, True),
    ("invest", False, True),    # "also"
    ("take", False, False),     # "except": "take over" is a deal, "take" shows no company
    ("tie-up", False, False),
])
def test_company_deal_words(word, noun, verb):
    lex = load_lexicons()
    assert (word in lex.deal_nouns, word in lex.deal_verbs) == (noun, verb)


# --- legal suffixes: models/legal_suffixes.txt is their home -------------------------------

SUFFIX_ROWS = read_rows("legal_suffixes.txt")


def test_merge_words_has_no_legal_rows():
    assert all(row[0] != "legal" for row in read_rows("merge_words.tsv"))
    assert merge_words().legal == {f.lower() for f in legal_words("merge")}


def test_company_rules_read_the_names_suffixes():
    lex = load_lexicons()
    forms = legal_words("names")
    assert lex.suffixes == {f for f in forms if not f.startswith("^")}
    assert lex.prefixes == {f[1:] for f in forms if f.startswith("^")}


@pytest.mark.parametrize("form, uses", SUFFIX_ROWS)
def test_each_normaliser_drops_exactly_its_suffixes(form, uses):
    uses = uses.split(",")
    lex = load_lexicons()
    word = form.lstrip("^").upper() if len(form) <= 4 else form.lstrip("^").capitalize()
    if form.startswith("^"):
        assert clean_form(f"{word} Acme Telecom", lex.suffixes, lex.prefixes) == "Acme Telecom"
        return
    name = f"Acme Telecom {word}"
    assert (clean_form(name, lex.suffixes, lex.prefixes) == "Acme Telecom") == ("names" in uses)
    assert (name_key(name) == "acme telecom") == ("merge" in uses)
    assert (normalise(name) == "acme telecom") == ("gold" in uses)


@pytest.mark.parametrize("name, key", [
    ("AT&T Corp.", "at and t"),
    ("Nokia Oyj", "nokia oyj"),        # "oyj" is a company-rule suffix only
    ("Nokia Oy", "nokia"),
    ("Acme Companies", "acme"),
    ("Corp", "corp"),                  # a name is never emptied
])
def test_name_key_suffixes(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("name, key", [
    ("The Acme Holdings Group Inc.", "acme"),
    ("Acme GmbH", "acme gmbh"),        # not in the gold README's list
])
def test_gold_normalise_suffixes(name, key):
    assert normalise(name) == key


# --- company words: lists that name the same kind of word agree ----------------------------

def _plural_of(word: str, nouns: frozenset) -> bool:
    return word[:-1] in nouns or word.endswith("es") and word[:-2] in nouns \
        or word.endswith("ies") and word[:-3] + "y" in nouns


def test_company_rule_words_are_company_nouns():
    nouns, words = load_lexicons().company_nouns, rule_words()
    assert words["maker_noun"] <= nouns, sorted(words["maker_noun"] - nouns)
    plurals = {w for w in words["plural_kind"] if not _plural_of(w, nouns)}
    assert not plurals, f"plural_kind words that are no plural of company_nouns.txt: {plurals}"
    references = {row[0].lower() for row in read_rows("reference_nouns.txt")}
    assert references <= nouns, sorted(references - nouns)


def test_carrier_nouns_are_company_nouns():
    lex = load_lexicons()
    assert lex.carrier_nouns <= lex.company_nouns, sorted(lex.carrier_nouns - lex.company_nouns)


def test_no_alias_names_two_companies():
    owner: dict[str, str] = {}
    for row in read_rows("aliases.tsv"):
        for form in row:
            key = name_key(form)
            assert owner.setdefault(key, row[0]) == row[0], \
                f"aliases.tsv: {form!r} is a form of {owner[key]!r} and of {row[0]!r}"


@pytest.mark.parametrize("plural, expected", [
    ("firms", True), ("businesses", True), ("telcos", True), ("analysts", False)])
def test_plural_of(plural, expected):
    assert _plural_of(plural, load_lexicons().company_nouns) == expected


# --- deal triggers: the requires column is parsed once, at load ----------------------------

@pytest.mark.parametrize("requires, conditions", [
    ("", ()),
    ("prt:up", (("prt", "up"),)),
    ("with!", (("with!", ""),)),
    ("for|from", (("for", ""), ("from", ""))),
    ("of:intent", (("of", "intent"),)),
    ("role:of|under:as|including", (("role", "of"), ("under", "as"), ("including", ""))),
])
def test_parse_requires(requires, conditions):
    assert parse_requires(requires) == conditions


def test_triggers_carry_parsed_requires():
    rows = [t for ts in load_lexicon().triggers.values() for t in ts]
    assert len(rows) == len(read_rows("deal_triggers.tsv"))
    assert all(t.conditions == parse_requires(t.requires) for t in rows)
    assert any(t.conditions for t in rows) and any(not t.conditions for t in rows)


# --- deal kinds and argument roles are data ------------------------------------------------

def test_every_deal_kind_is_used_and_known():
    kinds = {row[0] for row in read_rows("deal_kinds.tsv")}
    used = {row[2] for row in read_rows("deal_triggers.tsv")}
    assert used <= kinds, f"kinds with no row in deal_kinds.tsv: {sorted(used - kinds)}"
    assert kinds <= used, f"deal_kinds.tsv rows no trigger uses: {sorted(kinds - used)}"


@pytest.mark.parametrize("lemma, pos, traits", [
    ("stake", "NOUN", {"shares", "directed"}),
    ("own", "VERB", {"shares", "directed"}),
    ("bid", "NOUN", {"share_bid", "directed"}),
    ("acquire", "VERB", {"directed"}),
    ("merge", "VERB", set()),
    ("venture", "NOUN", set()),
])
def test_trigger_traits(lemma, pos, traits):
    rows = [t for t in load_lexicon().triggers[lemma] if t.pos == pos]
    assert rows and all(t.traits == traits for t in rows)


def test_trigger_kind_without_row_is_an_error(tmp_path, monkeypatch):
    for path in MODELS.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    with open(tmp_path / "deal_triggers.tsv", "a", encoding="utf-8") as handle:
        handle.write("swap\tVERB\tswap_deal\tagreed\tsym\n")
    monkeypatch.setattr(assets, "asset_path", lambda name: tmp_path / name)
    assets.clear_cache()
    load_lexicon.cache_clear()
    try:
        with pytest.raises(AssetError, match="^models/deal_triggers.tsv: kind 'swap_deal' of "
                                             "'swap' has no row in models/deal_kinds.tsv"):
            load_lexicon()
    finally:
        assets.clear_cache()
        load_lexicon.cache_clear()


ROLES = {"a", "b", "ab", "by", "buyer"}


def test_pattern_nodes_are_roles_or_structure():
    """Every pattern has a trigger; a party node is named by its role (the rules read roles
    from node names, never from pattern ids)."""
    for entry in load_lexicon().patterns:
        nodes = [n["RIGHT_ID"] for n in entry["pattern"]]
        assert "trigger" in nodes, entry["id"]
        assert ROLES & set(nodes) or "support" in nodes or "frame" in nodes, entry["id"]
    by = {e["id"] for e in load_lexicon().patterns
          if "by" in [n["RIGHT_ID"] for n in e["pattern"]]}
    assert by == {"noun_by"}
