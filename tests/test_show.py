"""The HTML page of one article (displaCy marks, deals with their sentences)."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from extractor.corpus import Article
from extractor.records import ArticleRecord, Company, DateMention, Figure, Mention, Relation
from extractor.show import entity_spans, read_article, render_html, show_article

TEXT = ("MCI SIGNS PACT\n\nMCI Communications Corp said it signed a pact with <Sedio N.V.> "
        "in 1987. MCI's 35 million customers <script>alert(1)</script> gain.")


def _record() -> ArticleRecord:
    def span(s: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(s, start + 1)
        return start, start + len(s)

    mci = [Mention(t, *span(t, n)) for t, n in (("MCI", 0), ("MCI Communications Corp", 0),
                                                 ("MCI", 2))]
    sedio = [Mention("Sedio N.V.", *span("Sedio N.V."))]
    sentence = "MCI Communications Corp said it signed a pact with <Sedio N.V.> in 1987."
    s0, s1 = span(sentence)
    return ArticleRecord(
        "r-1", date="1987-03-02",
        companies=[Company("MCI Communications", "carrier", mci),
                   Company("Sedio", "partner", sedio)],
        dates=[DateMention("1987", *span("1987"), value="1987")],
        figures=[Figure("35 million", *span("35 million"), 35_000_000.0, None, "count",
                        counts="customers", companies=["MCI Communications"], year=1987),
                 # overlaps the company mention: dropped from the marks
                 Figure("Sedio N", *span("Sedio N"), 1.0)],
        relations=[Relation("MCI Communications", "Sedio", "pact", "agreed", sentence, s0, s1,
                            1987)])


class _Checker(HTMLParser):
    """Collects marks and fails on unbalanced tags."""

    def __init__(self):
        super().__init__()
        self.stack, self.marks, self.scripts = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"meta", "br"}:
            return
        self.stack.append(tag)
        if tag == "mark":
            self.marks.append(dict(attrs))
        self.scripts += tag == "script"

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack[-3:], tag)
        self.stack.pop()


def test_page_marks_companies_figures_dates():
    page = render_html(Article("r-1", TEXT, "x.jsonl", "1987-03-02", "MCI SIGNS PACT"), _record())
    checker = _Checker()
    checker.feed(page)
    assert not checker.stack and checker.scripts == 0  # well nested; article text escaped
    assert "&lt;script&gt;" in page
    titles = [m.get("title", "") for m in checker.marks]
    assert "MCI Communications Corp = MCI Communications (carrier)" in titles
    assert "MCI = MCI Communications (carrier)" in titles
    assert "Sedio N.V. = Sedio (partner)" in titles
    assert "date: 1987" in titles
    assert any(t.startswith("count; 35,000,000; counts customers; year 1987") for t in titles)
    assert not any("Sedio N =" in t or t == "count; 1" for t in titles)  # overlap dropped
    assert ">CARRIER<" in page and ">PARTNER<" in page and ">FIGURE<" in page


def test_page_lists_deals_with_marked_sentence():
    page = render_html(Article("r-1", TEXT), _record())
    assert "Deals (1)" in page
    assert "MCI Communications — Sedio" in page
    assert ("<mark>MCI Communications Corp</mark> said it signed a pact with "
            "&lt;<mark>Sedio N.V.</mark>&gt; in 1987.") in page


def test_page_without_findings_says_so():
    page = render_html(Article("x", "Nothing here."), ArticleRecord("x"))
    assert "No deal found in this article." in page and "No company found." in page


def test_spans_outside_text_are_ignored():
    record = ArticleRecord("x", dates=[DateMention("2013", 50, 54, "2013")])
    assert entity_spans(record, "short") == []


def test_read_article_by_id(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": f"Text {i}."})
                              for i in ("a1", "a2")) + "\n", encoding="utf-8")
    assert read_article(path).id == "a1"
    assert read_article(path, "a2").text == "Text a2."
    with pytest.raises(LookupError, match="a3"):
        read_article(path, "a3")


def test_show_article_end_to_end(tmp_path, nlp):
    from extractor.runner import Extractor

    src = tmp_path / "deal.txt"
    src.write_text("Vodafone Group Plc said on Monday it signed an agreement with Nokia to "
                   "supply 3G handsets in 2005.\n", encoding="utf-8")
    out = show_article(src, output=tmp_path / "page.html", extractor=Extractor(nlp))
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'class="entity"' in page and "Vodafone" in page
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_show_picks_the_article_by_id(nlp, monkeypatch, tmp_path):
    from click.testing import CliRunner

    from extractor import cli
    from extractor.runner import Extractor

    monkeypatch.setattr(cli, "_load_extractor", lambda model, gazetteer: Extractor(nlp))
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": "Nothing about deals."}) + "\n"
                   + json.dumps({"id": "n2", "title": "BT AND IBM SIGN PACT",
                                 "text": "British Telecom signed a contract with IBM."}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli.main, ["show", str(src), "--id", "n2", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "BT AND IBM SIGN PACT" in page and "Nothing about deals" not in page
    missing = CliRunner().invoke(cli.main, ["show", str(src), "--id", "n9"])
    assert missing.exit_code == 2 and "n9" in missing.stderr


def test_deal_shows_the_graph_names_and_plain_years():
    text = "American Telephone and Telegraph Co signed a pact with Philips in 1987."
    record = ArticleRecord("x", companies=[
        Company("American Telephone and Telegraph", "carrier",
                [Mention("American Telephone and Telegraph Co", 0, 35)]),
        Company("Philips", "partner", [Mention("Philips", 55, 62)])],
        relations=[Relation("American Telephone and Telegraph", "Philips", "pact", "agreed",
                            text, 0, len(text), 1987)])
    page = render_html(Article("x", text), record)
    assert "in the graph: AT&amp;T — Philips" in page
    assert "<td>1987</td>" in page and "1,987" not in page
    assert "in the graph" not in render_html(Article("x", text), record, aliases={})
