"""The relation rules on hand-built parses, run through the relations component alone.

Each row is a Doc written token by token (see ``tests/docs.py``: ``word/TAG/dep/head``), the
companies named in it (``*``: a carrier; ``|``: other forms of one company) and the relations
expected, ``"source>target kind/status"`` joined by ``"; "`` (``""``: must not fire). No
statistical parser or tagger runs, so a row fails only when the rules change; the same
behaviours through the parser are in ``test_relations.py``.
"""
from __future__ import annotations

import re

import pytest

from docs import build, parse_tokens, relations_pipeline


@pytest.fixture(scope="module")
def nlp():
    """A blank pipeline with only the relations component, rules alone (``learned=False``)."""
    return relations_pipeline()


def relations(nlp, spec, companies):
    doc = nlp.get_pipe("extractor_relations")(build(nlp, spec, companies))
    return doc, "; ".join(sorted(f"{r['source']}>{r['target']} {r['kind']}/{r['status']}"
                                 for r in doc._.relations))


def rows(**tables):
    """The rows of the tables, each with an id of the table's name and the row's words."""
    return [pytest.param(*row, id=f"{name.lower()}: " + " ".join(
                t.split("/")[0] for t in row[0].split()))
            for name, table in tables.items() for row in table]


# --- each kind of deal; must not fire: one company only, no deal word --------------------------
KINDS = [
    ("Acme/NNP/nsubj/1 acquired/VBD/ROOT/1=acquire Borex/NNP/dobj/1 ././punct/1",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/nsubj/1 buys/VBZ/ROOT/1=buy Borex/NNP/dobj/1",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/nsubj/1 signed/VBD/ROOT/1=sign an/DT/det/3 agreement/NN/dobj/1 with/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Acme>Borex agreement/agreed"),
    ("Acme/NNP/nsubj/3 and/CC/cc/0 Borex/NNP/conj/0 agreed/VBD/ROOT/3=agree to/TO/aux/5 "
     "merge/VB/xcomp/3 ././punct/3",
     "Acme, Borex", "Acme>Borex merger/agreed"),
    ("Acme/NNP/nsubj/1 merged/VBD/ROOT/1=merge with/IN/prep/1 Borex/NNP/pobj/2 ././punct/1",
     "Acme, Borex", "Acme>Borex merger/agreed"),
    ("Acme/NNP/nsubj/1 took/VBD/ROOT/1=take a/DT/det/5 30/CD/nummod/5 pct/NN/compound/5 "
     "stake/NN/dobj/1 in/IN/prep/5 Borex/NNP/pobj/6 ././punct/1",
     "Acme, Borex", "Acme>Borex stake/agreed"),
    ("Acme/NNP/nsubj/1 formed/VBD/ROOT/1=form a/DT/det/4 joint/JJ/amod/4 venture/NN/dobj/1 "
     "with/IN/prep/4 Borex/NNP/pobj/5 ././punct/1",
     "Acme, Borex", "Acme>Borex joint_venture/agreed"),
    ("Acme/NNP/nsubj/1 licensed/VBD/ROOT/1=license its/PRP$/poss/3 patents/NNS/dobj/1=patent "
     "to/IN/prep/1 Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Acme>Borex licence/agreed"),
    ("Acme/NNP/nsubj/1 partners/VBZ/ROOT/1=partner with/IN/prep/1 Borex/NNP/pobj/2",
     "Acme, Borex", "Acme>Borex partnership/agreed"),
    ("Acme/NNP/nsubj/1 ordered/VBD/ROOT/1=order jets/NNS/dobj/1=jet from/IN/prep/2 "
     "Borex/NNP/pobj/3 ././punct/1",
     "Acme, Borex", "Acme>Borex supply/agreed"),
    ("Acme/NNP/nsubj/2 will/MD/aux/2 supply/VB/ROOT/2 Borex/NNP/dobj/2 with/IN/prep/2 "
     "switches/NNS/pobj/4=switch ././punct/2",
     "Acme, Borex", "Acme>Borex supply/agreed"),
    ("Acme/NNP/nsubj/1 awarded/VBD/ROOT/1=award a/DT/det/3 contract/NN/dobj/1 to/IN/dative/1 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Acme>Borex contract/agreed"),
    ("Acme/NNP/nsubj/4 and/CC/cc/0 Borex/NNP/conj/0 are/VBP/aux/4=be working/VBG/ROOT/4=work "
     "together/RB/advmod/4 ././punct/4",
     "Acme, Borex", "Acme>Borex cooperation/agreed"),
    ("Acme/NNP/nsubj/1 signed/VBD/ROOT/1=sign a/DT/det/3 deal/NN/dobj/1 with/IN/prep/1 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Acme>Borex deal/agreed"),
    # must not fire
    ("Acme/NNP/nsubj/1 signed/VBD/ROOT/1=sign a/DT/det/3 deal/NN/dobj/1 ././punct/1",
     "Acme", ""),
    ("Acme/NNP/nsubj/3 and/CC/cc/0 Borex/NNP/conj/0 make/VBP/ROOT/3 phones/NNS/dobj/3=phone "
     "././punct/3",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/1 met/VBD/ROOT/1=meet Borex/NNP/dobj/1 ././punct/1",
     "Acme, Borex", ""),
]

# --- status: a bid, talks and an offer are proposed; must not fire: denied, guessed -----------
STATUSES = [
    ("Acme/NNP/nsubj/1 agreed/VBD/ROOT/1=agree to/TO/aux/3 buy/VB/xcomp/1 Borex/NNP/dobj/3 "
     "././punct/1",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/nsubj/1 made/VBD/ROOT/1=make a/DT/det/3 bid/NN/dobj/1 for/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Acme>Borex bid/proposed"),
    ("Acme/NNP/nsubj/1 is/VBZ/ROOT/1=be in/IN/prep/1 talks/NNS/pobj/2=talk with/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Acme>Borex talks/proposed"),
    ("Acme/NNP/nsubj/1 accepted/VBD/ROOT/1=accept an/DT/det/3 offer/NN/dobj/1 from/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Borex>Acme bid/proposed"),
    ("Borex/NNP/poss/2 's/POS/case/0 bid/NN/nsubjpass/6 for/IN/prep/2 Acme/NNP/pobj/3 "
     "was/VBD/auxpass/6=be raised/VBN/ROOT/6=raise ././punct/6",
     "Borex, Acme", "Borex>Acme bid/proposed"),
    ("Acme/NNP/nsubj/1 expects/VBZ/ROOT/1=expect to/TO/aux/3 complete/VB/xcomp/1 the/DT/det/5 "
     "acquisition/NN/dobj/3 of/IN/prep/5 Borex/NNP/pobj/6 ././punct/1",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    # must not fire
    ("Acme/NNP/nsubj/1 denied/VBD/ROOT/1=deny it/PRP/nsubj/3 was/VBD/ccomp/1=be in/IN/prep/3 "
     "talks/NNS/pobj/4=talk with/IN/prep/5 Borex/NNP/pobj/6 ././punct/1",
     "Acme, Borex", ""),
    ("Analysts/NNS/nsubj/1=analyst said/VBD/ROOT/1=say Acme/NNP/nsubj/4 may/MD/aux/4 "
     "buy/VB/ccomp/1 Borex/NNP/dobj/4 ././punct/1",
     "Acme, Borex", ""),
]

# --- direction: the acting party (buyer, bidder) is the source, a carrier before it -----------
DIRECTIONS = [
    ("Borex/NNP/nsubjpass/2 was/VBD/auxpass/2=be acquired/VBN/ROOT/2=acquire by/IN/agent/2 "
     "Acme/NNP/pobj/3 ././punct/2",
     "Borex, Acme", "Acme>Borex acquisition/agreed"),
    ("The/DT/det/1 acquisition/NN/nsubjpass/7 of/IN/prep/1 Borex/NNP/pobj/2 by/IN/prep/1 "
     "Acme/NNP/pobj/4 was/VBD/auxpass/7=be completed/VBN/ROOT/7=complete ././punct/7",
     "Borex, Acme", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/poss/2 's/POS/case/0 acquisition/NN/nsubjpass/6 of/IN/prep/2 Borex/NNP/pobj/3 "
     "was/VBD/auxpass/6=be completed/VBN/ROOT/6=complete ././punct/6",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/nsubj/1 sold/VBD/ROOT/1=sell Calder/NNP/dobj/1 to/IN/dative/1 Borex/NNP/pobj/3 "
     "././punct/1",
     "Acme, Calder, Borex", "Borex>Acme acquisition/agreed; Borex>Calder acquisition/agreed"),
    ("Acme/NNP/nsubj/1 won/VBD/ROOT/1=win an/DT/det/3 order/NN/dobj/1 from/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Borex>Acme supply/agreed"),
    ("Acme/NNP/nsubj/1 signed/VBD/ROOT/1=sign a/DT/det/3 deal/NN/dobj/1 with/IN/prep/1 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex*", "Borex>Acme deal/agreed"),
    ("Acme/NNP/nsubj/5 ,/,/punct/0 Borex/NNP/conj/0 and/CC/cc/2 Calder/NNP/conj/2 "
     "signed/VBD/ROOT/5=sign a/DT/det/7 deal/NN/dobj/5 with/IN/prep/5 Dunmore/NNP/pobj/8 "
     "././punct/5",
     "Acme, Borex, Calder, Dunmore*", "Dunmore>Acme deal/agreed; Dunmore>Borex deal/agreed; "
                                      "Dunmore>Calder deal/agreed"),
    # must not fire
    ("Acme/NNP/nsubj/1 sold/VBD/ROOT/1=sell its/PRP$/poss/3 stake/NN/dobj/1 in/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/6 ,/,/punct/0 owned/VBN/acl/0=own by/IN/agent/2 Borex/NNP/pobj/3 "
     ",/,/punct/0 rose/VBD/ROOT/6=rise ././punct/6",
     "Acme, Borex", ""),
]

# --- lists: each listed party is a party of the deal; must not fire: listed but no deal -------
LISTS = [
    ("Acme/NNP/nsubj/1 teamed/VBD/ROOT/1=team with/IN/prep/1 Borex/NNP/pobj/2 and/CC/cc/3 "
     "Calder/NNP/conj/3 ././punct/1",
     "Acme, Borex, Calder", "Acme>Borex teaming/agreed; Acme>Calder teaming/agreed"),
    ("Acme/NNP/nsubj/1 signed/VBD/ROOT/1=sign contracts/NNS/dobj/1=contract with/IN/prep/2 "
     "Borex/NNP/pobj/3 ,/,/punct/4 Calder/NNP/conj/4 and/CC/cc/6 Dunmore/NNP/conj/6 "
     "././punct/1",
     "Acme, Borex, Calder, Dunmore", "Acme>Borex contract/agreed; Acme>Calder contract/agreed; "
                                     "Acme>Dunmore contract/agreed"),
    ("Acme/NNP/nsubj/5 ,/,/punct/0 Borex/NNP/conj/0 and/CC/cc/2 Calder/NNP/conj/2 "
     "signed/VBD/ROOT/5=sign a/DT/det/7 deal/NN/dobj/5 with/IN/prep/5 Dunmore/NNP/pobj/8 "
     "././punct/5",
     "Acme, Borex, Calder, Dunmore", "Acme>Dunmore deal/agreed; Borex>Dunmore deal/agreed; "
                                     "Calder>Dunmore deal/agreed"),
    # must not fire
    ("The/DT/det/1 deal/NN/nsubj/2 lifted/VBD/ROOT/2=lift Acme/NNP/dobj/2 and/CC/cc/3 "
     "Borex/NNP/conj/3 ././punct/2",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/3 and/CC/cc/0 Borex/NNP/conj/0 are/VBP/ROOT/3=be rivals/NNS/attr/3=rival "
     "././punct/3",
     "Acme, Borex", ""),
]

# --- references: "it", "the company", "which"; an outlet that reports the news is no party ---
REFERENCES = [
    ("Acme/NNP/nsubj/1 said/VBD/ROOT/1=say it/PRP/nsubj/3 acquired/VBD/ccomp/1=acquire "
     "Borex/NNP/dobj/3 ././punct/1",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/nsubj/1 posted/VBD/ROOT/1=post gains/NNS/dobj/1=gain ././punct/1 The/DT/det/5 "
     "company/NN/nsubj/6 bought/VBD/ROOT/6=buy Borex/NNP/dobj/6 ././punct/6",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/nsubj/6 ,/,/punct/0 which/WDT/nsubj/3 bought/VBD/relcl/0=buy Borex/NNP/dobj/3 "
     ",/,/punct/0 rose/VBD/ROOT/6=rise ././punct/6",
     "Acme, Borex", "Acme>Borex acquisition/agreed"),
    ("Acme/NNP/nsubj/1 told/VBD/ROOT/1=tell Reuters/NNP/dobj/1 it/PRP/nsubj/4 "
     "bought/VBD/ccomp/1=buy Borex/NNP/dobj/4 ././punct/1",
     "Acme, Reuters, Borex", "Acme>Borex acquisition/agreed"),
    ("Reuters/NNP/nsubj/1 reported/VBD/ROOT/1=report that/IN/mark/4 Acme/NNP/nsubj/4 "
     "bought/VBD/ccomp/1=buy Borex/NNP/dobj/4 ././punct/1",
     "Reuters, Acme, Borex", "Acme>Borex acquisition/agreed"),
    # must not fire: the outlet told of a deal is no party; a merger only possible; a company
    # named by two of its forms does no deal with itself
    ("Acme/NNP/nsubj/1 told/VBD/ROOT/1=tell Reuters/NNP/dobj/1 it/PRP/nsubj/4 "
     "signed/VBD/ccomp/1=sign a/DT/det/6 deal/NN/dobj/4 ././punct/1",
     "Acme, Reuters", ""),
    ("Borex/NNP/nsubj/1 told/VBD/ROOT/1=tell Reuters/NNP/dobj/1 that/IN/mark/8 a/DT/det/5 "
     "merger/NN/nsubj/8 with/IN/prep/5 Acme/NNP/pobj/6 was/VBD/ccomp/1=be possible/JJ/acomp/8 "
     "././punct/1",
     "Borex, Reuters, Acme", ""),
    ("Acme/NNP/compound/1 Group/NNP/nsubj/2 signed/VBD/ROOT/2=sign a/DT/det/4 deal/NN/dobj/2 "
     "with/IN/prep/2 Acme/NNP/pobj/5 ././punct/2",
     "Acme Group|Acme", ""),  # a company with itself
]

# --- negation and modality: what did not happen, or may happen in others' words --------------
NEGATION_AND_MODALITY = [
    ("Acme/NNP/nsubj/2 will/MD/aux/2 merge/VB/ROOT/2 with/IN/prep/2 Borex/NNP/pobj/3 ././punct/2",
     "Acme, Borex", "Acme>Borex merger/agreed"),
    # must not fire: negated, denied, guessed by others, no plans
    ("Acme/NNP/nsubj/3 did/VBD/aux/3=do not/RB/neg/3 acquire/VB/ROOT/3 Borex/NNP/dobj/3 "
     "././punct/3",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/3 will/MD/aux/3 not/RB/neg/3 merge/VB/ROOT/3 with/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/3",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/1 is/VBZ/ROOT/1=be not/RB/neg/1 a/DT/det/4 partner/NN/attr/1 of/IN/prep/4 "
     "Borex/NNP/pobj/5 ././punct/1",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/2 could/MD/aux/2 buy/VB/ccomp/6 Borex/NNP/dobj/2 ,/,/punct/6 "
     "analysts/NNS/nsubj/6=analyst said/VBD/ROOT/6=say ././punct/6",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/1 has/VBZ/ROOT/1=have no/DT/det/3 plans/NNS/dobj/1=plan to/TO/aux/5 "
     "buy/VB/acl/3 Borex/NNP/dobj/5 ././punct/1",
     "Acme, Borex", ""),
]

# --- disputes and rivals are no deals ---------------------------------------------------------
DISPUTES_AND_RIVALS = [
    ("Acme/NNP/nsubj/1 is/VBZ/ROOT/1=be a/DT/det/3 partner/NN/attr/1 of/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", "Acme>Borex partnership/agreed"),
    # must not fire
    ("Acme/NNP/nsubj/1 filed/VBD/ROOT/1=file a/DT/det/3 lawsuit/NN/dobj/1 against/IN/prep/1 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/1 is/VBZ/ROOT/1=be a/DT/det/3 rival/NN/attr/1 of/IN/prep/3 "
     "Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/1 competes/VBZ/ROOT/1=compete with/IN/prep/1 Borex/NNP/pobj/2 ././punct/1",
     "Acme, Borex", ""),
    ("Acme/NNP/nsubj/1 stopped/VBD/ROOT/1=stop selling/VBG/xcomp/1=sell "
     "phones/NNS/dobj/2=phone to/IN/dative/2 Borex/NNP/pobj/4 ././punct/1",
     "Acme, Borex", ""),
]


@pytest.mark.parametrize("spec, companies, expected",
                         rows(KINDS=KINDS, STATUSES=STATUSES, DIRECTIONS=DIRECTIONS,
                              LISTS=LISTS, REFERENCES=REFERENCES,
                              NEGATION_AND_MODALITY=NEGATION_AND_MODALITY,
                              DISPUTES_AND_RIVALS=DISPUTES_AND_RIVALS))
def test_relations_of_a_parse(nlp, spec, companies, expected):
    assert relations(nlp, spec, companies)[1] == expected


def test_the_pipeline_runs_the_relations_component_alone(nlp):
    assert nlp.pipe_names == ["extractor_relations"]


YEAR_SPEC = ("In/IN/prep/3 2009/CD/pobj/0 Acme/NNP/nsubj/3 bought/VBD/ROOT/3=buy "
             "Borex/NNP/dobj/3 ././punct/3")
TWO_SENTENCES = ("Acme/NNP/nsubj/1 posted/VBD/ROOT/1=post gains/NNS/dobj/1=gain ././punct/1 "
                 "The/DT/det/5 company/NN/nsubj/6 bought/VBD/ROOT/6=buy Borex/NNP/dobj/6 "
                 "././punct/6")


@pytest.mark.parametrize("spec, sentence, start, end, year", [
    (YEAR_SPEC, "In 2009 Acme bought Borex.", 0, 26, 2009),
    (TWO_SENTENCES, "The company bought Borex.", 19, 44, None),
])
def test_a_relation_names_its_sentence_offsets_and_year(nlp, spec, sentence, start, end, year):
    doc, _ = relations(nlp, spec, "Acme, Borex")
    (rel,) = doc._.relations
    assert (rel["sentence"], rel["start"], rel["end"], rel["year"]) == (sentence, start, end,
                                                                         year)
    assert doc.text[start:end] == sentence


DEAL_WITH = ("Acme/NNP/nsubj/1 signed/VBD/ROOT/1=sign a/DT/det/3 deal/NN/dobj/1 with/IN/prep/1 "
             "Borex/NNP/pobj/4 ././punct/1")


@pytest.mark.parametrize("companies, roles", [
    ("Acme, Borex*", {"Acme": "partner", "Borex": "carrier"}),
    ("Acme*, Borex", {"Acme": "carrier", "Borex": "partner"}),
    ("Acme, Borex", {"Acme": "company", "Borex": "company"}),  # no carrier: no partner
])
def test_the_other_side_of_a_carrier_deal_becomes_a_partner(nlp, companies, roles):
    doc, _ = relations(nlp, DEAL_WITH, companies)
    assert {c["name"]: c["role"] for c in doc._.companies} == roles


def test_no_parse_or_no_companies_gives_no_relations(nlp):
    doc = build(nlp, DEAL_WITH, "Acme, Borex")
    unparsed = nlp.make_doc(doc.text)
    unparsed._.companies = doc._.companies
    assert nlp.get_pipe("extractor_relations")(unparsed)._.relations == []
    assert relations(nlp, DEAL_WITH, "")[0]._.relations == []


def test_companies_are_set_as_the_companies_component_sets_them(nlp):
    doc = build(nlp, DEAL_WITH, "Acme*, Borex")
    assert [(s.text, s.label_) for s in doc.spans["companies"]] == [("Acme", "CARRIER"),
                                                                     ("Borex", "COMPANY")]
    assert doc._.companies == [
        {"name": "Acme", "role": "carrier", "mentions": [{"text": "Acme", "start": 0, "end": 4}]},
        {"name": "Borex", "role": "company",
         "mentions": [{"text": "Borex", "start": 24, "end": 29}]}]
    assert doc._.company_groups == []


@pytest.mark.parametrize("spec, message", [
    ("Acme/NNP/nsubj", "token 0 'Acme/NNP/nsubj': expected word/TAG/dep/head"),
    ("Acme/NNP/nsubj/x", "expected word/TAG/dep/head"),
    ("Acme/XYZ/nsubj/0", "token 0 'Acme': unknown tag 'XYZ'"),
    ("Acme/NNP/ROOT/0 buys/VBZ/dep/7", "token 1 'buys': head 7 past the last token"),
])
def test_a_bad_spec_names_the_token_and_the_problem(spec, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_tokens(spec)


def test_a_company_not_in_the_text_is_named_in_the_error(nlp):
    with pytest.raises(ValueError, match="'Calder' is not named in"):
        build(nlp, DEAL_WITH, "Acme, Calder")
