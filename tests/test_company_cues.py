"""The company cues one by one (extractor.components.company_cues): each a named function that
fires on what its sentence shows and stays quiet on a near miss, reads no other cue, and the
combination table (models/company_cue_combinations.tsv) that turns raw signals into cues."""
from __future__ import annotations

import inspect
import shutil

import pytest

from extractor import assets
from extractor.assets import AssetError, asset_path
from extractor.components import company_cues
from extractor.components.company_chunks import Chunk, find_chunks
from extractor.components.company_cues import (CUES, EMITS, Article, Mention, combinations,
                                               combine, mark_people_by_surname, run_cues)

# cue -> rows of (sentence, chunk text, the signal looked for, fires or not)
CASES = {
    "suffix": [("Shares of Vodafone Group Plc rose on Monday.", "Vodafone Group Plc", "suffix",
                True),
               ("Shares of Vodafone Group rose on Monday.", "Vodafone Group", "suffix", False)],
    "bracket": [("Rochester Telephone Corp agreed to buy <Canton Telephone Co> for cash.",
                 "Canton Telephone Co", "bracket", True),
                ("Rochester Telephone Corp agreed to buy <Canton Telephone Co> for cash.",
                 "Rochester Telephone Corp", "bracket", False)],
    "ticker": [("Sprint Corp <FON> said profits rose.", "Sprint Corp", "ticker", True),
               ("Sprint Corp said profits rose.", "Sprint Corp", "ticker", False)],
    "alias": [("Acme Widgets Inc (AWI) said so.", "AWI", "alias", True),
              ("Acme Widgets Inc (AWI) said so.", "Acme Widgets Inc", "alias", False)],
    "lexicon": [("Orange, the mobile operator, cut prices.", "Orange", "carrier_lexicon", True),
                ("Orange, the mobile operator, cut prices.", "Orange", "lexicon", True),
                ("The Daily Telegraph reported the deal.", "Daily Telegraph", "carrier_lexicon",
                 False),
                ("Acme Widgets Inc said so.", "Acme Widgets Inc", "lexicon", False)],
    "descriptor": [("Telecoms firm Orange cut prices for customers.", "Orange", "descriptor", True),
                   ("Orange, the mobile operator, cut prices.", "Orange", "carrier_descriptor",
                    True),
                   ("Analysts said Swedish equipment maker Ericsson won.", "Ericsson",
                    "maker_descriptor", True),
                   ("Telecoms firm Orange cut prices for customers.", "Orange",
                    "carrier_descriptor", False),
                   ("Analysts said Ericsson won the order.", "Ericsson", "descriptor", False)],
    "dotcom": [("Amazon.com said sales rose strongly.", "Amazon.com", "descriptor", True),
               ("Amazon said sales rose strongly.", "Amazon", "descriptor", False)],
    "dateline": [("(Datamonitor) - The much-touted merger of two firms went ahead.", "Datamonitor",
                  "dateline", True),
                 ("Analysts at Datamonitor said the merger went ahead.", "Datamonitor", "dateline",
                  False)],
    "carrier_network": [("Norlight's digital fiber optic network was extended.", "Norlight",
                         "carrier_network", True),
                        ("Norlight's television network was extended.", "Norlight",
                         "carrier_network", False)],
    "carrier_service": [("Canton Telephone, which provides local telephone and data services, was "
                         "sold.", "Canton Telephone", "carrier_service", True),
                        ("Canton Widgets, which provides cleaning services, was sold.",
                         "Canton Widgets", "carrier_service", False)],
    "renamed": [("The company, formerly known as Worldcom, emerged from bankruptcy.", "Worldcom",
                 "renamed", True),
                ("The company, like Worldcom, emerged from bankruptcy.", "Worldcom", "renamed",
                 False)],
    "role": [("The chief executive of Qwest said the bid was fair.", "Qwest", "role", True),
             ("The bid for Qwest was fair, analysts said.", "Qwest", "role", False)],
    "list": [("He met telecom partners, including Alcatel, Nokia and Siemens, in Paris.", "Alcatel",
              "list", True),
             ("He met Alcatel, Nokia and Siemens in Paris.", "Alcatel", "list", False)],
    "deal": [("Verizon agreed to buy MCI for seven billion dollars.", "MCI", "deal", True),
             ("Verizon said MCI was big.", "MCI", "deal", False)],
    "owner": [("Canton serves customers in northeastern Pennsylvania.", "Canton", "owner", True),
              ("Canton lies in northeastern Pennsylvania.", "Canton", "owner", False)],
    "possessive": [("Qwest's board rejected the offer on Tuesday.", "Qwest", "possessive", True),
                   ("Qwest's weather was fine on Tuesday.", "Qwest", "possessive", False)],
    "name_word": [("Analysts said Walker Communications would report a profit.",
                   "Walker Communications", "name_word", True),
                  ("Analysts said Walker Jones would report a profit.", "Walker Jones",
                   "name_word", False)],
    "org": [("Shares of Vodafone Group Plc rose.", "Vodafone Group Plc", "org", True),
            ("A Post and Telecommunications ministry official said so.", "Post", "-mixed", True),
            ("Shares of Vodafone Group Plc rose.", "Vodafone Group Plc", "-mixed", False),
            ("The deal was signed in Paris.", "Paris", "org", False)],
    "of_place": [("Samsung of South Korea said it would build a plant.", "Samsung", "of_place",
                  True),
                 ("Samsung said it would build a plant in South Korea.", "Samsung", "of_place",
                  False)],
    "name_carrier": [("Deutsche Telekom said profits rose.", "Deutsche Telekom", "carrier_name",
                      True),
                     ("Philips Telecommunications Industrie won an order.",
                      "Philips Telecommunications Industrie", "maker_name", True),
                     ("The Daily Telegraph reported the deal.", "Daily Telegraph", "publication",
                      True),
                     ("Zedlore magazine reported the deal.", "Zedlore", "publication", True),
                     ("Zedlore reported the deal in a magazine.", "Zedlore", "publication",
                      False),
                     ("Southwestern Bell said profits rose, and Bell Resources fell.",
                      "Bell Resources", "carrier_name", False),
                     ("Deutsche Telekom said profits rose.", "Deutsche Telekom", "maker_name",
                      False)],
    "caps_dateline": [("BANGALORE, INDIA - An anticipated boom in phone sales began.", "BANGALORE",
                       "caps_dateline", True),
                      ("Sales in BANGALORE rose sharply last year.", "BANGALORE",
                       "caps_dateline", False)],
    "nation": [("The Finnish company said sales rose.", "Finnish", "-nation", True),
               ("The Finnish Telephone company said sales rose.", "Finnish Telephone", "-nation",
                False)],
    "model_code": [("He drove a Mercedes Benz C180 to the office.", "Mercedes Benz C180",
                    "model_code", True),
                   ("He drove a Mercedes Benz to the office.", "Mercedes Benz", "model_code",
                    False)],
    "possessed_org": [("The European People's Party won the vote.", "European People", "-org",
                       True),
                      ("The European People's party won the vote.", "European People", "-org",
                       False)],
    "label": [("The deal was signed in Paris.", "Paris", "-label", True),
              ("Shares of Vodafone Group Plc rose.", "Vodafone Group Plc", "-label", False)],
    "place_after_of": [("Samsung of South Korea said it would build a plant.", "South Korea",
                        "-place", True),
                       ("Samsung said it would build a plant in South Korea.", "South Korea",
                        "-place", False)],
    "surname_tail": [("Felipe Contepomi scored twice, and Contepomi said he was happy.",
                      "Felipe Contepomi", "surname_tail", True),
                     ("Walker Communications said profits rose.", "Walker Communications",
                      "surname_tail", False)],
    "role_before": [("The deal, said boss Bernie Ebbers, was fair.", "Bernie Ebbers", "-person",
                     True),
                    ("The deal, said Bernie Ebbers, was fair.", "Bernie Ebbers", "-person", False)],
    "bare_acronym": [("Staff at WLTM said the deal was done.", "WLTM", "bare_acronym", True),
                     ("Staff at Wltm said the deal was done.", "Wltm", "bare_acronym", False)],
    "lower_first": [("He bought an iPhone last week.", "iPhone", "lower_first", True),
                    ("He bought an Apple last week.", "Apple", "lower_first", False)],
    "plural_kind": [("Shares of U.K. Firms fell in London.", "U.K. Firms", "plural_kind", True),
                    ("Shares of U.K. Telecom fell in London.", "U.K. Telecom", "plural_kind",
                     False)],
    "plural_tail": [("He sold Ericsson AXE Signal Transfer Point Switches to the group.",
                     "Ericsson AXE Signal Transfer Point Switches", "plural_tail", True),
                    ("Shares of U.K. Firms fell in London.", "U.K. Firms", "plural_tail_place",
                     True),
                    ("Shares of U.K. Firms fell in London.", "U.K. Firms", "plural_tail", False),
                    ("Walker Communications said profits rose.", "Walker Communications",
                     "plural_tail", False)],
    "place_common": [("The U.S. Opposition to the deal grew, and the opposition said so.",
                      "U.S. Opposition", "place_common", True),
                     ("The U.S. Opposition to the deal grew.", "U.S. Opposition", "place_common",
                      False)],
    "kind_modifier": [("The U.S. Telecommunications giant American Telephone and Telegraph "
                       "said so.", "U.S. Telecommunications", "kind_modifier", True),
                      ("The U.S. Telecommunications giant said so.", "U.S. Telecommunications",
                       "kind_modifier", False)],
    "opening_kind_word": [("Group president Thomas Schmidheiny said the deal was good.", "Group",
                           "opening_kind_word", True),
                          ("The Group said the deal was good.", "Group", "opening_kind_word",
                           False)],
    "function_word": [("Several of Ireland's biggest companies said so.", "Several",
                       "function_word", True),
                      ("Sony of Japan said so.", "Sony", "function_word", False)],
    "opening_plural": [("Rumours grew about a bid.", "Rumours", "opening_plural", True),
                       ("He said Rumours grew about a bid.", "Rumours", "opening_plural", False)],
    "tagged_common": [("He was named head of Distribution at the firm.", "Distribution",
                       "tagged_common", True),
                      ("He was named head of Qwest at the time.", "Qwest", "tagged_common", False)],
    "plural_caps": [("Many ISPs cut prices in the city.", "ISPs", "-common", True),
                    ("Many ISP staff cut prices in the city.", "ISP", "-common", False)],
    "lower_elsewhere": [("Sales of Handsets rose, and handsets sold well.", "Handsets",
                         "lower_elsewhere", True),
                        ("Sales of Handsets rose.", "Handsets", "lower_elsewhere", False)],
    "plural_proper": [("A Post and Telecommunications ministry official said so.",
                       "Telecommunications", "plural_proper", True),
                      ("A Post and Telecommunications ministry official said so.", "Post",
                       "plural_proper", False)],
    "name_word_alone": [("He said Telecom would gain.", "Telecom", "name_word_alone", True),
                        ("He said Qwest would gain.", "Qwest", "name_word_alone", False)],
    "public_bank": [("The World Bank lent money to Kenya.", "World Bank", "-org", True),
                    ("The Royal Bank lent money to Kenya.", "Royal Bank", "-org", False)],
    "org_word_after": [("Communications Minister Paul Smith said so.", "Communications",
                        "org_word_after", True),
                       ("Communications firm Acme said so.", "Communications", "org_word_after",
                        False)],
    "org_word_head": [("A Post and Telecommunications ministry official said so.", "Post",
                       "org_word_head", True),
                      ("A Post and Telecommunications company official said so.", "Post",
                       "org_word_head", False)],
    "gov_title": [("Communications Minister Paul Smith said so.", "Communications", "-org", True),
                  ("Communications firm Acme said so.", "Communications", "-org", False)],
    "product_code": [("He used DSL (Digital Subscriber Line) at home.", "Digital Subscriber Line",
                      "-product", True),
                     ("He used Digital Subscriber Line at home.", "Digital Subscriber Line",
                      "-product", False)],
    "not_company": [("It sold 3G phones and Bluetooth headsets.", "Bluetooth", "-product", True),
                    ("It sold 3G phones and Acme headsets.", "Acme", "-product", False)],
    "title_tail": [("He listened to Go Digital on the radio.", "Digital", "title_tail", True),
                   ("He listened to Digital on the radio.", "Digital", "title_tail", False)],
    "maker_model": [("Sony's PSP will compete with the Nintendo DS in Europe, Nintendo said.",
                     "Nintendo DS", "maker_model", True),
                    ("Sony's PSP will compete with the Nintendo DS in Europe.", "Nintendo DS",
                     "maker_model", False)],
    "age": [("Max, 14, bought a phone from a shop.", "Max", "-person", True),
            ("Shares in Acme Widgets, 15, Beta Systems and Gamma Networks rose.", "Acme Widgets",
             "-person", False)],
    "industry_body": [("The British Phonographic Industry said piracy grew.",
                       "British Phonographic Industry", "industry_body", True),
                      ("The British Phonographic Society said piracy grew.",
                       "British Phonographic Society", "industry_body", False)],
    "org_word": [("He was based at Bristol University last year.", "Bristol University", "-org",
                  True),
                 ("He was based at Bristol Telecom last year.", "Bristol Telecom", "-org", False)],
    "known_surname": [("He met Mr Smith. Smith said so.", "Smith", "-person", True),
                      ("He met Qwest. Smith said so.", "Smith", "-person", False)],
    "person_title": [("Judge Jane Smith ruled on the case.", "Jane Smith", "-person", True),
                     ("Jane Smith ruled on the case.", "Jane Smith", "-person", False)],
    "stray_word": [("Reuter said so.", "Reuter", "-product", True),
                   ("Qwest said so.", "Qwest", "-product", False)],
    "number": [("Channel 4 said profits rose.", "Channel 4", "number", True),
               ("Channel Four said profits rose.", "Channel Four", "number", False)],
    "modifier": [("OneTel adverts were spotted in London.", "OneTel", "owner_modifier", True),
                 ("It sold 3G phones and Bluetooth headsets.", "Bluetooth", "-modifier", True),
                 ("OneTel adverts were spotted in London.", "OneTel", "-modifier", False),
                 ("OneTel said so in London.", "OneTel", "owner_modifier", False)],
    "plural_product": [("He bought iPhones in the shop.", "iPhones", "-modifier", True),
                       ("He bought an iPhone in the shop.", "iPhone", "-modifier", False)],
}
ROWS = [(name, *row) for name, rows in CASES.items() for row in rows]


def _mention(nlp, sentence: str, text: str):
    """The Doc, the candidate ``text`` (the chunker's, or a chunk made over the first tokens
    that spell it) and the article of ``sentence``."""
    doc = nlp(sentence)
    lex = next(p for n, p in nlp.pipeline if "compan" in n).lex
    chunks, _ = find_chunks(doc, lex)
    chunk = next((c for c in chunks if doc[c.start:c.end].text == text), None)
    if chunk is None:
        start = next(t.i for t in doc if doc[t.i:].text.startswith(text))
        end = next(t.i + 1 for t in doc[start:] if doc[start:t.i + 1].text == text)
        chunk = Chunk(start, end)
        chunks.append(chunk)
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    return doc, Mention.of(doc, chunk), Article(doc, chunks, lex, surnames)


@pytest.mark.parametrize("name, sentence, text, signal, fires", ROWS,
                         ids=[f"{r[0]}-{r[2]}-{r[3]}-{r[4]}" for r in ROWS])
def test_cue(nlp, name, sentence, text, signal, fires):
    doc, m, art = _mention(nlp, sentence, text)
    out = set(CUES[name](doc, m, art))
    assert out <= EMITS[name], f"{name} returned {out - EMITS[name]}, not declared"
    assert (signal in out) == fires, f"{name} on {text!r}: {sorted(out)}"


def test_every_cue_has_rows_that_fire_and_rows_that_do_not():
    assert sorted(CASES) == sorted(CUES)
    for name, rows in CASES.items():
        assert {fires for *_, fires in rows} == {True, False}, name
        assert {signal for _, _, signal, _ in rows} <= EMITS[name], name


# --- the registry: every cue function registered, none reading another's result --------------

def _cue_functions():
    """Functions of company_cues written as cues: parameters (doc, m, art)."""
    return [f for _, f in inspect.getmembers(company_cues, inspect.isfunction)
            if f.__module__ == company_cues.__name__
            and list(inspect.signature(f).parameters) == ["doc", "m", "art"]]


def test_every_cue_function_is_registered():
    functions = _cue_functions()
    assert len(functions) == len(CUES) >= 50
    assert {f.__name__ for f in functions} == {f.__name__ for f in CUES.values()}


def _names_used(code) -> set[str]:
    """Global and attribute names a function's code reads (its comprehensions' too)."""
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _names_used(const)
    return names


def test_no_cue_reads_cues_or_calls_another_cue():
    cue_names = {f.__name__ for f in CUES.values()}
    helpers = [f for _, f in inspect.getmembers(company_cues, inspect.isfunction)
               if f.__module__ == company_cues.__name__ and f.__name__ not in {
                   "combine", "mark_people_by_surname", "run_cues", "combinations", "cue"}]
    assert len(helpers) > len(CUES)  # the cues and the helpers they call
    for function in helpers:
        used = _names_used(function.__code__)
        assert not used & {"cues", "carrier_cue", "maker_cue", "CUES"}, function.__name__
        called = used & (cue_names - {function.__name__})
        assert not called, f"{function.__name__} calls {called}"


# --- the combination step -----------------------------------------------------------------

@pytest.mark.parametrize("signals, given, cues, carrier, maker", [
    ({"caps_dateline"}, set(), {"-place"}, False, False),
    ({"caps_dateline", "suffix"}, set(), {"suffix"}, False, False),       # must not fire
    ({"bare_acronym", "deal"}, set(), {"deal"}, False, False),           # a medium cue stops it
    ({"bare_acronym", "org"}, set(), {"org", "-acronym"}, False, False),  # but not "org"
    # "owner" of this table is read by no row: "Orange customers" stays an acronym
    ({"bare_acronym", "owner_modifier"}, set(), {"owner", "-acronym"}, False, False),
    ({"tagged_common", "role"}, set(), {"role", "-common"}, False, False),
    ({"tagged_common", "descriptor"}, set(), {"descriptor"}, False, False),
    ({"number"}, set(), {"-product"}, False, False),
    ({"number"}, {"digit"}, set(), False, False),                        # the chunker's digit
    ({"carrier_lexicon", "lexicon"}, set(), {"lexicon"}, True, False),
    ({"carrier_lexicon", "lexicon", "publication"}, set(), {"lexicon"}, False, False),
    ({"maker_descriptor", "descriptor"}, set(), {"descriptor"}, False, True),
    ({"maker_descriptor", "carrier_descriptor"}, set(), set(), True, False),
    ({"maker_descriptor", "carrier_network"}, set(), set(), True, True),
    ({"carrier_name"}, set(), set(), True, False),
    ({"carrier_name", "maker_name"}, set(), set(), False, True),
    ({"carrier_name", "maker_name", "publication"}, set(), set(), False, False),
])
def test_combine(signals, given, cues, carrier, maker):
    chunk = Chunk(0, 1, cues=set(given))
    combine(chunk, set(signals))
    assert (chunk.cues - given, chunk.carrier_cue, chunk.maker_cue) == (cues, carrier, maker)


def test_every_raw_signal_has_a_row():
    """A signal no row reads would be lost; every name a cue returns is a cue or a row's."""
    whens = {row.when for row in combinations()}
    returned = set().union(*EMITS.values())
    assert whens <= returned
    raw = {s for s in returned if not s.startswith("-") and s not in {
        "suffix", "bracket", "ticker", "alias", "lexicon", "descriptor", "dateline", "renamed",
        "role", "list", "deal", "owner", "possessive", "name_word", "org", "of_place",
        "publication"}}
    assert raw <= whens, sorted(raw - whens)


def test_a_surname_alone_after_the_full_name_is_a_person(nlp):
    doc, m, art = _mention(nlp, "Felipe Contepomi scored twice, and Contepomi said he was happy.",
                           "Contepomi")
    full = next(c for c in art.ends.values() if c.end - c.start == 2)
    for chunk in (full, m.chunk):
        combine(chunk, run_cues(doc, chunk, art))
    assert "-person" in full.cues and "-person" not in m.chunk.cues
    mark_people_by_surname(doc, [full, m.chunk])
    assert "-person" in m.chunk.cues
    # must not fire: a strong cue speaks for the one word
    m.chunk.cues = {"suffix"}
    mark_people_by_surname(doc, [full, m.chunk])
    assert m.chunk.cues == {"suffix"}


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A temporary models folder holding the real schema."""
    models = asset_path("schema.tsv").parent
    shutil.copy(models / "schema.tsv", tmp_path / "schema.tsv")
    monkeypatch.setattr(assets, "asset_path", lambda name: tmp_path / name)
    assets.clear_cache()
    combinations.cache_clear()
    company_cues._raw_signals.cache_clear()
    yield tmp_path
    assets.clear_cache()
    combinations.cache_clear()
    company_cues._raw_signals.cache_clear()


@pytest.mark.parametrize("row, message", [
    ("-place\tcaps_datelin\tsuffix", "row -place when caps_datelin: 'caps_datelin' is returned "
                                     "by no cue"),
    ("-place\tcaps_dateline\tsufix", "row -place when caps_dateline: 'sufix' is no cue, signal "
                                     "or group (STRONG, MEDIUM)"),
    ("-place\tcaps_dateline\tSTRONG\tORG", "'ORG' is no cue"),
    ("carrer\tcarrier_name", "row carrer when carrier_name: emits 'carrer', expected a "
                             "negative cue"),
    ("-place\tcaps dateline", "line 2: column 'when' is 'caps dateline', expected one word"),
])
def test_a_bad_combination_row_names_file_and_problem(models, row, message):
    (models / "company_cue_combinations.tsv").write_text("# x\n" + row + "\n", encoding="utf-8")
    with pytest.raises(AssetError) as error:
        combinations()
    assert str(error.value).startswith("models/company_cue_combinations.tsv")
    assert message in str(error.value)
