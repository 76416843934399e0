"""Merge article records into one undirected carrier--partner graph (networkx).

Nodes are canonical company names, merged across articles through the alias table in
``models/aliases.tsv`` and a case-insensitive match of normalised names. While the graph is being
built, attributes are kept as sets and lists; :meth:`GraphBuilder.graph` returns a graph whose
attributes are all scalars, as ``contract.md`` asks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional

import networkx as nx

from .records import ArticleRecord

__all__ = ["GraphBuilder", "build_graph", "load_aliases", "ROLE_RANK"]

ROLE_RANK = {"carrier": 2, "partner": 1, "company": 0}


def load_aliases() -> dict[str, str]:
    """Alias table ``models/aliases.tsv``: lower-cased form -> canonical name."""
    from .assets import read_table

    table: dict[str, str] = {}
    for row in read_table("aliases.tsv"):
        if len(row) >= 2:
            for form in row[1:]:
                table[_fold(form)] = row[0]
            table[_fold(row[0])] = row[0]
    return table


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("&amp;", "&")).strip().lower()


@dataclass
class _Node:
    label: str
    role: str = "company"
    mentions: int = 0
    articles: set = field(default_factory=set)


@dataclass
class _Edge:
    kinds: list = field(default_factory=list)
    latest: tuple = ("", -1, "")  # (date, order, kind)
    agreed: bool = False
    years: set = field(default_factory=set)
    evidence: str = ""
    sources: list = field(default_factory=list)


class GraphBuilder:
    """Add records one by one (streaming); read the merged graph at the end.

    Parameters
    ----------
    aliases : mapping, optional
        Lower-cased name form -> canonical node name. Defaults to ``models/aliases.tsv``;
        pass ``{}`` to merge by name only (``--no-gazetteer``).
    """

    def __init__(self, aliases: Optional[Mapping[str, str]] = None):
        self.aliases = load_aliases() if aliases is None else dict(aliases)
        self._nodes: dict[str, _Node] = {}
        self._edges: dict[tuple[str, str], _Edge] = {}
        self._folded: dict[str, str] = {}
        self._order = 0

    def node_id(self, name: str) -> str:
        """The node a company name belongs to (alias table, then case-insensitive match)."""
        folded = _fold(name)
        if folded in self.aliases:
            return self.aliases[folded]
        return self._folded.setdefault(folded, name)

    def add(self, record: ArticleRecord) -> None:
        """Merge one article's companies and relations into the graph."""
        self._order += 1
        for company in record.companies:
            key = self.node_id(company.name)
            node = self._nodes.setdefault(key, _Node(label=key))
            node.mentions += len(company.mentions)
            node.articles.add(record.id)
            if ROLE_RANK.get(company.role, 0) > ROLE_RANK.get(node.role, 0):
                node.role = company.role
        for rel in record.relations:
            a, b = self.node_id(rel.source), self.node_id(rel.target)
            if a == b:
                continue
            for key in (a, b):
                node = self._nodes.setdefault(key, _Node(label=key))
                node.articles.add(record.id)
            edge = self._edges.setdefault(tuple(sorted((a, b))), _Edge())
            if rel.kind not in edge.kinds:
                edge.kinds.append(rel.kind)
            stamp = (record.date or "", self._order, rel.kind)
            if stamp >= edge.latest:
                edge.latest = stamp
            edge.agreed = edge.agreed or rel.status == "agreed"
            if rel.year is not None:
                edge.years.add(int(rel.year))
            if not edge.evidence:
                edge.evidence = rel.sentence
            if record.id not in edge.sources:
                edge.sources.append(record.id)

    def update(self, records: Iterable[ArticleRecord]) -> "GraphBuilder":
        for record in records:
            self.add(record)
        return self

    @property
    def graph(self) -> nx.Graph:
        """The merged graph, every attribute a scalar (str, int, float or bool)."""
        g = nx.Graph()
        for key, node in self._nodes.items():
            g.add_node(key, label=node.label, role=node.role, mentions=int(node.mentions),
                       articles=len(node.articles))
        for (a, b), edge in self._edges.items():
            g.add_edge(a, b, kind=edge.latest[2], kinds=";".join(edge.kinds),
                       status="agreed" if edge.agreed else "proposed",
                       weight=len(edge.sources),
                       years=";".join(str(y) for y in sorted(edge.years)),
                       evidence=edge.evidence, sources=";".join(edge.sources))
        return g


def build_graph(records: Iterable[ArticleRecord], *,
                aliases: Optional[Mapping[str, str]] = None) -> nx.Graph:
    """One undirected graph over all ``records`` (see :class:`GraphBuilder`)."""
    return GraphBuilder(aliases).update(records).graph
