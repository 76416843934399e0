"""Company component: companies found from the language, with canonical names and carrier roles.

Pipeline: candidate chunks (:mod:`.company_chunks`) -> cues and decision (:mod:`.company_rules`)
-> list propagation -> forms grouped into companies (:mod:`extractor.names`) -> other mentions
(short forms, headline forms) attached -> roles -> group references ("those seven companies").

Results (plain data):

* ``doc._.companies``: ``[{"name", "role", "mentions": [{"text", "start", "end"}]}]``;
* ``doc._.company_groups``: ``[{"text", "start", "end", "members": [name, ...]}]``;
* ``doc.spans["companies"]``: the mentions, labelled ``CARRIER`` or ``COMPANY``, each with its
  company's canonical name as span id (``span.id_``).

With ``gazetteer=False`` no list of names is read (carriers, news outlets, not-companies).
The learned decision's weights (``models/company_model.json``) are saved and loaded with the
pipeline; the word lists are rebuilt from ``models/``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..assets import check_rules, save_rules
from ..carrier_model import MODEL_FILE as CARRIER_FILE
from ..carrier_model import CarrierModel, company_features
from ..company_model import MODEL_FILE, ArticleView, CompanyModel, chunk_features
from ..extensions import register_extensions
from ..names import (belongs_to, clean_form, form_key, form_openings, group_forms,
                     name_key, name_openings, tidy_caps)
from .company_chunks import Chunk, find_chunks
from .company_groups import find_group_references
from .company_lexicons import Lexicons, load_lexicons
from .company_rules import (MEDIUM, RENAMED, STRONG, add_cues, chunk_root, coordination_groups,
                            decide)

__all__ = ["make_companies", "CompanyRecognizer"]


@Language.factory("extractor_companies", default_config={"gazetteer": True, "learned": True},
                  requires=["token.ent_type", "token.tag", "token.dep", "token.lemma"],
                  assigns=["doc._.companies", "doc._.company_groups", "doc.spans"])
def make_companies(nlp: Language, name: str, gazetteer: bool, learned: bool
                   ) -> "CompanyRecognizer":
    register_extensions()
    return CompanyRecognizer(nlp, name, gazetteer=gazetteer,
                             model=CompanyModel.shipped() if learned else None,
                             carrier_model=CarrierModel.shipped() if learned else None)


class CompanyRecognizer:
    """Finds the companies of a document (see the module docstring).

    ``model``: the trained company decision (``models/company_model.json``); ``None`` lets the
    rules' verdict decide alone. ``carrier_model``: the trained carrier decision
    (``models/carrier_model.json``); ``None`` leaves the carrier role to the rules."""

    def __init__(self, nlp: Language | None = None, name: str = "extractor_companies", *,
                 gazetteer: bool = True, model: Optional[CompanyModel] = None,
                 carrier_model: Optional[CarrierModel] = None):
        self.name = name
        self.gazetteer = gazetteer
        self.lex: Lexicons = load_lexicons(gazetteer)
        self.model = model
        self.carrier_model = carrier_model
        # words the learned decision does not remember as a name's own first or last word
        self._generic = self.lex.name_words | self.lex.carrier_name_words | self.lex.suffixes

    # -- serialisation: the trained weights travel with a saved pipeline (lexicons: models/)
    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        save_rules(path)
        if self.model is not None:
            self.model.to_disk(path / MODEL_FILE)
        if self.carrier_model is not None:
            self.carrier_model.to_disk(path / CARRIER_FILE)

    def from_disk(self, path, *, exclude=()) -> "CompanyRecognizer":
        check_rules(Path(path))
        file, carrier_file = Path(path) / MODEL_FILE, Path(path) / CARRIER_FILE
        self.model = CompanyModel.from_disk(file) if file.exists() else None
        self.carrier_model = (CarrierModel.from_disk(carrier_file) if carrier_file.exists()
                              else None)
        return self

    def candidates(self, doc: Doc) -> tuple[list[Chunk], list[Chunk], list[bool]]:
        """The body's candidate names (cues filled in), the headline's, and the rules' verdict
        on each body candidate."""
        lex = self.lex
        chunks, _tickers = find_chunks(doc, lex)
        surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                    and not any(t.lower_.rstrip(".") in lex.suffixes for t in ent)}
        add_cues(doc, chunks, lex, surnames)
        body = [c for c in chunks if not c.headline or c.cues and c.cues & STRONG]
        headline = [c for c in chunks if c.headline and c not in body]
        return body, headline, [decide(c) for c in body]

    def features(self, doc: Doc, body: list[Chunk], verdicts: list[bool]
                 ) -> list[dict[str, float]]:
        """The learned decision's features of each body candidate."""
        view = ArticleView.of(doc, body, verdicts, self._generic, self.lex.places)
        return [chunk_features(doc, body, i, view, verdicts) for i in range(len(body))]

    def decide(self, doc: Doc, body: list[Chunk], verdicts: list[bool]) -> list[bool]:
        """The learned decision on each body candidate."""
        return [self.model.decide(f) for f in self.features(doc, body, verdicts)]

    def accepted(self, doc: Doc) -> tuple[list[Chunk], list[Chunk], list[bool]]:
        """The body's candidates, the headline's, and whether each body candidate is taken (the
        learned decision, or the rules' verdict with list propagation)."""
        body, headline, verdicts = self.candidates(doc)
        if self.model is None:
            accepted = list(verdicts)
        else:
            accepted = self.decide(doc, body, verdicts)
        _drop_aliases_of_rejected(doc, body, accepted)
        if self.model is None:  # the model weighs list membership itself
            self._propagate_lists(doc, body, accepted)
        return body, headline, accepted

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lex
        body, headline, accepted = self.accepted(doc)
        companies = self._companies(doc, body, accepted, headline)
        doc._.companies = companies
        doc._.company_groups = find_group_references(doc, companies, lex)
        spans = []
        for company in companies:
            label = "CARRIER" if company["role"] == "carrier" else "COMPANY"
            for m in company["mentions"]:
                span = doc.char_span(m["start"], m["end"], label=label, span_id=company["name"])
                if span is not None:
                    spans.append(span)
        doc.spans["companies"] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    # -- steps -------------------------------------------------------------------------------
    def _propagate_lists(self, doc: Doc, body: list[Chunk], accepted: list[bool]) -> None:
        """Members of a list whose other members are companies are companies too."""
        roots = {}
        for i, chunk in enumerate(body):
            roots.setdefault(chunk_root(doc, chunk).i, i)
        for group in coordination_groups(doc, roots):
            orgs = [i for i in group if "org" in body[i].cues
                    and not {"-product", "-org", "-person", "-label", "-common"} & body[i].cues]
            head = chunk_root(doc, body[group[0]]).head
            if head.lower_ in self.lex.org_words:
                continue  # "a Post and Telecommunications ministry official"
            if len(orgs) >= 2:  # "Cisco, IBM, Microsoft and SAP": a list of organisations
                for i in orgs:
                    body[i].cues.add("list")
                    accepted[i] = True
            yes = [i for i in group if accepted[i]]
            strong = [i for i in yes if body[i].cues - {"org", "name_word", "-label"}]
            if not yes or len(yes) * 2 < len(group):
                continue
            for i in group:
                cues = body[i].cues
                if accepted[i] or {"-product", "-org", "-person", "-acronym"} & cues:
                    continue
                # "BT and Tiscali have been dissuading customers": the subjects of one verb
                subjects = strong and head.pos_ in {"VERB", "AUX"} \
                    and chunk_root(doc, body[group[0]]).dep_ in {"nsubj", "nsubjpass"} \
                    and doc[body[i].start].ent_type_ not in {"GPE", "LOC", "PERSON"}
                if "-label" not in cues or len(yes) >= 2 and strong or subjects \
                        or "digit" in cues and len(yes) >= 1 and strong:
                    cues.add("list")
                    accepted[i] = True
                    if "digit" in cues and all(body[y].carrier_cue for y in yes):
                        body[i].carrier_cue = True  # "Vodafone, O2 and 3": a carrier's list

    def groups(self, doc: Doc, body: list[Chunk], accepted: list[bool], headline: list[Chunk]
               ) -> tuple[list[list[Chunk]], list[str], list[list[str]], set[str]]:
        """The accepted names grouped into companies: each company's mentions, its canonical
        name and its written forms, and the place words that do not name a company on their
        own."""
        lex = self.lex
        # a later mention of an abbreviation defined in brackets joins its company
        defined = {form_key(c.span(doc).text) for c, ok in zip(body, accepted)
                   if ok and c.alias_of is not None}
        picked = [c for c, ok in zip(body, accepted) if ok and c.alias_of is None
                  and form_key(c.span(doc).text) not in defined]
        forms = [(clean_form(c.span(doc).text, lex.suffixes, lex.prefixes),
                  c.suffix or c.bracketed) for c in picked]
        place_words = {form_key(doc[c.start].text) for c in picked if c.end - c.start > 1
                       and doc[c.start].ent_type_ in {"GPE", "NORP"}}
        place_words |= {"us", "u.s.", "uk", "british", "american", "japanese"}
        groups = group_forms(forms, place_words)
        members: list[list[Chunk]] = [[picked[i] for i in g] for g in groups]
        names = [tidy_caps(forms[g[0]][0]) for g in groups]
        group_forms_text = [[forms[i][0] for i in g] for g in groups]
        by_chunk = {id(c): k for k, g in enumerate(members) for c in g}
        # abbreviations defined in brackets: "International Telecom Japan Inc (ITJ)"
        for chunk, ok in zip(body, accepted):
            if chunk.alias_of is not None and id(chunk.alias_of) in by_chunk:
                k = by_chunk[id(chunk.alias_of)]
                members[k].append(chunk)
                group_forms_text[k].append(chunk.span(doc).text)
                by_chunk[id(chunk)] = k
        alias_keys = {form_key(doc[c.start:c.end].text): by_chunk[id(c)] for c in body
                      if c.alias_of is not None and id(c) in by_chunk}
        # other mentions: short forms and repeats the cues did not decide on their own
        group_of: dict[tuple[str, bool], Optional[int]] = {}  # (form, weak) -> group
        # what each company's shorter forms can open with: a long article's names are compared
        # only with the companies they can belong to (same result, linear cost)
        openings = [frozenset().union(*map(name_openings, fs)) for fs in group_forms_text]
        for chunk in body + headline:
            if id(chunk) in by_chunk or {"-product", "-org", "-person"} & chunk.cues:
                continue
            if chunk.alias_of is not None:
                continue
            weak = "-label" in chunk.cues and not chunk.cues & (STRONG | MEDIUM)
            pos = chunk.start
            while pos < chunk.end:
                found = None
                longest = chunk.end - pos if not chunk.headline else min(6, chunk.end - pos)
                for length in range(longest, 0, -1):
                    if not chunk.headline and length != chunk.end - chunk.start:
                        break
                    text = clean_form(doc[pos:pos + length].text, lex.suffixes, lex.prefixes)
                    if not text:
                        continue
                    k = alias_keys.get(form_key(text))
                    if k is None and (text, weak) in group_of:  # a repeat: every group again
                        k = group_of[text, weak]
                    elif k is None and weak:  # a place or person name: only the same name
                        k = group_of[text, weak] = next(
                            (k for k, fs in enumerate(group_forms_text)
                             if form_key(text) in {form_key(f) for f in fs}), None)
                    elif k is None:
                        opens = form_openings(text)
                        k = group_of[text, weak] = next(
                            (k for k, fs in enumerate(group_forms_text)
                             if (not opens or opens & openings[k])
                             and belongs_to(text, fs, place_words)), None)
                    if k is not None and all(t.ent_type_ in {"GPE", "LOC"}
                                             for t in doc[pos:pos + length]) \
                            and form_key(text) not in {form_key(f).split()[0]
                                                       for f in group_forms_text[k]}:
                        k = None  # a place is never a mention of a company ("U.K."), but
                        #           a short form named after one is ("Canton Telephone")
                    if k is not None:
                        found = (length, k)
                        break
                if found is None:
                    if not chunk.headline:
                        break
                    pos += 1
                    continue
                length, k = found
                sub = Chunk(pos, pos + length, headline=chunk.headline)
                if (pos, pos + length) == (chunk.start, chunk.end) and not chunk.headline:
                    sub.carrier_cue = chunk.carrier_cue  # what the sentence says of it counts
                    sub.maker_cue = chunk.maker_cue
                members[k].append(sub)
                by_chunk[id(sub)] = k
                pos += length
        _add_repeats(doc, members, body + headline)
        _merge_former_names(doc, members, names, group_forms_text)
        return members, names, group_forms_text, place_words

    def carrier_features(self, doc: Doc, members: list[list[Chunk]], names: list[str],
                         forms: list[list[str]]) -> list[dict[str, float]]:
        """The learned carrier decision's features of each company (:mod:`extractor.carrier_model`)."""
        lex = self.lex
        lexicon = self._in_lexicon(forms)
        rules = self._rule_carriers(members, lexicon)
        named = frozenset(i for chunks in members for c in chunks if not c.headline
                          for i in range(c.start, c.end))
        return [company_features(doc, chunks, names[k], rules=rules[k], lexicon=lexicon[k],
                                 lex=lex, named=named)
                for k, chunks in enumerate(members)]

    def _in_lexicon(self, forms: list[list[str]]) -> list[bool]:
        carriers, keys = self.lex.carriers, self.lex.carrier_names
        return [bool(carriers) and any(form_key(f) in carriers or name_key(f) in keys
                                       for f in fs) for fs in forms]

    @staticmethod
    def _rule_carriers(members: list[list[Chunk]], lexicon: list[bool]) -> list[bool]:
        # a maker's description or name outweighs carrier words in its name
        return [lexicon[k] or any(c.carrier_cue for c in chunks)
                and not any(c.maker_cue for c in chunks)
                for k, chunks in enumerate(members)]

    def roles(self, doc: Doc, members: list[list[Chunk]], names: list[str],
              forms: list[list[str]], place_words: set[str]) -> list[bool]:
        """Whether each company is a carrier: the learned decision where a carrier model is
        loaded, else the rules'; then a unit named after a carrier is one too."""
        lex = self.lex
        if self.carrier_model is not None:
            carriers = [self.carrier_model.decide(f)
                        for f in self.carrier_features(doc, members, names, forms)]
        else:
            carriers = self._rule_carriers(members, self._in_lexicon(forms))
        # a unit named after a carrier is a carrier ("Contel ASC" after "Contel", "Bharti
        # Televentures"; a capitals code only if the article names it: not "MTS Acquisition")
        carrier_keys = {form_key(f) for k, fs in enumerate(forms) if carriers[k] for f in fs}
        for k, fs in enumerate(forms):
            word = names[k].split()[:1]
            if word and not word[0].isupper() and form_key(word[0]) in lex.carriers:
                carrier_keys.add(form_key(word[0]))  # "Bharti Televentures"; not "MTS ..."
            first = form_key(names[k]).split()[:1]
            if not carriers[k] and len(form_key(names[k]).split()) > 1 and first \
                    and first[0] in carrier_keys and first[0] not in place_words:
                carriers[k] = True
        return carriers

    def _companies(self, doc: Doc, body: list[Chunk], accepted: list[bool],
                   headline: list[Chunk]) -> list[dict]:
        members, names, forms, place_words = self.groups(doc, body, accepted, headline)
        carriers = self.roles(doc, members, names, forms, place_words)
        out = []
        for k, chunks in enumerate(members):
            carrier = carriers[k]
            mentions = []
            for c in sorted(chunks, key=lambda c: c.start):
                span = doc[c.start:c.end]
                mentions.append({"text": span.text, "start": span.start_char,
                                 "end": span.end_char})
            out.append({"name": names[k], "role": "carrier" if carrier else "company",
                        "mentions": mentions})
        out.sort(key=lambda c: c["mentions"][0]["start"])
        return out


def _add_repeats(doc: Doc, members: list[list[Chunk]], chunks: list[Chunk]) -> None:
    """Repeats of a company's written form that no candidate chunk covers join the company: the
    tagger read the name as a common noun there ("Oracle last month announced plans to buy
    ..."), so the chunker made no chunk of it. Only exact, capitalised repeats of a form the
    company is written in elsewhere in the article, standing alone (no capitalised word run
    on before or after it: "Oracle Arena" is another name)."""
    taken = {i for c in chunks for i in range(c.start, c.end)}
    taken |= {i for group in members for c in group for i in range(c.start, c.end)}
    forms: dict[tuple[str, ...], int] = {}
    for k, group in enumerate(members):
        for c in group:
            words = tuple(t.text for t in doc[c.start:c.end])
            if words and words[0][:1].isupper() and len(words) <= 6:
                forms.setdefault(words, k)
    if not forms:
        return
    longest = max(map(len, forms))
    i = 0
    while i < len(doc):
        hit = None
        if i not in taken and doc[i].text[:1].isupper():
            for n in range(min(longest, len(doc) - i), 0, -1):
                k = forms.get(tuple(t.text for t in doc[i:i + n]))
                if k is not None and not taken.intersection(range(i, i + n)):
                    hit = (n, k)
                    break
        if hit is not None:
            n, k = hit
            before = doc[i - 1] if i > 0 else None
            after = doc[i + n] if i + n < len(doc) else None
            if not _runs_on(after) and not (_runs_on(before) and not before.is_sent_start):
                members[k].append(Chunk(i, i + n))
                taken.update(range(i, i + n))
                i += n
                continue
        i += 1


def _runs_on(tok) -> bool:
    """A capitalised word next to a name makes it part of a longer one."""
    return tok is not None and tok.is_alpha and tok.text[:1].isupper()


def _drop_aliases_of_rejected(doc: Doc, body: list[Chunk], accepted: list[bool]) -> None:
    """An abbreviation defined for a non-company ("Congressional Research Service (CRS)") is not
    a company anywhere in the article."""
    index = {id(c): i for i, c in enumerate(body)}
    bad = set()
    for chunk in body:
        if chunk.alias_of is not None:
            i = index.get(id(chunk.alias_of))
            if i is None or not accepted[i]:
                bad.add(form_key(chunk.span(doc).text))
        elif "-product" in chunk.cues and not {"suffix", "bracket"} & chunk.cues:
            bad.add(form_key(chunk.span(doc).text))  # once a technology, always one
    if not bad:
        return
    for i, chunk in enumerate(body):
        if form_key(chunk.span(doc).text) in bad:
            chunk.cues.add("-product")
            accepted[i] = False


def _merge_former_names(doc: Doc, members: list[list[Chunk]], names: list[str],
                        forms: list[list[str]]) -> None:
    """"Formerly known as Worldcom, MCI ...", "MCI, formerly called Worldcom": one company, the
    name the article uses for it now (in place, emptied groups removed)."""
    root_group = {}
    for k, chunks in enumerate(members):
        for c in chunks:
            root_group[chunk_root(doc, c).i] = k
    merges = []
    for k, chunks in enumerate(members):
        for c in chunks:
            root = chunk_root(doc, c)
            if c.start > 2 and doc[c.start - 1].lower_ == "to" \
                    and doc[c.start - 2].lower_ == "name" \
                    and doc[c.start - 2].head.lemma_.lower() in {"change", "rename"}:
                verb = doc[c.start - 2].head  # "changed its name to X"
            elif root.dep_ == "pobj" and root.head.lower_ == "as" \
                    and root.head.head.lemma_.lower() in RENAMED:
                verb = root.head.head  # "known as X"
            else:
                continue
            subject = None
            if verb.dep_ in {"acl", "appos"}:
                subject = verb.head
            else:
                main = verb.head if verb.dep_ in {"advcl", "xcomp", "ccomp", "conj"} else verb
                subject = next((t for t in main.children if t.dep_ in {"nsubj", "nsubjpass"}),
                               None)
            other = root_group.get(subject.i) if subject is not None else None
            if other is None and subject is not None and (
                    subject.lemma_.lower() in {"company", "firm", "group", "it", "carrier",
                                               "operator"}):
                # "The company ... changed its name to X": the company the article is about
                ranked = sorted((k2 for k2 in range(len(members)) if k2 != k and members[k2]),
                                key=lambda k2: -len(members[k2]))
                other = ranked[0] if ranked and len(members[ranked[0]]) > len(chunks) else None
            if other is not None and other != k:
                merges.append((k, other))
    for old, new in merges:
        if members[old]:
            members[new].extend(members[old])
            forms[new].extend(forms[old])
            members[old], forms[old] = [], []
    for k in range(len(members) - 1, -1, -1):
        if not members[k]:
            del members[k], names[k], forms[k]
