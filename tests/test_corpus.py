"""The reader: every input format and encoding, and every kind of bad input as a ReadError."""
from __future__ import annotations

import codecs
import gzip
import json
import os
from pathlib import Path

import pytest

from extractor.corpus import (Article, ReadError, article_from_text, clean_text, decode_bytes,
                              decode_with_count, read_file, read_paths, strip_furniture)

ROOT = Path(__file__).resolve().parent.parent
WESTERN = ("Société Générale said on Monday that the café chain in Zürich was sold to Nestlé "
           "for 3 million francs.")
CP1252 = "Crédit Agricole’s “bid” of €3 million for the café chain was too low – analysts said."


def read_all(*paths) -> list:
    return list(read_paths(paths))


def only_article(items: list) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# --- encodings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, text", [
    ("utf-8", WESTERN), ("utf-8-sig", WESTERN), ("latin-1", WESTERN), ("cp1252", CP1252),
    ("utf-16", CP1252), ("utf-16-le", CP1252), ("utf-16-be", CP1252), ("utf-32", CP1252),
])
def test_text_file_in_any_common_encoding_is_decoded(tmp_path, encoding, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    article = only_article(read_all(path))
    assert article.text == text
    assert article.id == "a.txt"


def test_utf16_without_bom_is_recognised_by_its_nul_pattern():
    assert decode_bytes(CP1252.encode("utf-16-le")) == CP1252
    assert decode_bytes(CP1252.encode("utf-16-be")) == CP1252


def test_control_characters_are_dropped_and_newlines_normalised(tmp_path):
    path = tmp_path / "ctrl.txt"
    body = b"Vodafone signed a three-year network deal with Apple, the companies said. " * 3
    path.write_bytes(b"Vodafone\x00 signed\x07 a deal.\r\n\r\n" + body + b"\x1b\x7f\x0c")
    assert only_article(read_all(path)).text == ("Vodafone signed a deal.\n\n"
                                                 + body.decode().rstrip())


def test_clean_text_keeps_tabs_and_newlines():
    assert clean_text("a\tb\r\nc\rd\x0b") == "a\tb\nc\nd"


# --- formats -----------------------------------------------------------------------------------

def test_markdown_is_read_as_text_without_its_markup(tmp_path):
    (tmp_path / "note.md").write_text("# Deal\n\nBT signed a pact with MCI.", encoding="utf-8")
    assert only_article(read_all(tmp_path / "note.md")).text == "Deal\n\nBT signed a pact with MCI."


HTML = """<!DOCTYPE html><html><head><title>Orange signs deal with Nokia</title>
<script>var tracker = "Ericsson Ltd signed nothing";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/x">Huawei news</a></li></ul></nav>
<article><h1>Orange signs deal with Nokia</h1>
<p>Orange, the French telephone company, signed a five-year network agreement with Nokia on
Monday, the two companies said in a statement published in Paris.</p>
<p>The contract covers radio equipment for the operator's networks in France and Spain and is
worth about 1 billion euros, according to people familiar with the matter.</p>
</article>
<section id="comments"><h3>Leave a Reply</h3><form><p>Please enter your comment!</p>
<textarea></textarea><p>Please enter your name here</p><input name="author"></form></section>
<footer>Copyright Example News</footer></body></html>"""


def test_html_keeps_the_article_and_drops_menus_scripts_and_forms(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = only_article(read_all(path))
    assert "signed a five-year network agreement with Nokia" in article.text
    assert "1 billion euros" in article.text
    for furniture in ("tracker", "Ericsson", "Huawei news", "Home", "Leave a Reply",
                      "Please enter", "Copyright"):
        assert furniture not in article.text
    assert article.title == "Orange signs deal with Nokia"
    assert article.text.startswith("Orange signs deal with Nokia\n\n")


def test_html_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "menu.htm"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x=1</script></body>"
                    "</html>", encoding="utf-8")
    [error] = read_all(path)
    assert isinstance(error, ReadError) and "no article text" in error.message


def test_jsonl_reads_id_title_date_and_reports_bad_lines_by_number(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "AT&T buys stake", "text": "AT&T bought a stake.",
                    "date": "1987-03-02T10:00:00"}),
        "{not json",
        json.dumps({"id": "a3", "text": 42}),
        json.dumps({"id": "a4", "title": "no body field"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "MCI signed a contract."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    articles = [i for i in items if isinstance(i, Article)]
    errors = {e.line: e.message for e in items if isinstance(e, ReadError)}
    assert [a.id for a in articles] == ["a1", "news.jsonl:7"]
    first = articles[0]
    assert first.text == "AT&T buys stake\n\nAT&T bought a stake."
    assert first.body_start == len("AT&T buys stake\n\n")
    assert first.date == "1987-03-02"
    assert sorted(errors) == [2, 3, 4, 5]
    assert "not valid JSON" in errors[2]
    assert "'text' is int, not a string" in errors[3]
    assert "no 'text' field" in errors[4]
    assert "JSON object" in errors[5]
    assert all(str(e).startswith(f"{path}:{e.line}: ") for e in items if isinstance(e, ReadError))


def test_jsonl_gz_and_truncated_jsonl_gz(tmp_path):
    rows = [json.dumps({"id": f"r{i}", "text": f"Article number {i} about Sprint."}) for i in
            range(200)]
    data = gzip.compress(("\n".join(rows) + "\n").encode("utf-8"))
    good = tmp_path / "good.jsonl.gz"
    good.write_bytes(data)
    assert [a.id for a in read_all(good)] == [f"r{i}" for i in range(200)]

    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = read_all(cut)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert errors and "truncated or corrupt gzip" in errors[-1].message
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in articles] == [f"r{i}" for i in range(len(articles))]


def test_title_is_the_first_paragraph_unless_the_text_starts_with_it():
    art = article_from_text("Body text.", id="x", title="Headline")
    assert art.text == "Headline\n\nBody text." and art.body_start == 10
    same = article_from_text("Headline\n\nBody text.", id="y", title="Headline")
    assert same.text == "Headline\n\nBody text." and same.body_start == 0


# --- bad inputs --------------------------------------------------------------------------------

def test_empty_binary_and_unsupported_files_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(b"  \n\n ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512))
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    messages = {Path(e.path).name: e.message for e in read_all(tmp_path)}
    assert messages["empty.txt"] == "empty file"
    assert messages["blank.md"] == "empty file"
    assert "binary" in messages["image.txt"]
    assert "unsupported file type '.xlsx'" in messages["sheet.xlsx"]


def test_folder_is_read_recursively_in_sorted_order_hidden_entries_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta Corp signed.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha Inc signed.", encoding="utf-8")
    (tmp_path / "c.md").write_text("Gamma Ltd signed.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    assert [a.id for a in read_all(tmp_path)] == ["a.txt", "b/z.txt", "c.md"]


def test_folder_without_articles_and_missing_path_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    [error] = read_all(tmp_path / "empty")
    assert "no articles found" in error.message
    [missing] = read_all(tmp_path / "nope.txt")
    assert missing.message == "no such file or folder"


def test_symlink_loops_are_reported_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text("Vodafone signed a deal.", encoding="utf-8")
    (tmp_path / "self").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    items = read_all(tmp_path)
    assert [i.id for i in items if isinstance(i, Article)] == ["a.txt"]
    errors = {Path(e.path).name: e.message for e in items if isinstance(e, ReadError)}
    assert set(errors) == {"self", "x.txt", "y.txt"}
    assert all("symlink" in m for m in errors.values())


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("BT signed a deal.", encoding="utf-8")
    path.chmod(0)
    try:
        [error] = read_all(path)
        assert "cannot read" in error.message
    finally:
        path.chmod(0o644)


def test_unreadable_file_as_seen_by_root(tmp_path, monkeypatch):
    """Root ignores file modes, so the permission error is simulated."""
    path = tmp_path / "secret.txt"
    path.write_text("BT signed a deal.", encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    [error] = read_all(path)
    assert error.message == "cannot read: Permission denied"


# --- page furniture ----------------------------------------------------------------------------

def test_seed_comment_and_comment_form_are_not_article_text():
    article = only_article(read_all(ROOT / "corpus" / "china-mobile-channel-partners.txt"))
    assert article.text.endswith("promotion of 3G and 4G devices.")
    assert "dump iPhones" not in article.text and "Please enter" not in article.text


def test_reader_comments_before_a_comment_form_are_cut_with_it():
    text = ("Headline\n\nBT signed a deal with MCI.\n\n\n  1. great news for BT\n\n"
            "  2. MCI is overpriced\n\nLeave a Reply\nYour email address will not be published.")
    assert strip_furniture(text) == "Headline\n\nBT signed a deal with MCI."


def test_numbered_list_without_a_comment_form_is_article_text():
    text = "Headline\n\nThe partners are:\n\n1. Oppo\n\n2. Vivo\n\nThe deal runs to 2015."
    assert strip_furniture(text) == text


def test_share_and_advertisement_lines_are_dropped_anywhere_but_the_first_paragraph():
    text = "Share this\n\nBT signed a deal.\nAdvertisement\nMCI agreed.\n\nShare on Twitter"
    assert strip_furniture(text) == "Share this\n\nBT signed a deal.\nMCI agreed."


def test_words_of_furniture_inside_a_sentence_are_kept():
    text = ("Headline\n\nCustomers were asked to leave a comment on the new tariff, "
            "and 12 comments were received.")
    assert strip_furniture(text) == text


def test_count_articles_for_the_progress_bar(tmp_path):
    from extractor.corpus import count_articles

    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}',
                                      encoding="utf-8")
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n' * 5))
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    assert count_articles([tmp_path]) == 1 + 3 + 5
    assert count_articles([tmp_path / "b.jsonl"], max_bytes=10) is None  # too big to count


def test_jsonl_that_is_not_json_lines_is_reported_once_not_line_by_line(tmp_path):
    (tmp_path / "packed.jsonl").write_bytes(gzip.compress(b'{"text": "BT signed."}\n' * 50))
    (tmp_path / "noise.jsonl").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "prose.jsonl").write_text("".join(f"line {i} of prose\n" for i in range(40)),
                                          encoding="utf-8")
    (tmp_path / "late.jsonl").write_text('{"text": "BT signed."}\n'
                                         + "".join(f"bad {i}\n" for i in range(30)),
                                         encoding="utf-8")
    errors = [e for e in read_all(tmp_path) if isinstance(e, ReadError)]
    by_file = {}
    for e in errors:
        by_file.setdefault(Path(e.path).name, []).append(e)
    assert [e.message for e in by_file["packed.jsonl"]] == [
        "gzip-compressed data in a .jsonl file (name it .jsonl.gz)"]
    assert [e.message for e in by_file["noise.jsonl"]] == [
        "binary file (control bytes), not JSON Lines"]
    prose = by_file["prose.jsonl"]
    assert len(prose) == 11 and "giving up on this file" in prose[-1].message
    assert len(by_file["late.jsonl"]) == 30  # after a good line every bad line is its own error


def test_text_file_too_large_for_one_article_is_an_error(tmp_path, monkeypatch):
    import extractor.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 1000)
    (tmp_path / "huge.txt").write_text("BT signed. " * 200, encoding="utf-8")
    [error] = read_all(tmp_path / "huge.txt")
    assert "file too large for one article" in error.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_skipped_not_read_forever(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "ok.txt").write_text("BT signed a deal.", encoding="utf-8")
    items = read_all(tmp_path)
    assert [i.id for i in items if isinstance(i, Article)] == ["ok.txt"]
    errors = [e for e in items if isinstance(e, ReadError)]
    assert len(errors) == 2 and all("not a regular file" in e.message for e in errors)
    from extractor.corpus import count_articles

    assert count_articles([tmp_path]) == 2  # counted without opening the pipes


# --- text hygiene: undecodable bytes and lone surrogates become U+FFFD, counted ---------------

BT = "BT signed a network agreement with MCI in 1987."
FFFD = "\ufffd"


@pytest.mark.parametrize("field, expected, replaced", [
    ('"text": "BT \\ud800 signed."', "BT \ufffd signed.", 1),  # lone high surrogate
    ('"text": "BT \\udfff signed \\udc00."', "BT \ufffd signed \ufffd.", 2),  # lone low ones
    ('"text": "BT signed.", "title": "MCI \\ud800"', "MCI \ufffd\n\nBT signed.", 1),
    # must not fire: a surrogate pair is one real character, U+FFFD itself is text
    ('"text": "BT \\ud83d\\ude00 signed."', "BT \U0001F600 signed.", 0),
    ('"text": "BT \\ufffd signed."', "BT \ufffd signed.", 0),
    ('"text": "BT signed."', "BT signed.", 0),
])
def test_lone_surrogates_in_json_become_replacement_characters(tmp_path, field, expected,
                                                               replaced):
    path = tmp_path / "s.jsonl"
    path.write_text("{" + field + "}\n", encoding="ascii")
    article = only_article(read_all(path))
    assert article.text == expected
    assert article.replaced == replaced
    article.text.encode("utf-8")  # writable: no lone surrogate left


def test_lone_surrogate_in_a_json_id_is_replaced_and_counted(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a\\ud800", "text": "BT \\udc00 signed."}\n', encoding="ascii")
    article = only_article(read_all(path))
    assert (article.id, article.replaced) == ("a\ufffd", 2)


@pytest.mark.parametrize("data, expected, replaced", [
    # the bytes of JSON's "\ud800" in UTF-8 (WTF-8): one replacement, as in the JSON line
    (b"BT \xed\xa0\x80 signed.", "BT \ufffd signed.", 1),
    ("Société Générale signed. ".encode() + b"\xff" + b" BT signed.",
     "Société Générale signed. \ufffd BT signed.", 1),
    (("Société Générale signed. " * 3).encode()[:-2] + b"\xc3",  # cut inside a character
     ("Société Générale signed. " * 3)[:-2] + FFFD, 1),
    ("東京の会社が合意した。".encode() * 20 + b"\xff",  # was "cannot detect the encoding"
     "東京の会社が合意した。" * 20 + FFFD, 1),
    (codecs.BOM_UTF16_LE + "BT ".encode("utf-16-le") + b"\x00\xd8"
     + "signed the deal with MCI.".encode("utf-16-le"),
     "BT \ufffdsigned the deal with MCI.", 1),  # lone surrogate code unit in UTF-16
    (codecs.BOM_UTF16_LE + "BT signed the deal with MCI in 1987.".encode("utf-16-le") + b"\x00",
     "BT signed the deal with MCI in 1987.\ufffd", 1),  # odd length: truncated UTF-16
    # must not fire: good text in every encoding is read exactly, nothing replaced
    (WESTERN.encode("utf-8"), WESTERN, 0),
    (WESTERN.encode("latin-1"), WESTERN, 0),
    (CP1252.encode("cp1252"), CP1252, 0),
    (CP1252.encode("utf-16"), CP1252, 0),
    (f"BT {FFFD} signed.".encode(), f"BT {FFFD} signed.", 0),  # U+FFFD written in the file
])
def test_text_file_with_a_few_bad_bytes_is_decoded_and_replacements_counted(
        tmp_path, data, expected, replaced):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    article = only_article(read_all(path))
    assert (article.text, article.replaced) == (expected, replaced)
    assert decode_with_count(data) == (expected, replaced)
    assert decode_bytes(data) == expected


def test_bad_bytes_in_a_json_line_are_replaced_not_the_line_lost(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Soci\xc3\xa9t\xc3\xa9 G\xff signed."}\n'
                     + json.dumps({"id": "b", "text": BT}).encode() + b"\n")
    first, second = read_all(path)
    assert (first.id, first.text, first.replaced) == ("a", "Société G\ufffd signed.", 1)
    assert (second.id, second.text, second.replaced) == ("b", BT, 0)


@pytest.mark.parametrize("text, encoding", [
    ("BT signed a deal. " * 200_000 + "Société Générale bought the café.", "cp1252"),
    # the sample reads as cp1252, the whole does not (0x81 is not cp1252): placed from the whole
    ("Société Générale bought the café. " * 100_000 + "A late \x81 byte.", "latin-1"),
])
def test_a_long_legacy_text_is_placed_by_a_sample_and_read_whole(text, encoding):
    data = text.encode(encoding)
    assert len(data) > 3 * 2**20
    assert decode_with_count(data) == (text, 0)


def test_clean_text_and_article_from_text_leave_nothing_unencodable():
    assert clean_text("a\ud800b\udcffc") == "a\ufffdb\ufffdc"
    art = article_from_text("Body \ud800.", id="x\udc80", title="Head \udfff")
    assert (art.text, art.id, art.replaced) == ("Head \ufffd\n\nBody \ufffd.", "x\ufffd", 3)
    assert article_from_text("Body.", id="y").replaced == 0


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8" * 200, "does not decode"),  # all bad: not text
])
def test_data_that_is_not_text_is_still_an_error(tmp_path, data, message):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    [error] = read_all(path)
    assert isinstance(error, ReadError) and message in error.message
    assert str(error).startswith(f"{path}: ")


# --- bounds: over-long JSON lines, deep folders, symlink loops -----------------------------------

@pytest.fixture
def small_limit(monkeypatch):
    """MAX_FILE_BYTES of 1,000 bytes, and a record of every line the JSON parser was given."""
    import extractor.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 1000)
    parsed: list[int] = []
    real = corpus._article_from_json_line

    def spy(raw, *args):
        parsed.append(len(raw))
        return real(raw, *args)

    monkeypatch.setattr(corpus, "_article_from_json_line", spy)
    return parsed


def _line(text: str, id: str) -> str:
    return json.dumps({"id": id, "text": text}) + "\n"


@pytest.mark.parametrize("opener, name", [(open, "big.jsonl"), (gzip.open, "big.jsonl.gz")])
def test_json_line_over_the_size_limit_is_an_error_naming_line_and_limit(
        tmp_path, small_limit, opener, name):
    path = tmp_path / name
    with opener(path, "wt", encoding="utf-8") as handle:
        handle.write(_line(BT, "a") + _line("BT signed. " * 200, "big") + _line(BT, "c")
                     + _line("MCI signed. " * 200, "last").rstrip("\n"))  # last: no newline
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article", "ReadError"]
    assert [items[0].id, items[2].id] == ["a", "c"]
    for error, line in ((items[1], 2), (items[3], 4)):
        assert error.line == line
        assert "line too large for one article" in error.message
        assert "at most 1,000 bytes" in error.message
        assert str(error).startswith(f"{path}:{line}: ")
    assert max(small_limit) <= 1000  # the long lines never reached the JSON parser


@pytest.mark.parametrize("size, kind", [(1000, Article), (1001, ReadError)])
def test_json_line_at_the_size_limit_is_read_one_byte_more_is_not(tmp_path, small_limit, size,
                                                                  kind):
    line = _line("x", "edge")
    line = line.replace('"x"', '"' + "x" * (size + 2 - len(line)) + '"')
    assert len(line.encode()) == size + 1  # the newline does not count
    (tmp_path / "edge.jsonl").write_text(line, encoding="utf-8")
    [item] = read_all(tmp_path / "edge.jsonl")
    assert isinstance(item, kind), item


def test_line_ranges_and_counting_bound_long_lines_alike(tmp_path, small_limit):
    from extractor.corpus import count_articles, read_jsonl_range

    path = tmp_path / "r.jsonl"
    path.write_text(_line(BT, "a") + _line("BT signed. " * 200, "big") + _line(BT, "c"),
                    encoding="utf-8")
    whole = [(type(i).__name__, i.line if isinstance(i, ReadError) else i.id)
             for i in read_all(path)]
    ranged = [(type(i).__name__, i.line if isinstance(i, ReadError) else i.id)
              for i in read_jsonl_range(path, start=2)]
    assert whole == [("Article", "a"), ("ReadError", 2), ("Article", "c")]
    assert ranged == whole[1:]
    assert count_articles([path]) == 3


def test_text_file_limit_message_names_the_limit(tmp_path, monkeypatch):
    import extractor.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 1000)
    (tmp_path / "huge.txt").write_text("BT signed. " * 200, encoding="utf-8")
    [error] = read_all(tmp_path / "huge.txt")
    assert "(2,200 bytes; at most 1,000 bytes)" in error.message


@pytest.fixture
def deep(tmp_path, remove_tree):
    """``tmp_path/d/d/.../d``, 1,200 levels, made one by one (``os.makedirs`` recurses too);
    removed after the test, or pytest's own clean-up of old temporary folders would fail."""
    folder = tmp_path
    for _ in range(1200):
        folder = folder / "d"
        folder.mkdir()
    yield folder
    remove_tree(tmp_path / "d")


def test_deeply_nested_folders_are_walked_without_recursion(tmp_path, deep):
    from extractor.corpus import count_articles

    (deep / "deep.txt").write_text(BT, encoding="utf-8")
    (tmp_path / "top.txt").write_text(BT, encoding="utf-8")
    ids = [a.id for a in read_all(tmp_path)]
    assert ids == ["d/" * 1200 + "deep.txt", "top.txt"]
    assert count_articles([tmp_path]) == 2


def test_each_symlink_loop_is_one_error_naming_its_folder(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "c" / "top").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a" / "b" / "x.txt").write_text(BT, encoding="utf-8")
    (tmp_path / "c" / "y.txt").write_text(BT, encoding="utf-8")
    items = read_all(tmp_path)
    assert [a.id for a in items if isinstance(a, Article)] == ["a/b/x.txt", "c/y.txt"]
    errors = [(Path(e.path).relative_to(tmp_path).as_posix(), e.message)
              for e in items if isinstance(e, ReadError)]
    assert errors == [("a/b/up", "symlink loop: folder already read, skipped"),
                      ("c/top", "symlink loop: folder already read, skipped")]


def test_symlink_to_a_folder_outside_the_tree_is_read(tmp_path):
    """Must not fire: a link to a folder not read yet is not a loop."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.txt").write_text(BT, encoding="utf-8")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert [a.id for a in read_all(tmp_path / "tree")] == ["link/o.txt"]


# --- file names that are not UTF-8 -------------------------------------------------------------

@pytest.mark.parametrize("name, shown", [
    ("caf\udce9.txt", "caf\\xe9.txt"),  # the byte 0xE9 (Latin-1 é) kept by os.fsdecode
    ("a\udcff\udcfe.txt", "a\\xff\\xfe.txt"),
    ("new\nline\t.txt", "new\\x0aline\\x09.txt"),  # one line, whatever the name
    ("x\ud800.txt", "x\\ud800.txt"),  # a surrogate that is not a byte
    # must not fire: valid names, accents and all, are shown as they are
    ("café.txt", "café.txt"), ("東京.txt", "東京.txt"), ("plain name.txt", "plain name.txt"),
])
def test_escape_name_shows_undecodable_bytes_and_controls_escaped(name, shown):
    from extractor.corpus import escape_name

    assert escape_name(name) == shown
    escape_name(name).encode("utf-8")


def _make_bytes_name(folder: Path, name: bytes, data: bytes) -> str:
    """Create ``folder/name`` from a bytes name; skip where the file system refuses it."""
    raw = os.path.join(os.fsencode(folder), name)
    try:
        with open(raw, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        pytest.skip(f"file system refuses non-UTF-8 names: {exc}")
    return os.fsdecode(raw)


def test_file_name_that_is_not_utf8_is_kept_in_path_and_escaped_where_shown(tmp_path):
    good = _make_bytes_name(tmp_path, b"caf\xe9.txt", BT.encode())
    _make_bytes_name(tmp_path, b"empty-\xff.txt", b"")
    article, error = read_all(tmp_path)
    assert article.path == good and os.path.exists(article.path)  # surrogateescape kept
    assert article.id == "caf\\xe9.txt"
    assert error.path.endswith("empty-\udcff.txt")
    assert str(error) == f"{tmp_path}/empty-\\xff.txt: empty file"
    str(error).encode("utf-8")


def test_bytes_paths_are_accepted(tmp_path):
    name = _make_bytes_name(tmp_path, b"r\xe9sum\xe9.jsonl", _line(BT, "x").encode())
    [article] = read_all(os.fsencode(name))
    assert (article.id, article.path) == ("x", name)
    [by_folder] = read_all(os.fsencode(tmp_path))
    assert by_folder.id == "x"
    [missing] = read_all(b"/nonexistent/\xff.txt")
    assert str(missing) == "/nonexistent/\\xff.txt: no such file or folder"


# -- Markdown --------------------------------------------------------------------------------------

@pytest.mark.parametrize("source, text, title", [
    ("**Telefonica** signed an agreement with *Microsoft*.",
     "Telefonica signed an agreement with Microsoft.", None),
    ("[Vodafone](https://example.com/v) and `Nokia` agreed a deal.",
     "Vodafone and Nokia agreed a deal.", None),
    ("# Three UK signs with Ericsson\n\nThree UK said on Monday ...",
     "Three UK said on Monday ...", "Three UK signs with Ericsson"),
    ("Intro line.\n\n## A later heading\n\n- first item\n- second item\n\n> quoted words",
     "Intro line.\n\nA later heading\n\nfirst item\n\nsecond item\n\nquoted words", None),
    ("![BT logo](bt.png) BT Group\nsigned.", "BT logo BT Group signed.", None),
])
def test_markdown_markup_is_removed_link_text_kept(source, text, title):
    from extractor.corpus import markdown_text

    assert markdown_text(source) == (text, title)


def test_md_file_is_read_without_markup_but_txt_stays_as_written(tmp_path):
    (tmp_path / "a.md").write_text("# Deal\n\n**Telefonica** signed with [Ericsson](u).",
                                   encoding="utf-8")
    (tmp_path / "b.txt").write_text("**Telefonica** signed with [Ericsson](u).", encoding="utf-8")
    md, txt = read_all(tmp_path / "a.md") + read_all(tmp_path / "b.txt")
    assert md.text == "Deal\n\nTelefonica signed with Ericsson." and md.title == "Deal"
    assert "**Telefonica**" in txt.text  # a .txt file is not Markdown


# --- the optional dateline field (metadata beside the text, never in it) -----------------------
@pytest.mark.parametrize("value, expected", [
    ("TORONTO, March 3 -", "TORONTO, March 3 -"),
    ("  CALGARY, Alberta, March 3 - \n", "CALGARY, Alberta, March 3 -"),  # stripped
    ("MONTREAL\u0007, March 3 -", "MONTREAL, March 3 -"),  # control characters dropped
    # no dateline: a missing field, null, an empty or blank string
    (None, None),
    ("", None),
    ("   ", None),
])
def test_jsonl_dateline_is_read_as_metadata_and_the_text_is_unchanged(tmp_path, value, expected):
    path = tmp_path / "d.jsonl"
    item = {"id": "r1", "title": "ACME YEAR NET", "text": "Net 5.6 mln vs 4.5 mln"}
    plain = only_article(read_all(_write_lines(tmp_path / "plain.jsonl", [item])))
    path = _write_lines(path, [dict(item, dateline=value)])
    article = only_article(read_all(path))
    assert article.dateline == expected
    assert (article.text, article.body_start) == (plain.text, plain.body_start)
    assert plain.dateline is None


@pytest.mark.parametrize("value, kind", [
    (42, "int"), (["TORONTO"], "list"), ({"city": "TORONTO"}, "dict"), (True, "bool"),
])
def test_jsonl_dateline_that_is_not_a_string_is_an_error_for_that_line_only(tmp_path, value,
                                                                            kind):
    path = _write_lines(tmp_path / "d.jsonl", [
        {"id": "a", "text": "BT signed.", "dateline": "LONDON, March 3 -"},
        {"id": "b", "text": "MCI signed.", "dateline": value},
        {"id": "c", "text": "AT&T signed."},
    ])
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert [items[0].dateline, items[2].dateline] == ["LONDON, March 3 -", None]
    assert (items[1].line, items[1].message) == (2, f"'dateline' is {kind}, not a string")


def test_jsonl_dateline_lone_surrogate_is_replaced_and_counted(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "BT signed.", "dateline": "TORONTO \\ud800"}\n', encoding="ascii")
    article = only_article(read_all(path))
    assert (article.dateline, article.replaced) == ("TORONTO \ufffd", 1)


def test_dateline_travels_with_the_article_to_workers_and_into_the_store_key():
    import pickle

    from extractor.store import article_key

    plain = article_from_text("Net 5.6 mln vs 4.5 mln", id="r1", date="1987-03-03")
    dated = article_from_text("Net 5.6 mln vs 4.5 mln", id="r1", date="1987-03-03",
                              dateline="TORONTO, March 3 -")
    assert pickle.loads(pickle.dumps(dated)).dateline == "TORONTO, March 3 -"  # --jobs, Dask
    assert article_key(dated) != article_key(plain)
    # the key of an article without a dateline is what it was before the field existed
    import hashlib
    old = json.dumps(["r1", None, "Net 5.6 mln vs 4.5 mln", "1987-03-03"], ensure_ascii=True)
    assert article_key(plain) == hashlib.sha256(old.encode("ascii")).hexdigest()


def _write_lines(path: Path, items: list) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


LINK_LINES = [
    # (text, the lines taken as pointers to other stories)
    ("Acme rose.\nRead more: Foo and Bar to merge\nThe deal closed.",
     ["Read more: Foo and Bar to merge"]),
    ("Acme rose.\nMore from Dan:\nHow Zed is fighting trolls\nWhy Foo's phones sell\n\nAcme said.",
     ["More from Dan:", "How Zed is fighting trolls", "Why Foo's phones sell"]),
    ("Acme rose.\nTrending right now:\nFoo unveils a phone\nAcme also said it would hire 20 staff.",
     ["Trending right now:", "Foo unveils a phone"]),
    ("Acme rose.\nSee more from Benzinga\nNotable Buys Last Week: Foo, Bar", ["See more from Benzinga",
                                                                          "Notable Buys Last Week: Foo, Bar"]),
    ("Acme rose.\nImage credits: Foo Photo\nSEE ALSO: Zed's new laptop is the best",
     ["Image credits: Foo Photo", "SEE ALSO: Zed's new laptop is the best"]),
    # must not fire: prompts words inside sentences, lines that read as text
    ("Read more about the deal in our report.\nMore than 20 firms signed: Acme and Zed.", []),
    ("Acme rose.\nRelated party deals were approved by the board.", []),
    ("Acme rose.\nYou may also like the new design, which Zed made.", []),
    ("Acme rose.\nMore from Dan:\nAcme said on Monday that it would buy Zed for $5 million.", ["More from Dan:"]),
]


@pytest.mark.parametrize("text,expected", LINK_LINES)
def test_link_lines(text, expected):
    from extractor.corpus import link_lines

    assert [text[a:b] for a, b in link_lines(text)] == expected


def test_link_lines_name_no_company(nlp):
    doc = nlp("Acme Corp said on Monday it would buy Zed Inc for $5 million.\n"
              "Read more: Foo Corp and Bar Inc agree to merge\n"
              "More from Dan:\nHow Quux Systems Inc is fighting trolls")
    assert {c["name"] for c in doc._.companies} == {"Acme", "Zed"}
    assert {frozenset((r["source"], r["target"])) for r in doc._.relations} == {
        frozenset(("Acme", "Zed"))}
