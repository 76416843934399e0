"""Score the whole tool on the pair-level sets with the project's scorer (``tools/score_pairs.py``).

For each set, every distinct sentence becomes one article, the tool extracts its records (its own
companies and deals, nothing given by hand), and ``score_pairs.py`` checks, for each labelled
pair, whether the sentence's record links the two companies by a deal. company_pairs files (company1, company2,
label, sentence) are scored through the same scorer with PARTNER as a deal and COMPETITOR as no
deal; for them the share of gold companies the tool found is printed too.

    python benchmarks/pair_sets.py core ../shared/relations/core_train.json [--rules-only]
    python benchmarks/pair_sets.py company_pairs ../shared/corpora/company_pairs_gold.jsonl
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

import extractor
from extractor.runner import Extractor

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_pairs.py"


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_pairs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_refind(path: Path, out: Path) -> None:
    labels = {"PARTNER": "org:org:agreement_with", "COMPETITOR": "no_relation"}
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            if row["relation"] in labels:
                dst.write(json.dumps({"sentence": row["sentence"], "ORG_1": row["company1"],
                                      "ORG_2": row["company2"],
                                      "relation": labels[row["relation"]]}) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kind", choices=["core", "fire", "refind", "company_pairs"])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--rules-only", action="store_true", help="Without the deal model.")
    ap.add_argument("--scorer", type=Path, default=SCORER)
    args = ap.parse_args()
    sp = _scorer(args.scorer)
    work = Path(tempfile.mkdtemp())
    kind, gold = args.kind, args.gold
    if kind == "company_pairs":
        gold = work / "as_refind.jsonl"
        _as_refind(args.gold, gold)
        kind = "refind"
    seen: dict[str, str] = {}
    for text, *_ in sp.pairs(kind, str(gold)):
        seen.setdefault(sp.sid(text), text)
    nlp = extractor.load(learned=not args.rules_only)
    result = extractor.extract(texts=[{"id": i, "text": t} for i, t in seen.items()],
                               extractor=Extractor(nlp))
    records = work / "records.jsonl"
    result.write_jsonl(records)
    res = sp.run_score(kind, str(gold), str(records))
    label = "rules only" if args.rules_only else "deal model"
    print(f"{args.kind} ({label}): deal pairs P {res['p']} R {res['r']} F1 {res['f1']} "
          f"over {res['pairs']} pairs ({len(seen)} sentences)")
    if args.kind == "company_pairs":
        recs = {r.id: r for r in result}
        found = total = 0
        for text, fa, fb, _ in sp.pairs(kind, str(gold)):
            rec = recs.get(sp.sid(text))
            names = [c.name for c in rec.companies] if rec else []
            for forms in (fa, fb):
                total += 1
                found += any(sp.side_ok(n, forms) for n in names)
        print(f"company_pairs: gold companies found {found / total:.3f} ({found}/{total})")
    sys.exit(0)


if __name__ == "__main__":
    main()
