"""Merge article records into one undirected carrier--partner graph (networkx).

Within an article the companies component already maps every form of a company to one canonical
name. Across articles the same company still comes under several names ("AT&T", "American
Telephone and Telegraph", "ATT"; "MCI" and "MCI Communications"), and :class:`GraphBuilder` makes
them one node:

1. every name is reduced to a *key*: case, accents, dots, possessives, ``&``/``and``, a leading
   "the" and legal suffixes (``models/legal_suffixes.txt``) do not count;
2. the alias table ``models/aliases.tsv`` maps well-known forms and renamings to one name
   (off with ``aliases={}``, i.e. ``--no-gazetteer``);
3. ``X <generic word>`` joins ``X`` when ``X`` is itself a company name seen in the corpus and not
   a vague word ("MCI Communications" -> "MCI", "Pacific Telesis Group" -> "Pacific Telesis", but
   "United Telecommunications" never -> "United");
4. a name that some article used as a *mention* of another company joins that company, when the
   form fits the name (a part of it, or its initials) and no other company used the same form
   ("MCI" mentioned under "MCI Communications Corp" in one article, "MCI" alone in another);
5. a long name of three or more words joins a one-word capitals name that is its initials
   ("International Business Machines" -> "IBM");
6. a name most of whose mentions in its article are another company's name joins that company
   (an article's "AT&T Technology" written eleven times out of twelve as "AT&T");
7. a name seen in one article only that is a well-known company's name (three articles or more)
   behind headline noise joins it: words such as "firm", "shares of", "former", a dateline in
   capitals ("U.K. Firm Cable and Wireless", "SAN ANTONIO SBC Communications");
8. names that differ only in spaces or a plural "s" are one ("Delta Air Lines" / "Delta
   Airlines", "General Motor" / "General Motors", "Barclay" / "Barclays").

Companies that are only similar ("US Sprint" and "GTE", "AT&T" and "AT&T Wireless", "Pacific Bell"
and "Bell Atlantic") stay apart. The merge is done when :attr:`GraphBuilder.graph` is read, over
all names seen, so the result does not depend on the order of the articles. Records stream in one
by one (memory grows with the number of distinct names and pairs, not of articles).

The graph's attributes are all scalars, as ``contract.md`` asks: nodes ``label``, ``role``,
``mentions``, ``articles`` (and ``aliases``: the other names merged into the node); edges
``kind`` (most recent), ``kinds``, ``status``, ``weight`` (articles), ``years``, ``evidence``
(first sentence), ``sources`` (article ids).
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Sequence

import networkx as nx

from .assets import read_lexicon
from .names import merge_words, name_key  # noqa: F401 (name_key is re-exported)
from .records import ArticleRecord

__all__ = ["GraphBuilder", "build_graph", "load_aliases", "name_key", "filter_graph",
           "find_node", "merged_role"]

_STOP = frozenset({"and", "of", "the", "de", "du", "la", "et", "for"})


def load_aliases() -> dict[str, str]:
    """Alias table ``models/aliases.tsv``: name key -> canonical name."""
    from .assets import read_table

    table: dict[str, str] = {}
    for row in read_table("aliases.tsv"):
        for form in row:
            if form:
                table[name_key(form)] = row[0]
    return table


def _initials(key: str) -> str:
    """``"american telephone and telegraph"`` -> ``"att"``."""
    return "".join(t[0] for t in key.split() if t not in _STOP)


def _letters(key: str) -> Optional[str]:
    """The letters of an acronym key (``"att"``, ``"at and t"`` -> ``"att"``, ``"c and w"`` ->
    ``"cw"``), or ``None`` when ``key`` is not an acronym."""
    tokens = key.split()
    if len(tokens) == 1:
        return tokens[0] if tokens[0].isalpha() else None
    if all(len(t) <= 2 or t in _STOP for t in tokens):
        letters = "".join(t for t in tokens if t not in _STOP)
        return letters if letters.isalpha() else None
    return None


def _is_vague(key: str) -> bool:
    vague = merge_words().vague
    return (len(key.replace(" ", "")) < 2 or key in vague
            or all(t in vague or len(t) < 2 for t in key.split()))


def _fits(form: str, name: str) -> bool:
    """Is ``form`` (a key) a short or long way of writing the company ``name`` (a key)?

    Yes when one is the other's initials ("ibm", "international business machines"), or when
    one is a run of the other's words and the extra words only make a name longer (legal
    suffixes, generic tails such as "communications", words such as "research" or
    "computer" in ``models/merge_words.tsv``, a one-letter ticker): "Cray" is "Cray Research",
    but "Verizon" is not "Verizon Wireless" and "Google" is not "Google News".
    """
    if form == name:
        return True
    for short, long in ((form, name), (name, form)):
        letters = _letters(short)
        spelled = long.split()
        if letters and len(letters) >= 2 and len(spelled) >= 2 and \
                all(len(t) > 1 for t in spelled) and _initials(long) == letters:
            return True
    words = merge_words()
    allowed = words.legal | words.tail | words.longer
    f, n = form.split(), name.split()
    for short, long in ((f, n), (n, f)):
        if len(short) >= len(long):
            continue
        for i in range(len(long) - len(short) + 1):
            if long[i:i + len(short)] == short:
                extra = long[:i] + long[i + len(short):]
                if all(t in allowed or len(t) == 1 for t in extra):
                    return True
    return False


def _clean(name) -> str:
    """A name with control characters removed and spaces collapsed ("" for no name)."""
    from .export import xml_safe

    return " ".join(xml_safe(str(name or "")).split())


def _year(value) -> Optional[int]:
    """A relation's year as an int, or ``None`` ("2013" and 2013.0 are 2013)."""
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _squeezed(key: str) -> str:
    """``key`` without spaces and with a plural "s" dropped from each longer word:
    "delta air lines" and "delta airlines" -> "deltaairline"."""
    return "".join(t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t
                   for t in key.split())


def _contains(key: str, part: str) -> bool:
    """Are the words of ``part`` a run of the words of ``key``?"""
    k, p = key.split(), part.split()
    return any(k[i:i + len(p)] == p for i in range(len(k) - len(p) + 1))


def _caps_prefix(names: Iterable[str]) -> int:
    """How many leading words are in capitals in every written form (a dateline or headline
    lead: "SAN ANTONIO SBC Communications" -> 2), where the rest is not."""
    counts = []
    for name in names:
        tokens = name.split()
        n = 0
        while n < len(tokens) - 1 and tokens[n].isupper() and len(tokens[n]) > 1:
            n += 1
        counts.append(n if n < len(tokens) and not name.isupper() else 0)
    return min(counts) if counts else 0


def _label_penalty(name: str) -> int:
    """How badly ``name`` reads as a node label: a leading "the", a headline in capitals, a
    legal suffix or generic tail ("Group", "Communications") or stray punctuation each count
    one."""
    tokens = name.split()
    legal = merge_words().legal
    return ((tokens[:1] in (["the"], ["The"]))
            + any(len(t) >= 5 and t.isalpha() and t.isupper() for t in tokens)
            + (len(tokens) > 1 and tokens[-1].strip(".").lower() in legal | merge_words().tail)
            + (not name[-1:].isalnum() and not name.endswith(".")))


def merged_role(votes: Mapping[str, int], known_operator: bool = False) -> str:
    """A node's role in the merged graph, from the roles its articles gave it.

    The decision table: ``carrier`` when at least half of the articles that name the company call
    it an operator, or when one does and the company is in the lexicon of real operators
    (``known_operator``; one article's mistake does not spread to a company others describe as a
    maker or a bank); else ``partner`` when any article gave it a deal with a carrier (or called
    it a carrier); else ``company``.
    """
    total = sum(votes.values())
    carrier = votes.get("carrier", 0)
    if total and (2 * carrier >= total or carrier and known_operator):
        return "carrier"
    if carrier or votes.get("partner", 0):
        return "partner"
    return "company"


@dataclass
class _Node:
    names: Counter = field(default_factory=Counter)  # surface name -> articles
    role: str = "company"
    mentions: int = 0
    articles: set = field(default_factory=set)
    role_votes: Counter = field(default_factory=Counter)  # role -> articles that gave it
    forms: Counter = field(default_factory=Counter)  # key of a mention text -> mentions


@dataclass
class _Edge:
    kinds: dict = field(default_factory=dict)  # kind -> first order seen
    latest: tuple = ("", -1, "")  # (date, order, kind)
    agreed: bool = False
    years: set = field(default_factory=set)
    evidence: tuple = (float("inf"), "")  # (order, sentence)
    sources: dict = field(default_factory=dict)  # article id -> order

    def merge(self, other: "_Edge") -> None:
        for kind, order in other.kinds.items():
            self.kinds[kind] = min(order, self.kinds.get(kind, order))
        self.latest = max(self.latest, other.latest)
        self.agreed = self.agreed or other.agreed
        self.years |= other.years
        self.evidence = min(self.evidence, other.evidence)
        for source, order in other.sources.items():
            self.sources[source] = min(order, self.sources.get(source, order))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class GraphBuilder:
    """Add records one by one (streaming); read the merged graph at the end.

    Parameters
    ----------
    aliases : mapping, optional
        Name form -> canonical name. Defaults to ``models/aliases.tsv``; pass ``{}`` to merge by
        the rules alone (``--no-gazetteer``). Forms are compared by :func:`name_key`.
    """

    def __init__(self, aliases: Optional[Mapping[str, str]] = None):
        table = load_aliases() if aliases is None else aliases
        self.aliases = {name_key(form): canonical for form, canonical in table.items()}
        # the lexicon of real operators, with the alias table (off with --no-gazetteer)
        self.operators = frozenset(name_key(n) for n in read_lexicon("carriers.txt")) \
            if aliases is None else frozenset()
        self._nodes: dict[str, _Node] = {}
        self._edges: dict[tuple[str, str], _Edge] = {}
        self._order = 0

    def _key(self, name: str) -> str:
        key = name_key(name)
        if key in self.aliases:
            return name_key(self.aliases[key])
        return key

    def _node(self, name: str, article: str) -> tuple[str, _Node]:
        key = self._key(name) or name.lower()
        node = self._nodes.setdefault(key, _Node())
        if article not in node.articles:
            node.names[name] += 1
            node.articles.add(article)
        return key, node

    def node_id(self, name: str) -> str:
        """The node id ``name`` gets in the graph built so far."""
        key = self._key(name)
        return self._labels().get(key, name)

    def add(self, record: ArticleRecord) -> None:
        """Merge one article's companies and relations into the graph."""
        self._order += 1
        article = record.id or f"#{self._order}"
        for company in record.companies:
            name = _clean(company.name)
            if not name:
                continue
            key, node = self._node(name, article)
            node.mentions += len(company.mentions)
            node.forms.update(f for f in (name_key(m.text) for m in company.mentions)
                              if f and f != key)
            node.forms[key] += 0
            node.role_votes[company.role] += 1
        for rel in record.relations:
            source, target = _clean(rel.source), _clean(rel.target)
            if not source or not target:
                continue
            a, _ = self._node(source, article)
            b, _ = self._node(target, article)
            if a == b:
                continue
            edge = self._edges.setdefault((min(a, b), max(a, b)), _Edge())
            kind = str(rel.kind or "deal")
            year = _year(rel.year)
            edge.kinds.setdefault(kind, self._order)
            stamp = (str(record.date or year or ""), self._order, kind)
            edge.latest = max(edge.latest, stamp)
            edge.agreed = edge.agreed or rel.status == "agreed"
            if year is not None:
                edge.years.add(year)
            sentence = " ".join((rel.sentence or "").split())
            if sentence:
                edge.evidence = min(edge.evidence, (self._order, sentence))
            edge.sources.setdefault(article, self._order)

    def update(self, records: Iterable[ArticleRecord]) -> "GraphBuilder":
        for record in records:
            self.add(record)
        return self

    # -- merging across articles ------------------------------------------------------------

    def _clusters(self) -> _UnionFind:
        """Union the keys of one company (rules 3-8 of the module docstring)."""
        uf = _UnionFind()
        nodes = self._nodes
        tails = merge_words().tail
        for key in nodes:
            uf.find(key)
            tokens = key.split()
            while len(tokens) > 1 and tokens[-1] in tails:  # rule 3
                tokens = tokens[:-1]
                rest = " ".join(tokens)
                if rest in nodes and not _is_vague(rest):
                    uf.union(key, rest)
                    break
        acronyms: dict[str, list] = {}  # rule 5
        for key, node in nodes.items():
            letters = _letters(key)
            if letters and len(letters) >= 3 and \
                    any(n.replace(".", "").isupper() for n in node.names):
                acronyms.setdefault(letters, []).append(key)
        for keys in acronyms.values():  # "AT&T" and "ATT"
            for key in keys[1:]:
                uf.union(keys[0], key)
        for key in nodes:
            spelled = key.split()
            if len([t for t in spelled if t not in _STOP]) >= 3 and \
                    all(len(t) > 1 for t in spelled):
                for short in acronyms.get(_initials(key), ()):
                    uf.union(key, short)
        owners: dict[str, set] = {}  # rule 4
        for key, node in nodes.items():
            for form in node.forms:
                if form in nodes and not _is_vague(form) and _fits(form, key):
                    owners.setdefault(form, set()).add(key)
        for form, keys in owners.items():
            if len({uf.find(k) for k in keys} - {uf.find(form)}) <= 1:
                for key in keys:
                    uf.union(form, key)
        for key, node in nodes.items():  # rule 6: most mentions are another company's name
            total = node.mentions
            for form, count in node.forms.items():
                if form != key and form in nodes and count >= 2 and 2 * count > total and \
                        not _is_vague(form) and _contains(key, form):
                    uf.union(key, form)
        words = merge_words()
        compact: dict[str, list] = {}  # rule 8: "Delta Air Lines" = "Delta Airlines"
        for key in nodes:
            squeezed = _squeezed(key)
            if len(squeezed) >= 6 and not _is_vague(key):
                compact.setdefault(squeezed, []).append(key)
        for keys in compact.values():
            for key in keys[1:]:
                uf.union(keys[0], key)
        noise = words.noise | words.tail | words.legal | _STOP
        seen_in: Counter = Counter()  # articles per company found so far (may overcount)
        for key, node in nodes.items():
            seen_in[uf.find(key)] += len(node.articles)
        seen_in = Counter({key: seen_in[uf.find(key)] for key in nodes})  # before rule 7 unions
        for key, node in nodes.items():  # rule 7: a well-known name behind headline noise
            if len(node.articles) != 1:
                continue
            tokens = key.split()
            caps = _caps_prefix(node.names)
            for i in range(1, len(tokens)):
                rest = tokens[i:]
                while len(rest) > 1 and rest[-1] in words.tail | words.legal:
                    rest = rest[:-1]
                target = " ".join(rest)
                if target in nodes and seen_in[target] >= 3 and \
                        not _is_vague(target) and \
                        all(t in noise or j < caps for j, t in enumerate(tokens[:i])):
                    uf.union(key, target)
                    break
        return uf

    def _labels(self) -> dict[str, str]:
        """Key -> node id (the cluster's label)."""
        uf = self._clusters()
        members: dict[str, list[str]] = {}
        for key in self._nodes:
            members.setdefault(uf.find(key), []).append(key)
        canonical = {name_key(c): c for c in self.aliases.values()}
        labels: dict[str, str] = {}
        for keys in members.values():
            label = next((canonical[k] for k in sorted(keys) if k in canonical), None)
            if label is None:
                names: Counter = Counter()
                for k in keys:
                    names.update(self._nodes[k].names)
                label = (min(names, key=lambda n: (_label_penalty(n), -names[n], len(n), n))
                         if names else keys[0])
            for k in keys:
                labels[k] = label
        return labels

    @property
    def graph(self) -> nx.Graph:
        """The merged graph, every attribute a scalar (str, int, float or bool)."""
        labels = self._labels()
        merged: dict[str, _Node] = {}
        for key in sorted(self._nodes):
            node, label = self._nodes[key], labels[key]
            into = merged.setdefault(label, _Node())
            into.names.update(node.names)
            into.mentions += node.mentions
            into.articles |= node.articles
            into.role_votes.update(node.role_votes)
        for node in merged.values():
            node.role = merged_role(node.role_votes, any(
                name_key(n) in self.operators for n in node.names))
        edges: dict[tuple[str, str], _Edge] = {}
        for (a, b), edge in self._edges.items():
            la, lb = labels[a], labels[b]
            if la == lb:
                continue
            into = edges.setdefault((min(la, lb), max(la, lb)), _Edge())
            into.merge(edge)
        g = nx.Graph()
        for label, node in merged.items():
            others = sorted(n for n in node.names if n != label)
            g.add_node(label, label=label, role=node.role, mentions=int(node.mentions),
                       articles=len(node.articles), aliases=";".join(others))
        for (a, b), edge in sorted(edges.items()):
            kinds = sorted(edge.kinds, key=lambda k: (edge.kinds[k], k))
            sources = sorted(edge.sources, key=lambda s: (edge.sources[s], s))
            g.add_edge(a, b, kind=edge.latest[2], kinds=";".join(kinds),
                       status="agreed" if edge.agreed else "proposed",
                       weight=len(sources), years=";".join(str(y) for y in sorted(edge.years)),
                       evidence=edge.evidence[1], sources=";".join(sources))
        return g


def build_graph(records: Iterable[ArticleRecord], *,
                aliases: Optional[Mapping[str, str]] = None) -> nx.Graph:
    """One undirected graph over all ``records`` (see :class:`GraphBuilder`)."""
    return GraphBuilder(aliases).update(records).graph


# -- keeping part of the graph ----------------------------------------------------------------

def _kind_key(kind: str) -> str:
    return re.sub(r"[\s\-]+", "_", kind.strip().lower())


def find_node(graph: nx.Graph, name: str, aliases: Optional[Mapping[str, str]] = None) -> str:
    """The node of ``graph`` that ``name`` stands for (id, label, a merged alias, or the alias
    table), compared by :func:`name_key`.

    Raises
    ------
    KeyError
        With the closest node names, when no node matches.
    """
    if name in graph:
        return name
    wanted = {name_key(name)}
    table = load_aliases() if aliases is None else {name_key(k): v for k, v in aliases.items()}
    if name_key(name) in table:
        wanted.add(name_key(table[name_key(name)]))
    for node, data in graph.nodes(data=True):
        forms = [str(node), str(data.get("label", ""))]
        forms += [a for a in str(data.get("aliases", "")).split(";") if a]
        if wanted & {name_key(f) for f in forms}:
            return node
    close = difflib.get_close_matches(name, [str(n) for n in graph], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"no company {name!r} in the graph{hint}")


def filter_graph(graph: nx.Graph, *, min_weight: int = 1, kinds: Sequence[str] = (),
                 carrier: Optional[str] = None, drop_isolated: Optional[bool] = None,
                 aliases: Optional[Mapping[str, str]] = None) -> nx.Graph:
    """Keep part of ``graph`` (a new graph; ``graph`` is not changed).

    Parameters
    ----------
    min_weight : int
        Keep edges reported by at least this many articles.
    kinds : sequence of str
        Keep edges that have at least one of these kinds (``letter_of_intent``, ``merger``...;
        case, spaces and hyphens do not matter). Empty: every kind.
    carrier : str, optional
        Keep the edges of this company (any of its names, see :func:`find_node`).
    drop_isolated : bool, optional
        Drop nodes left without an edge; by default, whenever any filter is set.
    aliases : mapping, optional
        Alias table used to find ``carrier`` (default ``models/aliases.tsv``; ``{}``: none).

    Raises
    ------
    KeyError
        When ``carrier`` names no node of the graph.
    """
    wanted = {_kind_key(k) for k in kinds if k.strip()}
    centre = find_node(graph, carrier, aliases) if carrier else None
    if drop_isolated is None:
        drop_isolated = bool(min_weight > 1 or wanted or carrier)
    out = graph.__class__()
    out.graph.update(graph.graph)
    out.add_nodes_from(graph.nodes(data=True))
    for a, b, data in graph.edges(data=True):
        if int(data.get("weight", 1)) < min_weight:
            continue
        if wanted and not wanted & {_kind_key(k) for k in str(data.get("kinds", "")).split(";")}:
            continue
        if centre is not None and centre not in (a, b):
            continue
        out.add_edge(a, b, **data)
    if drop_isolated:
        out.remove_nodes_from([n for n in list(out) if out.degree(n) == 0])
    return out
