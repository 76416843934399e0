"""Read a corpus: files and folders in, :class:`Article` or :class:`ReadError` out, lazily.

Formats (see ``contract.md``):

* ``.txt`` / ``.md`` -- one article per file, encoding detected with *charset-normalizer*;
* ``.html`` / ``.htm`` -- main text extracted with *trafilatura* (menus, scripts, forms dropped);
* ``.jsonl`` / ``.jsonl.gz`` -- one article per line with ``text`` and optional ``id``,
  ``title``, ``date``; a bad line is an error for that line only.

Nothing here raises for bad input: every problem is yielded as a :class:`ReadError` that names the
file (and line), and reading goes on with the next file or line.
"""
from __future__ import annotations

import codecs
import errno
import gzip
import json
import os
import re
import stat
import zlib
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

__all__ = ["Article", "ReadError", "read_paths", "read_file", "decode_bytes", "clean_text",
           "count_articles", "strip_furniture", "article_from_text", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz")
#: A text or HTML file larger than this is not read as one article (JSON Lines have no limit).
MAX_FILE_BYTES = 64 * 2**20

# C0/C1 control characters except tab and newline; they make XML unreadable and carry no text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


@dataclass
class Article:
    """One article as read: ``text`` is what every offset in the records refers to."""

    id: str
    text: str
    path: str = ""
    date: Optional[str] = None  # ISO YYYY-MM-DD
    title: Optional[str] = None
    body_start: int = 0  # offset where the body begins (after the title paragraph)


@dataclass
class ReadError:
    """An input that could not be read; ``line`` is set for JSON Lines inputs."""

    path: str
    message: str
    line: Optional[int] = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def clean_text(text: str) -> str:
    """Normalise newlines and drop control characters (tabs and newlines are kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


@lru_cache(maxsize=1)
def _furniture() -> dict[str, re.Pattern]:
    """Patterns of ``models/furniture.tsv`` by kind (``form``, ``comment``, ``line``)."""
    from .assets import read_table

    kinds: dict[str, list[str]] = {"form": [], "comment": [], "line": []}
    for row in read_table("furniture.tsv"):
        if len(row) >= 2 and row[0] in kinds:
            kinds[row[0]].append(row[1])
    return {kind: re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)
            for kind, patterns in kinds.items()}


def strip_furniture(text: str) -> str:
    """Drop page furniture (comment forms, reader comments, share buttons) from ``text``.

    A comment-form line (``models/furniture.tsv``, kind ``form``) ends the article: it, what
    follows it, and the reader comments directly before it are cut off. Single furniture lines
    (kind ``line``) are removed wherever they stand. The first paragraph is always kept. What is
    returned is the article text as read: every offset in the records refers to it.
    """
    patterns = _furniture()
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    first_break = next((i for i, line in enumerate(stripped) if not line and i > 0), len(lines))
    end = len(lines)
    for index in range(first_break, len(lines)):
        if stripped[index] and patterns["form"].fullmatch(stripped[index]):
            end = index
            break
    if end < len(lines):
        # walk back over blank lines and reader comments (whole paragraphs) before the form
        cut = end
        index = end - 1
        while index >= first_break:
            if not stripped[index]:
                index -= 1
                continue
            start = index
            while start - 1 >= first_break and stripped[start - 1]:
                start -= 1
            if not patterns["comment"].fullmatch(stripped[start]):
                break
            cut = start
            index = start - 1
        end = cut
    kept = lines[:first_break] + [
        line for line, bare in zip(lines[first_break:end], stripped[first_break:end])
        if not (bare and patterns["line"].fullmatch(bare))]
    return "\n".join(kept).rstrip()


def iso_date(value: object) -> Optional[str]:
    """``'1987-02-26T15:01:01'`` -> ``'1987-02-26'``; anything unparsable -> ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    for candidate in (value, value[:10]):
        try:
            return datetime.fromisoformat(candidate.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            continue
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def article_from_text(text: str, *, id: str, path: str = "", title: Optional[str] = None,
                      date: Optional[str] = None) -> Article:
    """Build an :class:`Article`; a title is read as the article's first paragraph."""
    text = strip_furniture(clean_text(text)).strip("\n")
    title = clean_text(title).strip() if isinstance(title, str) and title.strip() else None
    body_start = 0
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
        body_start = len(title) + 2
    return Article(id=id, text=text, path=path, date=iso_date(date), title=title,
                   body_start=body_start)


#: Bytes that plain text (in an 8-bit or UTF-8 encoding) practically never holds.
_BINARY_BYTES = tuple(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + (127,)
#: Legacy encodings preferred when charset-normalizer finds them as good as its first guess.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode_bytes(data: bytes) -> str:
    """Decode bytes in any common encoding; raise ``ValueError`` for binary or undecodable data.

    BOMs are honoured, UTF-8 is tried first (the common case), then UTF-16 without a BOM is
    recognised by its NUL pattern, and the rest is left to *charset-normalizer*.
    """
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data:
        sample = data[:4096]
        even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
            return _decode_utf16(data, "utf-16-le")
        if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
            return _decode_utf16(data, "utf-16-be")
    if _looks_binary(data[:8192]):
        raise ValueError("binary file (control bytes), not text")
    data = data.replace(b"\x00", b"")  # a few stray NULs in a text file
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ValueError("cannot detect the text encoding (binary or corrupt file?)")
    # Short Western texts fit several legacy code pages equally well (cp775 and cp1250 read
    # "Société" as well as cp1252 does); among the equally good readings prefer the Western ones
    # that news files actually use.
    for match in matches:
        if match.chaos <= best.chaos + 0.01:
            for encoding in _WESTERN:
                if encoding in match.could_be_from_charset:
                    try:
                        return data.decode(encoding)
                    except UnicodeDecodeError:
                        continue
    return str(best)


def _looks_binary(sample: bytes) -> bool:
    """More than 5% of bytes that plain text does not hold (UTF-16 is recognised before)."""
    return sum(sample.count(byte) for byte in _BINARY_BYTES) > 0.05 * max(len(sample), 1)


def _decode_utf16(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"looks like {encoding} but does not decode: {exc.reason}") from None


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def read_paths(paths: Iterable[Union[str, os.PathLike]]) -> Iterator[Union[Article, ReadError]]:
    """Yield the articles of files and folders (folders recursively, in sorted order), lazily."""
    for root in paths:
        root = Path(root)
        if os.path.isdir(root):
            anything = False  # an article, or an error already reported for this folder
            for file in _walk(root):
                anything = True
                if isinstance(file, ReadError):
                    yield file
                else:
                    yield from read_file(file, file.relative_to(root).as_posix())
            if not anything:
                yield ReadError(str(root), "no articles found in folder (looked for "
                                + ", ".join(SUPPORTED_SUFFIXES) + " files)")
        elif os.path.exists(root):
            yield from read_file(root, root.name)
        elif os.path.islink(root):
            yield ReadError(str(root), _bad_link(root))
        else:
            yield ReadError(str(root), "no such file or folder")


def count_articles(paths: Iterable[Union[str, os.PathLike]], *,
                   max_bytes: int = 256 * 2**20) -> Optional[int]:
    """How many articles ``paths`` hold, for a progress bar's total; ``None`` when unknown.

    One per text or HTML file, one per line of JSON Lines (an estimate: blank lines count, and a
    truncated file counts what can be read). Counting reads the JSON Lines files once more, so it
    gives up (``None``) when they hold more than ``max_bytes`` uncompressed: the bar then shows a
    count without a total.
    """
    total = budget = 0
    try:
        for root in paths:
            root = Path(root)
            found = list(_walk(root)) if os.path.isdir(root) else [root]
            files = [f for f in found if isinstance(f, Path)]
            total += len(found) - len(files) + (not found)  # folder errors are results too
            for file in files:
                suffix = _suffix(file)
                if suffix not in SUPPORTED_SUFFIXES:
                    continue
                if suffix not in (".jsonl", ".jsonl.gz"):
                    total += 1
                    continue
                opener = gzip.open if suffix == ".jsonl.gz" else open
                try:
                    if not stat.S_ISREG(os.stat(file).st_mode):
                        continue  # a pipe would block; the reader reports it
                    with opener(file, "rb") as handle:
                        for line in handle:
                            budget += len(line)
                            if budget > max_bytes:
                                return None
                            total += 1
                except (OSError, EOFError, zlib.error):
                    total += 1  # counted what could be read, and the error the reader reports
    except OSError:
        return None
    return total


def _bad_link(path: Path) -> str:
    """Why a symlink cannot be followed."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop, skipped"
        return f"broken symlink ({exc.strerror or exc}), skipped"
    return "symlink cannot be followed, skipped"


def _walk(folder: Path) -> Iterator[Union[Path, ReadError]]:
    """Files under ``folder`` in sorted order; hidden entries skipped, symlink loops reported."""
    seen: set[str] = set()

    def visit(current: Path) -> Iterator[Union[Path, ReadError]]:
        try:
            real = os.path.realpath(current)
            if real in seen:
                yield ReadError(str(current), "symlink loop: folder already read, skipped")
                return
            seen.add(real)
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            yield ReadError(str(current), f"cannot list folder: {exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if os.path.islink(path) and not os.path.exists(path):
                yield ReadError(str(path), _bad_link(path))
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
                continue
            if is_dir:
                yield from visit(path)
            else:
                yield path

    yield from visit(folder)


def read_file(path: Path, id_base: Optional[str] = None) -> Iterator[Union[Article, ReadError]]:
    """Yield the article(s) of one file; ``id_base`` is its id (path relative to the argument)."""
    path = Path(path)
    id_base = id_base or path.name
    shown = str(path)
    suffix = _suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        yield ReadError(shown, f"unsupported file type {suffix or '(none)'!r}: expected one of "
                        + ", ".join(SUPPORTED_SUFFIXES))
        return
    if suffix in (".jsonl", ".jsonl.gz"):
        try:
            regular = stat.S_ISREG(path.stat().st_mode)
        except OSError as exc:
            yield ReadError(shown, f"cannot read: {exc.strerror or exc}")
            return
        if not regular:
            yield ReadError(shown, "not a regular file (pipe, socket or device), skipped")
            return
        yield from _read_jsonl(path, id_base, gz=suffix == ".jsonl.gz")
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield ReadError(shown, "not a regular file (pipe, socket or device), skipped")
            return
        size = info.st_size
        if size > MAX_FILE_BYTES:
            yield ReadError(shown, f"file too large for one article ({size / 2**20:.0f} MiB; "
                            f"at most {MAX_FILE_BYTES // 2**20} MiB): split it, or use JSON Lines")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(shown, f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield ReadError(shown, "empty file")
        return
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        yield ReadError(shown, str(exc))
        return
    title = published = None
    if suffix in (".html", ".htm"):
        try:
            text, title, published = _html_text(text)
        except ValueError as exc:
            yield ReadError(shown, str(exc))
            return
    if not strip_furniture(clean_text(text)).strip():
        yield ReadError(shown, "no text in file")
        return
    yield article_from_text(text, id=id_base, path=shown, title=title, date=published)


#: Fewer words than this in what trafilatura keeps of a page is a menu or a stub, not an article.
_MIN_HTML_WORDS = 5


def _html_text(html: str) -> tuple[str, Optional[str], Optional[str]]:
    """Main text, title and date of an HTML page (boilerplate, menus, comment forms dropped)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # trafilatura/lxml on a broken page
        raise ValueError(f"cannot parse HTML: {type(exc).__name__}: {exc}") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < _MIN_HTML_WORDS:
        raise ValueError("no article text found in HTML page")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n\n".join(paragraphs), getattr(doc, "title", None), getattr(doc, "date", None)


#: A JSON Lines file whose first this many non-blank lines are all bad is given up on.
_MAX_BAD_FIRST_LINES = 10


def _read_jsonl(path: Path, id_base: str, gz: bool) -> Iterator[Union[Article, ReadError]]:
    shown = str(path)
    try:
        handle = (gzip.open(path, "rb") if gz else open(path, "rb"))
    except OSError as exc:
        yield ReadError(shown, f"cannot read: {exc.strerror or exc}")
        return
    lineno = 0
    any_line = good = False
    bad_run = 0
    with handle:
        try:
            head = handle.peek(8192)[:8192]
            if not gz and head.startswith(b"\x1f\x8b"):
                yield ReadError(shown, "gzip-compressed data in a .jsonl file (name it .jsonl.gz)")
                return
            if _looks_binary(head) and not head.startswith((codecs.BOM_UTF16_LE,
                                                            codecs.BOM_UTF16_BE)):
                yield ReadError(shown, "binary file (control bytes), not JSON Lines")
                return
            for lineno, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                any_line = True
                item = _article_from_json_line(raw, shown, id_base, lineno)
                yield item
                if isinstance(item, Article):
                    good, bad_run = True, 0
                    continue
                bad_run += 1
                if not good and bad_run >= _MAX_BAD_FIRST_LINES:
                    yield ReadError(shown, f"giving up on this file: its first {bad_run} lines "
                                    "are not articles", line=lineno)
                    return
        except (OSError, EOFError, zlib.error) as exc:
            reason = "truncated or corrupt gzip file" if gz else "read error"
            yield ReadError(shown, f"{reason} after line {lineno}: {exc}", line=lineno + 1)
            return
    if not any_line:
        yield ReadError(shown, "empty file")


def _article_from_json_line(raw: bytes, shown: str, id_base: str,
                            lineno: int) -> Union[Article, ReadError]:
    try:
        obj = json.loads(decode_bytes(raw))
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")  # "Invalid control character at"
        return ReadError(shown, f"not valid JSON ({reason} at column {exc.colno})", line=lineno)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        return ReadError(shown, f"not valid JSON ({exc})", line=lineno)
    if not isinstance(obj, dict):
        return ReadError(shown, "expected a JSON object with a 'text' field", line=lineno)
    text = obj.get("text")
    if text is None:
        return ReadError(shown, "no 'text' field", line=lineno)
    if not isinstance(text, str):
        return ReadError(shown, f"'text' is {type(text).__name__}, not a string", line=lineno)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    if not clean_text(text).strip() and not title:
        return ReadError(shown, "empty 'text'", line=lineno)
    art_id = obj.get("id")
    art_id = str(art_id) if isinstance(art_id, (str, int)) and str(art_id) else f"{id_base}:{lineno}"
    return article_from_text(text, id=art_id, path=shown, title=title, date=obj.get("date"))


def read_jsonl_range(path: Union[str, os.PathLike], id_base: Optional[str] = None, start: int = 1,
                     stop: Optional[int] = None, *,
                     offset: int = 0) -> Iterator[Union[Article, ReadError]]:
    """Lines ``start`` to ``stop - 1`` (1-based; to the end if ``stop`` is None) of a ``.jsonl`` or
    ``.jsonl.gz`` file, read exactly as :func:`read_file` reads them (ids, line numbers, errors).

    ``offset`` is the byte offset of line ``start`` in a plain ``.jsonl`` file (0: skip lines from
    the top). Used to read one partition of a large file (``extractor.distributed``).
    """
    path = Path(path)
    if start <= 1 and stop is None:
        yield from read_file(path, id_base)
        return
    id_base, shown, gz = id_base or path.name, str(path), _suffix(path) == ".jsonl.gz"
    lineno = 0
    try:
        handle = gzip.open(path, "rb") if gz else open(path, "rb")
    except OSError as exc:
        yield ReadError(shown, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        try:
            if offset and not gz:
                handle.seek(offset)
                lineno = start - 1
            else:
                while lineno < start - 1 and handle.readline():
                    lineno += 1
            while stop is None or lineno < stop - 1:  # never read past the range
                raw = handle.readline()
                if not raw:
                    break
                lineno += 1
                if raw.strip():
                    yield _article_from_json_line(raw, shown, id_base, lineno)
        except (OSError, EOFError, zlib.error) as exc:
            reason = "truncated or corrupt gzip file" if gz else "read error"
            yield ReadError(shown, f"{reason} after line {lineno}: {exc}", line=lineno + 1)
