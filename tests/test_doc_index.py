"""The shared company index of a Doc (``doc._.company_index``) on hand-built parses: company by
token, the three kinds of lists, antecedents, group references, agency credits, and the cache."""
from __future__ import annotations

import gc
import weakref

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import extractor.extensions  # noqa: F401  (registers doc._.company_index)
from extractor import doc_index
from extractor.doc_index import DocIndex

VOCAB = spacy.blank("en").vocab

# (words, spaces, heads, deps, lemmas or None); heads are absolute token indices
PARSES = {
    # "Vodafone, Nokia and Ericsson signed a deal."
    "list": (["Vodafone", ",", "Nokia", "and", "Ericsson", "signed", "a", "deal", "."],
             [False, True, True, True, True, True, True, False, False],
             [5, 0, 0, 2, 2, 5, 7, 5, 5],
             ["nsubj", "punct", "conj", "cc", "conj", "ROOT", "det", "dobj", "punct"], None),
    # "Vodafone, Nokia signed." (Nokia in apposition: no conj)
    "appos": (["Vodafone", ",", "Nokia", "signed", "."], [False, True, True, False, False],
              [3, 0, 0, 3, 3], ["nsubj", "punct", "appos", "ROOT", "punct"], None),
    # "Vodafone met Nokia." (no list at all)
    "met": (["Vodafone", "met", "Nokia", "."], [True, True, False, False], [1, 1, 1, 1],
            ["nsubj", "ROOT", "dobj", "punct"], None),
    # "Vodafone told Reuters it would buy Nokia."
    "told": (["Vodafone", "told", "Reuters", "it", "would", "buy", "Nokia", "."],
             [True, True, True, True, True, True, False, False],
             [1, 1, 1, 5, 5, 1, 5, 1],
             ["nsubj", "ROOT", "dobj", "nsubj", "aux", "ccomp", "dobj", "punct"],
             ["Vodafone", "tell", "Reuters", "it", "would", "buy", "Nokia", "."]),
    # "AFP - Vodafone said it won."
    "credit": (["AFP", "-", "Vodafone", "said", "it", "won", "."],
               [True, True, True, True, True, False, False], [3, 0, 3, 3, 5, 3, 3],
               ["npadvmod", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "punct"], None),
    # "Vodafone and Nokia said the two companies agreed."
    "group": (["Vodafone", "and", "Nokia", "said", "the", "two", "companies", "agreed", "."],
              [True, True, True, True, True, True, True, False, False],
              [3, 0, 0, 3, 6, 6, 7, 3, 3],
              ["nsubj", "cc", "conj", "ROOT", "det", "nummod", "nsubj", "ccomp", "punct"], None),
}


def make(parse: str, companies: dict[str, list[tuple[int, int]]], groups=(), roles=None,
         cut: dict[str, int] | None = None) -> Doc:
    """A Doc of ``PARSES[parse]`` with companies given as token ranges; ``cut`` takes characters
    off the end of a company's mentions (offsets that fall inside a token)."""
    words, spaces, heads, deps, lemmas = PARSES[parse]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, lemmas=lemmas)
    doc._.companies = [
        {"name": name, "role": (roles or {}).get(name, "company"),
         "mentions": [{"text": doc[s:e].text, "start": doc[s].idx,
                       "end": doc[e - 1].idx + len(doc[e - 1]) - (cut or {}).get(name, 0)}
                      for s, e in spans]}
        for name, spans in companies.items()]
    doc._.company_groups = [{"text": doc[s:e].text, "start": doc[s].idx,
                             "end": doc[e - 1].idx + len(doc[e - 1]), "members": list(members)}
                            for s, e, members in groups]
    return doc


def built(*args, **kw) -> tuple[Doc, DocIndex]:
    """A Doc of :func:`make` and its index (the index refers to its Doc weakly: keep both)."""
    doc = make(*args, **kw)
    return doc, doc._.company_index


LIST = {"Vodafone": [(0, 1)], "Nokia": [(2, 3)], "Ericsson": [(4, 5)]}
PAIR = {"Vodafone": [(0, 1)], "Nokia": [(2, 3)]}
TOLD = {"Vodafone": [(0, 1)], "Reuters": [(2, 3)], "Nokia": [(6, 7)]}
CREDIT = {"AFP": [(0, 1)], "Vodafone": [(2, 3)]}


@pytest.mark.parametrize("parse, companies, token, expected", [
    ("list", LIST, 0, "Vodafone"),
    ("list", LIST, 4, "Ericsson"),
    ("list", LIST, 3, None),  # "and"
    ("list", LIST, 7, None),  # "deal"
    ("credit", CREDIT, 0, None),  # "AFP - ...": an agency credit names no party
    ("credit", CREDIT, 2, "Vodafone"),
])
def test_company_by_token(parse, companies, token, expected):
    doc = make(parse, companies)
    assert doc._.company_index.company(doc[token]) == expected


@pytest.mark.parametrize("start, end, expected", [
    (0, 9, "Vodafone"), (1, 4, "Nokia"), (5, 9, None), (3, 4, None)])
def test_company_in_a_token_range(start, end, expected):
    doc, index = built("list", LIST)
    assert index.company_in(start, end) == expected


def test_offsets_inside_a_token_expand_to_it_but_are_not_aligned():
    doc = make("list", LIST, cut={"Nokia": 1})  # "Noki"
    index = doc._.company_index
    assert index.company(doc[2]) == "Nokia"
    assert [m.aligned for m in index.mentions] == [True, False, True]


@pytest.mark.parametrize("parse, companies, cut, expected", [
    ("list", LIST, None, [["Vodafone", "Nokia", "Ericsson"]]),
    ("list", LIST, {"Nokia": 1}, [["Vodafone", "Nokia", "Ericsson"]]),
    ("appos", PAIR, None, []),  # apposition is no coordination
    ("met", PAIR, None, []),  # subject and object
    ("credit", CREDIT, None, []),
])
def test_coordinated_lists(parse, companies, cut, expected):
    doc, index = built(parse, companies, cut=cut)
    lists = index.lists()
    assert [names for _, names in lists] == expected


@pytest.mark.parametrize("parse, companies, cut, expected", [
    ("list", LIST, None, [["Vodafone", "Nokia", "Ericsson"]]),
    ("list", LIST, {"Nokia": 1}, []),  # a mention off the token boundaries breaks the chain
    ("appos", PAIR, None, [["Vodafone", "Nokia"]]),
    ("met", PAIR, None, []),
])
def test_joined_lists(parse, companies, cut, expected):
    doc, index = built(parse, companies, cut=cut)
    lists = index.joined_lists()
    assert [names for _, names in lists] == expected


def test_joined_list_ends_where_its_last_company_ends():
    doc = make("list", LIST)
    index = doc._.company_index
    end = doc[4].idx + len(doc[4])
    assert index.joined_lists() == [(end, ["Vodafone", "Nokia", "Ericsson"])]
    assert index.joined_list_before(end, 3) == ["Vodafone", "Nokia", "Ericsson"]
    assert index.joined_list_before(end - 1, 3) is None  # the list is not over yet
    assert index.joined_list_before(end, 2) is None  # no list of two


@pytest.mark.parametrize("parse, companies, token, expected", [
    ("list", LIST, 4, ["Vodafone", "Nokia", "Ericsson"]),
    ("list", LIST, 2, ["Vodafone", "Nokia"]),
    ("list", LIST, 5, []),  # "signed" ends no mention
    ("appos", PAIR, 2, ["Vodafone", "Nokia"]),
    ("met", PAIR, 2, ["Nokia"]),  # "met" is no separator
])
def test_list_ending_at(parse, companies, token, expected):
    doc, index = built(parse, companies)
    assert index.list_ending_at(token) == expected


@pytest.mark.parametrize("token, exclude, subject, expected", [
    (3, (), False, "Vodafone"),  # "it": Reuters reports the news, it is no antecedent
    (3, ("Vodafone",), False, None),
    (7, (), False, "Nokia"),
    (7, (), True, "Vodafone"),  # a clause subject is preferred
    (0, (), False, None),  # nothing before the first word
    (6, (), False, "Vodafone"),  # not the mention the token is in
])
def test_preceding_company(token, exclude, subject, expected):
    doc, index = built("told", TOLD)
    assert index.preceding(token, exclude, subject=subject) == expected


def test_reporters_and_subjects():
    doc = make("told", TOLD)
    index = doc._.company_index
    assert index.is_reporter(2) and not index.is_reporter(0) and not index.is_reporter(6)
    assert index.subjects == {0}


@pytest.mark.parametrize("token, n, expected", [
    (7, 2, ["Nokia", "Ericsson"]),
    (7, 3, ["Vodafone", "Nokia", "Ericsson"]),
    (7, 4, []),  # only three companies before
    (1, 1, ["Vodafone"]),
])
def test_last_distinct(token, n, expected):
    doc, index = built("list", LIST)
    assert index.last_distinct(token, n) == expected


@pytest.mark.parametrize("token, n, expected", [
    (7, 3, ["Vodafone", "Nokia", "Ericsson"]),
    (7, None, ["Vodafone", "Nokia", "Ericsson"]),
    (7, 2, []),  # no list of two
    (0, 3, []),  # the list starts at token 0: not before it
])
def test_list_before(token, n, expected):
    doc, index = built("list", LIST)
    assert index.list_before(token, n) == expected


def test_agency_credit_is_kept_apart_from_the_token_maps():
    doc = make("credit", CREDIT)
    index = doc._.company_index
    assert index.preceding(4) == "Vodafone"  # "it": not AFP
    assert 0 in index.covered and 0 in index.mention_ends  # no figure inside it, though
    assert index.named_before(2) == ["AFP"]
    assert index.named_before(0) == []


@pytest.mark.parametrize("members, grouped", [(["Vodafone", "Nokia"], True), ([], False)])
def test_group_references(members, grouped):
    doc = make("group", PAIR, groups=[(4, 7, members)])
    index = doc._.company_index
    assert {4, 5, 6} <= index.covered
    assert index.company(doc[6]) is None
    assert index.groups.get(6) == (members if grouped else None)
    assert index.group_ends == {6: (4, members)}
    assert index.inside(4, 7) == members
    assert index.inside(0, 2) == ["Vodafone", "Nokia"]
    assert index.inside(5, 7) == []  # the group starts before token 5


def test_index_is_built_once_per_doc_and_again_when_the_companies_change():
    doc = make("list", LIST)
    first = doc._.company_index
    assert doc._.company_index is first
    doc._.companies[0]["role"] = "carrier"  # changed in place
    second = doc._.company_index
    assert second is not first and second.roles["Vodafone"] == "carrier"
    doc._.companies = doc._.companies[1:]
    assert doc._.company_index.company(doc[0]) is None
    doc._.company_groups = [{"text": "deal", "start": doc[7].idx, "end": doc[7].idx + 4,
                             "members": ["Nokia"]}]
    assert doc._.company_index.groups == {7: ["Nokia"]}


def test_build_reads_given_companies_without_caching():
    doc = make("list", LIST)
    other = DocIndex.build(doc, [{"name": "Nokia", "mentions": [
        {"text": "Nokia", "start": doc[2].idx, "end": doc[2].idx + 5}]}], [])
    assert other.company(doc[0]) is None and other.company(doc[2]) == "Nokia"
    assert doc._.company_index.company(doc[0]) == "Vodafone"


def test_docs_keep_plain_user_data_and_are_not_kept_alive():
    doc = make("list", LIST)
    index = doc._.company_index
    assert index.lists()
    restored = list(DocBin(docs=[doc], store_user_data=True).get_docs(VOCAB))[0]
    assert restored._.company_index.lists() == index.lists()  # built anew for the copy
    assert doc in doc_index._CACHE
    gone = weakref.ref(doc)
    del doc, restored
    gc.collect()
    assert gone() is None  # the cache and the index hold their Doc weakly
    with pytest.raises(ReferenceError):
        index.doc


def test_a_doc_without_companies_has_an_empty_index():
    words, spaces, heads, deps, _ = PARSES["met"]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps)
    index = doc._.company_index
    assert not index and index.lists() == [] and index.preceding(3) is None


@pytest.mark.parametrize("words, spaces, merge", [
    (["Vodafone", "met", "Nokia", "."], [True, True, False, False], None),
    (["Deutsche", "Telekom", "bought", "it"], [True, True, True, False], (0, 2)),
    (["a", "\n\n", "b"], [True, False, False], None),
])
def test_doc_text_is_the_text_of_the_doc_even_after_a_merge(words, spaces, merge):
    doc = Doc(VOCAB, words=words, spaces=spaces)
    assert doc_index.doc_text(doc) == doc.text
    if merge:
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[merge[0]:merge[1]])
        assert doc_index.doc_text(doc) == doc.text
    assert doc_index.doc_text(doc) is doc_index.doc_text(doc)  # joined once, not per call


def test_doc_lowers_are_the_tokens_lower_forms_and_read_once():
    doc = Doc(VOCAB, words=["Vodafone", "SAID", "ÉTÉ", "3G", "."])
    assert doc_index.doc_lowers(doc) == [t.lower_ for t in doc]
    assert doc_index.doc_lowers(doc) is doc_index.doc_lowers(doc)
    assert doc_index.doc_lowers(Doc(VOCAB, words=[])) == []


@pytest.mark.parametrize("starts", [
    [True, False, False, True, False],
    [False, False, True, False, True],   # the first token begins a sentence all the same
    [True, True, True, True, True],
    [True, False, False, False, False],
])
def test_sentence_bounds_are_the_docs_sentences(starts):
    doc = Doc(VOCAB, words=["a", "b", "c", "d", "e"], sent_starts=starts)
    assert doc_index.sentence_bounds(doc) == [(s.start, s.end) for s in doc.sents]


def test_sentence_bounds_of_a_doc_without_sentences_fail_as_spacy_does():
    with pytest.raises(ValueError, match="E030"):
        doc_index.sentence_bounds(Doc(VOCAB, words=["a", "b"]))
