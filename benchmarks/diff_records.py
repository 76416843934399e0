"""Compare two record files (``extract --records``): per field, how many records changed.

Records are matched by ``id`` (the n-th record of an id with the n-th of the same id). Prints one
line per field that differs somewhere, the records found in only one file, and exits 1 when any
record differs (0 when the files hold the same records).

    python benchmarks/diff_records.py before.jsonl after.jsonl
    python benchmarks/diff_records.py before.jsonl after.jsonl --show 3   # and 3 examples
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional


def read_records(path: Path) -> dict[tuple[str, int], dict]:
    """The records of ``path`` keyed by ``(id, n)``; exit with a message naming a bad line."""
    out: dict[tuple[str, int], dict] = {}
    seen: Counter = Counter()
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        sys.exit(f"diff_records: cannot read {path}: {exc.strerror}")
    with handle:
        for no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"diff_records: {path}:{no}: not JSON ({exc.msg})")
            if not isinstance(record, dict):
                sys.exit(f"diff_records: {path}:{no}: not a JSON object")
            key = str(record.get("id"))
            out[(key, seen[key])] = record
            seen[key] += 1
    return out


def diff(a: dict[tuple[str, int], dict], b: dict[tuple[str, int], dict]
         ) -> tuple[Counter, list[tuple[str, int]], list[tuple[str, int]], dict]:
    """Per-field counts of changed records, keys only in ``a``, only in ``b``, and an example
    key per field."""
    changed: Counter = Counter()
    example: dict[str, tuple[str, int]] = {}
    for key in a.keys() & b.keys():
        ra, rb = a[key], b[key]
        fields = [f for f in dict.fromkeys([*ra, *rb]) if ra.get(f) != rb.get(f)]
        for f in fields:
            changed[f] += 1
            example.setdefault(f, key)
        if fields:
            changed["(any field)"] += 1
    only_a = sorted(a.keys() - b.keys())
    only_b = sorted(b.keys() - a.keys())
    return changed, only_a, only_b, example


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", type=Path, help="records before (JSON Lines)")
    parser.add_argument("b", type=Path, help="records after (JSON Lines)")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print the first changed record's values for up to N fields")
    args = parser.parse_args(argv)
    a, b = read_records(args.a), read_records(args.b)
    changed, only_a, only_b, example = diff(a, b)
    common = len(a.keys() & b.keys())
    print(f"{len(a)} records in {args.a.name}, {len(b)} in {args.b.name}, {common} in both")
    for field, n in sorted(changed.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {field:<20} {n:>6} changed")
    for label, keys in ((args.a.name, only_a), (args.b.name, only_b)):
        if keys:
            print(f"  only in {label}: {len(keys)} (e.g. {keys[0][0]!r})")
    for field in [f for f in changed if f != "(any field)"][:args.show]:
        key = example[field]
        print(f"--- {field} of {key[0]!r}\n  a: {json.dumps(a[key].get(field))[:500]}"
              f"\n  b: {json.dumps(b[key].get(field))[:500]}")
    same = not changed and not only_a and not only_b
    print("no record changed" if same else "records differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
