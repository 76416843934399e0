"""Relation rules on small sentences, as tables of (sentence, companies, expected) by behaviour.

The companies are set by hand (the companies component has its own tests), so these tests pin
the relation rules alone (no deal model) through the statistical parser; the rule logic on
hand-built parses is in ``test_relation_rules_docs.py``. Each table has rows that must not fire
(an empty expectation). The last tests run the whole rule pipeline.
"""
from __future__ import annotations

import re

import pytest

from extractor.relation_rules import DealFinder, load_lexicon


@pytest.fixture(scope="module")
def nlp():
    """The pipeline without the trained deal model: these tests pin the rules, which the model
    reads as evidence (the model's own decisions are tested in test_deal_model.py)."""
    import extractor

    return extractor.load(learned=False)


class Carrier(str):
    """A company name of a table row that is a carrier (the rest are plain companies)."""


def run(nlp, text, companies, groups=()):
    """Run the pipeline with ``doc._.companies`` set from ``companies`` (each a name or
    [name, form...]; a :class:`Carrier` name is a carrier)."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "extractor_companies":
            found, taken = [], set()
            for entry in companies:
                forms = [entry] if isinstance(entry, str) else list(entry)
                mentions = []
                for form in forms:
                    for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                        if not taken & set(range(m.start(), m.end())):
                            taken |= set(range(m.start(), m.end()))
                            mentions.append({"text": form, "start": m.start(), "end": m.end()})
                found.append({"name": str(forms[0]),
                              "role": "carrier" if isinstance(forms[0], Carrier) else "company",
                              "mentions": mentions})
            doc._.companies = found
            doc._.company_groups = list(groups)
        else:
            doc = proc(doc)
    return doc


def pairs(doc):
    return {frozenset((r["source"], r["target"])) for r in doc._.relations}


def pair(a, b):
    return frozenset((a, b))


def ids(table):
    return [re.sub(r"\W+", "_", row[0][:48]).strip("_") for row in table]


NONE: set = set()  # a row that must not fire

# --- which pairs: (sentence, companies, unordered pairs expected) by behaviour -----------------

DEAL_WORDS = [  # verbs and nouns of deals, their prepositions and constructions
    ("The news follows Sprint's signing of a deal with Google for search services.",
     [Carrier("Sprint"), "Google"], {("Sprint", "Google")}),
    ("Sprint and Nextel agreed to merge last year.", ["Sprint", "Nextel"],
     {("Sprint", "Nextel")}),
    ("Cellnet, the 50-50 venture of BT and Securicor, grew fast.",
     ["Cellnet", "BT", "Securicor"], {("BT", "Securicor")}),
    ("The joint venture between Sony and Ericsson makes handsets.", ["Sony", "Ericsson"],
     {("Sony", "Ericsson")}),
    ("Orange Business Services collaborates with Microsoft",
     ["Orange Business Services", "Microsoft"], {("Orange Business Services", "Microsoft")}),
    ("Volvo and Uber announced a partnership to develop autonomous cars.", ["Volvo", "Uber"],
     {("Volvo", "Uber")}),
    ("Sales of Land Rovers (made by the Rover unit that BMW sold to Ford) rose.",
     ["Rover", "BMW", "Ford"], {("Ford", "Rover"), ("Ford", "BMW")}),
    ("GM agreed to sell its stake in GM East Africa to Isuzu.",
     ["GM East Africa", "GM", "Isuzu"], {("GM", "Isuzu")}),
    ("AT&T awarded a 500 mln dlr contract to Northern Telecom.", ["AT&T", "Northern Telecom"],
     {("AT&T", "Northern Telecom")}),
    ("Ericsson signed a contract to supply BellSouth with two Ericsson AXE Switches.",
     ["Ericsson", "BellSouth", "Ericsson AXE Switches"], {("Ericsson", "BellSouth")}),
    ("BT took a 20 pct stake in MCI.", ["BT", "MCI"], {("BT", "MCI")}),
    ("Deutsche Telekom is in talks with France Telecom about a merger.",
     ["Deutsche Telekom", "France Telecom"], {("Deutsche Telekom", "France Telecom")}),
    ("GE bought Vivendi Universal, merging it with NBC.", ["GE", "Vivendi Universal", "NBC"],
     {("GE", "Vivendi Universal"), ("Vivendi Universal", "NBC")}),
    ("Contel Corp said it agreed to acquire <Walker Telephone Co> of Georgia.",
     [["Contel", "Contel Corp"], ["Walker Telephone", "Walker Telephone Co"]],
     {("Contel", "Walker Telephone")}),
    ("Verizon Wireless Buys NextWave Licenses (NewsFactor)",
     ["Verizon Wireless", "NextWave", "NewsFactor"], {("Verizon Wireless", "NextWave")}),
    ("Aseman Airlines ordered 30 jets from Boeing in April.", ["Aseman Airlines", "Boeing"],
     {("Aseman Airlines", "Boeing")}),
    ("Boeing won an order from Emirates for 40 jets.", ["Boeing", "Emirates"],
     {("Boeing", "Emirates")}),
    ("Verizon acquired 30 pct of Cellco from Vodafone.", ["Verizon", "Cellco", "Vodafone"],
     {("Verizon", "Cellco"), ("Verizon", "Vodafone")}),
    ("Continental partners with Baidu", ["Continental", "Baidu"], {("Continental", "Baidu")}),
    ("J&J's Partnership with IBM Could Turn Profitable", ["J&J", "IBM"], {("J&J", "IBM")}),
    ("Nokia cut a deal with Intel.", ["Nokia", "Intel"], {("Nokia", "Intel")}),
    # must not fire: no deal between these two, or no deal word at all
    ("Cable and Wireless is seeking a stake in the proposed rival to Kokusai Denshin Denwa.",
     ["Cable and Wireless", "Kokusai Denshin Denwa"], NONE),
    ("San/Bar distributes all shares of its Break-Free unit.", ["San/Bar", "Break-Free"], NONE),
    ("Verizon and Sprint are competing for the contract.", ["Verizon", "Sprint"], NONE),
    ("Sprint filed a lawsuit against Nextel over the agreement.", ["Sprint", "Nextel"], NONE),
    ("Nokia and Vodafone gained after the deal was announced.", ["Nokia", "Vodafone"], NONE),
    ("Partners of China Mobile have joined the sales team of Lenovo.",
     ["China Mobile", "Lenovo"], NONE),
    ("The FCC issued an order against Verizon.", ["Verizon"], NONE),
    ("Customers bought phones from Nokia rather than Motorola.", ["Nokia", "Motorola"], NONE),
    ("Hong Kong Telecommunications will issue a statement to Reuters.",
     ["Hong Kong Telecommunications", "Reuters"], NONE),
    ("Nokia makes phones and Intel makes chips.", ["Nokia", "Intel"], NONE),
]

LISTS = [  # lists of parties on either side
    ("Orange has signed supply contracts with five handset makers, including Nokia, Sagem and "
     "Alcatel.", [Carrier("Orange"), "Nokia", "Sagem", "Alcatel"],
     {("Orange", "Nokia"), ("Orange", "Sagem"), ("Orange", "Alcatel")}),
    ("In 2003 Telstra teamed with Nokia, Ericsson and Motorola to sell phones.",
     [Carrier("Telstra"), "Nokia", "Ericsson", "Motorola"],
     {("Telstra", "Nokia"), ("Telstra", "Ericsson"), ("Telstra", "Motorola")}),
    ("Nokia, Siemens, and Alcatel will cooperate with Vodafone on 3G networks.",
     ["Nokia", "Siemens", "Alcatel", Carrier("Vodafone")],
     {("Vodafone", "Nokia"), ("Vodafone", "Siemens"), ("Vodafone", "Alcatel")}),
    ("Time Inc agreed to sell its Home Box Office unit to Viacom.",
     ["Time Inc", "Home Box Office", "Viacom"],
     {("Viacom", "Home Box Office"), ("Viacom", "Time Inc")}),
    ("Atos joined forces with EMC and VMware.", ["Atos", "EMC", "VMware"],
     {("Atos", "EMC"), ("Atos", "VMware")}),
    ("Heron Labs has deep partnerships with Oracle and Infosys.",
     ["Heron Labs", "Oracle", "Infosys"], {("Heron Labs", "Oracle"), ("Heron Labs", "Infosys")}),
    ("Colgate-Palmolive has strategic partners, including SAP and Google Cloud.",
     ["Colgate-Palmolive", "SAP", "Google Cloud"],
     {("Colgate-Palmolive", "SAP"), ("Colgate-Palmolive", "Google Cloud")}),
    ("Nokia's partners include Intel and AMD.", ["Nokia", "Intel", "AMD"],
     {("Nokia", "Intel"), ("Nokia", "AMD")}),
    ("Honda Motor and General Motors announced that they will jointly produce fuel cells.",
     ["Honda Motor", "General Motors"], {("Honda Motor", "General Motors")}),
    # must not fire: listed together, but no deal between them
    ("Nokia competes with rivals, including Intel and AMD.", ["Nokia", "Intel", "AMD"], NONE),
    ("ATT controls about 80 pct of the long distance market, with MCI about 10 pct and Sprint "
     "five pct.", ["ATT", "MCI", "Sprint"], NONE),
    ("Nokia and Intel together control 60 pct of the market.", ["Nokia", "Intel"], NONE),
    ("The bid was prepared in association with Lazard and Rothschild.", ["Lazard", "Rothschild"],
     NONE),
]

REFERENCES = [  # pronouns, "the company", "the latter", group nouns, relative pronouns
    ('"We intend to submit an offer to acquire MCI," the letter from Qwest said.',
     ["Qwest", "MCI"], {("Qwest", "MCI")}),
    ("Verizon said it agreed to acquire MCI.", ["Verizon", "MCI"], {("Verizon", "MCI")}),
    ("AFP - Singapore Telecom said it has entered into an agreement with TIME dotCom.",
     ["AFP", "Singapore Telecom", "TIME dotCom"], {("Singapore Telecom", "TIME dotCom")}),
    ("Sumitomo withdrew its offer for UFJ, enabling the latter to merge with Mitsubishi.",
     ["Sumitomo", "UFJ", "Mitsubishi"], {("Sumitomo", "UFJ"), ("UFJ", "Mitsubishi")}),
    ("Monsanto Chemical, a unit of Monsanto, is to acquire the plastics business of "
     "Rhone-Poulenc Chimie.", ["Monsanto Chemical", "Monsanto", "Rhone-Poulenc Chimie"],
     {("Monsanto Chemical", "Rhone-Poulenc Chimie")}),
    ("Cingular posted higher sales. The company agreed to buy AT&T Wireless.",
     ["Cingular", "AT&T Wireless"], {("Cingular", "AT&T Wireless")}),
    ("Nokia, Ericsson and Siemens make network gear. Those three companies signed contracts "
     "with Telefonica.", ["Nokia", "Ericsson", "Siemens", "Telefonica"],
     {("Telefonica", "Nokia"), ("Telefonica", "Ericsson"), ("Telefonica", "Siemens")}),
    ("Nokia, Sagem and Alcatel make phones. Orange signed supply deals with its partners.",
     ["Nokia", "Sagem", "Alcatel", "Orange"],
     {("Orange", "Nokia"), ("Orange", "Sagem"), ("Orange", "Alcatel")}),
    ("Nokia, which works with Intel, makes phones.", ["Nokia", "Intel"], {("Nokia", "Intel")}),
    ("A second bid has come from the electronics group Siemens AG, which hopes to take a 20 pct "
     "stake in CGCT.", [["Siemens", "Siemens AG"], "CGCT"], {("Siemens", "CGCT")}),
    # must not fire: the reference is to no company, or to a reporter
    ("T-Mobile grew. AT&T is negotiating new labor contracts with its employees.",
     ["T-Mobile", "AT&T"], NONE),
    ("Mattson told Reuters that Baker believed a merger was possible between the two companies.",
     ["Reuters", "Baker"], NONE),
    ("Nokia, Sagem and Alcatel make phones. Prices fell. Sales rose. Margins held. Orange "
     "signed supply deals with its partners.", ["Nokia", "Sagem", "Alcatel", "Orange"], NONE),
    ("SchickHydro.com will ship blades that work with Gillette's razors.",
     ["SchickHydro.com", "Gillette"], NONE),
    ("Exxon Mobil and Fannie Mae sold bonds. Debt investors are happy; they bought up multiple "
     "debt offerings from Apple.", ["Exxon Mobil", "Fannie Mae", "Apple"], NONE),
    ("Analysts queried by Reuters questioned the stand on the Cable and Wireless bid.",
     ["Reuters", "Cable and Wireless"], NONE),
    # a bid for a share where no company's share was named before: no target guessed
    ("Siemens gained market share. Ericsson has submitted a bid for 20 pct.",
     ["Siemens", "Ericsson"], NONE),
]

NEGATION_AND_MODALITY = [  # denied, negated, guessed by others, planned by the party itself
    ("Verizon expects to complete the acquisition of MCI in July.", ["Verizon", "MCI"],
     {("Verizon", "MCI")}),
    ("Apple has a long relationship with Qualcomm.", ["Apple", "Qualcomm"],
     {("Apple", "Qualcomm")}),
    # must not fire
    ('"We expect Verizon to bid for MCI," an analyst said.', ["Verizon", "MCI"], NONE),
    ("Analysts said Qwest may table a rival bid for MCI.", ["Qwest", "MCI"], NONE),
    ("Many dealers expect Lloyds Bank to renew its offer for Standard Chartered.",
     ["Lloyds Bank", "Standard Chartered"], NONE),
    ("Gazprom, the company originally tipped to buy Yugansk, was banned from the auction.",
     ["Gazprom", "Yugansk"], NONE),
    ("Analysts said they expected Boliden to announce it will take over Allis-Chalmers.",
     ["Boliden", "Allis-Chalmers"], NONE),
    ("Bertelsmann will book the sale of its stake in AOL Europe as a loss.",
     ["Bertelsmann", "AOL Europe"], NONE),
    ("Disney decided to stop selling movies to Netflix.", ["Disney", "Netflix"], NONE),
    ("Vodafone denied it was in talks with Verizon.", ["Vodafone", "Verizon"], NONE),
    ("Vodafone has no plans to buy Verizon.", ["Vodafone", "Verizon"], NONE),
    ("Nokia did not sign a deal with Vodafone.", ["Nokia", "Vodafone"], NONE),
    ("Brokers said Kestrel Telecom could buy out minority shareholders in Lumenet.",
     ["Kestrel Telecom", "Lumenet"], NONE),
    ("Analysts said CTG could become a unit of British Telecom.", ["CTG", "British Telecom"],
     NONE),
    ("Nokia is not a partner of Intel.", ["Nokia", "Intel"], NONE),
    ("Nokia and Intel are rivals, not partners.", ["Nokia", "Intel"], NONE),
    ("A merger with Sprint could create the largest carrier, analysts said.",
     ["Sprint", "Nextel"], NONE),
    ("Nextel's merger with Sprint was not approved.", ["Sprint", "Nextel"], NONE),
    ("Nextel has no deal with Sprint.", ["Sprint", "Nextel"], NONE),
    ("Apple is having a contentious relationship with Qualcomm.", ["Apple", "Qualcomm"], NONE),
    ("Nokia regards Intel as a rival.", ["Nokia", "Intel"], NONE),
]

OWNERSHIP_AND_TRANSFERS = [  # stakes, ownership, becoming a subsidiary, transfers, installation
    ("Under the agreement, Contel owns 40 pct of Walker County Telephone.",
     ["Contel", "Walker County Telephone"], {("Contel", "Walker County Telephone")}),
    ("Norvik said its profit came from its 40 pct share ownership of Castell's operations.",
     ["Norvik", "Castell"], {("Norvik", "Castell")}),
    ("Telvia is to spend 200m dollars on buying out minority shareholders in Brightnet.",
     ["Telvia", "Brightnet"], {("Telvia", "Brightnet")}),
    ("BT has transferred the systems division of its subsidiary, CTG Inc, to Mitel Corp, Mitel "
     "said.", ["BT", ["CTG", "CTG Inc"], ["Mitel", "Mitel Corp"]],
     {("Mitel", "CTG"), ("Mitel", "BT")}),
    ("CTG became a wholly owned British Telecom subsidiary in May, 1985.",
     ["CTG", "British Telecom"], {("CTG", "British Telecom")}),
    ("Hong Kong Telephone and Cable Hong Kong will become subsidiaries of a new holding company, "
     "Hong Kong Telecommunications.",
     ["Hong Kong Telephone", "Cable Hong Kong", "Hong Kong Telecommunications"],
     {("Hong Kong Telephone", "Hong Kong Telecommunications"),
      ("Cable Hong Kong", "Hong Kong Telecommunications")}),
    ("Ericsson also said its multiplexer will be installed in Norlight's fiber network by June.",
     ["Ericsson", "Norlight"], {("Ericsson", "Norlight")}),
    ("Ericsson will install switches in Norlight's network.", ["Ericsson", "Norlight"],
     {("Ericsson", "Norlight")}),
    ("Hong Kong Telecommunications will issue 4.18 billion new shares to Cable and Wireless.",
     ["Hong Kong Telecommunications", "Cable and Wireless"],
     {("Hong Kong Telecommunications", "Cable and Wireless")}),
    ("That will leave the Cable and Wireless group with an 80 pct stake in Hong Kong "
     "Telecommunications.", ["Cable and Wireless", "Hong Kong Telecommunications"],
     {("Cable and Wireless", "Hong Kong Telecommunications")}),
    ("Kestrel Telecom set up a joint venture with Amberline Systems in March. Under the "
     "venture, each company holds 50 pct of Bluewave.",
     ["Kestrel Telecom", "Amberline Systems", "Bluewave"],
     {("Kestrel Telecom", "Amberline Systems"), ("Kestrel Telecom", "Bluewave"),
      ("Amberline Systems", "Bluewave")}),
    ("Hong Kong Telecommunications will issue new shares to Cable Far East. That subsidiary now "
     "holds the group's 80 pct stake in Cable Hong Kong and about 22 pct of Telephone Co.",
     ["Hong Kong Telecommunications", "Cable Far East", "Cable Hong Kong", "Telephone Co"],
     {("Hong Kong Telecommunications", "Cable Far East"), ("Cable Far East", "Cable Hong Kong"),
      ("Cable Far East", "Telephone Co")}),
    ("Norvik's stake in Castell will be cut from 65% to 40%.", ["Norvik", "Castell"],
     {("Norvik", "Castell")}),
    # must not fire: owned in passing, rights not shares, a sale of a stake, own network
    ("Verizon Wireless, owned by Verizon and Vodafone, added customers after the deal.",
     ["Verizon Wireless", "Verizon", "Vodafone"], NONE),
    ("Contel owns the rights to Walker County Telephone's directory.",
     ["Contel", "Walker County Telephone"], NONE),
    ("BT transferred the calls to its own network.", ["BT"], NONE),
    ("CTG, a subsidiary of British Telecom, reported higher profits.",
     ["CTG", "British Telecom"], NONE),
    ("Ericsson said its multiplexer was installed in the Stockholm office of Norlight's rival.",
     ["Ericsson", "Norlight"], NONE),
    ("Nokia sold its stake in Intel.", ["Nokia", "Intel"], NONE),
]

ROLES_AND_COOPERATION = [  # role nouns ("partner"), working together, "jointly"
    ("Accenture is already a major Oracle partner.", ["Accenture", "Oracle"],
     {("Accenture", "Oracle")}),
    ("Changan Automobile, Ford Motor's partner in China, will invest 18 billion yuan.",
     ["Changan Automobile", "Ford Motor"], {("Changan Automobile", "Ford Motor")}),
    ("Cisco Systems and Google are working together to let companies run applications.",
     ["Cisco Systems", "Google"], {("Cisco Systems", "Google")}),
    ("Nokia is working with Intel on a new chip.", ["Nokia", "Intel"], {("Nokia", "Intel")}),
    ("Accenture and Oracle jointly created a business group.", ["Accenture", "Oracle"],
     {("Accenture", "Oracle")}),
    ("Nokia jointly developed the chip with Intel.", ["Nokia", "Intel"], {("Nokia", "Intel")}),
    ("The venture is jointly owned by Sony and Ericsson.", ["Sony", "Ericsson"],
     {("Sony", "Ericsson")}),
    ("Atos and Hitachi Data Systems have been longstanding partners.",
     ["Atos", "Hitachi Data Systems"], {("Atos", "Hitachi Data Systems")}),
    ("As part of the collaboration, Vodafone and IBM are bringing two new capabilities "
     "together.", ["Vodafone", "IBM"], {("Vodafone", "IBM")}),
    ("Vodafone has renewed its multi-million dollar engagement with IBM.", ["Vodafone", "IBM"],
     {("Vodafone", "IBM")}),
    ("Hitachi selected Teradata as an alliance partner.", ["Hitachi", "Teradata"],
     {("Hitachi", "Teradata")}),
    ("Acme is linked with Beta.", ["Acme", "Beta"], {("Acme", "Beta")}),
    # must not fire: a rival, working with others, a product, no company
    ("Nokia, Intel's rival in China, will invest 18 billion yuan.", ["Nokia", "Intel"], NONE),
    ("Nokia and Intel work with regulators.", ["Nokia", "Intel"], NONE),
    ("ATT said the terminal is designed to work with most personal computers, including those "
     "made by IBM.", ["ATT", "IBM"], NONE),
    ("Acme held a conference in association with Beta.", ["Acme", "Beta"], NONE),
    ("Acme's fall is linked with weak demand for Beta phones.", ["Acme", "Beta"], NONE),
]


def _pair_rows():
    for group, table in [("deal_words", DEAL_WORDS), ("lists", LISTS),
                         ("references", REFERENCES),
                         ("negation_modality", NEGATION_AND_MODALITY),
                         ("ownership_transfers", OWNERSHIP_AND_TRANSFERS),
                         ("roles_cooperation", ROLES_AND_COOPERATION)]:
        for row, name in zip(table, ids(table)):
            yield pytest.param(*row, id=f"{group}-{name}")


@pytest.mark.parametrize("text, companies, expected", list(_pair_rows()))
def test_pairs(nlp, text, companies, expected):
    doc = run(nlp, text, companies)
    assert pairs(doc) == {pair(a, b) for a, b in expected}


# --- kind: (sentence, companies, the kind of each relation, in order) -------------------------

KINDS = [
    ("Vodafone signed a distribution agreement with Nokia on Monday.",
     [Carrier("Vodafone"), "Nokia"], ["agreement"]),
    ("Orange has signed supply contracts with five handset makers, including Nokia, Sagem and "
     "Alcatel.", [Carrier("Orange"), "Nokia", "Sagem", "Alcatel"],
     ["contract", "contract", "contract"]),
    ("KPN signed a letter of intent with Huawei.", ["KPN", "Huawei"], ["letter_of_intent"]),
    ("Sprint and Nextel agreed to merge last year.", ["Sprint", "Nextel"], ["merger"]),
    ("Cingular agreed to buy AT&T Wireless for $41bn.", ["Cingular", "AT&T Wireless"],
     ["acquisition"]),
    ("Microsoft agreed to license its patents to Toyota.", ["Microsoft", "Toyota"], ["licence"]),
    ("BT took a 20 pct stake in MCI.", ["BT", "MCI"], ["stake"]),
    ("Singapore Telecom ties up with TIME dotCom", ["Singapore Telecom", "TIME dotCom"],
     ["alliance"]),
    ("Quux Systems invested $40 million in Zedco last year.", ["Quux Systems", "Zedco"],
     ["stake"]),
    ("Zedco announced a $40 million investment in Quux Systems.", ["Zedco", "Quux Systems"],
     ["stake"]),
    ("Zedco agreed to pay $2 billion for Quux Systems.", ["Zedco", "Quux Systems"],
     ["acquisition"]),
    ("A consortium of Zedco and Quux Systems won the licence.", ["Zedco", "Quux Systems"],
     ["teaming"]),
    # must not fire: a deal word of the kind, but no deal
    ("Sprint filed a lawsuit against Nextel over the agreement.", ["Sprint", "Nextel"], []),
    ("Zedco said sales to Quux Systems rose 5 percent.", ["Zedco", "Quux Systems"], []),
    ("Zedco will pay a dividend, unlike Quux Systems.", ["Zedco", "Quux Systems"], []),
    ("Zedco invested heavily in research, Quux Systems said.", ["Zedco", "Quux Systems"], []),
    ("Hong Kong Telecommunications will issue a statement to Reuters.",
     ["Hong Kong Telecommunications", "Reuters"], []),
    ("Nokia sold its stake in Intel.", ["Nokia", "Intel"], []),
]


@pytest.mark.parametrize("text, companies, expected", KINDS, ids=ids(KINDS))
def test_kinds(nlp, text, companies, expected):
    assert [r["kind"] for r in run(nlp, text, companies)._.relations] == expected


# --- status: (sentence, companies, (kind, status) of each relation) ---------------------------

STATUSES = [
    ("Vodafone signed a distribution agreement with Nokia on Monday.",
     [Carrier("Vodafone"), "Nokia"], [("agreement", "agreed")]),
    ("Qwest's bid for MCI was raised on Friday.", ["Qwest", "MCI"], [("bid", "proposed")]),
    ("Deutsche Telekom is in talks with France Telecom about a merger.",
     ["Deutsche Telekom", "France Telecom"], [("talks", "proposed")]),
    ("BT Group is hoping to make a return with the acquisition of Infonet Services.",
     ["BT Group", "Infonet Services"], [("acquisition", "proposed")]),
    ("Norvik said its profit came from its 40 pct share ownership of Castell's operations.",
     ["Norvik", "Castell"], [("stake", "agreed")]),
    ("Ericsson also said its multiplexer will be installed in Norlight's fiber network by June.",
     ["Ericsson", "Norlight"], [("supply", "agreed")]),
    ("Accenture is already a major Oracle partner.", ["Accenture", "Oracle"],
     [("partnership", "agreed")]),
    ("Aseman Airlines ordered 30 jets from Boeing in April.", ["Aseman Airlines", "Boeing"],
     [("supply", "agreed")]),
    # must not fire: a proposed deal denied, or guessed by others
    ("Vodafone denied it was in talks with Verizon.", ["Vodafone", "Verizon"], []),
    ("Analysts said Qwest may table a rival bid for MCI.", ["Qwest", "MCI"], []),
]


@pytest.mark.parametrize("text, companies, expected", STATUSES, ids=ids(STATUSES))
def test_kind_and_status(nlp, text, companies, expected):
    doc = run(nlp, text, companies)
    assert [(r["kind"], r["status"]) for r in doc._.relations] == expected


# --- direction: (sentence, companies, (source, target) of each relation, sorted) --------------
# the source is the carrier where one side is one, else the acting party (buyer, bidder)

DIRECTIONS = [
    ("Vodafone signed a distribution agreement with Nokia on Monday.",
     [Carrier("Vodafone"), "Nokia"], [("Vodafone", "Nokia")]),
    ("Orange has signed supply contracts with five handset makers, including Nokia, Sagem and "
     "Alcatel.", [Carrier("Orange"), "Nokia", "Sagem", "Alcatel"],
     [("Orange", "Alcatel"), ("Orange", "Nokia"), ("Orange", "Sagem")]),
    ("Nokia, Siemens, and Alcatel will cooperate with Vodafone on 3G networks.",
     ["Nokia", "Siemens", "Alcatel", Carrier("Vodafone")],
     [("Vodafone", "Alcatel"), ("Vodafone", "Nokia"), ("Vodafone", "Siemens")]),
    ("Cingular agreed to buy AT&T Wireless for $41bn.", ["Cingular", "AT&T Wireless"],
     [("Cingular", "AT&T Wireless")]),
    ("AT&T Wireless was acquired by Cingular in 2004.", ["AT&T Wireless", "Cingular"],
     [("Cingular", "AT&T Wireless")]),
    ("Qwest's bid for MCI was raised on Friday.", ["Qwest", "MCI"], [("Qwest", "MCI")]),
    ("The Verizon bid for MCI was raised.", ["Verizon", "MCI"], [("Verizon", "MCI")]),
    ("MCI accepted an offer from Verizon.", ["MCI", "Verizon"], [("Verizon", "MCI")]),
    ("Microsoft agreed to license its patents to Toyota.", ["Microsoft", "Toyota"],
     [("Microsoft", "Toyota")]),
    ("Time Inc agreed to sell its Home Box Office unit to Viacom.",
     ["Time Inc", "Home Box Office", "Viacom"],
     [("Viacom", "Home Box Office"), ("Viacom", "Time Inc")]),
    # must not fire
    ("Nokia sold its stake in Intel.", ["Nokia", "Intel"], []),
    ("Vodafone has no plans to buy Verizon.", ["Vodafone", "Verizon"], []),
]


@pytest.mark.parametrize("text, companies, expected", DIRECTIONS, ids=ids(DIRECTIONS))
def test_directions(nlp, text, companies, expected):
    doc = run(nlp, text, companies)
    assert sorted((r["source"], r["target"]) for r in doc._.relations) == expected


# --- year: (sentence, companies, {(kind, year)}) ----------------------------------------------

YEARS = [
    ("In 2003 Telstra teamed with Nokia, Ericsson and Motorola to sell phones.",
     [Carrier("Telstra"), "Nokia", "Ericsson", "Motorola"], {("teaming", 2003)}),
    ("AT&T Wireless was acquired by Cingular in 2004.", ["AT&T Wireless", "Cingular"],
     {("acquisition", 2004)}),
    # must not fire: a year, but no deal
    ("In 2004 Verizon and Sprint were competing for the contract.", ["Verizon", "Sprint"], NONE),
]


@pytest.mark.parametrize("text, companies, expected", YEARS, ids=ids(YEARS))
def test_years(nlp, text, companies, expected):
    doc = run(nlp, text, companies)
    assert {(r["kind"], r["year"]) for r in doc._.relations} == expected


# --- asides, relative clauses, "with" lists, "in association with": long sentences where some
# pairs must be found and others not: (sentence, companies, present pairs, absent pairs or names)

ASIDE_TEXT = ("U.S. Telecommunications giant AT&T <T.N> which has been at the centre of the "
              "two-year battle for CGCT, has teamed up with the Dutch-based <Philips "
              "Telecommunications Industrie B.V.>, a subsidiary of NV Philips Gloeilampenfabriek "
              "<PGLO.AS> and <Societe Anonyme de Telecommunications> (SAT) to present a joint "
              "bid, in association with holding company Cie du Midi SA <MCDP.P>.")

PRESENT_AND_ABSENT = [
    # Reuters: "<...>" mark names; the parser makes the aside the verb's object; the owner named
    # in passing and the two listed partners are no pairs
    (ASIDE_TEXT, ["AT&T", "CGCT", "Philips Telecommunications Industrie B.V.",
                  "NV Philips Gloeilampenfabriek",
                  ["Societe Anonyme de Telecommunications", "SAT"], "Cie du Midi SA"],
     [("AT&T", "Philips Telecommunications Industrie B.V."),
      ("AT&T", "Societe Anonyme de Telecommunications"), ("AT&T", "Cie du Midi SA")],
     ["NV Philips Gloeilampenfabriek",
      ("Philips Telecommunications Industrie B.V.", "Societe Anonyme de Telecommunications")]),
    ("Sweden's Ericsson has also submitted a bid for the maximum 20 pct permitted, in "
     "association with French defence electronics group <Matra>, which would hold between 40 "
     "and 49 pct, and construction group <Bouygues>.", ["Ericsson", "Matra", "Bouygues"],
     [("Ericsson", "Matra"), ("Ericsson", "Bouygues")], [("Matra", "Bouygues")]),
    ("The market is dominated by four companies, Bharti Televentures which has allied itself "
     "with Singapore Telecom, Essar which is linked with Hong Kong-based Hutchison Whampoa, and "
     "others.", ["Bharti Televentures", "Singapore Telecom", "Essar", "Hutchison Whampoa"],
     [("Bharti Televentures", "Singapore Telecom"), ("Essar", "Hutchison Whampoa")],
     [("Bharti Televentures", "Essar"), ("Singapore Telecom", "Essar")]),
    ("A second bid has come from Siemens, which hopes to take a 20 pct stake in CGCT, with the "
     "French Jeumont-Schneider taking the remaining 80 pct.",
     ["Siemens", "CGCT", "Jeumont-Schneider"], [("Jeumont-Schneider", "CGCT")],
     [("Siemens", "Jeumont-Schneider")]),
    # "with" that names no share taken is no co-holder
    ("Siemens took a 20 pct stake in CGCT, with Jeumont-Schneider advising it.",
     ["Siemens", "CGCT", "Jeumont-Schneider"], [], [("Jeumont-Schneider", "CGCT")]),
    # a bid for a share: the company whose share was named before
    ("Siemens hopes to take a 20 pct stake in CGCT. Ericsson has also submitted a bid for the "
     "maximum 20 pct permitted.", ["Siemens", "CGCT", "Ericsson"],
     [("Ericsson", "CGCT")], [("Ericsson", "Siemens")]),
    ("West Germany's Siemens AG has teamed up with the French group Jeumont-Schneider, in "
     "opposition to a bid from the U.S. group ATT and the Dutch Philips Telecommunications BV in "
     "association with the French telecommunications firm SAT.",
     ["Siemens AG", "Jeumont-Schneider", "ATT", "Philips Telecommunications BV", "SAT"],
     [("Siemens AG", "Jeumont-Schneider"), ("ATT", "SAT")], [("Siemens AG", "SAT")]),
    ("Cable and Wireless holds a 20 pct share in a potential KDD rival, IDC.",
     ["Cable and Wireless", "KDD", "IDC"], [], [("Cable and Wireless", "KDD")]),
    ("Cable and Wireless has a 20 pct stake in IDC while Pacific Telesis and Merrill Lynch "
     "jointly hold 13 pct.", ["Cable and Wireless", "IDC", "Pacific Telesis", "Merrill Lynch"],
     [("Cable and Wireless", "IDC")], [("Pacific Telesis", "Merrill Lynch")]),
    # a reference as the object: the company named before the clause's own subject
    ("Shares of Zedco rose after Quux Systems agreed to buy the company for $2 billion.",
     ["Zedco", "Quux Systems"], [("Quux Systems", "Zedco")], []),
    ("Zedco makes toys. Quux Systems agreed to buy the toymaker for $2 billion.",
     ["Zedco", "Quux Systems"], [("Quux Systems", "Zedco")], []),
    # must not pair: the buyer with itself, or a reference that stands for nothing
    ("Quux Systems agreed to buy the company for $2 billion.", ["Quux Systems"], [],
     ["Quux Systems"]),
    ("Zedco makes toys. Quux Systems agreed to buy a toymaker for $2 billion.",
     ["Zedco", "Quux Systems"], [], [("Quux Systems", "Zedco")]),
]


@pytest.mark.parametrize("text, companies, present, absent", PRESENT_AND_ABSENT,
                         ids=ids(PRESENT_AND_ABSENT))
def test_present_and_absent_pairs(nlp, text, companies, present, absent):
    got = pairs(run(nlp, text, companies))
    assert {pair(a, b) for a, b in present} <= got
    for item in absent:
        if isinstance(item, str):  # a company that is in no pair
            assert not any(item in p for p in got), item
        else:
            assert pair(*item) not in got, item


# --- single behaviours: offsets, roles, group references, co-holders ----------------------------

def test_a_relation_carries_its_sentence_and_its_offsets(nlp):
    doc = run(nlp, "Vodafone signed a distribution agreement with Nokia on Monday.",
              [Carrier("Vodafone"), "Nokia"])
    (rel,) = doc._.relations
    assert rel["sentence"] == doc.text and (rel["start"], rel["end"]) == (0, len(doc.text))


def test_headline_run_into_the_first_sentence(nlp):
    text = ("AT&T Wireless Moves to Sell Canada Asset\n\nAT&T Wireless Services Inc., the "
            "third-largest mobile phone company, reached an agreement with Rogers Communications.")
    doc = run(nlp, text, [["AT&T Wireless Services", "AT&T Wireless Services Inc.",
                           "AT&T Wireless"], "Rogers Communications"])
    assert pairs(doc) == {pair("AT&T Wireless Services", "Rogers Communications")}
    (rel,) = doc._.relations
    assert rel["sentence"].startswith("AT&T Wireless Services Inc.")


def test_the_other_side_of_a_carrier_deal_is_a_partner(nlp):
    doc = run(nlp, "Nokia, Siemens, and Alcatel will cooperate with Vodafone on 3G networks.",
              ["Nokia", "Siemens", "Alcatel", Carrier("Vodafone")])
    roles = {c["name"]: c["role"] for c in doc._.companies}
    assert roles == {"Nokia": "partner", "Siemens": "partner", "Alcatel": "partner",
                     "Vodafone": "carrier"}


def test_group_reference_from_company_groups(nlp):
    text = "Telstra named its suppliers. These firms will cooperate with Telstra."
    start = text.index("These firms")
    group = {"text": "These firms", "start": start, "end": start + 11,
             "members": ["Nokia", "Ericsson"]}
    doc = run(nlp, text, ["Telstra"], groups=[group])
    assert pairs(doc) == {pair("Telstra", "Nokia"), pair("Telstra", "Ericsson")}


def test_a_co_holder_takes_the_kind_and_status_of_the_stake(nlp):
    text = ("A second bid has come from Siemens, which hopes to take a 20 pct stake in CGCT, "
            "with the French Jeumont-Schneider taking the remaining 80 pct.")
    doc = run(nlp, text, ["Siemens", "CGCT", "Jeumont-Schneider"])
    got = {frozenset((r["source"], r["target"])): r for r in doc._.relations}
    co_holder = got[pair("Jeumont-Schneider", "CGCT")]
    assert co_holder["kind"] == "stake"
    assert co_holder["status"] == got[pair("Siemens", "CGCT")]["status"]


# --- data and pipeline ------------------------------------------------------------------------

def test_words_and_patterns_are_data():
    lexicon = load_lexicon()
    assert lexicon.triggers["merger"][0].kind == "merger"
    assert "speculation" in lexicon.cues["may"]
    assert {p["id"] for p in lexicon.patterns} >= {"verb_with", "noun_of_members", "support_with"}


def test_only_candidate_sentences_are_matched(nlp, monkeypatch):
    finder = nlp.get_pipe("extractor_relations").finder
    calls = []
    original = DealFinder.find
    monkeypatch.setattr(DealFinder, "find", lambda self, sent, index: calls.append(sent.text)
                        or original(self, sent, index))
    run(nlp, "Nokia makes phones. Vodafone runs networks. Nokia signed a deal with Vodafone.",
        ["Nokia", "Vodafone"])
    assert calls == ["Nokia signed a deal with Vodafone."]
    assert finder is not None


def test_seed_gives_eleven_edges(nlp, seed_text):
    import extractor

    result = extractor.extract(texts=[seed_text])
    graph = result.graph
    carrier_edges = {frozenset(e) for e in graph.edges()}
    partners = {"Oppo", "Vivo", "Gionee", "D.Phone", "Suning", "Gome", "Lenovo", "Xiaomi", "JD",
                "Tmall", "Apple"}
    assert carrier_edges == {frozenset(("China Mobile", p)) for p in partners}
    oppo = graph.edges["China Mobile", "Oppo"]
    assert "letter_of_intent" in oppo["kinds"] and "teaming" in oppo["kinds"]
    assert "2012" in str(oppo["years"])
    assert "cooperation" in graph.edges["China Mobile", "Tmall"]["kinds"]
