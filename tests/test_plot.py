"""Pictures of the graph (matplotlib, optional)."""
from __future__ import annotations

import math
import sys

import networkx as nx
import pytest

from extractor.plot import PlotUnavailable, layout, plot_graph, select_for_plot

pytest.importorskip("matplotlib")


@pytest.fixture
def deals() -> nx.Graph:
    g = nx.Graph()
    for name, role in [("China Mobile", "carrier"), ("BT", "carrier"), ("Oppo", "partner"),
                       ("Vivo", "partner"), ("Apple", "partner"), ("IBM", "company"),
                       ("Lenovo", "company"), ("Dell", "company")]:
        g.add_node(name, label=name, role=role, mentions=1, articles=2)
    g.add_edge("China Mobile", "Oppo", weight=1, status="agreed", kinds="letter_of_intent")
    g.add_edge("China Mobile", "Vivo", weight=3, status="agreed", kinds="letter_of_intent")
    g.add_edge("China Mobile", "Apple", weight=2, status="proposed", kinds="agreement")
    g.add_edge("BT", "Apple", weight=1, status="agreed", kinds="contract")
    g.add_edge("IBM", "Lenovo", weight=1, status="agreed", kinds="acquisition")
    g.add_node("Dell", label="Dell", role="company")  # no deal: not drawn
    return g


def test_png_is_written(tmp_path, deals):
    out = plot_graph(deals, tmp_path / "g.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_svg_has_the_labels(tmp_path, deals):
    out = plot_graph(deals, tmp_path / "sub" / "g.svg")
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text
    # matplotlib writes text as glyph paths with the string in a comment
    for name in ("China Mobile", "Oppo", "IBM"):
        assert name in text
    assert "Dell" not in text


def test_layout_sets_carriers_apart(deals):
    shown = select_for_plot(deals)
    pos = layout(shown)
    assert set(pos) == set(shown)
    # the carrier is the hub of its partners: closer to each of them than they are to BT
    for partner in ("Oppo", "Vivo"):
        assert math.dist(pos["China Mobile"], pos[partner]) < \
            math.dist(pos["BT"], pos[partner])
    # the deal with no carrier comes after (below) the parts with a carrier
    assert max(pos["IBM"][1], pos["Lenovo"][1]) < min(pos[v][1] for v in
                                                      ("China Mobile", "BT", "Oppo", "Vivo"))


def test_star_puts_the_carrier_in_the_middle():
    g = nx.Graph()
    g.add_node("Telco", role="carrier")
    for name in "ABCDE":
        g.add_edge("Telco", name, weight=1)
    pos = layout(g)
    cx = sum(pos[v][0] for v in "ABCDE") / 5
    cy = sum(pos[v][1] for v in "ABCDE") / 5
    assert math.dist((cx, cy), pos["Telco"]) < 0.2
    assert all(math.dist(pos["Telco"], pos[v]) > 0.99 for v in "ABCDE")


def test_select_keeps_heaviest_deals(deals):
    shown = select_for_plot(deals, max_nodes=2)
    assert set(shown) == {"China Mobile", "Vivo"}
    assert shown.nodes["Vivo"]["role"] == "partner"


def test_empty_graph_still_gives_a_picture(tmp_path):
    out = plot_graph(nx.Graph(), tmp_path / "empty.png")
    assert out.stat().st_size > 1000


def test_unknown_picture_type(tmp_path, deals):
    with pytest.raises(ValueError, match=".png, .svg or .pdf"):
        plot_graph(deals, tmp_path / "g.gif")
    assert not list(tmp_path.iterdir())


def test_missing_matplotlib_says_how_to_install(tmp_path, deals, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(PlotUnavailable, match=r"extractor\[plot\]"):
        plot_graph(deals, tmp_path / "g.png")
    assert not (tmp_path / "g.png").exists()


def test_cli_draws_the_picture(nlp, monkeypatch, seed_text, tmp_path):
    from click.testing import CliRunner

    from extractor import cli
    from extractor.runner import Extractor

    monkeypatch.setattr(cli, "_load_extractor", lambda model, gazetteer: Extractor(nlp))
    src = tmp_path / "seed.txt"
    src.write_text(seed_text, encoding="utf-8")
    args = [str(src), "-o", str(tmp_path / "g.graphml")]
    result = CliRunner().invoke(cli.main, args + ["--plot", str(tmp_path / "g.svg")])
    assert result.exit_code == 0, result.stderr
    assert "<svg" in (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert "picture -> " in result.stderr
    bad = CliRunner().invoke(cli.main, args + ["--plot", str(tmp_path / "g.jpg")])
    assert bad.exit_code == 2 and ".png, .svg or .pdf" in bad.stderr


def test_cli_without_matplotlib_is_a_usage_error_before_any_work(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from extractor import cli

    def no_extractor(model, gazetteer):  # the check must come before the model is loaded
        raise AssertionError("model loaded")

    monkeypatch.setattr(cli, "_load_extractor", no_extractor)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    src = tmp_path / "a.txt"
    src.write_text("BT signed a deal with IBM.", encoding="utf-8")
    result = CliRunner().invoke(cli.main, [str(src), "-o", str(tmp_path / "g.graphml"),
                                           "--plot", str(tmp_path / "g.png")])
    assert result.exit_code == 2 and "pip install" in result.stderr
    assert not (tmp_path / "g.graphml").exists()
