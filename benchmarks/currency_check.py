"""Currency of money figures in Reuters-21578, with and without the ``dateline`` field (issue 16).

Draws, with a fixed seed, from Reuters-21578 (never an id of the two heldout id lists):

- ``canadian``: earnings stories (topic ``earn``) datelined in Canada: the dateline's city is a
  Canadian ``dateline`` cue of ``models/currency_cues.tsv`` (TORONTO, MONTREAL, ..., in any case:
  "Toronto, March 20 -" is written too) or the place after it a Canadian ``region`` cue
  ("OAKVILLE, Ontario, March 3 -");
- ``others``: stories with a dateline not in Canada (any topic).

Each sample is written to ``OUT/<set>.jsonl`` twice, with the ``dateline`` field (``after``: the
reader passes it to the pipeline as ``Doc._.dateline``) and without it (``before``: what the tool
saw when the reader dropped it), and run through ``extract``. Printed per set and mode: money
figures (kinds ``money``, ``per_share``, ``share_price``), their units, and how many are CAD.
``OUT/figures_<set>.tsv`` lists every money figure with its unit before and after, for judging
by hand; ``OUT/sample100.tsv`` is a seeded draw of 100 money figures of the earnings stories of
``others``.

Judgements (kept outside the repository, like the samples): ``--judged FILE``, JSON Lines, one
line per story: ``{"id": ..., "currency": "CAD"}`` (the currency of its amounts; ``null``: it
cannot be known from the story) and optionally ``"except": {"<start>": "USD", ...}`` for
figures (by start offset) in another currency; other keys (``note``) are ignored. With it,
the share of judged money figures whose unit is right is printed per set and mode (for
``others``: of the 100 drawn figures).

    python benchmarks/currency_check.py --out /work/scratch_x [--corpus PATH] [--seed 16]
        [--canadian 60] [--others 800] [--judged judged.jsonl]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, reuters_path  # noqa: E402

#: The id lists of held-out telecom articles (the only files of heldout/ read: by this pattern).
HELDOUT_ID_LISTS = "telecom_*_ids.txt"
MONEY_KINDS = ("money", "per_share", "share_price")
SETS = ("canadian", "others")
MODES = ("before", "after")


def heldout_ids(shared: Path) -> set[str]:
    """Ids that a sample must never hold (only the id lists of heldout/ are read)."""
    ids: set[str] = set()
    paths = sorted((shared / "heldout").glob(HELDOUT_ID_LISTS))
    if not paths:
        sys.exit(f"currency_check: no {HELDOUT_ID_LISTS} in {shared / 'heldout'}: cannot leave "
                 f"out the held-out ids")
    for path in paths:
        try:
            ids.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
        except OSError as exc:
            sys.exit(f"currency_check: {path}: cannot read the ids to leave out ({exc})")
    return ids - {""}


def canadian_places() -> tuple[set[str], set[str]]:
    """(cities, provinces) in capitals: the Canadian ``dateline`` and ``region`` cues of
    ``models/currency_cues.tsv``."""
    from extractor.assets import read_table

    rows = [(kind, form.upper()) for kind, form, iso, _ in read_table("currency_cues.tsv")
            if iso == "CAD"]
    return ({form for kind, form in rows if kind == "dateline"},
            {form for kind, form in rows if kind == "region"})


def in_canada(dateline: str, cities: set[str], provinces: set[str]) -> bool:
    """``"Toronto, March 20 -"``, ``"OAKVILLE, Ontario, March 3 -"``: True."""
    parts = [part.strip().upper() for part in dateline.split(",")]
    return parts[0] in cities or len(parts) > 2 and parts[1] in provinces


def draw(corpus: Path, shared: Path, seed: int, canadian: int, others: int) -> dict[str, list]:
    """The raw JSON objects of both samples, in corpus order."""
    cities, provinces = canadian_places()
    left_out = heldout_ids(shared)
    pools: dict[str, list] = {name: [] for name in SETS}
    with gzip.open(corpus, "rt", encoding="utf-8") as src:
        for line in src:
            item = json.loads(line)
            dateline = item.get("dateline")
            if item["id"] in left_out or not isinstance(dateline, str) or not dateline.strip():
                continue
            if in_canada(dateline, cities, provinces):
                if "earn" in (item.get("topics") or ()):
                    pools["canadian"].append(item)
            else:
                pools["others"].append(item)
    rng = random.Random(seed)
    out = {}
    for name, size in (("canadian", canadian), ("others", others)):
        picked = set(rng.sample(range(len(pools[name])), min(size, len(pools[name]))))
        out[name] = [item for k, item in enumerate(pools[name]) if k in picked]
    return out


def write_sample(items: list[dict], path: Path, with_dateline: bool) -> None:
    fields = ("id", "title", "text", "date") + (("dateline",) if with_dateline else ())
    with path.open("w", encoding="utf-8") as dst:
        for item in items:
            dst.write(json.dumps({k: item[k] for k in fields if k in item}) + "\n")


def money_figures(path: Path) -> dict[tuple[str, int], dict]:
    """``(id, start)`` -> money figure (with the article's text around it) of ``extract``."""
    import extractor

    result = extractor.extract(str(path))
    out = {}
    for record in result.records:
        text = result.text(record)
        for fig in record.to_dict()["figures"]:
            if fig["kind"] in MONEY_KINDS:
                fig["context"] = text[max(fig["start"] - 60, 0):fig["end"] + 30]
                out[(record.id, fig["start"])] = fig
    return out


def read_judged(path: Path) -> dict[str, dict]:
    try:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    except (OSError, ValueError) as exc:
        sys.exit(f"currency_check: {path}: cannot read the judgements ({exc})")
    return {line["id"]: line for line in lines}


def expected(judged: dict[str, dict], key: tuple[str, int]):
    """The judged currency of the figure at ``key``; ``KeyError`` if its story is not judged."""
    story = judged[key[0]]
    return story.get("except", {}).get(str(key[1]), story["currency"])


def report(name: str, figures: dict[str, dict], judged, sample) -> None:
    for mode in MODES:
        figs = figures[mode]
        units = Counter(str(f["unit"]) for f in figs.values())
        cad_stories = len({key[0] for key, f in figs.items() if f["unit"] == "CAD"})
        line = (f"{name:9} {mode:6} money figures {len(figs):5d}  CAD {units['CAD']:4d} "
                f"(in {cad_stories} stories)  units {dict(units.most_common(6))}")
        if judged is not None:
            keys = [k for k in (sample if sample is not None else figs) if k[0] in judged]
            right = sum(figs[k]["unit"] == expected(judged, k) for k in keys if k in figs)
            line += f"  right {right}/{len(keys)}" + (f" = {right / len(keys):.3f}" if keys
                                                      else "")
        print(line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for samples and lists")
    parser.add_argument("--corpus", help="Reuters-21578 JSON Lines (default: shared corpora)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--canadian", type=int, default=60)
    parser.add_argument("--others", type=int, default=800)
    parser.add_argument("--judged", type=Path, help="hand judgements (JSON Lines, see above)")
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to(ROOT):
        sys.exit("currency_check: --out must be outside the repository (corpus texts)")
    args.out.mkdir(parents=True, exist_ok=True)
    samples = draw(reuters_path(args.corpus), args.shared, args.seed, args.canadian, args.others)
    judged = read_judged(args.judged) if args.judged else None
    for name, items in samples.items():
        figures = {}
        for mode in MODES:
            path = args.out / f"{name}_{mode}.jsonl"
            write_sample(items, path, with_dateline=mode == "after")
            figures[mode] = money_figures(path)
        with (args.out / f"figures_{name}.tsv").open("w", encoding="utf-8") as dst:
            dst.write("id\tstart\ttext\tbefore\tafter\tcontext\n")
            for key, fig in figures["after"].items():
                before = figures["before"].get(key, {}).get("unit", "-")
                dst.write(f"{key[0]}\t{key[1]}\t{fig['text']}\t{before}\t{fig['unit']}\t"
                          + fig["context"].replace("\n", " ").replace("\t", " ") + "\n")
        sample = None
        if name == "others":
            earn = {item["id"] for item in items if "earn" in (item.get("topics") or ())}
            pool = sorted(k for k in figures["after"] if k[0] in earn)
            sample = random.Random(args.seed).sample(pool, min(100, len(pool)))
            with (args.out / "sample100.tsv").open("w", encoding="utf-8") as dst:
                for key in sample:
                    fig = figures["after"][key]
                    dst.write(f"{key[0]}\t{key[1]}\t{fig['text']}\t{fig['unit']}\t"
                              + fig["context"].replace("\n", " ").replace("\t", " ") + "\n")
        print(f"{name}: {len(items)} stories drawn (seed {args.seed})")
        report(name, figures, judged, sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
