"""Company finding on a FiNER-ORD style file (one article a line, ORG/PER/LOC token spans).

    python benchmarks/org_recall.py FILE [--rules-only] [--no-gazetteer]

Gold companies are the ORG spans that are no government body, regulator, association ... (the
converter of ``extractor.company_training.finer_articles``: an organisation word or a
not-companies name makes an ORG a non-company). Prints recall of those companies, recall of all
ORG spans, and precision against every ORG span (a found company that is no ORG span of the
article counts against it), scored per article like ``extract evaluate``.
"""
from __future__ import annotations

import argparse
import json

import extractor
from extractor.company_training import finer_articles
from extractor.evaluate import Score, score_article
from extractor.records import record_from_doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--no-gazetteer", action="store_true")
    args = ap.parse_args()
    nlp = extractor.load(learned=not args.rules_only, gazetteer=not args.no_gazetteer)
    companies, orgs, precision = Score(), Score(), Score()
    arts = list(finer_articles(args.file))
    all_orgs = {}
    with open(args.file, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                all_orgs[row["id"]] = sorted({e["text"] for e in row["entities"]
                                              if e["type"] == "ORG"})
    for doc, art in zip(nlp.pipe((a.text for a in arts), batch_size=16), arts):
        record = record_from_doc(doc, id=art.id)
        companies += score_article(record, art.gold).companies
        every = {"id": art.id, "relations": [],
                 "companies": [{"name": n, "aliases": []} for n in all_orgs[art.id]]}
        s = score_article(record, every).companies
        orgs += s
        precision += s
    print(f"{len(arts)} articles; companies (ORG minus organisations): recall "
          f"{companies.recall:.3f} ({companies.tp}/{companies.tp + companies.fn}), "
          f"P {companies.precision:.3f}, F1 {companies.f1:.3f}")
    print(f"all ORG spans: recall {orgs.recall:.3f} ({orgs.tp}/{orgs.tp + orgs.fn}); "
          f"found companies that are an ORG span: {precision.precision:.3f}")


if __name__ == "__main__":
    main()
