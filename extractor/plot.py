"""A picture of the carrier--partner graph (matplotlib, the optional extra ``plot``).

Each connected part of the graph is laid out on its own and the parts are packed in rows, those
with a carrier first: a carrier sits at the hub of its partners, drawn as a larger red square with
a bold label; deals that involve no carrier come last. Edge width grows with the number of
articles (``weight``), proposed deals are dashed, and every company is labelled, with labels
moved apart so that none is hidden. matplotlib is imported only when a picture is drawn::

    from extractor.plot import plot_graph
    plot_graph(graph, "graph.png")        # or .svg / .pdf
"""
from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Optional, Union

import networkx as nx

__all__ = ["plot_graph", "PlotUnavailable", "select_for_plot", "layout"]

ROLE_STYLE = {  # role -> (colour, marker, base size)
    "carrier": ("#d1495b", "s", 260),
    "partner": ("#2e86ab", "o", 120),
    "company": ("#8d99ae", "o", 70),
}


class PlotUnavailable(ImportError):
    """matplotlib is not installed."""


def _matplotlib():
    try:
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PlotUnavailable(
            "drawing the graph needs matplotlib, the optional extra 'plot': "
            "pip install 'extractor[plot]'  (or: pip install matplotlib)") from exc
    return Figure, Line2D


def select_for_plot(graph: nx.Graph, max_nodes: int = 120) -> nx.Graph:
    """The part of ``graph`` worth drawing: companies with at least one deal, and when there are
    more than ``max_nodes`` of them, the heaviest edges until ``max_nodes`` companies are in."""
    edges = sorted(graph.edges(data=True),
                   key=lambda e: (-int(e[2].get("weight", 1)),
                                  -(_is_carrier(graph, e[0]) + _is_carrier(graph, e[1])),
                                  str(e[0]), str(e[1])))
    keep = nx.Graph()
    for a, b, data in edges:
        new = (a not in keep) + (b not in keep)
        if keep.number_of_nodes() + new > max_nodes:
            continue
        keep.add_edge(a, b, **data)
    for node in keep:
        keep.nodes[node].update(graph.nodes[node])
    return keep


def _is_carrier(graph: nx.Graph, node) -> bool:
    return graph.nodes[node].get("role") == "carrier"


def _marker_size(data: dict) -> float:
    """Marker area (points^2): by role, growing with the articles that name the company."""
    base = ROLE_STYLE.get(data.get("role", "company"), ROLE_STYLE["company"])[2]
    return base * (1 + 0.35 * math.log1p(int(data.get("articles", 1) or 1)))


def _component_layout(sub: nx.Graph, seed: int) -> dict:
    """Positions for one connected part, scaled so that an average edge is about 1 long.

    A carrier whose partners deal only with it sits in the middle with its partners in a
    circle around it; other shapes get a spring layout (networkx, seeded: the same picture
    every time).
    """
    nodes = sorted(sub, key=lambda v: (not _is_carrier(sub, v), -sub.degree(v), str(v)))
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.6, 0.0), nodes[1]: (0.6, 0.0)}
    hub = nodes[0]
    if sub.degree(hub) == n - 1 and sub.number_of_edges() == n - 1:  # a star
        radius = max(1.0, 0.16 * n)
        return {hub: (0.0, 0.0), **{v: (radius * math.cos(math.pi / 2 - 2 * math.pi * i / (n - 1)),
                                        radius * math.sin(math.pi / 2 - 2 * math.pi * i / (n - 1)))
                                    for i, v in enumerate(nodes[1:])}}
    pos = nx.spring_layout(sub, seed=seed, iterations=200, k=1.6 / math.sqrt(n))
    lengths = [math.dist(pos[a], pos[b]) for a, b in sub.edges()]
    scale = 1.2 / (sum(lengths) / len(lengths)) if lengths and sum(lengths) else 1.0
    return {v: (float(x) * scale, float(y) * scale) for v, (x, y) in pos.items()}


def layout(graph: nx.Graph, seed: int = 7) -> dict:
    """Positions for :func:`plot_graph`: each connected part laid out on its own (carriers at
    the hub of their partners), parts with a carrier first, packed in rows from the top left;
    deals without a carrier come last."""
    parts = sorted(nx.connected_components(graph),
                   key=lambda c: (not any(_is_carrier(graph, v) for v in c), -len(c),
                                  sorted(map(str, c))))
    blocks = []
    for part in parts:
        local = _component_layout(graph.subgraph(part), seed)
        # room for the labels at the sides: about 0.045 units per character on each side
        pad = 0.6 + 0.045 * max(len(str(graph.nodes[v].get("label") or v)) for v in part)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        blocks.append((local, min(xs) - pad, max(xs) + pad, min(ys), max(ys)))
    area = sum((x1 - x0) * (y1 - y0 + 1.2) for _, x0, x1, y0, y1 in blocks)
    width = max([math.sqrt(area) * 1.25] + [x1 - x0 for _, x0, x1, *_ in blocks])
    pos: dict = {}
    x = y = row = 0.0
    for local, x0, x1, y0, y1 in blocks:
        w, h = x1 - x0, y1 - y0 + 1.2
        if x > 0 and x + w > width:
            x, y, row = 0.0, y - row, 0.0
        for v, (px, py) in local.items():
            pos[v] = (x + px - x0, y - 0.6 - (y1 - py))
        x += w
        row = max(row, h)
    return pos


def _spread_labels(graph: nx.Graph, pos: dict, unit: float, font: dict,
                   rounds: int = 200) -> dict:
    """Move nodes a little so that no label (drawn above its node) covers another label or
    another node's marker.

    ``unit`` is the size of one layout unit in points; ``font`` maps node -> font size.
    """
    def rects(v) -> list[tuple[float, float, float, float]]:
        """(dx, dy, half width, half height) of v's marker and label, around v, in units."""
        marker = math.sqrt(_marker_size(graph.nodes[v])) / 2 + 2
        per_char = 0.68 if _is_carrier(graph, v) else 0.6  # carriers' labels are bold
        chars = len(str(graph.nodes[v].get("label") or v))
        half_w = (per_char * font[v] * chars + 8) / 2
        half_h = (1.3 * font[v] + 3) / 2
        return [(0.0, 0.0, marker / unit, marker / unit),
                (0.0, (marker - 2 + half_h) / unit, half_w / unit, half_h / unit)]

    shapes = {v: rects(v) for v in graph}
    pos = {v: list(p) for v, p in pos.items()}
    # parts are packed apart, so only nodes of one part can collide
    pairs = [(a, b) for part in nx.connected_components(graph)
             for i, a in enumerate(sorted(part, key=str))
             for b in sorted(part, key=str)[i + 1:]]
    for _ in range(rounds):
        moved = False
        for a, b in pairs:
            best = None
            for k, (ax_, ay_, aw, ah) in enumerate(shapes[a]):
                for m, (bx_, by_, bw, bh) in enumerate(shapes[b]):
                    if k == 0 and m == 0:
                        continue  # two markers: the layout keeps them apart
                    dx = (pos[b][0] + bx_) - (pos[a][0] + ax_)
                    dy = (pos[b][1] + by_) - (pos[a][1] + ay_)
                    over_x, over_y = aw + bw - abs(dx), ah + bh - abs(dy)
                    if over_x <= 0 or over_y <= 0:
                        continue
                    move = (0, over_x, dx) if over_x < over_y else (1, over_y, dy)
                    if best is None or move[1] > best[1]:
                        best = move
            if best is None:
                continue
            axis, amount, gap = best
            sign = 1.0 if gap > 0 or (gap == 0 and str(a) < str(b)) else -1.0
            pos[a][axis] -= sign * (amount / 2 + 1e-3)
            pos[b][axis] += sign * (amount / 2 + 1e-3)
            moved = True
        if not moved:
            break
    return {v: (p[0], p[1]) for v, p in pos.items()}


def plot_graph(graph: nx.Graph, path: Union[str, os.PathLike], *, title: Optional[str] = None,
               max_nodes: int = 120, seed: int = 7) -> Path:
    """Draw ``graph`` (as built by :mod:`extractor.graph`) to ``path`` (.png, .svg or .pdf).

    Raises
    ------
    PlotUnavailable
        When matplotlib is not installed.
    ValueError
        When the file type is not one matplotlib writes.
    """
    Figure, Line2D = _matplotlib()
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in {"png", "svg", "pdf"}:
        raise ValueError(f"{path}: the picture must be .png, .svg or .pdf")
    shown = select_for_plot(graph, max_nodes=max_nodes)
    n = shown.number_of_nodes()
    font = {v: 10.0 if _is_carrier(shown, v) else 8.0 for v in shown}
    pos = layout(shown, seed=seed)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = max(xs) - min(xs) + 2.0, max(ys) - min(ys) + 2.0
    unit = min(80.0, 24 * 72 / span_x, 30 * 72 / span_y)  # points per layout unit
    pos = _spread_labels(shown, pos, unit, font)
    ys = [p[1] for p in pos.values()] or [0.0]
    span_y = max(ys) - min(ys) + 2.0
    unit = min(unit, 30 * 72 / span_y)
    width, height = max(8.0, span_x * unit / 72), max(5.0, span_y * unit / 72 + 1.2)
    fig = Figure(figsize=(width, height), dpi=150 if fmt == "png" else 100)
    top_margin = 1.0 - 1.1 / height
    ax = fig.add_axes((0.0, 0.0, 1.0, top_margin))
    ax.set_axis_off()
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half_w, half_h = width * 36 / unit, top_margin * height * 36 / unit
    ax.set_xlim(centre_x - half_w, centre_x + half_w)  # a small graph sits in the middle
    ax.set_ylim(centre_y - half_h, centre_y + half_h)

    weights = [int(d.get("weight", 1)) for *_, d in shown.edges(data=True)] or [1]
    top = max(weights)
    for a, b, data in shown.edges(data=True):
        w = int(data.get("weight", 1))
        proposed = data.get("status") == "proposed"
        carrier_edge = _is_carrier(shown, a) or _is_carrier(shown, b)
        ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]],
                color="#555555" if carrier_edge else "#999999",
                linewidth=0.8 + 4.2 * math.log1p(w - 1) / math.log1p(max(top - 1, 1)),
                linestyle=(0, (4, 2)) if proposed else "solid",
                alpha=0.75, zorder=1, solid_capstyle="round")
    for role, (colour, marker, _) in ROLE_STYLE.items():
        nodes = [v for v, d in shown.nodes(data=True) if d.get("role", "company") == role]
        if not nodes:
            continue
        sizes = [_marker_size(shown.nodes[v]) for v in nodes]
        ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=sizes,
                   c=colour, marker=marker, edgecolors="white", linewidths=1.0, zorder=3)
    for v, data in shown.nodes(data=True):
        carrier = data.get("role") == "carrier"
        size = _marker_size(data)
        ax.annotate(str(data.get("label") or v), pos[v], xytext=(0, math.sqrt(size) / 2 + 1),
                    textcoords="offset points", ha="center", va="bottom", fontsize=font[v],
                    fontweight="bold" if carrier else "normal", zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.75})
    if n == 0:
        ax.text(0.5, 0.5, "no deals to draw", ha="center", va="center", fontsize=14,
                transform=ax.transAxes)
    n_carriers = sum(1 for v in shown if _is_carrier(shown, v))
    hidden = graph.number_of_edges() - shown.number_of_edges()
    head = title or "Who does business with whom"
    sub = (f"{n} companies ({n_carriers} carriers), {shown.number_of_edges()} deals"
           + (f"; {hidden} lighter deals not shown" if hidden else "")
           + "; line width = articles reporting the deal")
    fig.text(0.01, 1.0 - 0.35 / height, head, fontsize=15, fontweight="bold", va="center")
    fig.text(0.01, 1.0 - 0.75 / height, sub, fontsize=10, color="#444444", va="center")
    roles = {d.get("role", "company") for _, d in shown.nodes(data=True)}
    handles = [Line2D([], [], marker=m, color="none", markerfacecolor=c, markersize=9,
                      label=r) for r, (c, m, _) in ROLE_STYLE.items() if r in roles]
    handles += [Line2D([], [], color="#555555", linewidth=1, label="agreed"),
                Line2D([], [], color="#555555", linewidth=1, linestyle=(0, (4, 2)),
                       label="proposed")]
    if top > 1:
        handles.append(Line2D([], [], color="#555555", linewidth=5.0,
                              label=f"{top} articles"))
    fig.legend(handles=handles, loc="upper right", fontsize=9, frameon=False, ncol=3,
               bbox_to_anchor=(0.995, 0.998))
    path.parent.mkdir(parents=True, exist_ok=True)
    from .export import atomic_write

    with atomic_write(path, "wb") as handle:
        fig.savefig(handle, format=fmt, bbox_inches="tight")
    return path
