"""Figures: values, kinds, units, qualifiers, ranges, conversions, attachment; and non-figures.

Sentences are quoted from ../shared/corpora (Reuters-21578, BBC, the seed article).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.numbers import as_number, parse_digits, parse_words, split_suffixed

SEED_EXPECTED = Path("/work/shared/seed/expected.json")


def run(nlp, text, date=None, companies=None, groups=None, dateline=None):
    """Run the pipeline on ``text``; optionally replace what the companies component found."""
    doc = nlp.make_doc(text)
    doc._.article_date = date
    doc._.dateline = dateline
    for name, proc in nlp.pipeline:
        if name == "extractor_figures" and companies is not None:
            doc._.companies = companies
            doc._.company_groups = groups or []
        doc = proc(doc)
        if name == "extractor_figures":
            break
    return doc


def figures(nlp, text, **kw):
    return run(nlp, text, **kw)._.figures


def periods_of(nlp, text, date, names):
    """The period of each figure of ``text`` named in ``names`` (``None``: none, or not found)."""
    got = {f["text"]: f["period"] for f in figures(nlp, text, date=date)}
    return {name: got.get(name) for name in names}


def one(nlp, text, needle, **kw):
    found = [f for f in figures(nlp, text, **kw) if f["text"] == needle]
    assert len(found) == 1, [f["text"] for f in figures(nlp, text, **kw)]
    return found[0]


def company(name, text, needle):
    start = text.index(needle)
    return {"name": name, "role": "company",
            "mentions": [{"text": needle, "start": start, "end": start + len(needle)}]}


# -- numbers ----------------------------------------------------------------------------------
def test_number_helpers():
    assert parse_digits("4,000") == 4000
    assert parse_digits("1/2") == parse_digits("0.5")
    assert parse_digits("3G") is None
    assert split_suffixed("6.3bn")[0] * split_suffixed("6.3bn")[1] == 6_300_000_000
    assert split_suffixed("3G") is None and split_suffixed("4G") is None
    assert parse_words("thirty-five") == 35 and parse_words("twelve") == 12
    assert parse_words("a hundred") == 100
    assert as_number(parse_digits("35")) == 35 and isinstance(as_number(parse_digits("35")), int)
    assert isinstance(as_number(parse_digits("1.5")), float)


# -- the seed ---------------------------------------------------------------------------------
def test_seed_figures_exactly(nlp, seed_text):
    expected = json.loads(SEED_EXPECTED.read_text()) if SEED_EXPECTED.exists() else None
    doc = run(nlp, seed_text)
    got = {f["text"]: f for f in doc._.figures}
    assert set(got) == {"ten", "35 million", "over 4000", "tripled"}
    assert got["ten"]["value"] == 10 and got["ten"]["counts"] == "channel partners"
    million = got["35 million"]
    assert million["value"] == 35_000_000 and million["counts"] == "TD devices"
    assert million["year"] == 2013
    assert million["companies"] == ["Oppo", "Vivo", "Gionee", "D.Phone", "Suning", "Gome", "JD"]
    over = got["over 4000"]
    assert (over["value"], over["qualifier"], over["counts"]) == (4000, "over",
                                                                 "chain stores and kiosks")
    assert over["companies"] == ["D.Phone", "Suning", "Gome"]
    tripled = got["tripled"]
    assert (tripled["value"], tripled["kind"], tripled["year"]) == (3, "multiplier", 2013)
    assert tripled["counts"] == "sales of TD devices"
    assert tripled["companies"] == ["D.Phone", "Suning", "Gome"]
    for f in doc._.figures:
        assert seed_text[f["start"]:f["end"]] == f["text"]
        assert isinstance(f["value"], (int, float))
    if expected:
        for want in expected["figures"]:
            for key, value in want.items():
                assert got[want["text"]][key] == value, (want["text"], key)
    assert [s.label_ for s in doc.spans["figures"]] == ["count", "count", "count", "multiplier"]


# -- money ------------------------------------------------------------------------------------
def test_reuters_billion_dlrs(nlp):
    text = ("The bank said the network would link 31 banks having 13.5 billion dlrs in assets "
            "and 7.5 billion dlrs in deposits.")
    f = one(nlp, text, "13.5 billion dlrs")
    assert (f["value"], f["unit"], f["kind"]) == (13_500_000_000, "USD", "money")
    assert one(nlp, text, "31")["counts"] == "banks"


def test_reuters_stg_with_qualifier(nlp):
    text = ("The Bank of England said it forecast a shortage of around 800 mln stg in the "
            "money market today.")
    f = one(nlp, text, "around 800 mln stg")
    assert (f["value"], f["unit"], f["qualifier"]) == (800_000_000, "GBP", "about")


def test_reuters_yen(nlp):
    f = one(nlp, "The proposed issue volume is 475 billion yen against the 600 billion in "
                 "February.", "475 billion yen")
    assert (f["value"], f["unit"]) == (475_000_000_000, "JPY")


def test_country_adjective_picks_the_currency(nlp):
    f = one(nlp, "The company said it raised 500 mln Australian dlrs.", "500 mln Australian dlrs")
    assert (f["value"], f["unit"]) == (500_000_000, "AUD")


def test_bbc_conversion_in_brackets_is_linked(nlp):
    text = ('"We need at least $20bn (£10.6bn) in investment and part of this has to come as '
            'foreign direct investment," said Mr Maran.')
    figs = figures(nlp, text)
    first, second = figs[0], figs[1]
    assert (first["text"], first["value"], first["unit"], first["qualifier"]) == \
        ("at least $20bn", 20_000_000_000, "USD", "at least")
    assert (second["text"], second["value"], second["unit"]) == ("£10.6bn", 10_600_000_000, "GBP")
    assert second["converted_from"]["unit"] == "USD"
    assert second["converted_from"]["value"] == 20_000_000_000
    assert "converted_from" not in first


def test_share_price_and_per_share(nlp):
    text = ("CCX Network Inc said it was offering 220,838 shares of stock at 15.75 dlrs a share "
            "though underwriters Stephens Inc and Cazenove Inc.")
    f = one(nlp, text, "15.75 dlrs a share")
    assert (f["value"], f["unit"], f["kind"]) == (15.75, "USD", "share_price")
    assert one(nlp, text, "220,838")["counts"] == "shares of stock"
    table = "Shr 12 cts vs 10 cts\n\nNet 1,600,000 vs 1,314,000"
    got = figures(nlp, table)
    assert [(f["value"], f["kind"]) for f in got[:2]] == [(0.12, "per_share"), (0.1, "per_share")]


# -- percent ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, needle, value, qualifier", [
    ("Growth in China remains at a breakneck 9.1%, and corporate investment is growing at "
     "more than 25% a year.", "more than 25%", 25, "more than"),
    ("Growth in China remains at a breakneck 9.1%, and corporate investment is growing at "
     "more than 25% a year.", "9.1%", 9.1, None),
    ("Du Pont said the new product, Kevlar 149, is up to 40 pct stiffer than first generation "
     "aramids.", "up to 40 pct", 40, "up to"),
    ("Shearson is a strong profit center for American Express, contributing about 20 pct of "
     "earnings last year.", "about 20 pct", 20, "about"),
    ('"It is quite simple: if you hit someone at 30mph, they have a 50 per cent chance of '
     'survival.', "50 per cent", 50, None),
])
def test_percent(nlp, text, needle, value, qualifier):
    f = one(nlp, text, needle)
    assert (f["value"], f["kind"], f["unit"], f["qualifier"]) == (value, "percent", "percent",
                                                                  qualifier)


def test_qualifier_nearly_on_money(nlp):
    text = "Its revenues totaled nearly 200 mln dlrs in the year ended November 30."
    f = one(nlp, text, "nearly 200 mln dlrs")
    assert (f["value"], f["unit"], f["qualifier"]) == (200_000_000, "USD", "nearly")


# -- ranges -----------------------------------------------------------------------------------
def test_range_to(nlp):
    f = one(nlp, '"Our reforms should reduce licensing requirements by 65 to 70 pct," he told '
                 'reporters.', "65 to 70 pct")
    assert (f["value"], f["range_end"], f["unit"]) == (65, 70, "percent")


def test_range_with_qualifier_and_year(nlp):
    text = ("Standard Trustco said it expects earnings in 1987 to increase at least 15 to 20 pct "
            "from the 9,140,000 dlrs, or 2.52 dlrs per share, recorded in 1986.")
    f = one(nlp, text, "at least 15 to 20 pct")
    assert (f["value"], f["range_end"], f["qualifier"], f["year"]) == (15, 20, "at least", 1987)
    assert one(nlp, text, "2.52 dlrs per share")["kind"] == "share_price"


def test_range_shares_the_magnitude(nlp):
    f = one(nlp, "It expects 30 to 40 mln dlrs in new orders.", "30 to 40 mln dlrs")
    assert (f["value"], f["range_end"], f["unit"]) == (30_000_000, 40_000_000, "USD")


def test_from_to_is_a_change_not_a_range(nlp):
    got = figures(nlp, "Sales rose from 10 to 15 pct of the market.")
    assert [(f["value"], f["kind"]) for f in got] == [(10, "percent"), (15, "percent")]
    assert all("range_end" not in f for f in got)


# -- multipliers and fractions ----------------------------------------------------------------
def test_tripled_verb(nlp):
    text = ("Oats volume tripled to 27,662 contracts, and corn volume increased 35 pct to "
            "580,204 contracts.")
    f = one(nlp, text, "tripled")
    assert (f["value"], f["kind"], f["counts"]) == (3, "multiplier", "Oats volume")
    assert one(nlp, text, "27,662")["counts"] == "contracts"


def test_more_than_doubled_with_year(nlp):
    text = ("Yangtze Electric Power, the operator of China's Three Gorges Dam, has said its "
            "profits more than doubled in 2004.")
    f = one(nlp, text, "more than doubled")
    assert (f["value"], f["qualifier"], f["counts"], f["year"]) == (2, "more than", "profits",
                                                                   2004)


def test_halved(nlp):
    f = one(nlp, "The annual rate has halved since August last year, as interest rises have "
                 "cooled the housing market.", "halved")
    assert (f["value"], f["kind"]) == (0.5, "multiplier")


@pytest.mark.parametrize("text, needle, value", [
    ("The Sun-Pat British grocery concern increased profit and Rowntree's small health food "
     "business, Holgates, raised earnings 10-fold, the statement said.", "10-fold", 10),
    ("The sources said the two-fold jump in exports last week appeared to be the result of "
     "buyers rushing.", "two-fold", 2),
])
def test_fold(nlp, text, needle, value):
    f = one(nlp, text, needle)
    assert (f["value"], f["kind"]) == (value, "multiplier")


def test_fractions(nlp):
    f = one(nlp, "Pernod's last major purchase was a third of US giant Seagram in 2000.", "a third")
    assert f["kind"] == "fraction" and f["value"] == pytest.approx(1 / 3)
    assert f["year"] == 2000
    f = one(nlp, "Nearly two-thirds of all firms polled for the survey have no plans to offshore "
                 "their call centres.", "Nearly two-thirds")
    assert f["value"] == pytest.approx(2 / 3) and f["qualifier"] == "nearly"
    # an ordinal, not a fraction
    assert not [f for f in figures(nlp, "It sold the unit to a third party.")
                if f["kind"] == "fraction"]


def test_stock_table_fractions(nlp):
    got = figures(nlp, "Oats rose 2-1/2 cents and WICKES COS closed at 4 1/8.")
    assert [f["value"] for f in got] == [0.025, 4.125]


# -- not figures ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Third-generation mobile (3G) networks need to get faster if they are to deliver fast "
    "internet surfing on the move.",
    "The aim of the agreements is to promote both 3G and 4G services in China.",
    "Oliver's Stores Inc said it has decided to reorganize under Chapter 11 of the federal "
    "bankruptcy laws.",
    "The Commodore 64, launched in 1982, was one of the first home computers.",
    "The demand was rejected in a 2-1 decision.",
    "Talks began at 1430 GMT.",
    "USPCI INC <UPC> 3RD QTR NET",
    "Lenovo, Xiaomi, and Tmall will cooperate, and these three companies have great shares.",
])
def test_not_figures(nlp, text):
    assert figures(nlp, text) == []


def test_list_number_is_not_a_figure(nlp):
    text = ("It signed ten deals.\n\n\n  1. why would any carrier dump iPhones when it accounts "
            "for so many sales?")
    assert [f["text"] for f in figures(nlp, text)] == ["ten"]


def test_product_number_is_not_a_figure(nlp):
    text = "Du Pont said the new product, Kevlar 149, is up to 40 pct stiffer than aramids."
    assert [f["text"] for f in figures(nlp, text)] == ["up to 40 pct"]


def test_number_in_a_company_name_is_not_a_figure(nlp):
    text = "3Com Corp and Group 4 Securicor said sales rose 5 pct."
    comps = [company("3Com", text, "3Com Corp"), company("Group 4 Securicor", text,
                                                          "Group 4 Securicor")]
    got = figures(nlp, text, companies=comps)
    assert [f["text"] for f in got] == ["5 pct"]
    assert got[0]["companies"] == ["3Com", "Group 4 Securicor"]


# -- attachment -------------------------------------------------------------------------------
def test_group_reference_gives_the_members(nlp):
    text = "In 2013, those seven companies expected to sell 35 million TD devices."
    start = text.index("those")
    groups = [{"text": "those seven companies", "start": start, "end": start + 21,
               "members": ["A", "B", "C", "D", "E", "F", "G"]}]
    got = figures(nlp, text, companies=[], groups=groups)
    assert [f["text"] for f in got] == ["35 million"]
    assert got[0]["companies"] == ["A", "B", "C", "D", "E", "F", "G"]
    assert got[0]["year"] == 2013


def test_listed_subject_gets_the_figure(nlp):
    text = ("D.Phone, Suning, and Gome have established specialty counters for TD devices in "
            "over 4000 chain stores and kiosks across China.")
    comps = [company(n, text, n) for n in ("D.Phone", "Suning", "Gome")]
    f = figures(nlp, text, companies=comps)[0]
    assert f["companies"] == ["D.Phone", "Suning", "Gome"]


def test_pronoun_subject_goes_to_the_company_that_said_it(nlp):
    text = ("CCX Network Inc said it was offering 220,838 shares of stock at 15.75 dlrs a share "
            "though underwriters Stephens Inc and Cazenove Inc.")
    comps = [company("CCX Network", text, "CCX Network Inc"),
             company("Stephens", text, "Stephens Inc"), company("Cazenove", text, "Cazenove Inc")]
    for f in figures(nlp, text, companies=comps):
        assert f["companies"] == ["CCX Network"]


def test_no_company_when_none_is_named(nlp):
    f = figures(nlp, "Growth in China remains at a breakneck 9.1%.", companies=[])[0]
    assert f["companies"] == [] and f["year"] is None


@pytest.mark.parametrize("text", [
    "Kuala lumpur rubber opg call - april 8 rss ones",
    "US film professionals have declared Fahrenheit 9/11 one of the milestones.",
    "The largest consumer electronics show in the world runs from 6 to 9 January.",
    "It also doubles up as an electronic musical instrument.",
    "They are dollar-denominated, zero coupon notes.",
])
def test_more_non_figures(nlp, text):
    assert figures(nlp, text) == []


def test_unit_carried_to_the_bare_figure_after_from(nlp):
    text = "Costs and expenses rose to 9.61 billion dlrs from 8.57 billion in the quarter."
    f = one(nlp, text, "8.57 billion")
    assert (f["value"], f["unit"], f["kind"]) == (8_570_000_000, "USD", "money")


def test_range_with_words_and_qualifier(nlp):
    text = ("The Philippines could conserve at least one to 1.5 billion dlrs of foreign exchange "
            "reserves.")
    f = one(nlp, text, "at least one to 1.5 billion dlrs")
    assert (f["value"], f["range_end"], f["unit"], f["qualifier"]) == (
        1_000_000_000, 1_500_000_000, "USD", "at least")


def test_fraction_of_a_million_is_a_count(nlp):
    text = "In all, almost a quarter of a million jobs and 168 public bodies have been identified."
    f = one(nlp, text, "almost a quarter of a million")
    assert (f["value"], f["kind"], f["qualifier"], f["counts"]) == (250_000, "count", "nearly",
                                                                    "jobs")


@pytest.mark.parametrize("text", [
    "Stilian Petrov slid in a third, Varga tapped in his second.",
    "What's going to happen over the next one or two quarters now that they are in bankruptcy.",
])
def test_ordinals_and_periods_are_not_fractions(nlp, text):
    assert not [f for f in figures(nlp, text) if f["kind"] == "fraction"]


def test_metres_are_not_millions(nlp):
    text = "At such resolution, the picture would be 2.5m high and 6m long."
    assert [f["value"] for f in figures(nlp, text)] == [2.5, 6]
    f = one(nlp, "The thriller has sold 2.5m copies.", "2.5m")
    assert f["value"] == 2_500_000 and f["counts"] == "copies"


@pytest.mark.parametrize("text", [
    "Wales secured their first away win in the RBS Six Nations for years.",
    "In June 1991 it overturned the sentences on the Maguire Seven.",
    "Hilary Swank is tipped to win for Million Dollar Baby.",
    "He has moved to favourite to play 007, with Hugh Jackman behind him.",
])
def test_titles_and_codes_are_not_figures(nlp, text):
    assert figures(nlp, text) == []


def test_per_share_after_loss_or_profit(nlp):
    got = figures(nlp, "Shr loss five cts vs profit eight cts")
    assert [(f["value"], f["kind"]) for f in got] == [(0.05, "per_share"), (0.08, "per_share")]


def test_two_conversions_in_brackets(nlp):
    text = ("Its pre-tax earnings in the fourth quarter were 77m euros (£53m; $100m), up from 38m "
            "in the same period of 2003.")
    got = {f["text"]: f for f in figures(nlp, text)}
    assert got["77m euros"]["unit"] == "EUR" and "converted_from" not in got["77m euros"]
    for needle, unit in (("£53m", "GBP"), ("$100m", "USD")):
        assert got[needle]["unit"] == unit
        assert got[needle]["converted_from"] == {"text": "77m euros", "value": 77_000_000,
                                                 "unit": "EUR"}
    assert got["38m"]["value"] == 38_000_000


def test_euro_price_is_money_not_a_conversion(nlp):
    text = "The portable games machine will retail for £99 in the UK (149 euros)."
    got = figures(nlp, text)
    assert [(f["value"], f["unit"]) for f in got] == [(99, "GBP"), (149, "EUR")]
    assert all("converted_from" not in f for f in got)


def test_pence_and_index_names(nlp):
    text = ("Industrial group Norcros gained 9p to 448 on speculation of a bid. At 1556 GMT the "
            "FTSE 100 was down just 4.7 points.")
    got = [(f["text"], f["value"], f["unit"]) for f in figures(nlp, text)]
    assert got == [("9p", 0.09, "GBP"), ("448", 448, None), ("4.7", 4.7, None)]


def test_glued_capital_letter_is_a_code(nlp):
    assert figures(nlp, "Walsh was head of the 3B minicomputer line.") == []


def test_tickers_are_not_figures(nlp):
    text = ("Sony Corp <6758.T> and Hongkong and Shanghai Banking Corp <0005.HK> said sales rose "
            "5 pct, said Cathay Pacific Airways Ltd (0293.HK) (NYSE: 1234).")
    assert [f["text"] for f in figures(nlp, text)] == ["5 pct"]


def test_each_figure_gets_its_own_year(nlp):
    text = "Pretax margins slipped to 12.5 pct in 1987 from 18.1 pct in 1986, it said."
    got = {f["text"]: f["year"] for f in figures(nlp, text)}
    assert got == {"12.5 pct": 1987, "18.1 pct": 1986}


def test_unit_of_the_compared_figure(nlp):
    text = "Net profits rose 5.3 pct to 635.5 mln guilders in 1986 from 603.4 mln in 1985."
    f = one(nlp, text, "603.4 mln")
    assert (f["value"], f["unit"], f["kind"], f["year"]) == (603_400_000, "NLG", "money", 1985)


# -- currency by context, tables and periods ----------------------------------------------------
# (made-up sentences and tables in the Reuters style)
RESULTS_TABLE = ("ACME CORP <ACM> 3RD QTR NET\n\nShr 50 cts vs 40 cts\n\nNet 24.1 mln vs 18.2 mln"
                 "\n\nAvg shrs 13.9 mln vs 13.8 mln\n\nNine mths\n\nShr 1.50 dlrs vs 1.20 dlrs\n\n"
                 "Net 60.5 mln vs 50.2 mln")


@pytest.mark.parametrize("needle, kind, unit, period, year", [
    ("50 cts", "per_share", "USD", "1987-Q3", 1987),
    ("40 cts", "per_share", "USD", "1986-Q3", 1986),
    ("24.1 mln", "money", "USD", "1987-Q3", 1987),
    ("18.2 mln", "money", "USD", "1986-Q3", 1986),
    ("13.9 mln", "count", "shares", "1987-Q3", 1987),
    ("60.5 mln", "money", "USD", "1987-01/1987-09", 1987),
    ("50.2 mln", "money", "USD", "1986-01/1986-09", 1986),
])
def test_results_table_rows(nlp, needle, kind, unit, period, year):
    f = one(nlp, RESULTS_TABLE, needle, date="1987-10-20")
    assert (f["kind"], f["unit"], f["period"], f["year"]) == (kind, unit, period, year)


@pytest.mark.parametrize("text, needle, kind, unit", [
    # a table with no currency anywhere: money, currency unknown
    ("ACME CORP <ACM> 1ST QTR NET\n\nNet 5.6 mln vs 4.5 mln\n\nSales 80.1 mln vs 70.3 mln",
     "80.1 mln", "money", None),
    # the currency the article states
    ("ACME CORP <ACM> 1ST QTR NET\n\nNet 5.6 mln vs 4.5 mln\n\nNOTE: Results are in Canadian "
     "dlrs.", "4.5 mln", "money", "CAD"),
    # an article in another dollar: its plain "dlrs" are that dollar
    ("ACME HOLDINGS <AHL.HK> YEAR 1986\n\nShr 3.25 H.K. Dlrs vs 1.40\n\nNet 1.28 billion dlrs vs "
     "551.7 mln", "1.28 billion dlrs", "money", "HKD"),
    ("ACME HOLDINGS <AHL.HK> YEAR 1986\n\nShr 3.25 H.K. Dlrs vs 1.40\n\nNet 1.28 billion dlrs vs "
     "551.7 mln", "551.7 mln", "money", "HKD"),
    # an earlier money figure of the sentence
    ("Acme earned 12.5 mln dlrs in the quarter, and its revenues were 300 mln.", "300 mln",
     "money", "USD"),
    # the article's currency, from its lead
    ("Acme said it expects sales of 40 mln stg.\n\nIts net profit rose to 5.5 mln.", "5.5 mln",
     "money", "GBP"),
    # money by its words, currency unknown
    ("Acme said its sales rose to 4.2 billion.", "4.2 billion", "money", None),
    # a plain "dlrs" in an article with an amount marked in another dollar anywhere
    ("Acme said its net profit rose to 12 mln dlrs.\n\nSales were 400 mln Canadian dlrs.",
     "12 mln dlrs", "money", "CAD"),
    # home-country cues (models/currency_cues.tsv): a Toronto ticker; a Canadian headline
    # word with "Ltd"; a Canadian dateline with "Ltd"
    ("ACME RESOURCES <ACR.TO> YEAR NET\n\nShr 45 cts vs 30 cts\n\nNet 5.6 mln vs 4.5 mln",
     "45 cts", "per_share", "CAD"),
    ("ACME RESOURCES <ACR.TO> YEAR NET\n\nShr 45 cts vs 30 cts\n\nNet 5.6 mln vs 4.5 mln",
     "5.6 mln", "money", "CAD"),
    ("<CANADIAN WIDGET LTD> YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln", "5.6 mln dlrs", "money",
     "CAD"),
    ("<CANADIAN WIDGET COMMUNICATIONS> YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln", "4.5 mln",
     "money", "CAD"),
    ("Acme results\n\nTORONTO (Reuters) - Acme Ltd said its profit rose to 12 million dollars.",
     "12 million dollars", "money", "CAD"),
    # "U.S. dlrs" marks the exception in such an article
    ("Acme Ltd <ACR.TO> earned 5 mln dlrs, and its unit earned 1.1 mln U.S. dlrs.",
     "5 mln dlrs", "money", "CAD"),
    ("Acme Ltd <ACR.TO> earned 5 mln dlrs, and its unit earned 1.1 mln U.S. dlrs.",
     "1.1 mln U.S. dlrs", "money", "USD"),
    # not American ("Ltd", amounts marked U.S.), but no country: unknown
    ("ACME HOLDINGS LTD YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln\n\nIts unit earned 1.1 mln "
     "U.S. dlrs.", "5.6 mln dlrs", "money", None),
    ("DEVELCON LTD <DLCFF> YEAR LOSS\n\nNet loss 1.2 mln dlrs vs 0.9 mln", "1.2 mln dlrs",
     "money", None),
    # must not fire: one cue is not enough; "$" names its own dollar; no cue at all
    ("ACME HOLDINGS LTD YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln", "5.6 mln dlrs", "money",
     "USD"),
    ("Acme Corp will list its shares on the Toronto Stock Exchange. Its net profit rose to 5 mln "
     "dlrs.", "5 mln dlrs", "money", "USD"),
    ("Acme results\n\nTORONTO (Reuters) - Acme Ltd <ACR.TO> said its profit rose to $12 "
     "million.", "$12 million", "money", "USD"),
    ("ACME CORP <ACM> YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln", "4.5 mln", "money", "USD"),
    ("ACME <ACM> TO SELL UNIT TO CANADIAN WIDGET\n\nAcme will get 5.6 mln dlrs.", "5.6 mln dlrs",
     "money", "USD"),
    # counts stay counts
    ("Acme sold 3.5 mln widgets.", "3.5 mln", "count", None),
    ("Acme had 1,200 employees and revenues of 40 mln dlrs.", "1,200", "count", None),
])
def test_currency_by_context(nlp, text, needle, kind, unit):
    f = one(nlp, text, needle, date="1987-04-20")
    assert (f["kind"], f["unit"]) == (kind, unit)


@pytest.mark.parametrize("text, date, expected", [
    ("Net income rose to 24.1 mln dlrs in the third quarter from 18.2 mln dlrs a year ago.",
     "1987-10-20", {"24.1 mln dlrs": ("1987-Q3", 1987), "18.2 mln dlrs": ("1986-Q3", 1986)}),
    # the figure compared with, in a sentence that names one period: a year before
    ("Acme said its third quarter net income rose to 24.1 mln dlrs from 18.2 mln dlrs.",
     "1987-10-20", {"24.1 mln dlrs": ("1987-Q3", 1987), "18.2 mln dlrs": ("1986-Q3", 1986)}),
    ("Sales in the first half rose 12 pct to 40 mln dlrs.", "1987-08-10",
     {"12 pct": ("1987-H1", 1987), "40 mln dlrs": ("1987-H1", 1987)}),
    # a results sentence without a date: the period the article reports
    ("ACME CORP <ACM> 3RD QTR NET\n\nAcme said its net income rose to 24.1 mln dlrs.",
     "1987-10-20", {"24.1 mln dlrs": ("1987-Q3", 1987)}),
    # no period in the sentence: none
    ("Acme has 1,200 employees in 1987.", "1987-10-20", {"1,200": (None, 1987)}),
    ("Net income rose to 24.1 mln dlrs in the third quarter.", None,
     {"24.1 mln dlrs": (None, None)}),
])
def test_period_of_each_figure(nlp, text, date, expected):
    got = {f["text"]: (f["period"], f["year"]) for f in figures(nlp, text, date=date)}
    assert {k: got.get(k) for k in expected} == expected


# -- periods of money figures (issue 16): notes, word rows, years, comparisons, forecasts ------
NOTE_TABLE = ("ACME CORP <ACM> 4TH QTR NET\n\nShr 39 cts vs 28 cts\n\nNet 491,000 vs 356,000\n\n"
              "Year\n\nShr 1.54 dlrs vs 2.49 dlrs\n\nNet 1,952,000 vs 3,165,000\n\n")


@pytest.mark.parametrize("notes, expected", [
    # a period named right after the figures: theirs, a year earlier after "vs"
    ("Note: Net includes gains of 63,000 vs 211,000 for qtr and 304,000 vs 292,000 for year.",
     {"63,000": "1986-Q4", "211,000": "1985-Q4", "304,000": "1986", "292,000": "1985"}),
    ("NOTE: Net excludes tax credits of 299,000 dlrs vs 29,000 dlrs in quarter and 809,000 dlrs "
     "vs 71,000 dlrs in year.", {"809,000 dlrs": "1986", "71,000 dlrs": "1985"}),
    # a period named before them ("for year of")
    ("NOTE: Revs for qtr include gains of 3,049,564 vs 2,010,972, and for year of 9,841,204 vs "
     "5,798,995.", {"3,049,564": "1986-Q4", "2,010,972": "1985-Q4", "9,841,204": "1986",
                    "5,798,995": "1985"}),
    # "1986 qtr and year", "both periods": the quarter; a year named tells current from prior
    ("Note: Net includes state tax credit of 400,000 for 1986 qtr and year.",
     {"400,000": "1986-Q4"}),
    ("NOTE: 1986 net both periods excludes 413,000 dlr gain from settlement.",
     {"413,000 dlr": "1986-Q4"}),
    ("NOTE: 1986 qtr and year excludes gains of 1,541,000 and 1,865,000, respectively, and 1985 "
     "qtr and year includes gains of 301,000 dlrs and 1,424,000 dlrs.",
     {"1,541,000": "1986-Q4", "1,865,000": "1986", "301,000 dlrs": "1985-Q4"}),
    ("NOTE: Prior qtr and year include pretax gain of 73 mln dlrs from a lawsuit.",
     {"73 mln dlrs": "1985-Q4"}),
    ("Note: year ago net includes gains of 5,000 dlrs in quarter and 9,000 dlrs in year.",
     {"5,000 dlrs": "1985-Q4", "9,000 dlrs": "1985"}),
])
def test_periods_in_notes_under_a_table(nlp, notes, expected):
    got = {f["text"]: f["period"] for f in figures(nlp, NOTE_TABLE + notes, date="1987-03-10")}
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, date, expected", [
    # rows with a word for a figure are rows all the same
    ("ACME CORP <ACM> 3RD QTR NET\n\nShr 10 cts vs 15 cts\n\nNine mths\n\nShr profit one cent "
     "vs profit 21 cts\n\nNet profit 628,000 vs profit 2,921,000", "1987-10-20",
     {"one cent": "1987-01/1987-09", "21 cts": "1986-01/1986-09"}),
    ("ACME CORP <ACM> 4TH QTR LOSS\n\nShr loss not given vs profit 16 cts\n\nNet loss 309,000 vs "
     "profit 426,000", "1987-03-06", {"16 cts": "1985-Q4", "426,000": "1985-Q4"}),
    # a header line with its year ("Year 1986")
    ("ACME OIL PROFIT CLIMBS\n\nYear 1986\n\nPre-tax profit 105.9 mln stg vs 79.6 mln.\n\nNet "
     "profit 56 mln vs 52.1 mln.", "1987-04-09",
     {"105.9 mln stg": "1986", "79.6 mln": "1985", "52.1 mln": "1985"}),
])
def test_periods_of_table_rows_and_headers(nlp, text, date, expected):
    assert periods_of(nlp, text, date, expected) == expected


@pytest.mark.parametrize("text, date, expected", [
    # a year in a results sentence is the period of its money
    ("Its 1986 net profit rose to 145 mln dlrs from 125 mln in 1985.", "1987-03-05",
     {"145 mln dlrs": "1986", "125 mln": "1985"}),
    ("Acme said it expects consolidated profit in 1986 higher than the 60 billion lire reported "
     "in 1985.", "1987-04-08", {"60 billion lire": "1985"}),
    ("Sales are on track to double in 2012 from last year's $13.3 billion.", "2012-04-27",
     {"$13.3 billion": "2011"}),
    ("In 1985, Acme posted losses of 200 mln francs on sales of three billion after 1984 losses "
     "of 997 mln francs.", "1987-03-18",
     {"200 mln francs": "1985", "997 mln francs": "1984"}),
    ("Acme sees earnings growth in 1987 above the 1.08 billion dlrs, or 5.02 dlrs per share, "
     "earned in 1986.", "1987-03-03", {"1.08 billion dlrs": "1986", "5.02 dlrs per share": "1986"}),
    ("Acme estimates Explore will add $0.8 billion and $1.6 billion to its 2020 and 2021 revenue "
     "estimates, respectively.", "2019-07-26",
     {"$0.8 billion": "2020", "$1.6 billion": "2021"}),
    # a forecast of a year is that year, not the quarter reported
    ("ACME CORP <ACM> 4TH QTR NET\n\nAnalysts expect earnings of about 2.05 dlrs a share for "
     "1987.", "1987-02-10", {"about 2.05 dlrs a share": "1987"}),
    # must not fire: a deal price, a balance at a date, "since", a year far away, no results word
    ("Acme agreed in 1986 to buy the unit for 200 mln dlrs.", "1987-03-02",
     {"200 mln dlrs": None}),
    ("Its allowance for credit losses totaled 953 mln dlrs compared with 910 mln at end-1986.",
     "1987-04-08", {"953 mln dlrs": None, "910 mln": None}),
    ("Acme had assets of 9.1 billion dlrs as of December 31, 1986.", "1987-03-02",
     {"9.1 billion dlrs": None}),
    ("Revenues have doubled since 1985 to 300 mln dlrs.", "1987-03-02", {"300 mln dlrs": None}),
    ("In a letter to shareholders in its 1986 annual report, Acme did not indicate the earnings "
     "dilution it expects from the acquisitions, which total some 1.38 billion dlrs.",
     "1987-03-20", {"some 1.38 billion dlrs": None}),
    ("The four quarters of a football match last fifteen minutes each.", "1987-03-02",
     {"fifteen": None}),
])
def test_years_as_periods_of_money(nlp, text, date, expected):
    assert periods_of(nlp, text, date, expected) == expected


@pytest.mark.parametrize("text, date, expected", [
    # a period named after the figure compared with is that figure's, not the first one's
    ("DIRECT CORP QUARTERLY PROFIT RISES\n\nDirect posted higher first quarter profit.\n\nIts "
     "profit rose to $336 million, or 27 cents per share, from $235 million, or 17 cents a share "
     "in the year-ago quarter.", "2007-05-09",
     {"$336 million": "2007-Q1", "27 cents per share": "2007-Q1", "$235 million": "2006-Q1",
      "17 cents a share": "2006-Q1"}),
    ("Sohu's third-quarter net income rose to $8.54 million, or 22 cents per diluted share, from "
     "$8 million a year earlier.", "2006-10-27",
     {"$8.54 million": "2006-Q3", "22 cents": "2006-Q3", "$8 million": "2005-Q3"}),
    ("Profit climbed to 41.7 million dollars, against 38.2 million dollars for the first quarter a year ago.",
     "1987-04-15", {"38.2 million dollars": "1986-Q1"}),
    # "up from earnings of": compared, a year before
    ("Acme reported first quarter earnings of 20.6 mln dlrs on sales of 238.0 mln dlrs, up from "
     "earnings of 16.1 mln dlrs on sales of 188.8 mln dlrs.", "1987-04-08",
     {"20.6 mln dlrs": "1987-Q1", "16.1 mln dlrs": "1986-Q1", "188.8 mln dlrs": "1986-Q1"}),
    # "from the previous quarter": the percent's comparison, not the amount's period
    ("Acme said revenue in the first quarter would fall 8 percent from the previous quarter to "
     "about $1.6 billion.", "2012-01-24", {"about $1.6 billion": "2012-Q1"}),
    # must not fire: a comparison with a forecast is no year earlier
    ("ACME MOBILE SWINGS TO PROFIT\n\nAcme reported a third-quarter profit.\n\nService revenue "
     "rose to $305 million compared with its own forecast of $285 million.", "2008-11-10",
     {"$305 million": "2008-Q3", "$285 million": "2008-Q3"}),
    # a balance at the end of a period has none
    ("ACME MOBILE SWINGS TO PROFIT\n\nAcme reported a third-quarter profit.\n\nIts net debt "
     "fell to $259 million from $300 million at the end of the previous quarter.", "2008-11-10",
     {"$259 million": None}),
])
def test_periods_of_figures_compared(nlp, text, date, expected):
    assert periods_of(nlp, text, date, expected) == expected


@pytest.mark.parametrize("text, date, expected", [
    # the period reported is the lead's first that is not a forecast
    ("Time Inc sees advertising improving in fourth-quarter\n\nTime Inc reported higher profit "
     "in the third quarter.\n\nRevenue in the publishing unit declined 6 percent, or $51 million, "
     "as advertising sales fell.", "2012-11-07", {"$51 million": "2012-Q3"}),
    # an estimate of a quarter is that quarter's
    ("Analysts expected 22 cents a share for the second quarter.", "1987-06-10",
     {"22 cents a share": "1987-Q2"}),
    # "annual", "full-year": the (fiscal) year reported; a conversion in brackets: the same
    ("ACME Q2 PROFIT GROWS\n\nAcme posted a rise in operating profit for its fiscal second "
     "quarter to September.\n\n"
     "Acme retained its annual forecast for an operating profit of 300 billion yen ($4 billion)."
     , "2011-10-31", {"300 billion yen": "FY2012", "$4 billion": "FY2012"}),
    ("ACME Q4 PROFIT RISES\n\nAcme posted a higher fourth-quarter profit.\n\nAnalysts peg its "
     "annual China revenue at $200 million.", "2010-01-21", {"$200 million": "2009"}),
])
def test_periods_of_forecasts_and_years_reported(nlp, text, date, expected):
    assert periods_of(nlp, text, date, expected) == expected


@pytest.mark.parametrize("text, expected", [
    ("I'll have a Quarter Pounder with cheese.", []),
    # "the four quarters": a reference (see test_more_non_figures), not one whole
    ("The four quarters of a football match last fifteen minutes each.", [("fifteen", None)]),
    ("She felt tired during the nine months of pregnancy.", []),
])
def test_periods_that_are_not_figures_or_money(nlp, text, expected):
    got = [(f["text"], f["period"]) for f in figures(nlp, text, date="1987-03-02")
           if f["kind"] != "fraction"]
    assert got == expected
    assert not [f for f in figures(nlp, text) if f["kind"] in ("fraction", "money")]


def test_records_carry_the_period(nlp):
    from extractor.records import ArticleRecord, record_from_doc
    doc = run(nlp, RESULTS_TABLE, date="1987-10-20")
    record = record_from_doc(doc, id="t1")
    data = record.to_dict()
    assert all("period" in f for f in data["figures"])
    assert [f["period"] for f in data["figures"]][:2] == ["1987-Q3", "1986-Q3"]
    assert ArticleRecord.from_dict(data).to_dict() == data
    assert json.loads(json.dumps(data)) == data


# -- money in modern results stories (sentences made up in their style) -------------------------
@pytest.mark.parametrize("text, needle, value, unit", [
    ("Revenue rose to €1.2 billion.", "€1.2 billion", 1_200_000_000, "EUR"),
    ("Revenue rose to EUR 1.1 billion.", "EUR 1.1 billion", 1_100_000_000, "EUR"),
    ("Operating income was JPY 40 billion.", "JPY 40 billion", 40_000_000_000, "JPY"),
    ("Sales were $1.2 billion.", "$1.2 billion", 1_200_000_000, "USD"),
    ("Sales were $1.2bn.", "$1.2bn", 1_200_000_000, "USD"),
    ("Net income was US$300 million.", "US$300 million", 300_000_000, "USD"),
    ("Its shares fell to C$64.64 in Toronto.", "C$64.64", 64.64, "CAD"),
    ("It earned 500 million USD.", "500 million USD", 500_000_000, "USD"),
    # an ISO code names its own currency, also in an article in another dollar
    ("ACME RESOURCES <ACR.TO> YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln\n\nIts unit earned 2 mln "
     "USD.", "2 mln USD", 2_000_000, "USD"),
])
def test_modern_money(nlp, text, needle, value, unit):
    f = one(nlp, text, needle, date="2019-10-30")
    assert (f["kind"], f["value"], f["unit"]) == ("money", value, unit)


@pytest.mark.parametrize("text", [
    "The EUR/USD exchange rate rose.",
    "Acme shipped 12 million units, up 5% year-over-year.",
])
def test_modern_not_money(nlp, text):
    assert not [f for f in figures(nlp, text, date="2019-10-30") if f["kind"] == "money"]


TABLE = "<ACME INC> YEAR NET\n\nShr 45 cts vs 30 cts\n\nNet 5.6 mln vs 4.5 mln"


@pytest.mark.parametrize("text, dateline, needle, unit", [
    # a Canadian dateline given as metadata (Reuters-21578's field): plain dollars are Canadian
    (TABLE, "TORONTO, March 3 -", "5.6 mln", "CAD"),
    (TABLE, "TORONTO, March 3 -", "45 cts", "CAD"),
    (TABLE, "CALGARY, Alberta, March 3 -", "4.5 mln", "CAD"),
    (TABLE, "  MONTREAL, March 3 - ", "5.6 mln", "CAD"),
    (TABLE, "Toronto, March 20 -", "5.6 mln", "CAD"),  # the field is a dateline in any case
    # a Canadian province after the city
    (TABLE, "OAKVILLE, Ontario, March 3 -", "5.6 mln", "CAD"),
    (TABLE, "MURDOCHVILLE, Que., April 2 -", "5.6 mln", "CAD"),
    # another country's dateline is one cue: with "Ltd" its dollar, alone not enough
    ("<ACME LTD> YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln", "SYDNEY, March 3 -",
     "5.6 mln dlrs", "AUD"),
    (TABLE, "SYDNEY, March 3 -", "5.6 mln", "USD"),
    # a dateline in the text still counts ("TORONTO (Reuters) -"), and with the metadata too
    ("Acme results\n\nTORONTO (Reuters) - Acme Inc said its profit rose to 12 mln dlrs.", None,
     "12 mln dlrs", "CAD"),
    ("Acme results\n\nTORONTO (Reuters) - Acme Inc said its profit rose to 12 mln dlrs.",
     "TORONTO, March 3 -", "12 mln dlrs", "CAD"),
    # a note line naming the currency outweighs the dateline
    (TABLE + "\n\nNOTE: U.S. funds.", "MONTREAL, March 19 -", "5.6 mln", "USD"),
    ("<ACME INC> YEAR NET\n\nNet 5.6 mln dlrs vs 4.5 mln\n\nCanadian funds", None,
     "5.6 mln dlrs", "CAD"),
    # must not fire: New York, London (no cue in the table), a city that is not a cue, a
    # Canadian city elsewhere than at the start, no dateline, an amount marked "U.S. dlrs"
    (TABLE, "NEW YORK, March 3 -", "5.6 mln", "USD"),
    (TABLE, "LONDON, March 3 -", "5.6 mln", "USD"),
    (TABLE, "KINGSTON, Jamaica, March 3 -", "5.6 mln", "USD"),
    (TABLE, "NEW BRUNSWICK, N.J., March 3 -", "5.6 mln", "USD"),  # a city, not the province
    (TABLE, "CUT BANK, Mont., April 9 -", "5.6 mln", "USD"),
    ("Acme Inc said it will open an office in Toronto.\n\nIts profit rose to 12 mln dlrs.",
     "WASHINGTON, March 3 -", "12 mln dlrs", "USD"),
    (TABLE, None, "5.6 mln", "USD"),
    (TABLE, "", "5.6 mln", "USD"),
    ("<ACME INC> YEAR NET\n\nNet 5.6 mln U.S. dlrs vs 4.5 mln U.S. dlrs", "TORONTO, March 3 -",
     "5.6 mln U.S. dlrs", "USD"),
    ("Acme Inc earned 5 mln dlrs, and its unit earned 1.1 mln U.S. dlrs.", "TORONTO, March 3 -",
     "1.1 mln U.S. dlrs", "USD"),
    # an article that opens with "U.S. dlrs": the plain dlrs after it are U.S. too
    ("Asian dollar market assets fell to 197.2 billion U.S. dlrs, down 3.4 billion dlrs.",
     "SINGAPORE, March 30 -", "3.4 billion dlrs", "USD"),
    ("Acme Ltd earned 5 mln dlrs, and its unit earned 1.1 mln U.S. dlrs.",
     "SINGAPORE, March 30 -", "5 mln dlrs", "SGD"),
    # a province after the city in a dateline in the text
    ("Acme results\n\nOAKVILLE, Ontario (Reuters) - Acme Inc said its profit rose to 12 mln "
     "dlrs.", None, "12 mln dlrs", "CAD"),
    # "$" names its own dollar, whatever the dateline
    ("Acme Inc said its profit rose to $12 million.", "TORONTO, March 3 -", "$12 million",
     "USD"),
])
def test_dateline_as_metadata_gives_the_home_dollar(nlp, text, dateline, needle, unit):
    f = one(nlp, text, needle, date="1987-03-03", dateline=dateline)
    assert f["kind"] in ("money", "per_share") and f["unit"] == unit


def test_currency_cues_with_an_unknown_kind_name_the_file(monkeypatch):
    from extractor.components import figures as module
    module._currency_cues.cache_clear()
    monkeypatch.setattr(module, "read_table", lambda name: (("sideways", "X", "CAD", "1"),))
    with pytest.raises(ValueError, match=r"currency_cues\.tsv: unknown cue kind 'sideways'"):
        module._currency_cues()


@pytest.mark.parametrize("text, needle, unit", [
    # a table whose amounts are marked in rand only: its plain cents and bare amounts are rand
    ("Shr 212 cts vs 190 cts\n\nPre-tax 41.2 mln rand vs 36.0 mln\n\nNet 30.5 mln vs 27.1 mln",
     "212 cts", "ZAR"),
    ("Shr 212 cts vs 190 cts\n\nPre-tax 41.2 mln rand vs 36.0 mln\n\nNet 30.5 mln vs 27.1 mln",
     "30.5 mln", "ZAR"),
    # a tax row is money too
    ("Pre-tax 41.2 mln rand vs 36.0 mln\n\nTax 10.7 mln vs 8.9 mln", "10.7 mln", "ZAR"),
    # must not fire: plain dollars beside the rand keep the wire's dollar; no rand, no change
    ("Gold output earned 12.5 mln dlrs and 30 mln rand, or 40 cts a share.", "40 cts a share", "USD"),
    ("Shr 212 cts vs 190 cts\n\nNet 30.5 mln vs 27.1 mln", "212 cts", "USD"),
    # a currency with cents of its own is needed: sterling's are pence
    ("Shr 12 cts vs 10 cts\n\nPre-tax 41.2 mln stg vs 36.0 mln", "12 cts", "USD"),
])
def test_cents_of_the_table_currency(nlp, text, needle, unit):
    assert one(nlp, text, needle)["unit"] == unit
