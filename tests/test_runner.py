"""The runner: long texts in parts, merged records, per-article failures, input order."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from extractor.corpus import Article, ReadError, article_from_text
from extractor.pipeline import DEFAULT_MODEL
from extractor.records import ArticleRecord, Company, DateMention, Mention, Relation
from extractor.runner import Extractor, merge_records, split_text


# --- split_text --------------------------------------------------------------------------------

def test_short_text_is_one_part():
    assert split_text("BT signed.", 100) == [(0, "BT signed.")]


def test_long_text_is_cut_at_paragraph_breaks_and_nothing_is_lost():
    paragraphs = [f"Paragraph {i}: Vodafone signed a deal with Apple.\nSecond line {i}."
                  for i in range(30)]
    text = "\n\n".join(paragraphs)
    parts = split_text(text, 200)
    assert "".join(part for _, part in parts) == text
    for offset, part in parts:
        assert len(part) <= 200
        assert text[offset:offset + len(part)] == part
    for _, part in parts[:-1]:
        assert part.endswith("\n\n")  # every cut at a paragraph break
    assert [o for o, _ in parts] == sorted(o for o, _ in parts)


def test_without_paragraphs_cuts_fall_at_sentence_ends_or_spaces():
    text = "Sprint signed a deal with Nokia. " * 40
    parts = split_text(text, 150)
    assert "".join(p for _, p in parts) == text
    assert all(p.endswith(". ") for _, p in parts[:-1])
    words = "x" * 1000  # no separator at all: a hard cut, still nothing lost
    hard = split_text(words, 300)
    assert "".join(p for _, p in hard) == words and all(len(p) <= 300 for _, p in hard)


# --- merge_records -----------------------------------------------------------------------------

def test_merge_records_joins_companies_by_name_and_keeps_everything():
    a = ArticleRecord(id="x", path="p", date="2013-01-01",
                      companies=[Company("China Mobile", "company", [Mention("China Mobile", 0, 12)])],
                      dates=[DateMention("2012", 20, 24, "2012")],
                      relations=[Relation("China Mobile", "Oppo", "teaming", start=0, end=40)])
    b = ArticleRecord(id="x", path="p", date="2013-01-01",
                      companies=[Company("China Mobile", "carrier", [Mention("China Mobile", 500, 512)]),
                                 Company("Apple", "company", [Mention("Apple", 530, 535)])],
                      dates=[DateMention("2013", 540, 544, "2013")])
    merged = merge_records([a, b])
    assert [c.name for c in merged.companies] == ["China Mobile", "Apple"]
    china = merged.companies[0]
    assert china.role == "carrier"
    assert [m.start for m in china.mentions] == [0, 500]
    assert [d.value for d in merged.dates] == ["2012", "2013"]
    assert len(merged.relations) == 1
    assert (merged.id, merged.path, merged.date) == ("x", "p", "2013-01-01")


# --- the Extractor -----------------------------------------------------------------------------

@Language.component("test_explode_on_boom")
def explode_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("this article makes the component fail")
    return doc


class BatchExploder:
    """A component with pipe(): spaCy does not guard those per document."""

    def __call__(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("batch component failed")
        return doc

    def pipe(self, docs, batch_size=128):
        for doc in docs:
            yield self(doc)


@Language.factory("test_batch_exploder")
def make_batch_exploder(nlp, name):
    return BatchExploder()


@pytest.fixture(scope="module")
def fresh_nlp():
    return spacy.load(DEFAULT_MODEL)


@pytest.mark.parametrize("component", ["test_explode_on_boom", "test_batch_exploder"])
def test_one_failing_article_does_not_sink_the_batch(component):
    nlp = spacy.load(DEFAULT_MODEL)
    extractor = Extractor(nlp, batch_size=8)
    nlp.add_pipe(component)
    items = [article_from_text(f"Vodafone signed a deal with Apple in {2000 + i}.", id=f"a{i}")
             for i in range(10)]
    items[4] = article_from_text("BOOM. Nokia signed a pact with Sprint.", id="bad")
    items.insert(7, ReadError("broken.jsonl", "not valid JSON", line=3))
    results = list(extractor.process(items))
    assert len(results) == len(items)
    assert isinstance(results[4], ReadError) and "'bad'" in results[4].message
    assert "fail" in results[4].message
    ids = [r.id for r in results if isinstance(r, ArticleRecord)]
    assert ids == [i.id for i in items if isinstance(i, Article) and i.id != "bad"]
    assert results[7] is items[7]
    good = [r for r in results if isinstance(r, ArticleRecord)]
    assert len(good) == 9
    assert all(any(d.text.endswith(str(2000 + int(r.id[1:]))) for d in r.dates) for r in good)


def test_long_article_is_processed_in_parts_with_offsets_into_the_whole(nlp):
    paragraph = "Vodafone Group Plc signed a network agreement with Nokia in 2013."
    text = "\n\n".join([paragraph] * 60)
    article = article_from_text(text, id="long")
    extractor = Extractor(nlp)
    saved = nlp.max_length
    try:
        nlp.max_length = 500  # the article is ~4,000 characters: at least 8 parts
        [record] = list(extractor.process([article]))
    finally:
        nlp.max_length = saved
    assert isinstance(record, ArticleRecord)
    assert len(split_text(article.text, 499)) >= 8
    years = [d for d in record.dates if d.text.endswith("2013")]
    assert len(years) == 60  # one per paragraph: nothing lost at the cuts
    for d in record.dates:
        assert article.text[d.start:d.end] == d.text
    for company in record.companies:
        for m in company.mentions:
            assert article.text[m.start:m.end] == m.text
    assert max(d.start for d in years) > len(article.text) - len(paragraph) - 1


def test_max_length_option_and_environment_variable(monkeypatch, fresh_nlp):
    assert Extractor(fresh_nlp, max_length=5000).nlp.max_length == 5000
    monkeypatch.setenv("EXTRACTOR_MAX_LENGTH", "7000")
    assert Extractor(fresh_nlp).nlp.max_length == 7000


def test_results_stream_batch_by_batch(nlp, monkeypatch):
    """Records come out batch by batch, so the progress bar moves and memory stays flat."""
    import extractor.runner as runner

    made = []
    real = runner.record_from_doc

    def counting(doc, **kwargs):
        made.append(kwargs["id"])
        return real(doc, **kwargs)

    monkeypatch.setattr(runner, "record_from_doc", counting)
    extractor = Extractor(nlp, batch_size=4, zone_size=1000)
    stream = extractor.process(Article(id=str(i), text=f"MCI signed contract number {i}.")
                               for i in range(100))
    assert next(stream).id == "0"
    assert len(made) == 4  # only the first batch has been processed
    assert [r.id for r in stream] == [str(i) for i in range(1, 100)]
    assert len(made) == 100


def test_pipe_batches_are_bounded_by_characters(nlp, monkeypatch):
    sizes = []
    real = nlp.pipe

    def pipe(docs, **kwargs):
        if kwargs.get("as_tuples"):  # the runner's call (spaCy then calls pipe again itself)
            docs = list(docs)
            sizes.append(sum(len(doc.text) for doc, _ in docs))
        return real(docs, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    paragraph = "Vodafone signed a network agreement with Nokia in 2013."
    articles = [article_from_text("\n\n".join([paragraph] * 8), id=f"a{i}") for i in range(6)]
    extractor = Extractor(nlp, part_chars=250, batch_chars=600)
    records = list(extractor.process(articles))
    assert [r.id for r in records] == [f"a{i}" for i in range(6)]
    assert all(len([d for d in r.dates if d.text.endswith("2013")]) == 8 for r in records)
    assert len(sizes) > 1 and max(sizes) <= 600


# --- UniqueIds ---------------------------------------------------------------------------------

def test_unique_ids_rename_later_duplicates_and_warn_once_per_id():
    from extractor.runner import UniqueIds

    messages: list[str] = []
    results = [ArticleRecord("x", "a.jsonl"), ReadError("bad.txt", "empty file"),
               ArticleRecord("x", "a.jsonl"), ArticleRecord("y", "a.jsonl"),
               ArticleRecord("x", "b.jsonl"), ArticleRecord("x#2", "c.jsonl")]
    out = list(UniqueIds(messages.append)(results))
    assert [getattr(r, "id", None) for r in out] == ["x", None, "x#2", "y", "x#3", "x#2#2"]
    assert len(messages) == 2
    assert "'x' is used by 3 articles (in a.jsonl, b.jsonl)" in messages[0]
    assert "'x#2'" in messages[1] and "c.jsonl" in messages[1]


def test_unique_ids_without_duplicates_change_nothing():
    from extractor.runner import UniqueIds

    unique = UniqueIds(lambda message: pytest.fail(message))
    records = [ArticleRecord(str(i)) for i in range(5)]
    assert [r.id for r in unique(records)] == ["0", "1", "2", "3", "4"]
    assert unique.origin == {}


def test_unique_ids_default_is_a_warning():
    from extractor.runner import DuplicateIdWarning, UniqueIds

    with pytest.warns(DuplicateIdWarning, match="'a' is used by 2 articles"):
        list(UniqueIds()([ArticleRecord("a"), ArticleRecord("a")]))


# -- the default number of workers ------------------------------------------------------------------

def test_usable_cores_respects_the_cpu_affinity(monkeypatch):
    from extractor import runner

    monkeypatch.setattr(runner.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(runner, "_cgroup_quota", lambda: None)
    assert runner.usable_cores() == 3
    monkeypatch.setattr(runner, "_cgroup_quota", lambda: 1.5)  # a cgroup allows 1.5 CPUs
    assert runner.usable_cores() == 1


@pytest.mark.parametrize("size, cores, expected", [
    (100, 4, 1),  # a small input: starting workers costs more than it saves
    (3_000_000, 4, 4),  # a big one: every usable core
    (3_000_000, 1, 1),
])
def test_auto_jobs_by_input_size(tmp_path, monkeypatch, size, cores, expected):
    from extractor import runner

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_bytes(b"x" * (size // 2))
    (folder / "b.txt").write_bytes(b"x" * (size - size // 2))
    (folder / ".hidden.txt").write_bytes(b"x" * 10_000_000)  # hidden files are not read
    monkeypatch.setattr(runner, "usable_cores", lambda: cores)
    assert runner.auto_jobs([folder]) == expected
