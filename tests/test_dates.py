"""Dates: ISO values, relative dates resolved on the article date, and what is not a date.

Sentences are quoted from ../shared/corpora (Reuters-21578, BBC, the seed article).
"""
from __future__ import annotations

import pytest

from extractor.components.dates import parse_article_date, shift_months


def dates(nlp, text, date=None):
    doc = nlp.make_doc(text)
    doc._.article_date = date
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "extractor_dates":
            break
    for d in doc._.dates:
        assert text[d["start"]:d["end"]] == d["text"]
    return [(d["text"], d["value"]) for d in doc._.dates]


def test_seed_dates(nlp, seed_text):
    got = dates(nlp, seed_text)
    assert got == [("the last twelve years", None), ("2012", "2012"), ("the past year", None),
                   ("2013", "2013"), ("2013", "2013")]


def test_seed_dates_resolved_when_the_article_has_a_date(nlp):
    text = ("Over the past year, China Mobile and its partners achieved good results via these "
            "joint efforts.")
    assert dates(nlp, text, "2013-12-18") == [("the past year", "2012")]


def test_year_over_year_is_not_a_date(nlp):
    text = "The three channel providers will see tripled sales of TD devices year-over-year in 2013."
    assert dates(nlp, text) == [("2013", "2013")]


@pytest.mark.parametrize("text, date, expected", [
    ("Weekly foreign-exchange auctions began in October 1985.", None, [("October 1985", "1985-10")]),
    ("It was founded on March 2, 1987.", None, [("March 2, 1987", "1987-03-02")]),
    ("Results came on 2 March 1987.", None, [("2 March 1987", "1987-03-02")]),
    ("The record date is 1987-03-02.", None, [("1987-03-02", "1987-03-02")]),
    ("Azuma Steel's current losses are estimated at 3.1 billion yen in the year ending March 31.",
     "1987-03-01T21:44:31", [("March 31", "1987-03-31")]),
    ("The Italian treasury said annual coupon rates payable March 1988 would be cut compared "
     "with rates this March.", "1987-03-01T02:02:38", [("March 1988", "1988-03"),
                                                       ("this March", "1987-03")]),
    ("FLUOROCARBON CO <FCBN> 4TH QTR JAN 31 NET", "1987-03-26", [("JAN 31", "1987-01-31")]),
])
def test_absolute_dates(nlp, text, date, expected):
    assert dates(nlp, text, date) == expected


@pytest.mark.parametrize("text, date, expected", [
    # 1987-03-02 is a Monday: "on Thursday" in a past-tense report is the Thursday before
    ("The United States and a group of other industrial nations on Thursday granted Argentina a "
     "500 mln dlr bridge loan.", "1987-03-02T07:39:01", [("Thursday", "1987-02-26")]),
    ("The company will hold its annual meeting on Thursday.", "1987-03-02",
     [("Thursday", "1987-03-05")]),
    ("Brazil, which last week declared a moratorium on interest payments.", "1987-02-26",
     [("last week", "1987-02-19")]),
    ("It said it would cut prices next month.", "1987-03-02", [("next month", "1987-04")]),
    ("Xuto said there was agreement over the central elements of a new accord last weekend.",
     "1987-03-19", [("last weekend", "1987-03-14")]),
    ("Hungary's budget deficit tripled last year.", "1987-03-02", [("last year", "1986")]),
    ("The plant closed three years ago.", "1987-03-02", [("three years ago", "1984")]),
    ("Earlier this year the bank raised rates.", "1987-03-02", [("Earlier this year", "1987")]),
    ("The Bank of England forecast a shortage in the money market today.", "1987-03-02",
     [("today", "1987-03-02")]),
    ("Firms have done similar moves over the last twelve years.", "2013-12-18",
     [("the last twelve years", "2001")]),
])
def test_relative_dates(nlp, text, date, expected):
    assert dates(nlp, text, date) == expected


def test_relative_dates_without_an_article_date_keep_the_text(nlp):
    assert dates(nlp, "Brazil last week declared a moratorium on Thursday.") == [
        ("last week", None), ("Thursday", None)]


@pytest.mark.parametrize("text", [
    "The company plans to cut 2000 jobs.",
    "It paid 1,990 dlrs for the shares.",
    "The Sunday Times said the bid was low.",
    "Growth may slow, analysts said.",
    "To this day the firm has not paid.",
])
def test_not_dates(nlp, text):
    assert dates(nlp, text, "1987-03-02") == []


def test_year_as_modifier_is_a_date_but_a_count_is_not(nlp):
    assert dates(nlp, "The 1987 budget adds 1990 jobs.", "1987-03-02") == [("1987", "1987")]


def test_helpers():
    assert parse_article_date("1987-03-02T07:39:01").isoformat() == "1987-03-02"
    assert parse_article_date(None) is None and parse_article_date("garbage!!") is None
    assert shift_months(parse_article_date("1987-03-31"), -1).isoformat() == "1987-02-28"


def test_doc_spans_for_displacy(nlp):
    doc = nlp.make_doc("Weekly auctions began in October 1985 and ended last week.")
    doc._.article_date = "1987-03-02"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(s.text, s.label_) for s in doc.spans["dates"]] == [("October 1985", "DATE"),
                                                                ("last week", "DATE")]


def test_absurd_offsets_give_no_value_and_no_error(nlp):
    got = dates(nlp, "Life began over the past 5000 years, or 99999999 days ago.", "1987-03-02")
    assert got == [("the past 5000 years", None), ("99999999 days ago", None)]


def test_numeric_date_goes_to_dateparser(nlp):
    # not one of the fast expressions: read by dateparser (US order, as in US news)
    assert dates(nlp, "The agreement was signed on 3/2/1987 in New York.") == [
        ("3/2/1987", "1987-03-02")]


def test_abbreviated_months_with_ordinals(nlp):
    assert dates(nlp, "The offer expires Mar. 31st, 1987 and began 1st Feb 1987.") == [
        ("Mar. 31st, 1987", "1987-03-31"), ("1st Feb 1987", "1987-02-01")]
