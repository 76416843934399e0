"""A picture of the carrier--partner graph (matplotlib, the optional extra ``plot``).

Carriers sit on an inner ring, each with the partners only it deals with fanned out around it;
partners of several carriers sit between them; deals that involve no carrier are drawn in a strip
below. Edge width grows with the number of articles (``weight``), proposed deals are dashed, and
every company is labelled. matplotlib is imported only when a picture is drawn::

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


def _ring(n: int, radius: float, start: float = math.pi / 2) -> list[tuple[float, float]]:
    return [(radius * math.cos(start - 2 * math.pi * i / max(n, 1)),
             radius * math.sin(start - 2 * math.pi * i / max(n, 1))) for i in range(n)]


def layout(graph: nx.Graph, seed: int = 7) -> dict:
    """Positions for :func:`plot_graph`: carriers on a ring, their partners around them, deals
    without a carrier in a strip below (y < -1.6)."""
    pos: dict = {}
    carrier_parts, other_parts = [], []
    for part in sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(map(str, c)))):
        (carrier_parts if any(_is_carrier(graph, n) for n in part) else other_parts).append(part)
    main = graph.subgraph(set().union(*carrier_parts)) if carrier_parts else nx.Graph()
    carriers = [n for n in main if _is_carrier(main, n)]
    if carriers:
        # order carriers so that carriers sharing partners are neighbours on the ring
        order = sorted(carriers, key=lambda c: (-main.degree(c), str(c)))
        ring: list = [order.pop(0)]
        while order:
            last = set(main[ring[-1]])
            best = max(order, key=lambda c: (len(last & set(main[c])), main.degree(c)))
            order.remove(best)
            ring.append(best)
        radius = 1.0 if len(ring) > 1 else 0.0
        for node, xy in zip(ring, _ring(len(ring), radius)):
            pos[node] = xy
        # partners: those of one carrier fan out from it, those of several sit between them
        own: dict = {c: [] for c in ring}
        shared = []
        for node in main:
            if node in pos:
                continue
            near = [c for c in main[node] if c in own]
            if len(near) == 1:
                own[near[0]].append(node)
            elif near:
                shared.append((node, near))
        for carrier, partners in own.items():
            cx, cy = pos[carrier]
            angle = math.atan2(cy, cx) if radius else math.pi / 2
            spread = min(math.pi * 0.9, 0.35 * len(partners)) if radius else 2 * math.pi
            dist = 0.45 + 0.02 * len(partners)
            partners.sort(key=lambda n: (-main.degree(n), str(n)))
            for i, node in enumerate(partners):
                t = angle + spread * ((i + 0.5) / len(partners) - 0.5) if radius else \
                    angle + 2 * math.pi * i / len(partners)
                pos[node] = (cx + dist * math.cos(t), cy + dist * math.sin(t))
        for i, (node, near) in enumerate(sorted(shared, key=lambda s: str(s[0]))):
            x = sum(pos[c][0] for c in near) / len(near)
            y = sum(pos[c][1] for c in near) / len(near)
            pos[node] = (x * 0.55 + 0.05 * math.cos(i), y * 0.55 + 0.05 * math.sin(i))
        rest = [n for n in main if n not in pos]  # partners of partners
        if rest:
            pos.update(nx.spring_layout(main, pos=pos, fixed=list(pos), seed=seed, k=0.25,
                                        iterations=60))
        movable = [n for n in main if n not in carriers]
        if movable:  # a little spring to pull overlapping labels apart, carriers fixed
            pos.update(nx.spring_layout(main, pos=pos, fixed=carriers, seed=seed, k=0.18,
                                        iterations=25))
    # deals without a carrier: small blocks in rows under the ring
    x, y, row_height = -1.8, -2.0, 0.0
    for part in other_parts:
        sub = graph.subgraph(part)
        size = 0.35 + 0.12 * math.sqrt(len(part))
        if x + size > 1.8:
            x, y, row_height = -1.8, y - row_height - 0.15, 0.0
        local = nx.spring_layout(sub, seed=seed, center=(0, 0), scale=size / 2) \
            if len(part) > 2 else {n: ((i - 0.5) * size * 0.8, 0.0) for i, n in
                                   enumerate(sorted(part, key=str))}
        for node, (px, py) in local.items():
            pos[node] = (x + size / 2 + px, y - size / 2 + py * 0.6)
        x += size + 0.1
        row_height = max(row_height, size * 0.6)
    return pos


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
    pos = layout(shown, seed=seed)
    n = shown.number_of_nodes()
    width = min(22.0, 10.0 + n / 10)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = max(xs) - min(xs) + 1.0, max(ys) - min(ys) + 1.0
    height = min(26.0, max(6.0, width * span_y / span_x))
    fig = Figure(figsize=(width, height), dpi=150 if fmt == "png" else 100)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.93))
    ax.set_axis_off()

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
    small = 7 if n > 60 else 8.5
    for v, data in shown.nodes(data=True):
        carrier = data.get("role") == "carrier"
        size = _marker_size(data)
        ax.annotate(str(data.get("label") or v), pos[v], xytext=(0, math.sqrt(size) / 2 + 1),
                    textcoords="offset points", ha="center", va="bottom",
                    fontsize=small + 2.5 if carrier else small,
                    fontweight="bold" if carrier else "normal", zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.7})
    if shown.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no deals to draw", ha="center", va="center", fontsize=14,
                transform=ax.transAxes)
    if any(p[1] < -1.6 for p in pos.values()) and any(_is_carrier(shown, v) for v in shown):
        ax.text(min(xs), -1.75, "deals without a carrier", fontsize=small + 1,
                style="italic", color="#555555")
    n_carriers = sum(1 for v in shown if _is_carrier(shown, v))
    hidden = graph.number_of_edges() - shown.number_of_edges()
    head = title or "Who does business with whom"
    sub = (f"{n} companies ({n_carriers} carriers), {shown.number_of_edges()} deals"
           + (f"; {hidden} lighter deals not shown" if hidden else "")
           + "; line width = articles reporting the deal")
    fig.suptitle(head, fontsize=15, fontweight="bold", y=0.995)
    fig.text(0.5, 0.955, sub, ha="center", fontsize=10, color="#444444")
    handles = [Line2D([], [], marker=m, color="none", markerfacecolor=c, markersize=9,
                      label=r) for r, (c, m, _) in ROLE_STYLE.items()]
    handles += [Line2D([], [], color="#555555", linewidth=1, label="agreed"),
                Line2D([], [], color="#555555", linewidth=1, linestyle=(0, (4, 2)),
                       label="proposed")]
    if top > 1:
        handles.append(Line2D([], [], color="#555555", linewidth=5.0,
                              label=f"{top} articles"))
    ax.legend(handles=handles, loc="upper left", fontsize=9, frameon=False)
    ax.margins(0.06)
    path.parent.mkdir(parents=True, exist_ok=True)
    from .export import atomic_write

    with atomic_write(path, "wb") as handle:
        fig.savefig(handle, format=fmt, bbox_inches="tight")
    return path
