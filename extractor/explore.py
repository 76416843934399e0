"""The company graph as one self-contained HTML page to explore (``extract ... --html``).

The page inlines cytoscape.js (``extractor/static/cytoscape.min.js``, MIT licence beside it),
its own script and style (``static/explore.js``, ``static/explore.css``) and the graph as JSON,
so it opens from a file with no network. On it: pan and zoom, a search box (case-insensitive,
any part of a name or alias) that centres and highlights a company, filters by deal kind,
status, year range, minimum weight and role, the evidence sentence and sources of a deal (click
an edge), a company's role, degree and deals (click a node), and a legend. Positions are
computed here (networkx Kamada-Kawai or ``spring_layout`` per connected part, labels moved
apart, parts packed in rows), so the page opens at once::

    from extractor.explore import write_html
    write_html(graph, "graph.html")
"""
from __future__ import annotations

import html
import json
import math
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Union

import networkx as nx

__all__ = ["write_html", "render_html", "graph_data", "script_json", "layout_positions",
           "ROLE_COLORS", "CYTOSCAPE_VERSION"]

ROLE_COLORS = {"carrier": "#d1495b", "partner": "#2e86ab", "company": "#8d99ae"}  # as plot.py
CYTOSCAPE_VERSION = "3.35.0"
_STATIC = ("cytoscape.min.js", "explore.js", "explore.css")
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
@CSS@
</style>
</head>
<body>
<header>
  <h1>@TITLE@</h1>
  <div class="search"><input id="search" type="search" placeholder="Find a company…"
    autocomplete="off" aria-label="Find a company"><ul id="matches" hidden></ul></div>
  <span id="counts" class="meta"></span>
  <button id="fit" type="button" title="Show everything that is visible">Fit</button>
  <select id="layout" aria-label="Layout">
    <option value="preset">Layout: precomputed</option>
    <option value="cose">Layout: force (cose)</option>
    <option value="concentric">Layout: concentric by degree</option>
  </select>
</header>
<main>
  <aside id="filters">
    <section><h2>Companies</h2><div id="f-roles"></div>
      <label class="row"><input type="checkbox" id="f-isolated"> companies without a deal
      <span id="n-isolated" class="meta"></span></label></section>
    <section><h2>Deal kind <button type="button" class="link" id="kinds-all">all</button>
      <button type="button" class="link" id="kinds-none">none</button></h2>
      <div id="f-kinds"></div></section>
    <section><h2>Status</h2><div id="f-status"></div></section>
    <section><h2>Year</h2>
      <div class="row"><input type="number" id="f-year-from" aria-label="from year"> to
      <input type="number" id="f-year-to" aria-label="to year"></div>
      <label class="row"><input type="checkbox" id="f-no-year" checked> deals with no year</label>
    </section>
    <section><h2>Articles per deal</h2>
      <div class="row">at least <input type="number" id="f-weight" min="1" value="1"
      aria-label="minimum weight"> <span id="max-weight" class="meta"></span></div></section>
    <section id="legend"><h2>Legend</h2></section>
  </aside>
  <div id="cy" role="img" aria-label="Graph of companies and their deals"></div>
  <aside id="details"></aside>
</main>
<script>
@CYTOSCAPE@
</script>
<script type="application/json" id="graph-data">@DATA@</script>
<script>
@SCRIPT@
</script>
</body>
</html>
"""


def _static(name: str) -> str:
    """The text of ``extractor/static/NAME``."""
    try:
        path = resources.files("extractor").joinpath("static", name)
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return (Path(__file__).resolve().parent / "static" / name).read_text(encoding="utf-8")


def _split(value: Any) -> list[str]:
    """A ``;``-joined attribute (or a list) as a list of non-empty strings."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set)) else str(value).split(";")
    return [str(v).strip() for v in items if str(v).strip()]


def _sentences(value: Any) -> list[str]:
    """Evidence: one sentence (a string, never split at ``;``) or a list of them."""
    items = value if isinstance(value, (list, tuple)) else [value]
    return [" ".join(str(v).split()) for v in items if v is not None and str(v).strip()]


def _number(value: Any, default: int = 0) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return int(number) if math.isfinite(number) else default


def _years(value: Any) -> list[int]:
    return sorted({y for y in (_number(v, None) for v in _split(value)) if y is not None})


def layout_positions(graph: nx.Graph, seed: int = 0, spacing: float = 50.0) -> dict:
    """Node -> (x, y) in pixels: each connected part laid out on its own (Kamada-Kawai, or
    ``spring_layout`` for big parts), turned to lie flat, scaled so that neighbours are about
    ``spacing`` apart and moved apart until no two labels overlap; the parts packed in rows
    (largest first), companies without a deal last in a grid of their own. The same graph gives
    the same positions."""
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), str(c[0])))
    boxes = [_part_layout(graph.subgraph(p), seed, spacing) for p in parts if len(p) > 1]
    single = [p[0] for p in parts if len(p) == 1]
    area = sum((x1 - x0 + spacing) * (y1 - y0 + spacing) for _, (x0, y0, x1, y1) in boxes)
    row_width = max([math.sqrt(area) * 1.1] + [x1 - x0 for _, (x0, _, x1, _) in boxes])
    positions: dict = {}
    x = y = row_height = 0.0
    for pos, (x0, y0, x1, y1) in boxes:
        if x > 0 and x + (x1 - x0) > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (px, py) in pos.items():
            positions[node] = (x + px - x0, y + py - y0)
        x += x1 - x0 + spacing / 2
        row_height = max(row_height, y1 - y0)
    y += row_height + 1.5 * spacing if boxes else 0.0
    cell = max([_label_width(graph, n) for n in single] + [spacing], default=spacing)
    cell = min(cell, 2 * spacing)
    columns = max(1, int(row_width // cell) if boxes else math.ceil(math.sqrt(len(single))))
    for i, node in enumerate(single):
        positions[node] = ((i % columns) * cell, y + (i // columns) * spacing * 0.6)
    return positions


def _label_width(graph: nx.Graph, node) -> float:
    """About how wide the node's label is drawn, in pixels."""
    name = str(graph.nodes[node].get("label") or node)
    return 7.0 * len(name) * _font(graph.degree(node)) / 12 + 10


def _part_layout(part: nx.Graph, seed: int, spacing: float) -> tuple[dict, tuple]:
    """Positions of one connected part and its box (x0, y0, x1, y1) with room for labels."""
    n = part.number_of_nodes()
    if n == 2:
        a, b = sorted(part, key=str)
        raw = {a: (0.0, 0.0), b: (0.0, 1.0)}
    elif n <= 120:  # Kamada-Kawai reads best; above this size it gets slow (seconds)
        raw = nx.kamada_kawai_layout(part, weight=None)  # "weight" is articles, not length
    else:
        raw = nx.spring_layout(part, seed=seed, k=1.5 / math.sqrt(n), iterations=100)
    raw = _lying_flat(raw)
    nearest = sorted(min(math.dist(p, q) for m, q in raw.items() if m != node)
                     for node, p in raw.items())
    scale = spacing / max(nearest[len(nearest) // 2], 1e-9) * (1.3 if n == 2 else 1.0)
    pos = _separate(part, {node: (p[0] * scale, p[1] * scale) for node, p in raw.items()})
    half = {node: _label_width(part, node) / 2 for node in pos}
    box = (min(p[0] - half[v] for v, p in pos.items()), min(p[1] for p in pos.values()),
           max(p[0] + half[v] for v, p in pos.items()), max(p[1] for p in pos.values()) + 20)
    return pos, box


def _lying_flat(raw: dict) -> dict:
    """``raw`` turned so that its longest extent is horizontal (screens and label rows are
    wide), about its centre."""
    import numpy as np

    if len(raw) < 3:
        return raw
    xy = np.array(list(raw.values()), dtype=float)
    xy -= xy.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(xy.T))
    flat = xy @ vectors[:, ::-1]  # the main axis first
    return {node: (float(x), float(y)) for node, (x, y) in zip(raw, flat)}


def _separate(part: nx.Graph, pos: dict, rounds: int = 150, pad: float = 3.0) -> dict:
    """``pos`` with the nodes moved apart until no two boxes (the node and its label below it)
    overlap, each pair pushed along the axis where they overlap least."""
    import numpy as np

    nodes = list(pos)
    if len(nodes) < 2:
        return pos
    xy = np.array([pos[v] for v in nodes], dtype=float)
    size = np.array([_size(part.degree(v)) for v in nodes])
    font = np.array([_font(part.degree(v)) for v in nodes])
    half_w = np.maximum(np.array([_label_width(part, v) for v in nodes]), size) / 2 + pad
    half_h = (size + font + 4) / 2 + 3 * pad  # room to see an edge between stacked nodes
    drop = font / 2 + 2  # the box's centre lies below the node's, where the label is
    order = np.arange(len(nodes))
    for _ in range(rounds):
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        dy = (xy[:, 1] + drop)[:, None] - (xy[:, 1] + drop)[None, :]
        over_x = half_w[:, None] + half_w[None, :] - np.abs(dx)
        over_y = half_h[:, None] + half_h[None, :] - np.abs(dy)
        clash = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        tie = np.sign(order[:, None] - order[None, :])  # same place: the later one moves on
        sx = np.where(dx != 0, np.sign(dx), tie)
        sy = np.where(dy != 0, np.sign(dy), tie)
        along_x = clash & (over_x <= over_y)
        along_y = clash & ~along_x
        xy[:, 0] += (np.where(along_x, sx * over_x, 0.0) / 2).sum(axis=1) * 0.5
        xy[:, 1] += (np.where(along_y, sy * over_y, 0.0) / 2).sum(axis=1) * 0.5
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, xy)}


def _size(degree: int) -> float:
    return round(16 + 7 * math.sqrt(degree), 1)


def _font(degree: int) -> float:
    return round(min(10 + 3.0 * math.sqrt(degree), 28), 1)


def graph_data(graph: nx.Graph, positions: Optional[dict] = None) -> dict:
    """The page's JSON: nodes (``n0``...) and edges (``e0``...) with the attributes the page
    shows, and what the filters offer (kinds, statuses, roles, years, weights)."""
    positions = layout_positions(graph) if positions is None else positions
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    nodes = []
    for node, data in graph.nodes(data=True):
        degree = graph.degree(node)
        x, y = positions.get(node, (0.0, 0.0))
        role = str(data.get("role") or "company")
        nodes.append({
            "id": ids[node], "name": str(data.get("label") or node), "role": role,
            "aliases": _split(data.get("aliases")), "mentions": _number(data.get("mentions")),
            "articles": _number(data.get("articles")), "degree": degree,
            "size": _size(degree),
            "font": _font(degree),
            "color": ROLE_COLORS.get(role, ROLE_COLORS["company"]),
            "x": round(float(x), 1), "y": round(float(y), 1)})
    edges = []
    for i, (a, b, data) in enumerate(graph.edges(data=True)):
        weight = max(1, _number(data.get("weight"), 1))
        kinds = _split(data.get("kinds")) or _split(data.get("kind")) or ["deal"]
        edges.append({
            "id": f"e{i}", "source": ids[a], "target": ids[b],
            "kind": str(data.get("kind") or kinds[-1]), "kinds": kinds,
            "status": str(data.get("status") or "agreed"), "weight": weight,
            "width": round(1.5 + 2.5 * math.log2(weight), 2), "years": _years(data.get("years")),
            "evidence": _sentences(data.get("evidence")), "sources": _split(data.get("sources"))})
    years = [y for e in edges for y in e["years"]]
    return {
        "nodes": nodes, "edges": edges,
        "kinds": sorted({k for e in edges for k in e["kinds"]}),
        "statuses": sorted({e["status"] for e in edges}),
        "roles": [r for r in ROLE_COLORS if any(n["role"] == r for n in nodes)]
        + sorted({n["role"] for n in nodes} - set(ROLE_COLORS)),
        "colors": ROLE_COLORS,
        "years": [min(years), max(years)] if years else None,
        "maxWeight": max([e["weight"] for e in edges] or [1]),
    }


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` block: ``<``, ``>`` and ``&`` are
    escaped (no ``</script>``, no ``<!--``), and so are U+2028/U+2029; ``JSON.parse`` of the
    block's text gives ``data`` back."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _inline_script(code: str) -> str:
    """Library code made safe to inline: no ``</script`` or ``<!--`` can end the block."""
    for bad, good in (("</script", "<\\/script"), ("</SCRIPT", "<\\/SCRIPT"), ("<!--", "<\\!--")):
        code = code.replace(bad, good)
    return code


def render_html(graph: nx.Graph, *, title: str = "Company deals",
                positions: Optional[dict] = None) -> str:
    """The whole page for ``graph`` (a string)."""
    cytoscape, script, css = (_static(name) for name in _STATIC)
    parts = {"@TITLE@": html.escape(title), "@CSS@": css,
             "@CYTOSCAPE@": _inline_script(cytoscape), "@SCRIPT@": _inline_script(script),
             "@DATA@": script_json(graph_data(graph, positions))}
    # one pass over the template: inserted text is never searched for markers again
    return re.sub(r"@(TITLE|CSS|CYTOSCAPE|SCRIPT|DATA)@", lambda m: parts[m.group(0)], _PAGE)


def write_html(graph: nx.Graph, path: Union[str, os.PathLike], *,
               title: str = "Company deals") -> Path:
    """Write the page for ``graph`` to ``path`` atomically (inside an ``OutputGroup``, renamed
    with the run's other outputs); returns the path."""
    from .export import atomic_write, naming

    page = render_html(graph, title=title)
    with atomic_write(path, "w", encoding="utf-8", errors="replace") as handle, naming(path):
        handle.write(page)
    return Path(path)
