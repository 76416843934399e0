"""The labelled corpus ``models/labelled/``: counts and agreement; rebuilt from annotators' files.

``--raw DIR`` reads the annotators' files (``<batch>.<annotator>.jsonl`` in the gold format of
``extract evaluate``; annotator A or C gives an article's first annotation, B or D the
independent second one) and writes ``deals.jsonl`` (first annotations) and ``double.jsonl``
(second ones), adding where each article lives (``corpus``: a file under ``../shared/corpora``),
its set (``labelled-modern``: 2006-2020 news, ``labelled-older``: 1987-2005) and character
offsets into the article as the tool reads it: each evidence sentence is kept as its offsets
only, company forms as offsets beside their names -- never article text.

Agreement: the second annotations are scored against the first the way ``extract evaluate``
scores records (names normalised; companies F1, deal-pair F1).

    python benchmarks/labelled_corpus.py [--raw /path/to/annotators/files] [--shared ../shared]
    python benchmarks/labelled_corpus.py --raw /path/to/new/files --append

``--append`` adds the articles of the new files that ``deals.jsonl`` (first annotations) or
``double.jsonl`` (second ones) do not hold yet, keeping every line already there.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from extractor.corpus import article_from_text
from extractor.evaluate import normalise
from extractor.training import _load_jsonl, prf

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "models" / "labelled"
CORPORA = {
    "reuters-": "modern/reuters_2006_2013_telecom_tech.jsonl.gz",
    "yahoo-": "modern/yahoo_finance_2017_2020.jsonl.gz",
    "reuters21578-": "reuters21578.jsonl.gz",
    "bbc-": "bbc.jsonl.gz",
    "agnews-": "agnews.jsonl.gz",
}


#: Annotator letters of the first annotation of a batch and of the independent second one
#: (C and D: annotators who took over a batch; the first file of an article wins, and a C
#: annotation of an article A also annotated counts as a second annotation).
FIRST, SECOND = ("A", "C"), ("B", "D")


def _unique(rows):
    seen, out = set(), []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            out.append(row)
    return out


def corpus_of(article_id: str) -> str:
    return next(f for prefix, f in sorted(CORPORA.items(), key=lambda kv: -len(kv[0]))
                if article_id.startswith(prefix))


def _span(text: str, phrase: str):
    """Offsets of ``phrase`` in ``text``, whitespace-insensitive."""
    words = phrase.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text) or re.search(pattern, text, re.I)
    return [m.start(), m.end()] if m else None


def agreement(a: list[dict], b: list[dict]) -> dict:
    """Companies and pairs of ``b`` scored against ``a`` (as gold), micro-averaged."""
    ctp = cfp = cfn = ptp = pfp = pfn = 0
    gold = {g["id"]: g for g in a}
    for pred in b:
        g = gold.get(pred["id"])
        if g is None:
            continue
        keys = [{normalise(c["name"])} | {normalise(x) for x in c["aliases"]}
                for c in g["companies"]]
        taken, mapping = set(), {}
        for c in pred["companies"]:
            ks = {normalise(c["name"])} | {normalise(x) for x in c["aliases"]}
            hit = next((i for i, k in enumerate(keys) if i not in taken and k & ks), None)
            if hit is None:
                cfp += 1
            else:
                ctp += 1
                taken.add(hit)
                mapping[c["name"]] = hit
        cfn += len(keys) - len(taken)

        def gi(name):
            n = normalise(name)
            return next((i for i, k in enumerate(keys) if n in k), n)

        gp = {frozenset((gi(r["a"]), gi(r["b"]))) for r in g["relations"]}
        pp = {frozenset((mapping.get(r["a"], gi(r["a"])), mapping.get(r["b"], gi(r["b"]))))
              for r in pred["relations"]}
        ptp += len(gp & pp)
        pfp += len(pp - gp)
        pfn += len(gp - pp)
    return {"articles": sum(1 for p in b if p["id"] in gold),
            "companies": prf(ctp, cfp, cfn), "pairs": prf(ptp, pfp, pfn)}


def _relations_as_spans(row: dict, text: str) -> tuple[list[dict], int]:
    """The row's relations with the evidence sentence given by its offsets only."""
    out, missing = [], 0
    for rel in row["relations"]:
        span = _span(text, rel.get("evidence") or "")
        missing += span is None
        out.append({k: v for k, v in rel.items() if k != "evidence"} | {"evidence_span": span})
    return out, missing


def build(raw_dir: Path, shared: Path, append: bool = False) -> None:
    raw = sorted(raw_dir.glob("*.jsonl"))
    rows = {letter: [r for p in raw if p.name.split(".")[1] == letter for r in _load_jsonl(p)]
            for letter in FIRST + SECOND}
    first = _unique(r for letter in FIRST for r in rows[letter])
    # an article a C annotator did after an A annotator is a second, independent annotation
    taken_by_a = {r["id"] for r in rows["A"]}
    second = _unique([r for letter in SECOND for r in rows[letter]] +
                     [r for r in rows["C"] if r["id"] in taken_by_a])
    if append:
        have = {name: {r["id"] for r in _load_jsonl(LABELLED / name)}
                if (LABELLED / name).exists() else set()
                for name in ("deals.jsonl", "double.jsonl")}
        first = [r for r in first if r["id"] not in have["deals.jsonl"]]
        second = [r for r in second if r["id"] not in have["double.jsonl"]]
    wanted: dict[str, set[str]] = {}
    for row in first + second:
        wanted.setdefault(corpus_of(row["id"]), set()).add(row["id"])
    texts = {}
    for corpus, ids in wanted.items():
        for art in _load_jsonl(shared / "corpora" / corpus):
            if art["id"] in ids:
                texts[art["id"]] = article_from_text(art["text"], id=art["id"],
                                                     title=art.get("title"), date=art.get("date"))
    missing = 0
    for rows, name in ((first, "deals.jsonl"), (second, "double.jsonl")):
        with open(LABELLED / name, "a" if append else "w", encoding="utf-8") as handle:
            for row in rows:
                art = texts[row["id"]]
                year = int(art.date[:4]) if art.date else 2004  # BBC and AG News: no date
                relations, lost = _relations_as_spans(row, art.text)
                missing += lost
                entry = {"id": row["id"], "corpus": corpus_of(row["id"]),
                         "set": "labelled-modern" if year >= 2006 else "labelled-older",
                         "companies": row["companies"],
                         # long descriptions ("the U.S. Bankruptcy Court for ...") are no
                         # strings a tagger takes for a company: left out
                         "not_companies": sorted(n for n in row.get("not_companies", [])
                                                 if len(n.split()) <= 6),
                         "relations": relations,
                         "mentions": {c["name"]: [sp for sp in (_span(art.text, f) for f in
                                                                [c["name"], *c["aliases"]]) if sp]
                                      for c in row["companies"]}}
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"{'added' if append else 'wrote'} {len(first)} first and {len(second)} second "
          f"annotations; evidence sentences not found in the text: {missing}")


def report() -> None:
    first = _load_jsonl(LABELLED / "deals.jsonl")
    second = _load_jsonl(LABELLED / "double.jsonl") if (LABELLED / "double.jsonl").exists() \
        else []
    sets = {}
    for e in first:
        s = sets.setdefault(e["set"], [0, 0, 0, 0])
        s[0] += 1
        s[1] += len(e["companies"])
        s[2] += len(e["relations"])
        s[3] += bool(e["relations"])
    for name, (n, c, r, with_deal) in sorted(sets.items()):
        print(f"{name}: {n} articles ({with_deal} with a deal), {c} companies, {r} deal pairs")
    agree = agreement(first, second)
    print(f"agreement on {agree['articles']} articles annotated twice: companies "
          f"P {agree['companies']['p']} R {agree['companies']['r']} F1 "
          f"{agree['companies']['f1']}; deal pairs P {agree['pairs']['p']} R "
          f"{agree['pairs']['r']} F1 {agree['pairs']['f1']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=None,
                    help="Folder of the annotators' files: rebuild deals.jsonl and double.jsonl")
    ap.add_argument("--append", action="store_true",
                    help="With --raw: add the new articles, keep the lines already there")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    if args.raw is not None:
        build(args.raw, args.shared, append=args.append)
    report()


if __name__ == "__main__":
    main()
