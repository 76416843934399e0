"""The page of ``extract ... --html`` (``extractor.explore``): self-contained, safely escaped,
and working in a real browser (headless Chromium through Playwright, skipped without them)."""
from __future__ import annotations

import json
import math
import os
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from extractor import cli, explore
from extractor.export import OutputGroup
from extractor.runner import Extractor

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = 'Evil </script><script>alert(1)</script> <!-- & "Co" \u2028\u2029 Ünïcode'
DEALS = {  # (a, b) -> (kind, kinds, status, weight, years, evidence, sources)
    ("Vodafone", "Nokia"): ("contract", "contract", "agreed", 3, "2013",
                            "Vodafone signed a network contract with Nokia; it runs to 2016.",
                            "a1;a2;a3"),
    ("Vodafone", "Ericsson"): ("merger", "merger", "proposed", 1, "2014",
                               "Vodafone proposed to merge with Ericsson.", "a4"),
    ("BT", "Acme Widgets"): ("acquisition", "stake;acquisition", "agreed", 2, "2011;2012",
                             "BT bought Acme Widgets.", "a5;a6"),
    ("BT", "Nokia"): ("joint_venture", "joint_venture", "agreed", 1, "",
                      "BT and Nokia formed a joint venture.", "a7"),
}
ROLES = {"Vodafone": "carrier", "BT": "carrier", "Nokia": "partner", "Ericsson": "partner",
         "Acme Widgets": "company", "Lonely Co": "company"}


def small_graph() -> nx.Graph:
    """Six companies (one without a deal), four deals, attributes as GraphBuilder makes them."""
    g = nx.Graph()
    for name, role in ROLES.items():
        g.add_node(name, label=name, role=role, mentions=2, articles=1,
                   aliases="Vodafone Group" if name == "Vodafone" else "")
    for (a, b), (kind, kinds, status, weight, years, evidence, sources) in DEALS.items():
        g.add_edge(a, b, kind=kind, kinds=kinds, status=status, weight=weight, years=years,
                   evidence=evidence, sources=sources)
    return g


def data_block(page: str) -> str:
    """The text of the page's JSON block."""
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page,
                      re.S)
    assert match, "no graph-data block"
    return match.group(1)


# -- without a browser ---------------------------------------------------------------------


def test_page_references_nothing_on_the_network():
    page = explore.render_html(small_graph())
    library = explore._static("cytoscape.min.js")
    assert library in page  # inlined as it is (it holds nothing that needs escaping)
    rest = page.replace(library, "")
    assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/", rest, re.I)
    assert not re.search(r"<(link|img|iframe)\b|\bsrc\s*=|@import|url\(", rest, re.I)
    for match in re.finditer(r"https?://", library):  # only in the licence comments
        before = library[:match.start()]
        assert before.rfind("/*") > before.rfind("*/"), library[match.start() - 80:match.end()]


def test_json_round_trips_with_hostile_names_and_sentences():
    g = small_graph()
    g.add_edge(HOSTILE, "Nokia", kind="deal", kinds="deal", status="agreed", weight=1,
               years="", evidence=HOSTILE, sources="x</script>.txt")
    g.nodes[HOSTILE].update(label=HOSTILE, role="company")
    page = explore.render_html(g, title="Deals <b>&</b>")
    block = data_block(page)
    data = json.loads(block)
    assert HOSTILE in [n["name"] for n in data["nodes"]]
    edge = next(e for e in data["edges"] if e["evidence"] == [" ".join(HOSTILE.split())])
    assert edge["sources"] == ["x</script>.txt"]
    assert page.count("</script>") == 3  # the library, the data, the page's script
    assert "<!--" not in page and "\u2028" not in page and "\u2029" not in page
    assert "<title>Deals &lt;b&gt;&amp;&lt;/b&gt;</title>" in page


@pytest.mark.parametrize("value", [
    "</script>", "</SCRIPT >", "<!-- x -->", "a\u2028b\u2029c", "&amp; <b>", 'quote " \\',
    {"k": ["</script>", 1, 2.5, None, True]}, "plain text",
])
def test_script_json_is_inert_in_a_script_block_and_parses_back(value):
    text = explore.script_json(value)
    assert json.loads(text) == value
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text


@pytest.mark.parametrize("code, expected", [
    ("var a = '</script>';", "var a = '<\\/script>';"),
    ("s = '<!--';", "s = '<\\!--';"),
    ("var x = a < b && c > d;", "var x = a < b && c > d;"),  # must not change
])
def test_inline_script_cannot_end_its_block(code, expected):
    assert explore._inline_script(code) == expected


def test_graph_data_carries_what_the_page_shows():
    data = explore.graph_data(small_graph())
    nodes = {n["id"]: n for n in data["nodes"]}
    by_name = {n["name"]: n for n in data["nodes"]}
    edges = {frozenset((nodes[e["source"]]["name"], nodes[e["target"]]["name"])): e
             for e in data["edges"]}
    vn = edges[frozenset(("Vodafone", "Nokia"))]
    assert vn["evidence"] == [DEALS[("Vodafone", "Nokia")][5]]  # not split at its ";"
    assert vn["sources"] == ["a1", "a2", "a3"] and vn["weight"] == 3 and vn["years"] == [2013]
    bt = edges[frozenset(("BT", "Acme Widgets"))]
    assert bt["kinds"] == ["stake", "acquisition"] and bt["years"] == [2011, 2012]
    assert edges[frozenset(("BT", "Nokia"))]["years"] == []
    assert by_name["Vodafone"]["degree"] == 2 and by_name["Lonely Co"]["degree"] == 0
    assert by_name["Vodafone"]["aliases"] == ["Vodafone Group"]
    assert by_name["Vodafone"]["color"] == explore.ROLE_COLORS["carrier"]
    assert data["kinds"] == ["acquisition", "contract", "joint_venture", "merger", "stake"]
    assert data["statuses"] == ["agreed", "proposed"]
    assert data["roles"] == ["carrier", "partner", "company"]
    assert data["years"] == [2011, 2014] and data["maxWeight"] == 3
    assert vn["width"] > edges[frozenset(("Vodafone", "Ericsson"))]["width"]


@pytest.mark.parametrize("value, expected", [
    ("a1;a2", ["a1", "a2"]), ("", []), (None, []), ("a1; ;a2;", ["a1", "a2"]),
    (["x", " y "], ["x", "y"]),
])
def test_split(value, expected):
    assert explore._split(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("2013", [2013]), ("1987;1986;1987", [1986, 1987]), ("", []), ("unknown", []),
    (2014.0, [2014]), ("nan", []),
])
def test_years(value, expected):
    assert explore._years(value) == expected


def test_graph_data_is_valid_json_with_odd_attribute_values():
    g = nx.Graph()
    g.add_edge("A", "B", weight=float("nan"), years=float("inf"), evidence=None, kinds="")
    data = explore.graph_data(g)
    json.loads(explore.script_json(data))  # no NaN or Infinity
    edge = data["edges"][0]
    assert edge["weight"] == 1 and edge["years"] == [] and edge["evidence"] == []
    assert edge["kinds"] == ["deal"] and data["nodes"][0]["role"] == "company"


def test_layout_gives_every_node_its_own_finite_place_and_is_repeatable():
    g = small_graph()
    for i in range(30):  # a bigger part and more companies without a deal
        g.add_edge("Hub", f"Leaf {i}")
        g.add_node(f"Alone {i}")
    first, second = explore.layout_positions(g), explore.layout_positions(g)
    assert first == second and set(first) == set(g)
    points = list(first.values())
    assert all(math.isfinite(c) for p in points for c in p)
    assert min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1:]) > 10
    alone = max(p[1] for n, p in first.items() if g.degree(n))
    assert all(first[n][1] > alone for n in g if g.degree(n) == 0)  # their own rows, below


def test_write_html_is_atomic_and_part_of_the_output_group(tmp_path):
    page = tmp_path / "graph.html"
    page.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), OutputGroup():
        explore.write_html(small_graph(), page)
        raise RuntimeError("a later output failed")
    assert page.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]  # no temporary file left
    explore.write_html(small_graph(), page)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_static_files_are_installed_with_the_package():
    setup = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "extractor = static/*.js, static/*.css, static/*.LICENSE" in setup
    for name in explore._STATIC + ("cytoscape.LICENSE",):
        assert (ROOT / "extractor" / "static" / name).is_file()
    assert f'version="{explore.CYTOSCAPE_VERSION}"' in explore._static("cytoscape.min.js")


# -- the command ---------------------------------------------------------------------------


@pytest.fixture
def runner(nlp, monkeypatch):
    monkeypatch.setattr(cli, "_load_extractor", lambda model, gazetteer: Extractor(nlp))
    return CliRunner()


def test_cli_html_writes_the_page_beside_the_graph(runner, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    page = tmp_path / "graph.html"
    result = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "g.graphml"),
                                      "--html", str(page)])
    assert result.exit_code == 0, result.stderr
    assert f"page -> {page}" in result.stderr
    data = json.loads(data_block(page.read_text(encoding="utf-8")))
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges() > 0


@pytest.mark.parametrize("target, message", [
    ("missing/graph.html", "no such folder"),
    (".", "is a directory"),
])
def test_cli_html_to_a_bad_place_is_a_usage_error(runner, tmp_path, target, message):
    corpus = ROOT / "corpus"
    result = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "g.graphml"),
                                      "--html", str(tmp_path / target)])
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "g.graphml").exists()


# -- in a browser --------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for candidate in (os.environ.get("EXTRACTOR_CHROMIUM"), "chromium", "chromium-browser",
                      "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Chromium of the system (never a downloaded one) with a fresh profile."""
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on PATH (apt-get install chromium, or set EXTRACTOR_CHROMIUM)")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable,
            args=CHROMIUM_FLAGS, headless=True, viewport={"width": 1400, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(browser, tmp_path):
    path = explore.write_html(small_graph(), tmp_path / "graph.html")
    tab = browser.new_page()
    tab.errors, tab.requests = [], []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.goto(path.resolve().as_uri())
    tab.wait_for_function("window.explorer && window.explorer.ready", timeout=20_000)
    yield tab
    tab.close()


def after_frames(tab, expression: str):
    """``expression`` evaluated after two frames (cytoscape updates some styles lazily)."""
    return tab.evaluate(f"""new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
        () => done({expression}))))""")


def visible_edges(tab) -> int:
    """The number of edges cytoscape draws."""
    return after_frames(tab, "explorer.cy.edges(':visible').length")


def test_page_renders_the_graph_offline(page):
    assert page.evaluate("explorer.cy.nodes().length") == len(ROLES)
    assert page.evaluate("explorer.cy.edges().length") == len(DEALS)
    # the company without a deal is shown (few of them) and every deal is
    assert after_frames(page, "explorer.cy.nodes(':visible').length") == len(ROLES)
    assert visible_edges(page) == len(DEALS)
    assert "6 of 6 companies, 4 of 4 deals" in page.inner_text("#counts")
    assert page.errors == []
    assert all(url.startswith("file:") for url in page.requests), page.requests


@pytest.mark.parametrize("query, found", [("noki", "Nokia"), ("VODAFONE G", "Vodafone"),
                                          ("acme", "Acme Widgets")])
def test_search_centres_and_highlights_a_company(page, query, found):
    page.fill("#search", query)
    page.press("#search", "Enter")
    page.wait_for_timeout(500)  # the centring animation
    assert page.evaluate("explorer.cy.nodes('.found').map(n => n.data('name'))") == [found]
    assert page.inner_text("#details h3") == found
    x, y = page.evaluate("""(() => { const p = explorer.cy.nodes('.found').renderedPosition();
                            return [p.x, p.y]; })()""")
    width, height = page.evaluate("[explorer.cy.width(), explorer.cy.height()]")
    assert abs(x - width / 2) < 5 and abs(y - height / 2) < 5


def test_search_finds_a_company_the_filters_hide(page):
    page.uncheck("#f-isolated")
    assert after_frames(page, "explorer.cy.nodes(':visible').length") == len(ROLES) - 1
    page.fill("#search", "lonely")
    page.press("#search", "Enter")
    assert after_frames(page, "explorer.cy.nodes('.found:visible').map(n => n.data('name'))") \
        == ["Lonely Co"]
    assert page.inner_text("#details h3") == "Lonely Co"
    assert "No deal found." in page.inner_text("#details")


def test_search_that_matches_nothing_says_so(page):
    page.fill("#search", "zzz")
    assert page.inner_text("#matches") == "No company matches."
    page.press("#search", "Enter")
    assert page.evaluate("explorer.cy.nodes('.found').length") == 0


def test_click_on_an_edge_shows_its_evidence_and_sources(page):
    x, y = page.evaluate("""(() => {
        const e = explorer.cy.edges().filter(e => e.data('kind') === 'merger');
        const m = e.renderedMidpoint(), box = explorer.cy.container().getBoundingClientRect();
        return [box.left + m.x, box.top + m.y]; })()""")
    page.mouse.click(x, y)
    assert page.inner_text("#details h3") == "Vodafone — Ericsson"
    assert page.inner_text("#details blockquote.evidence") == \
        "Vodafone proposed to merge with Ericsson."
    assert page.inner_text("#details ul.sources") == "a4"


def test_click_on_a_node_shows_its_role_degree_and_deals(page):
    x, y = page.evaluate("""(() => {
        const n = explorer.cy.nodes().filter(n => n.data('name') === 'Nokia');
        const p = n.renderedPosition(), box = explorer.cy.container().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; })()""")
    page.mouse.click(x, y)
    assert page.inner_text("#details h3") == "Nokia"
    facts = page.inner_text("#details dl")
    assert "partner" in facts and re.search(r"degree\s+2", facts)
    rows = page.locator("#details tr.deal").all_inner_texts()
    assert len(rows) == 2 and rows[0].startswith("Vodafone")  # heaviest deal first


@pytest.mark.parametrize("kinds, expected", [
    (["merger"], 1), (["acquisition"], 1), (["stake"], 1),  # any of an edge's kinds counts
    (["merger", "contract"], 2), ([], 0),
])
def test_kind_filter_sets_the_visible_edges(page, kinds, expected):
    page.click("#kinds-none")
    for kind in kinds:
        page.check(f"#f-kinds input[value='{kind}']")
    assert visible_edges(page) == expected
    assert f"{expected} of 4 deals" in page.inner_text("#counts")


@pytest.mark.parametrize("field, value, expected", [
    ("#f-weight", "2", 2), ("#f-weight", "4", 0), ("#f-year-from", "2014", 2),
    ("#f-year-to", "2012", 2),  # BT-Acme (2011-2012) and BT-Nokia (no year)
])
def test_weight_and_year_filters(page, field, value, expected):
    page.fill(field, value)
    assert visible_edges(page) == expected


def test_status_and_role_filters(page):
    page.uncheck("#f-status input[value='proposed']")
    assert visible_edges(page) == 3
    page.uncheck("#f-roles input[value='company']")  # BT-Acme goes with Acme
    assert visible_edges(page) == 2
    assert after_frames(page, "explorer.cy.nodes(':visible').map(n => n.data('name')).sort()") \
        == ["BT", "Nokia", "Vodafone"]


@pytest.mark.parametrize("companies", [False, True])
def test_a_graph_without_deals_or_companies_still_opens(browser, tmp_path, companies):
    g = nx.Graph()
    if companies:
        g.add_nodes_from(["Alone A", "Alone B"], role="company")
    tab = browser.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(explore.write_html(g, tmp_path / "empty.html").resolve().as_uri())
    tab.wait_for_function("window.explorer && window.explorer.ready", timeout=20_000)
    # with no deal at all, the companies without one are shown
    assert after_frames(tab, "explorer.cy.nodes(':visible').length") == len(g)
    assert errors == []
    tab.close()


def test_screenshot(page, tmp_path):
    shot = tmp_path / "explore.png"
    page.screenshot(path=str(shot))
    image = pytest.importorskip("PIL.Image").open(shot).convert("RGB")
    assert image.size == (1400, 900)
    box = page.locator("#cy").bounding_box()  # the graph's canvas only, not the legend
    colours = {image.getpixel((x, y))
               for x in range(int(box["x"]), int(box["x"] + box["width"]), 3)
               for y in range(int(box["y"]), int(box["y"] + box["height"]), 3)}
    role_colours = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))
                    for c in explore.ROLE_COLORS.values()}
    assert role_colours <= colours  # the nodes were drawn in their colours
