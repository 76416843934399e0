"""A hand check of dates and money figures in earnings and results stories (issue 16).

``draw`` picks, with a seed, Reuters-21578 earnings stories (topic ``earn``) and modern results
stories (Reuters 2006-2013 and Yahoo Finance 2017-2020 whose title speaks of results: profit,
earnings, revenue, quarter, ...), never an article that is labelled in ``models/labelled/``, in
the dev gold, or in ``../shared/heldout/`` (only ids and titles are read there, to leave them
out), nor one listed in ``--exclude`` files (e.g. another helper's development sample). It runs
the pipeline over them and writes to ``OUT``:

- ``articles.jsonl``: the articles as drawn (outside the repository: research-use texts);
- ``dates.jsonl`` and ``money.jsonl``: a seeded draw of ``--items`` dates and money figures
  (kinds ``money``, ``per_share``, ``share_price``), each with its id, offsets, what the tool
  gave (value, unit, period), the article's date and the sentence around it, for a judge;
- ``drawn_ids.txt``: the ids drawn.

``score`` reads the judge's answers (``OUT/judged_dates.jsonl``, ``OUT/judged_money.jsonl``,
one line per item: ``{"n": <item number>, "right": true|false, "expected": ..., "note": ...}``,
and for money ``"unit_right"``, ``"value_right"``, ``"period_right"`` as well) and prints, for
each true/false field, the share true per set (older: Reuters-21578, modern). ``rerun`` runs the current
code over the same articles and lists the items whose output changed (to be judged again).

    python benchmarks/hand_check.py draw --out DIR [--seed 20261203] [--older 40] [--modern 40]
                                        [--items 100] [--exclude FILE ...]
    python benchmarks/hand_check.py score --out DIR
    python benchmarks/hand_check.py rerun --out DIR
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT  # noqa: E402

SHARED = ROOT.parent / "shared"
MONEY_KINDS = ("money", "per_share", "share_price")
MODERN = ("modern/reuters_2006_2013_telecom_tech.jsonl.gz",
          "modern/yahoo_finance_2017_2020.jsonl.gz")
RESULTS_TITLE = re.compile(r"\b(results?|profits?|earnings|revenues?|sales|quarter(ly)?|"
                           r"Q[1-4]|net income|loss(es)?)\b", re.I)


def _lines(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def left_out(shared: Path, extra: list[str]) -> tuple[set[str], set[str]]:
    """Ids and titles no draw may hold."""
    ids, titles = set(), set()
    for path in sorted((shared / "heldout").glob("*_ids.txt")):
        ids |= {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    held = shared / "heldout" / "modern_articles.jsonl"
    if held.exists():
        for row in _lines(held):
            ids.add(str(row.get("id")))
            titles.add((row.get("title") or "").strip().lower())
    for path in sorted((ROOT / "models" / "labelled").glob("*.jsonl")):
        ids |= {str(row.get("id")) for row in _lines(path)}
    for path in sorted((shared / "gold").glob("*.jsonl")):
        ids |= {str(row.get("id")) for row in _lines(path)}
    for name in extra:
        ids |= {line.strip() for line in Path(name).read_text(encoding="utf-8").splitlines()}
    ids.discard("")
    titles.discard("")
    return ids, titles


def draw_articles(shared: Path, seed: int, n_older: int, n_modern: int,
                  exclude: list[str]) -> list[dict]:
    ids, titles = left_out(shared, exclude)

    def fine(row: dict) -> bool:
        return (str(row.get("id")) not in ids and not row.get("duplicate_of")
                and (row.get("title") or "").strip().lower() not in titles
                and 300 <= len(row.get("text") or "") <= 6000)

    older = [r for r in _lines(shared / "corpora" / "reuters21578.jsonl.gz")
             if "earn" in (r.get("topics") or []) and fine(r)]
    modern = [dict(r, corpus=name) for name in MODERN for r in _lines(shared / "corpora" / name)
              if RESULTS_TITLE.search(r.get("title") or "") and fine(r)]
    rng = random.Random(seed)
    out = []
    for rows, n, corpus in ((older, n_older, "reuters21578.jsonl.gz"), (modern, n_modern, None)):
        for row in rng.sample(rows, min(n, len(rows))):
            row = {k: row[k] for k in ("id", "title", "text", "date", "dateline", "corpus")
                   if row.get(k) is not None}
            row.setdefault("corpus", corpus)
            out.append(row)
    return out


def run(articles_path: Path) -> dict[str, dict]:
    """Records of the current code, by article id, with the text as read."""
    from extractor import extract

    result = extract(str(articles_path), jobs=2)
    out = {}
    for record in result.records:
        row = record.to_dict()
        row["_text"] = result.text(record)
        out[row["id"]] = row
    return out


def _context(text: str, start: int, end: int, width: int = 220) -> str:
    left = max(0, start - width)
    return (text[left:start] + "[[" + text[start:end] + "]]" + text[end:end + width]).replace(
        "\n", " ")


def items(records: dict[str, dict], articles: dict[str, dict]) -> tuple[list, list]:
    dates, money = [], []
    for rid, rec in records.items():
        art = articles[rid]
        older = art["corpus"].startswith("reuters21578")
        common = {"id": rid, "set": "older" if older else "modern",
                  "article_date": art.get("date"), "title": art.get("title")}
        for d in rec["dates"]:
            dates.append(dict(common, start=d["start"], end=d["end"], text=d["text"],
                              value=d["value"],
                              context=_context(rec["_text"], d["start"], d["end"])))
        for f in rec["figures"]:
            if f.get("kind") in MONEY_KINDS:
                money.append(dict(common, start=f["start"], end=f["end"], text=f["text"],
                                  kind=f["kind"], value=f["value"], unit=f.get("unit"),
                                  period=f.get("period"),
                                  context=_context(rec["_text"], f["start"], f["end"])))
    return dates, money


def _write(path: Path, rows: list[dict]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    tmp.replace(path)


def cmd_draw(args) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles = draw_articles(Path(args.shared), args.seed, args.older, args.modern, args.exclude)
    _write(out / "articles.jsonl", articles)
    (out / "drawn_ids.txt").write_text("".join(a["id"] + "\n" for a in articles))
    by_id = {a["id"]: a for a in articles}
    dates, money = items(run(out / "articles.jsonl"), by_id)
    rng = random.Random(args.seed)
    for name, rows in (("dates", dates), ("money", money)):
        chosen = sorted(rng.sample(range(len(rows)), min(args.items, len(rows))))
        _write(out / f"{name}.jsonl", [dict(rows[i], n=k) for k, i in enumerate(chosen)])
        print(f"{name}: {len(rows)} found in {len(articles)} articles, {len(chosen)} drawn")


def cmd_score(args) -> None:
    out = Path(args.out)
    for name in ("dates", "money"):
        path = out / f"judged_{name}.jsonl"
        if not path.exists():
            print(f"{name}: no {path.name}")
            continue
        sets = {r["n"]: r["set"] for r in _lines(out / f"{name}.jsonl")}
        tally: dict[str, list[int]] = {}
        for row in _lines(path):
            for field in (f for f, v in row.items() if isinstance(v, bool)):
                for key in (sets[row["n"]], "all"):
                    hit = tally.setdefault((field, key), [0, 0])
                    hit[0] += row[field]
                    hit[1] += 1
        for field in sorted({f for f, _ in tally}):
            print(f"{name} {field}: " + ", ".join(
                f"{k} {r}/{n} = {r / n:.2f}" for (f, k), (r, n) in sorted(tally.items())
                if f == field))


def cmd_rerun(args) -> None:
    out = Path(args.out)
    by_id = {a["id"]: a for a in _lines(out / "articles.jsonl")}
    dates, money = items(run(out / "articles.jsonl"), by_id)
    now = {("dates", r["id"], r["start"]): r for r in dates}
    now.update({("money", r["id"], r["start"]): r for r in money})
    changed = 0
    for name, keys in (("dates", ("end", "value")),
                       ("money", ("end", "value", "unit", "kind", "period"))):
        for item in _lines(out / f"{name}.jsonl"):
            new = now.get((name, item["id"], item["start"]))
            if new is None or any(new[k] != item[k] for k in keys):
                changed += 1
                print(json.dumps({"set": name, "n": item["n"], "was": {k: item[k] for k in keys},
                                  "now": new and {k: new[k] for k in keys}}))
    print(f"{changed} judged items changed", file=sys.stderr)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("draw", "score", "rerun"):
        p = sub.add_parser(name)
        p.add_argument("--out", required=True)
        p.add_argument("--shared", default=str(SHARED))
        if name == "draw":
            p.add_argument("--seed", type=int, default=20261203)
            p.add_argument("--older", type=int, default=40)
            p.add_argument("--modern", type=int, default=40)
            p.add_argument("--items", type=int, default=100)
            p.add_argument("--exclude", nargs="*", default=[])
    args = ap.parse_args(argv)
    {"draw": cmd_draw, "score": cmd_score, "rerun": cmd_rerun}[args.cmd](args)


if __name__ == "__main__":
    main()
