"""spaCy's attribute ruler and rule lemmatizer, applied by table lookup: same results, less time.

Both components are pure functions of a few token attributes, yet spaCy evaluates them token by
token in Python: the attribute ruler runs a ``Matcher`` of ~180 one-token patterns over every Doc
and the lemmatizer builds a ``Token`` per word. Profiled on Reuters they took 15% of the whole
pipeline's time, as much as the extractor's own components. The two classes here are subclasses
of spaCy's, with the same patterns, tables, serialisation and results, that remember each answer
in a table keyed by the attributes it depends on:

- :class:`TableAttributeRuler`: a one-token pattern matches a token or not from the token's own
  attributes (text, tag, dependency label, ...), so the rules that match each distinct key are
  found once, by spaCy's own ``Matcher`` run over a small Doc of the tokens not seen before; the
  patterns of several tokens ("gon" "na") still run through a ``Matcher`` over the whole Doc.
  Rules are applied in spaCy's order (later rules win), and the results are written with one
  ``Doc.from_array``.
- :class:`TableLemmatizer`: spaCy's ``rule`` lemmatizer depends on the text, the coarse tag and
  the morphology (its own cache uses that key, but only for some of its answers); ``lookup``
  mode on the text alone. A new key is answered by spaCy's own ``rule_lemmatize`` with its word
  index read as sets (spaCy scans a list per candidate form: 90% of a cold lemmatizer's time).

:func:`install` swaps them in for spaCy's own components of a loaded pipeline (``add_components``
calls it), keeping the names, and leaves any component it cannot prove equal (a pattern on an
attribute outside :data:`KEY_ATTRS`, operators, extension attributes; another lemmatizer class or
mode) as it is. ``tests/test_table_rules.py`` checks ``Doc.to_bytes()`` equality with spaCy's
components; ``benchmarks/profiling.py`` shows the time.
"""
from __future__ import annotations

from typing import Optional

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, NORM, ORTH, POS, SPACY, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Table
from spacy.matcher import Matcher
from spacy.errors import Errors
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["TableAttributeRuler", "TableLemmatizer", "install", "KEY_ATTRS"]

#: Pattern keys a one-token pattern may use for the table to hold: the token's text decides every
#: lexical attribute (LOWER, SHAPE, IS_*, LIKE_*, LENGTH, PREFIX, SUFFIX); the others are read
#: from the token. Any other key (``_``, ``OP``, ``ENT_IOB``, ``SENT_START``...) keeps spaCy's
#: Matcher for the whole component.
_LEXICAL = {"ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX"}
KEY_ATTRS = {"NORM": NORM, "TAG": TAG, "POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "DEP": DEP,
             "SPACY": SPACY}
#: Token attributes the table may set (no extension attributes, nothing lexical).
_SETTABLE = {TAG, POS, MORPH, LEMMA, DEP}


def _lexical(key: str) -> bool:
    return key in _LEXICAL or key.startswith("IS_") or key.startswith("LIKE_")


@Language.factory("extractor_attribute_ruler", default_config={"validate": False},
                  assigns=["token.pos", "token.tag", "token.morph", "token.lemma", "token.dep"])
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> "TableAttributeRuler":
    return TableAttributeRuler(nlp.vocab, name, validate=validate)


class TableAttributeRuler(AttributeRuler):
    """spaCy's ``AttributeRuler`` with its one-token rules looked up in a table per token key."""

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index=index)
        self._plan = None

    def clear(self) -> None:
        super().clear()
        self._plan = None

    def __call__(self, doc: Doc) -> Doc:
        plan = self._get_plan()
        if plan is None:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            plan.apply(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _get_plan(self) -> Optional["_Plan"]:
        if getattr(self, "_plan", None) is None:
            self._plan = _Plan.build(self) or False
        return self._plan or None


class _Plan:
    """The table of one ruler: for each token key, the rules that match it and what they set.

    Keys get small ids; ``mask[id, col]`` says whether the key's rules set column ``col`` and
    ``vals[id, col]`` to what, so a Doc's new values are one ``numpy.where``. ``starts[id]``
    says whether a token of that key can start a pattern of several tokens: only there does the
    Matcher of those patterns run, on the window the longest of them could cover."""

    def __init__(self, ruler: AttributeRuler, key_cols: list[int], single: Matcher,
                 multi: Optional[Matcher], width: int, set_cols: list[int]):
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.key_cols = [ORTH] + key_cols
        self.single = single
        self.multi = multi
        self.width = width
        self.set_cols = set_cols
        self.col_of = {attr: j for j, attr in enumerate(set_cols)}
        self.ids: dict[tuple, int] = {}  # token key -> key id
        self.rules: list[tuple[int, ...]] = []  # key id -> ids of its one-token rules
        n = len(set_cols)
        self.mask = numpy.zeros((0, n), dtype=bool)
        self.vals = numpy.zeros((0, n), dtype="uint64")
        self.starts = numpy.zeros((0,), dtype=bool)
        self.effects: dict[tuple[int, ...], dict[int, int]] = {}  # rule ids -> attr -> value

    @classmethod
    def build(cls, ruler: AttributeRuler) -> Optional["_Plan"]:
        key_cols: set[int] = set()
        set_cols: set[int] = set()
        single = Matcher(ruler.vocab)
        multi = Matcher(ruler.vocab)
        width = 0
        for i, attrs in enumerate(ruler.attrs):
            if any(a not in _SETTABLE for a in attrs):
                return None
            set_cols.update(attrs)
            ones, more = [], []
            for pattern in ruler.matcher.get(str(i))[1]:
                if any("OP" in token for token in pattern):
                    return None
                (ones if len(pattern) == 1 else more).append(pattern)
                for key in (k.upper() for token in pattern for k in token):
                    if key in KEY_ATTRS:
                        key_cols.add(KEY_ATTRS[key])
                    elif not _lexical(key):
                        return None
            if ones:
                single.add(str(i), ones)
            if more:
                multi.add(str(i), more)
                # a token that can start one of them: its first token alone, as a one-token rule
                single.add(_START, [pattern[:1] for pattern in more])
                width = max(width, *(len(pattern) for pattern in more))
        return cls(ruler, sorted(key_cols), single, multi if width else None, width,
                   sorted(set_cols))

    def _rule_id(self, match_id: int) -> int:
        return int(self.vocab.strings[match_id])

    def _learn(self, doc: Doc, keys: list[tuple], new: dict[tuple, int]) -> None:
        """Find the one-token rules of each key not seen before, on a Doc of one token a key."""
        words = [doc[i].text for i in new.values()]
        probe = Doc(self.vocab, words=words, spaces=[False] * len(words))
        if len(self.key_cols) > 1:
            values = numpy.array([keys[i][1:] for i in new.values()], dtype="uint64")
            probe.from_array(self.key_cols[1:], values)
        found: list[set[int]] = [set() for _ in words]
        starts = numpy.zeros(len(words), dtype=bool)
        start_id = self.vocab.strings[_START]
        for match_id, start, _end in self.single(probe, allow_missing=True):
            if match_id == start_id:
                starts[start] = True
            else:
                found[start].add(self._rule_id(match_id))
        mask = numpy.zeros((len(words), len(self.set_cols)), dtype=bool)
        vals = numpy.zeros((len(words), len(self.set_cols)), dtype="uint64")
        for j, (key, rules) in enumerate(zip(new, found)):
            self.ids[key] = len(self.rules)
            self.rules.append(tuple(sorted(rules)))
            for attr, value in self._effect(self.rules[-1]).items():
                mask[j, self.col_of[attr]] = True
                vals[j, self.col_of[attr]] = value
        self.mask = numpy.concatenate([self.mask, mask])
        self.vals = numpy.concatenate([self.vals, vals])
        self.starts = numpy.concatenate([self.starts, starts])

    def _effect(self, rules: tuple[int, ...]) -> dict[int, int]:
        effect = self.effects.get(rules)
        if effect is None:
            effect = {}
            for rule in sorted(rules):  # spaCy sorts matches by rule id: later rules win
                effect.update(self.ruler.attrs[rule])
            self.effects[rules] = effect
        return effect

    def _multi_matches(self, doc: Doc, idx: numpy.ndarray) -> dict[int, list[int]]:
        """Token -> the rules of several-token patterns that set it, as spaCy's Matcher finds
        them (patterns have no operators, so a match is fixed by the tokens it covers)."""
        extra: dict[int, list[int]] = {}
        for i in numpy.flatnonzero(self.starts[idx]).tolist():
            window = doc[i:i + self.width]
            for match_id, start, end in self.multi(window, allow_missing=True):
                if start:
                    continue  # found again from its own first token
                rule = self._rule_id(match_id)
                index = self.ruler.indices[rule]
                target = (i if index >= 0 else i + end) + index
                if not i <= target < i + end:
                    # spaCy's own component raises its IndexError message for this pattern
                    AttributeRuler.set_annotations(self.ruler, doc, self.ruler.match(doc))
                extra.setdefault(target, []).append(rule)
        return extra

    def apply(self, doc: Doc) -> None:
        if not len(doc):
            return
        columns = doc.to_array(self.key_cols)
        if columns.ndim == 1:
            columns = columns.reshape(-1, 1)
        keys = list(map(tuple, columns.tolist()))
        ids = self.ids
        idx = [ids.get(key, -1) for key in keys]
        if -1 in idx:
            new: dict[tuple, int] = {}
            for i, key in enumerate(keys):
                if key not in ids and key not in new:
                    new[key] = i
            self._learn(doc, keys, new)
            idx = [ids[key] for key in keys]
        idx = numpy.asarray(idx, dtype=numpy.intp)
        values = doc.to_array(self.set_cols)
        if values.ndim == 1:
            values = values.reshape(-1, 1)
        values = numpy.where(self.mask[idx], self.vals[idx], values).astype("uint64")
        if self.multi is not None:
            for i, more in self._multi_matches(doc, idx).items():
                for attr, value in self._effect(self.rules[idx[i]] + tuple(more)).items():
                    values[i, self.col_of[attr]] = value
        doc.from_array(self.set_cols, values)


#: The match id of "this token can start a pattern of several tokens" in the one-token Matcher.
_START = "extractor-table-rules-start"


@Language.factory("extractor_lemmatizer",
                  default_config={"model": None, "mode": "rule", "overwrite": False},
                  assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, model, name: str, mode: str,
                    overwrite: bool) -> "TableLemmatizer":
    return TableLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite)


class TableLemmatizer(EnglishLemmatizer):
    """spaCy's English lemmatizer, each answer remembered by (text, coarse tag, morphology)."""

    _KEYS = {"rule": [ORTH, POS, MORPH], "lookup": [ORTH]}
    #: Most answers remembered (about 10,000 articles' words); then the table starts afresh,
    #: so that memory stays flat over a corpus of any size. The answers are the same.
    TABLE_LIMIT = 50_000

    def __call__(self, doc: Doc) -> Doc:
        cols = self._KEYS.get(self.mode)
        if cols is None or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            lemmatize = self._rule_view().rule_lemmatize if self.mode == "rule" \
                else self.lemmatize
            table = self.__dict__.setdefault("_table", {})
            strings = self.vocab.strings
            columns = doc.to_array(cols + [LEMMA])
            if columns.ndim == 1:
                columns = columns.reshape(-1, 1)
            rows = columns.tolist()
            lemmas = columns[:, -1].copy()
            # the table keeps strings, not their hashes: a string added inside a memory zone
            # (``nlp.memory_zone()``) leaves the StringStore when the zone ends
            hashes: dict[str, int] = {}
            for i, row in enumerate(rows):
                if row[-1] and not self.overwrite:
                    continue
                key = tuple(row[:-1])
                lemma = table.get(key)
                if lemma is None:
                    if len(table) >= self.TABLE_LIMIT:
                        table.clear()  # a cache: a corpus's rare words would grow it for ever
                    lemma = table[key] = lemmatize(doc[i])[0]
                value = hashes.get(lemma)
                if value is None:
                    value = hashes[lemma] = strings.add(lemma)
                lemmas[i] = value
            doc.from_array([LEMMA], lemmas)
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)


    def _rule_view(self) -> "_SetIndexView":
        """spaCy's own ``rule_lemmatize`` over this lemmatizer's tables, its word index read as
        sets: spaCy keeps each part of speech's index as a list and tests ``form in index``
        for every candidate form (a scan of thousands of words: 90% of a cold lemmatizer's
        time). Same function, same cache, same answers."""
        view = self.__dict__.get("_view")
        if view is None or view.source is not self.lookups:
            view = self.__dict__["_view"] = _SetIndexView(self)
        return view


class _SetIndexView:
    """What spaCy's ``Lemmatizer.rule_lemmatize`` reads of its lemmatizer (``cache``,
    ``lookups``, ``is_base_form``), with ``lemma_index`` as frozensets."""

    def __init__(self, lemmatizer: EnglishLemmatizer):
        self.source = lemmatizer.lookups
        self.cache = lemmatizer.cache
        self.is_base_form = lemmatizer.is_base_form
        index = self.source.get_table("lemma_index", {})
        self._index = Table.from_dict({pos: frozenset(words) for pos, words in index.items()},
                                      name="lemma_index")
        self.lookups = self

    def get_table(self, name: str, default=None):
        if name == "lemma_index":
            return self._index
        return self.source.get_table(name, default)

    def rule_lemmatize(self, token):
        return EnglishLemmatizer.rule_lemmatize(self, token)


def install(nlp: Language) -> list[str]:
    """Swap spaCy's ``attribute_ruler`` and English ``lemmatizer`` of ``nlp`` for the table
    versions (same names, patterns and tables); returns the names of the components swapped."""
    swapped = []
    for name, proc in list(nlp.pipeline):
        if type(proc) is AttributeRuler and _Plan.build(proc) is not None:
            patterns = proc.patterns
            new = nlp.replace_pipe(name, "extractor_attribute_ruler",
                                   config={"validate": proc.validate})
            new.add_patterns(patterns)
            swapped.append(name)
        elif type(proc) is EnglishLemmatizer and proc.mode in TableLemmatizer._KEYS:
            lookups = proc.lookups
            new = nlp.replace_pipe(name, "extractor_lemmatizer",
                                   config={"mode": proc.mode, "overwrite": proc.overwrite})
            new.lookups = lookups
            swapped.append(name)
    return swapped

