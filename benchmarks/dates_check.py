"""Dates against hand annotations: found F1 and value accuracy (``models/labelled/dates.jsonl``).

Each line of the labels names an article (``id``, ``corpus``: a file under ``../shared/corpora``)
and gives its dates as offsets into the article as the tool reads it (``start``, ``end``,
``value`` by ``contract.md``), with the text's SHA-1 and length to check that the article read
is the one annotated; no article text is stored. The articles are read from the corpora, run
through the pipeline, and each gold date is matched one to one with the found date that overlaps
it most. Figures printed per set named by the labels (``labelled-older``: Reuters-21578;
``labelled-modern``; ``unseen-older`` / ``unseen-modern`` in ``dates_unseen.jsonl``) and in all:

- found P / R / F1: a found date overlapping a gold date is a hit (and, stricter, with the same
  start and end: "exact");
- value accuracy among found: hits whose value equals the gold value.

    python benchmarks/dates_check.py [--labels models/labelled/dates.jsonl] [--shared ../shared]
                                     [--show]   # each miss, spurious date and wrong value
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "models" / "labelled" / "dates.jsonl"
SHARED = ROOT.parent / "shared"


def read_labels(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    except (OSError, ValueError) as exc:
        sys.exit(f"dates_check: {path}: cannot read the labels ({exc})")


def read_articles(labels: list[dict], shared: Path) -> list:
    """The labelled articles exactly as ``extract`` reads them, checked against the labels."""
    from extractor.corpus import article_from_text

    wanted: dict[str, set[str]] = {}
    for line in labels:
        wanted.setdefault(line["corpus"], set()).add(line["id"])
    found = {}
    for corpus, ids in wanted.items():
        path = shared / "corpora" / corpus
        if not path.exists():
            sys.exit(f"dates_check: {path}: corpus not found (pass --shared DIR)")
        with gzip.open(path, "rt", encoding="utf-8") as src:
            for raw in src:
                item = json.loads(raw)
                if item["id"] in ids:
                    found[item["id"]] = article_from_text(item["text"], id=item["id"],
                                                          title=item.get("title"),
                                                          date=item.get("date"))
    out = []
    for line in labels:
        article = found.get(line["id"])
        if article is None:
            sys.exit(f"dates_check: {line['id']}: not in {line['corpus']}")
        if hashlib.sha1(article.text.encode("utf-8")).hexdigest() != line["text_sha1"]:
            sys.exit(f"dates_check: {line['id']}: the article read is not the one annotated "
                     f"(text differs; the reader changed?)")
        out.append(article)
    return out


def match(gold: list[dict], found: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping gold and found dates, largest overlap first."""
    pairs = []
    for g in gold:
        for f in found:
            overlap = min(g["end"], f["end"]) - max(g["start"], f["start"])
            if overlap > 0:
                pairs.append((overlap, id(g), id(f), g, f))
    pairs.sort(key=lambda p: -p[0])
    used_g, used_f, out = set(), set(), []
    for _, ig, jf, g, f in pairs:
        if ig in used_g or jf in used_f:
            continue
        used_g.add(ig)
        used_f.add(jf)
        out.append((g, f))
    return out


def prf(hits: int, found: int, gold: int) -> tuple[float, float, float]:
    p = hits / found if found else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(labels: list[dict], records: dict[str, dict], show: bool) -> dict[str, dict]:
    totals: dict[str, dict[str, int]] = {}
    for line in labels:
        found = records[line["id"]]["dates"]
        gold = line["dates"]
        pairs = match(gold, found)
        for name in (line["set"], "all"):
            t = totals.setdefault(name, dict.fromkeys(
                ("articles", "gold", "found", "hits", "exact", "right"), 0))
            t["articles"] += 1
            t["gold"] += len(gold)
            t["found"] += len(found)
            t["hits"] += len(pairs)
            t["exact"] += sum(g["start"] == f["start"] and g["end"] == f["end"] for g, f in pairs)
            t["right"] += sum(g["value"] == f["value"] for g, f in pairs)
        if show:
            text = records[line["id"]]["_text"]
            hit_g = {id(g) for g, _ in pairs}
            hit_f = {id(f) for _, f in pairs}
            for g in gold:
                if id(g) not in hit_g:
                    print(f"  missed   {line['id']}: {text[g['start']:g['end']]!r} = {g['value']}")
            for f in found:
                if id(f) not in hit_f:
                    print(f"  spurious {line['id']}: {f['text']!r} = {f['value']}")
            for g, f in pairs:
                if g["value"] != f["value"]:
                    print(f"  value    {line['id']}: {f['text']!r} = {f['value']}, "
                          f"gold {g['value']}")
    return totals


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    args = parser.parse_args(argv)
    import extractor

    labels = read_labels(args.labels)
    articles = read_articles(labels, args.shared)
    result = extractor.extract(*articles)
    records = {}
    for article, record in zip(articles, result.records):
        data = record.to_dict()
        data["_text"] = article.text
        records[record.id] = data
    totals = score(labels, records, args.show)
    print(f"{'set':16} {'articles':>8} {'gold':>5} {'found':>5}  {'P':>5} {'R':>5} {'F1':>5}  "
          f"{'exact F1':>8}  value right among found")
    for name in [n for n in totals if n != "all"] + ["all"]:
        t = totals[name]
        p, r, f1 = prf(t["hits"], t["found"], t["gold"])
        exact = prf(t["exact"], t["found"], t["gold"])[2]
        share = t["right"] / t["hits"] if t["hits"] else 0.0
        print(f"{name:16} {t['articles']:8d} {t['gold']:5d} {t['found']:5d}  {p:5.3f} {r:5.3f} "
              f"{f1:5.3f}  {exact:8.3f}  {t['right']}/{t['hits']} = {share:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
