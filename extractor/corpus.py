"""Read a corpus: files and folders in, :class:`Article` or :class:`ReadError` out, lazily.

Formats (see ``contract.md``):

* ``.txt`` -- one article per file, encoding detected with *charset-normalizer*;
* ``.md`` -- the same, with the Markdown markup removed by *markdown-it-py* (link text kept; a
  first heading is the title);
* ``.html`` / ``.htm`` -- main text extracted with *trafilatura* (menus, scripts, forms dropped);
* ``.jsonl`` / ``.jsonl.gz`` -- one article per line with ``text`` and optional ``id``,
  ``title``, ``date``, ``dateline`` (Reuters-21578's ``"TORONTO, March 3 -"``: metadata, never
  put into the text); a bad line is an error for that line only.

Nothing here raises for bad input: every problem is yielded as a :class:`ReadError` that names the
file (and line), and reading goes on with the next file or line.

Text hygiene: what cannot be decoded, and lone surrogates (legal in JSON as ``"\\ud800"``, but not
encodable), become U+FFFD; :attr:`Article.replaced` counts them. File names that are not UTF-8
are kept in ``path`` as :func:`os.fsdecode` gives them (lone surrogates) and shown escaped
(``\\xff``) in messages and ids.
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
           "decode_with_count", "count_articles", "strip_furniture", "link_lines", "article_from_text",
           "replace_unencodable", "escape_name", "markdown_text", "SUPPORTED_SUFFIXES",
           "walk_paths", "file_suffix"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz")
#: A text or HTML file, or a line of JSON Lines, larger than this is not read as one article.
MAX_FILE_BYTES = 64 * 2**20

# C0/C1 control characters except tab and newline; they make XML unreadable and carry no text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
# Lone surrogates: the only code points a str holds that no UTF encoding can write.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What is escaped where a name is shown: surrogates (undecodable bytes) and C0 controls / DEL.
_UNPRINTABLE_NAME = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


@dataclass
class Article:
    """One article as read: ``text`` is what every offset in the records refers to."""

    id: str
    text: str
    path: str = ""
    date: Optional[str] = None  # ISO YYYY-MM-DD
    title: Optional[str] = None
    body_start: int = 0  # offset where the body begins (after the title paragraph)
    replaced: int = 0  # undecodable bytes and lone surrogates replaced by U+FFFD while reading
    dateline: Optional[str] = None  # "TORONTO, March 3 -" given beside the text (not in it)


@dataclass
class ReadError:
    """An input that could not be read; ``line`` is set for JSON Lines inputs."""

    path: str
    message: str
    line: Optional[int] = None

    def __str__(self) -> str:
        """``path:line: message``, with an undecodable file name shown escaped (``\\xff``)."""
        path = escape_name(self.path)
        where = f"{path}:{self.line}" if self.line is not None else path
        return f"{where}: {escape_name(self.message)}"


def escape_name(name: Union[str, bytes, os.PathLike]) -> str:
    """``name`` as it is shown: printable, one line, and the same for the same name.

    A byte that is not UTF-8 (a lone surrogate from :func:`os.fsdecode`) is shown as ``\\xff``,
    any other lone surrogate as ``\\udXXX``, control characters as ``\\x0a``; the rest (accents
    included) is left as it is.
    """
    name = os.fsdecode(name) if isinstance(name, (bytes, os.PathLike)) else name
    return _UNPRINTABLE_NAME.sub(_escape_char, name)


def _escape_char(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape of the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def replace_unencodable(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many were replaced.

    A lone surrogate (JSON ``"\\ud800"``, or a byte kept by ``surrogateescape``) is the one kind
    of code point a ``str`` can hold that no output file can encode.
    """
    try:
        text.encode("utf-8")  # the common case, and much faster than a search
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters (tabs and newlines are kept), and replace
    lone surrogates by U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", replace_unencodable(text)[0])


@lru_cache(maxsize=1)
def _furniture() -> dict[str, re.Pattern]:
    """Patterns of ``models/furniture.tsv`` by kind (``form``, ``comment``, ``line``,
    ``links``)."""
    from .assets import read_table

    kinds: dict[str, list[str]] = {"form": [], "comment": [], "line": [], "links": []}
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


#: A line under a links prompt ("More from Dan:") is another story's headline while it is short
#: and does not end as a sentence does.
_HEADLINE_MAX = 160
_SENTENCE_END = re.compile(r"""[.;:]["'’”)]?$""")


def link_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines of ``text`` that point to other stories, not article text:
    a line that opens with a links prompt of ``models/furniture.tsv`` (kind ``links``: "Read
    more: ...", "See also: ...", "Image credits: ..."), and, under a prompt that ends its line
    ("More from Dan:", "Trending right now:"), the headline lines that follow it, up to a blank
    line or a line that reads as a sentence. The text itself is left as it is (offsets keep
    referring to it); the company and deal steps skip these ranges (the annotation guidelines:
    related-link lists are page furniture)."""
    pattern = _furniture()["links"]
    out: list[tuple[int, int]] = []
    pos, under_prompt = 0, False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        bare = line.strip()
        if not bare:
            under_prompt = False
            continue
        m = pattern.match(bare)
        if m:
            out.append((start, end))
            under_prompt = not bare[m.end():].strip()
        elif under_prompt and len(bare) <= _HEADLINE_MAX and not _SENTENCE_END.search(bare):
            out.append((start, end))
        else:
            under_prompt = False
    return out


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
                      date: Optional[str] = None, replaced: int = 0,
                      dateline: Optional[str] = None) -> Article:
    """Build an :class:`Article`; a title is read as the article's first paragraph.

    ``dateline`` ("TORONTO, March 3 -") is kept as metadata beside the text, never put into it.
    Lone surrogates in ``text``, ``title``, ``id`` and ``dateline`` become U+FFFD; they are
    counted in :attr:`Article.replaced`, on top of ``replaced`` (what decoding the bytes replaced).
    """
    text, in_text = replace_unencodable(text)
    in_id = in_title = in_dateline = 0
    if isinstance(id, str):
        id, in_id = replace_unencodable(id)
    if isinstance(title, str):
        title, in_title = replace_unencodable(title)
    if isinstance(dateline, str):
        dateline, in_dateline = replace_unencodable(dateline)
        dateline = clean_text(dateline).strip() or None
    else:
        dateline = None
    text = strip_furniture(clean_text(text)).strip("\n")
    title = clean_text(title).strip() if isinstance(title, str) and title.strip() else None
    body_start = 0
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
        body_start = len(title) + 2
    return Article(id=id, text=text, path=path, date=iso_date(date), title=title,
                   body_start=body_start,
                   replaced=replaced + in_text + in_id + in_title + in_dateline,
                   dateline=dateline)


#: Bytes that plain text (in an 8-bit or UTF-8 encoding) practically never holds.
_BINARY_BYTES = tuple(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + (127,)
#: Legacy encodings preferred when charset-normalizer finds them as good as its first guess.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
#: A surrogate code point written in UTF-8 (CESU-8 / WTF-8): the bytes of JSON's ``"\\ud800"``.
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")
#: Text with at most this share of undecodable bytes (or code units) is text with a few bad bytes.
_MAX_BAD_SHARE = 0.05
#: Codec error handler that marks each undecodable sequence with one lone surrogate (counted and
#: replaced by U+FFFD afterwards: no shared counter, so it is safe in threads).
_MARK = "extractor.corpus.mark"
codecs.register_error(_MARK, lambda exc: ("\udfff", exc.end))


def decode_bytes(data: bytes) -> str:
    """Decode bytes in any common encoding; raise ``ValueError`` for binary or undecodable data.

    BOMs are honoured, UTF-8 is tried first (the common case), then UTF-16 without a BOM is
    recognised by its NUL pattern, and the rest is left to *charset-normalizer*. Clearly text
    with a few bad bytes is decoded all the same, each bad byte as U+FFFD
    (see :func:`decode_with_count`).
    """
    return decode_with_count(data)[0]


def decode_with_count(data: bytes) -> tuple[str, int]:
    """Like :func:`decode_bytes`, and how many bad bytes (or code units) became U+FFFD.

    Mostly-UTF-8 data (more bytes in valid multi-byte sequences than bad bytes, or an encoded
    lone surrogate) is read as UTF-8 rather than guessed at; text that *charset-normalizer*
    cannot place is read as UTF-8 too when at most 5% of its bytes are bad.
    """
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_marked(data, encoding)
    if b"\x00" in data:
        sample = data[:4096]
        even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
            return _decode_marked(data, "utf-16-le")
        if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
            return _decode_marked(data, "utf-16-be")
    if _looks_binary(data[:8192]):
        raise ValueError("binary file (control bytes), not text")
    data = data.replace(b"\x00", b"")  # a few stray NULs in a text file
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    text, bad, multibyte = _decode_utf8_lossy(data)
    if multibyte >= bad:
        return text, bad
    legacy = _decode_legacy(data)
    if legacy is not None:
        return legacy, 0
    if bad <= _MAX_BAD_SHARE * len(data):
        return text, bad
    raise ValueError("cannot detect the text encoding (binary or corrupt file?)")


def _decode_utf8_lossy(data: bytes) -> tuple[str, int, int]:
    """UTF-8 with every bad byte (and encoded lone surrogate) as U+FFFD.

    Returns
    -------
    text, replaced, multibyte
        The text, how many replacements, and how many bytes beyond the first of valid
        multi-byte sequences were read (evidence that the data is UTF-8).
    """
    data, surrogates = _ENCODED_SURROGATE.subn("\ufffd".encode("utf-8"), data)
    escaped = data.decode("utf-8", "surrogateescape")  # one lone surrogate per bad byte
    text, bad_bytes = _SURROGATE.subn("\ufffd", escaped)
    return text, surrogates + bad_bytes, len(data) - len(escaped)


def _decode_legacy(data: bytes) -> Optional[str]:
    """``data`` in the legacy encoding *charset-normalizer* finds, or ``None``.

    The encoding is found on a sample of at most about a MiB (:func:`_detection_sample`), so a
    50 MB input takes no longer to place than a short one; only when the rest of the input does
    not decode in it is the whole input looked at.
    """
    sample = _detection_sample(data)
    text = _decode_as(data, _legacy_encoding(sample))
    if text is None and sample is not data:
        text = _decode_as(data, _legacy_encoding(data))
    return text


def _decode_as(data: bytes, encoding: Optional[str]) -> Optional[str]:
    """``data`` decoded in ``encoding`` (strictly), or ``None``."""
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _legacy_encoding(sample: bytes) -> Optional[str]:
    """The encoding *charset-normalizer* reads ``sample`` in (Western code pages preferred)."""
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    # Short Western texts fit several legacy code pages equally well (cp775 and cp1250 read
    # "Société" as well as cp1252 does); among the equally good readings prefer the Western ones
    # that news files actually use.
    for match in matches:
        if match.chaos <= best.chaos + 0.01:
            for encoding in _WESTERN:
                if encoding in match.could_be_from_charset:
                    try:
                        sample.decode(encoding)
                    except UnicodeDecodeError:
                        continue
                    return encoding
    return best.encoding


#: Inputs longer than this are placed by a sample of them (:func:`_detection_sample`).
_SAMPLE_BYTES = 2**20
_NON_ASCII = re.compile(rb"[\x80-\xff]+")
_BLOCK = 2**16


def _detection_sample(data: bytes) -> bytes:
    """``data``, or for a long input its start and the words around its next non-ASCII bytes
    (what tells one legacy encoding from another), about :data:`_SAMPLE_BYTES` in all."""
    if len(data) <= _SAMPLE_BYTES:
        return data
    pieces, size = [data[: _SAMPLE_BYTES // 4]], _SAMPLE_BYTES // 4
    for block in range(_SAMPLE_BYTES // 4, len(data), _BLOCK):
        if data[block: block + _BLOCK].isascii():  # fast: skips the plain ASCII stretches
            continue
        for match in _NON_ASCII.finditer(data, block, block + _BLOCK):
            piece = data[max(match.start() - 80, 0): match.end() + 80]
            pieces.append(piece)
            size += len(piece)
        if size >= _SAMPLE_BYTES:
            break
    return b"\n".join(pieces)


def _looks_binary(sample: bytes) -> bool:
    """More than 5% of bytes that plain text does not hold (UTF-16 is recognised before)."""
    return sum(sample.count(byte) for byte in _BINARY_BYTES) > 0.05 * max(len(sample), 1)


def _decode_marked(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` in ``encoding`` with each bad sequence as U+FFFD; ``ValueError`` if many are bad."""
    text, bad = _SURROGATE.subn("\ufffd", data.decode(encoding, _MARK))
    if bad > _MAX_BAD_SHARE * max(len(text), 1):
        raise ValueError(f"looks like {encoding} but does not decode ({bad} bad sequences)")
    return text, bad


def file_suffix(path: Path) -> str:
    """The suffix that chooses how ``path`` is read (lower case; ``.jsonl.gz`` as one)."""
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


_suffix = file_suffix


def _as_path(value: Union[str, bytes, os.PathLike]) -> Path:
    """A :class:`Path`; a bytes name is decoded as the OS does (undecodable bytes kept)."""
    return Path(os.fsdecode(value))


def read_paths(paths: Iterable[Union[str, bytes, os.PathLike]]
               ) -> Iterator[Union[Article, ReadError]]:
    """Yield the articles of files and folders (folders recursively, in sorted order), lazily."""
    for entry in walk_paths(paths):
        if isinstance(entry, ReadError):
            yield entry
        else:
            yield from read_file(*entry)


def walk_paths(paths: Iterable[Union[str, bytes, os.PathLike]]
               ) -> Iterator[Union[tuple[Path, str], ReadError]]:
    """The files that :func:`read_paths` reads, in its order, lazily: ``(file, id_base)`` for
    each (``id_base``: the path relative to the folder given, or the file's name), and a
    :class:`ReadError` for each entry that cannot be read (a missing path, a broken link, an
    empty folder). ``read_file(file, id_base)`` reads a file as :func:`read_paths` does."""
    for root in paths:
        root = _as_path(root)
        if os.path.isdir(root):
            anything = False  # a file, or an error already reported for this folder
            for file in _walk(root):
                anything = True
                yield file if isinstance(file, ReadError) else (
                    file, file.relative_to(root).as_posix())
            if not anything:
                yield ReadError(str(root), "no articles found in folder (looked for "
                                + ", ".join(SUPPORTED_SUFFIXES) + " files)")
        elif os.path.exists(root):
            yield root, root.name
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
            root = _as_path(root)
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
                        for _, size in _lines(handle):
                            budget += size
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
    """Files under ``folder`` in sorted order; hidden entries skipped, symlink loops reported.

    Depth first without recursion (a stack of folder listings), so any depth of folders works;
    a folder already read (the same device and inode, reached again through a symlink) is one
    :class:`ReadError` and is not read again.
    """
    seen: set = set()
    stack = [_listing(folder, seen)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif isinstance(entry, ReadError):
            yield entry
        else:
            found = _entry_kind(entry)
            if found is None:
                stack.append(_listing(Path(entry.path), seen))
            else:
                yield found


def _listing(folder: Path, seen: set) -> Iterator[Union[os.DirEntry, ReadError]]:
    """The entries of ``folder`` not hidden, sorted by name (listed when first asked for).

    ``seen`` holds the folders already listed; a folder in it is reported, not listed again.
    """
    try:
        info = os.stat(folder)
        key = (info.st_dev, info.st_ino) if info.st_ino else os.path.realpath(folder)
        if key in seen:
            yield ReadError(str(folder), "symlink loop: folder already read, skipped")
            return
        seen.add(key)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    yield from (entry for entry in entries if not entry.name.startswith("."))


def _entry_kind(entry: os.DirEntry) -> Optional[Union[Path, ReadError]]:
    """``None`` for a folder to walk into, else the file's path or why it is skipped."""
    path = Path(entry.path)
    try:
        if entry.is_symlink() and not os.path.exists(path):
            return ReadError(str(path), _bad_link(path))
        return None if entry.is_dir() else path
    except OSError as exc:
        return ReadError(str(path), f"cannot read: {exc.strerror or exc}")


def read_file(path: Path, id_base: Optional[str] = None) -> Iterator[Union[Article, ReadError]]:
    """Yield the article(s) of one file; ``id_base`` is its id (path relative to the argument).

    The id shows an undecodable file name escaped (:func:`escape_name`); ``path`` keeps it.
    """
    path = _as_path(path)
    id_base = escape_name(id_base or path.name)
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
            yield ReadError(shown, f"file too large for one article ({_too_large(size)}): "
                            "split it, or use JSON Lines")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(shown, f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield ReadError(shown, "empty file")
        return
    try:
        text, replaced = decode_with_count(data)
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
    elif suffix == ".md":
        text, title = markdown_text(text)
    if not strip_furniture(clean_text(text)).strip():
        yield ReadError(shown, "no text in file")
        return
    yield article_from_text(text, id=id_base, path=shown, title=title, date=published,
                            replaced=replaced)


def markdown_text(source: str) -> tuple[str, Optional[str]]:
    """The text of a Markdown document with its markup removed (*markdown-it-py*, CommonMark):
    emphasis, links (their text kept), images (their alt text kept), list and quote markers,
    HTML tags; paragraphs, headings, list items and code blocks become paragraphs. A heading
    before any other text is the title."""
    from markdown_it import MarkdownIt

    blocks: list[str] = []
    title: Optional[str] = None
    in_heading = False
    for tok in MarkdownIt("commonmark").parse(source):
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "inline":
            text = _inline_text(tok.children or []).strip()
            if text and in_heading and title is None and not blocks:
                title = text
            elif text:
                blocks.append(text)
        elif tok.type in ("code_block", "fence") and tok.content.strip():
            blocks.append(tok.content.strip())
    return "\n\n".join(blocks), title


def _inline_text(children) -> str:
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "image":
            out.append(child.content)  # the alt text
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out)


def _too_large(size: int) -> str:
    """``'70.5 MiB; at most 64 MiB'``: a size over :data:`MAX_FILE_BYTES`, and the limit."""
    return f"{_size(size)}; at most {_size(MAX_FILE_BYTES)}"


def _size(size: int) -> str:
    """``'64 MiB'``, ``'70.5 MiB'``; below a MiB in bytes (``'1,000 bytes'``)."""
    if size < 2**20:
        return f"{size:,} bytes"
    return f"{size / 2**20:.1f}".removesuffix(".0") + " MiB"


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
            for lineno, (raw, size) in enumerate(_lines(handle), start=1):
                if raw is not None and not raw.strip():
                    continue
                any_line = True
                item = _json_line_item(raw, size, shown, id_base, lineno)
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


#: Longest piece of an over-long line read at once while it is skipped.
_SKIP_CHUNK = 2**20


def _lines(handle) -> Iterator[tuple[Optional[bytes], int]]:
    """``(line, size)`` for each line of a binary ``handle``, and ``(None, size)`` for a line
    longer than :data:`MAX_FILE_BYTES`: that one is skipped in pieces, never held in memory."""
    while True:
        line, size = _read_line(handle)
        if not size:
            return
        yield line, size


def _read_line(handle) -> tuple[Optional[bytes], int]:
    """The next line and its size in bytes (``(b"", 0)`` at the end); ``(None, size)`` for a
    line over the limit, which is read past in pieces of :data:`_SKIP_CHUNK` bytes."""
    limit = MAX_FILE_BYTES
    line = handle.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, len(line)
    size = len(line)
    while not line.endswith(b"\n"):
        line = handle.readline(_SKIP_CHUNK)
        if not line:
            break
        size += len(line)
    return None, size


def _json_line_item(raw: Optional[bytes], size: int, shown: str, id_base: str,
                    lineno: int) -> Union[Article, ReadError]:
    """The article of one line (``raw`` is ``None`` for a line over the limit: an error)."""
    if raw is None:
        return ReadError(shown, f"line too large for one article ({_too_large(size)}), skipped: "
                         "split the text over several lines", line=lineno)
    return _article_from_json_line(raw, shown, id_base, lineno)


def _article_from_json_line(raw: bytes, shown: str, id_base: str,
                            lineno: int) -> Union[Article, ReadError]:
    try:
        line, replaced = decode_with_count(raw)
        obj = json.loads(line)
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
    dateline = obj.get("dateline")  # optional metadata; null is the same as no dateline
    if dateline is not None and not isinstance(dateline, str):
        return ReadError(shown, f"'dateline' is {type(dateline).__name__}, not a string",
                         line=lineno)
    art_id = obj.get("id")
    art_id = str(art_id) if isinstance(art_id, (str, int)) and str(art_id) else f"{id_base}:{lineno}"
    return article_from_text(text, id=art_id, path=shown, title=title, date=obj.get("date"),
                             replaced=replaced, dateline=dateline)


def read_jsonl_range(path: Union[str, os.PathLike], id_base: Optional[str] = None, start: int = 1,
                     stop: Optional[int] = None, *,
                     offset: int = 0) -> Iterator[Union[Article, ReadError]]:
    """Lines ``start`` to ``stop - 1`` (1-based; to the end if ``stop`` is None) of a ``.jsonl`` or
    ``.jsonl.gz`` file, read exactly as :func:`read_file` reads them (ids, line numbers, errors).

    ``offset`` is the byte offset of line ``start`` in a plain ``.jsonl`` file (0: skip lines from
    the top). Used to read one partition of a large file (``extractor.distributed``).
    """
    path = _as_path(path)
    if start <= 1 and stop is None:
        yield from read_file(path, id_base)
        return
    id_base, shown = escape_name(id_base or path.name), str(path)
    gz = _suffix(path) == ".jsonl.gz"
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
                while lineno < start - 1 and _read_line(handle)[1]:
                    lineno += 1
            while stop is None or lineno < stop - 1:  # never read past the range
                raw, size = _read_line(handle)
                if not size:
                    break
                lineno += 1
                if raw is None or raw.strip():
                    yield _json_line_item(raw, size, shown, id_base, lineno)
        except (OSError, EOFError, zlib.error) as exc:
            reason = "truncated or corrupt gzip file" if gz else "read error"
            yield ReadError(shown, f"{reason} after line {lineno}: {exc}", line=lineno + 1)
