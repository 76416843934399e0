"""The learned deal decision: features, weights on disk, the converters, training, the CLI."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extractor import training
from extractor.cli import main
from extractor.deal_model import Candidate, DealModel, pair_features


def parsed(nlp, text):
    return nlp(text)


def mention(doc, form):
    start = doc.text.index(form)
    span = doc.char_span(start, start + len(form))
    return span.start, span.end


def features(nlp, text, a, b, rule=None):
    doc = parsed(nlp, text)
    rel = nlp.get_pipe("extractor_relations")
    cand = Candidate(a, b, mention(doc, a), mention(doc, b), rule=rule)
    return pair_features(doc[:], cand, rel.finder.trigger_of, rel.finder.lexicon.cues)


# --- features: each named cue, and where it must stay off --------------------------------------
@pytest.mark.parametrize("text, a, b, present, absent", [
    ("Vodafone signed an agreement with Nokia.", "Vodafone", "Nokia",
     {"trig_any", "trigw_path=agreement", "btw_fn=with"}, {"cue=negation", "reporter"}),
    ("Vodafone did not sign an agreement with Nokia.", "Vodafone", "Nokia",
     {"cue=negation", "neg_on_path"}, set()),
    ("Vodafone competes with Nokia in Europe.", "Vodafone", "Nokia",
     {"lca=compete", "path=nsubj compete ^prep ^pobj"}, {"trig_any"}),
    ("Telstra teamed with Nokia, Ericsson and Motorola.", "Ericsson", "Motorola",
     {"adjacent_coord"}, {"cue=negation"}),
])
def test_named_features(nlp, text, a, b, present, absent):
    got = features(nlp, text, a, b)
    assert present <= set(got), sorted(got)
    assert not absent & set(got)


def test_rule_features_name_the_rule_kind_and_status(nlp):
    from extractor.relation_rules import Deal

    got = features(nlp, "Vodafone signed an agreement with Nokia.", "Vodafone", "Nokia",
                   rule=Deal("Vodafone", "Nokia", "agreement", "agreed", 3))
    assert {"rule", "rule_kind=agreement", "rule_status=agreed"} <= set(got)


# --- weights ------------------------------------------------------------------------------------
def test_model_round_trip_and_threshold(tmp_path):
    model = DealModel({"rule": 3.0, "cue=negation": -4.0}, bias=-1.0, threshold=0.6)
    path = tmp_path / "m.json"
    model.to_disk(path)
    back = DealModel.from_disk(path)
    assert back.weights == model.weights and back.threshold == 0.6
    assert back.is_deal({"rule": 1.0})
    assert not back.is_deal({"rule": 1.0, "cue=negation": 1.0})
    assert not back.is_deal({})  # bias alone: no deal
    assert back.probability({"unknown feature": 1.0}) == back.probability({})


def test_component_saves_and_loads_its_weights(nlp, tmp_path):
    rel = nlp.get_pipe("extractor_relations")
    assert rel.model is not None  # the shipped weights
    rel.to_disk(tmp_path / "rel")
    assert (tmp_path / "rel" / "deal_model.json").exists()
    other = type(rel)(nlp, "copy")
    assert other.model is None
    other.from_disk(tmp_path / "rel")
    assert other.model.weights == rel.model.weights


# --- the shipped model through the whole pipeline (own sentences; must-not-fire rows too) ------
def deal_pairs(nlp, text):
    return {frozenset((r["source"], r["target"])) for r in nlp(text)._.relations}


@pytest.mark.parametrize("text, expected", [
    ("Vodafone signed a distribution agreement with Nokia on Monday.",
     {frozenset(("Vodafone", "Nokia"))}),
    ("Verizon agreed to buy Yahoo for $4.8 billion, the Wall Street Journal reported.",
     {frozenset(("Verizon", "Yahoo"))}),  # the newspaper reports; it is no party
    ("Vodafone competes with Nokia and Ericsson in every market.", set()),
    ("Vodafone has no plans to buy Nokia, a spokesman said.", set()),
])
def test_shipped_model(nlp, text, expected):
    assert deal_pairs(nlp, text) == expected


def test_rules_only_pipeline_keeps_only_rule_pairs():
    import extractor

    rules = extractor.load(learned=False)
    assert rules.get_pipe("extractor_relations").model is None


# --- converters and training on small files of our own -----------------------------------------
def test_converters_read_each_format(tmp_path):
    core = tmp_path / "core.json"
    core.write_text(json.dumps([
        {"context": ["Acme", "was", "acquired", "by", "Big", "Corp", "."], "id": "1",
         "e2_name": "Big Corp", "e2_end": 5, "e2_start": 4, "e1_name": "Acme", "e1_end": 0,
         "e1_start": 0, "relation": "acquired_by"},
        {"context": ["A", "owns", "B"], "id": "2", "e2_name": "B", "e2_end": 2, "e2_start": 2,
         "e1_name": "A", "e1_end": 0, "e1_start": 0, "relation": "subsidiary_of"}]))
    (item,) = training.core_items(core)  # ownership labels are left out
    assert item.pairs == [((0, 4), (21, 29), True)]
    assert item.text[21:29] == "Big Corp"
    fire = tmp_path / "fire.jsonl"
    fire.write_text(json.dumps({
        "id": "f1", "tokens": ["Acme", "bought", "Zed", "from", "Yon", "."],
        "companies": [{"index": 0, "start": 0, "end": 1}, {"index": 1, "start": 2, "end": 3},
                      {"index": 2, "start": 4, "end": 5}],
        "company_relations": [{"head": 0, "tail": 1, "type": "ActionBuy"}]}) + "\n")
    (item,) = training.fire_items(fire)
    assert sorted(label for *_, label in item.pairs) == [False, False, True]
    refind = tmp_path / "refind.jsonl"
    refind.write_text(json.dumps({"id": "r1", "sentence": "Acme signed an agreement with Zed.",
                                  "relation": "org:org:agreement_with", "ORG_1": "Acme",
                                  "ORG_2": "Zed"}) + "\n")
    (item,) = training.refind_items(refind)
    assert item.pairs == [((0, 4), (30, 33), True)]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(r) for r in [
        {"company1": "Acme", "company2": "Zed", "relation": "PARTNER", "sentence": "Acme and Zed team up."},
        {"company1": "Zed", "company2": "Acme", "relation": "PARTNER", "sentence": "Acme and Zed team up."},
        {"company1": "Acme", "company2": "Zed", "relation": "UNCLEAR", "sentence": "Acme, Zed."}]))
    (item,) = training.company_pairs_items(pairs)  # one pair per sentence; UNCLEAR left out
    assert len(item.pairs) == 1 and item.pairs[0][2] is True


def test_short_texts_have_their_own_threshold(tmp_path):
    model = DealModel({"rule": 1.0}, bias=-0.5, threshold=0.7, meta={"short_threshold": 0.55})
    model.to_disk(tmp_path / "m.json")
    back = DealModel.from_disk(tmp_path / "m.json")
    p = back.probability({"rule": 1.0})
    assert 0.55 < p < 0.7
    assert back.is_deal({"rule": 1.0}, short=True)
    assert not back.is_deal({"rule": 1.0})  # an article: the article threshold
    plain = DealModel({"rule": 1.0}, bias=-0.5, threshold=0.7)  # no short threshold learned
    assert not plain.is_deal({"rule": 1.0}, short=True)


@pytest.mark.parametrize("text, short", [
    ("Kestrel Telecom signed a supply agreement with Marlin Networks.", True),
    # a name the parser splits off is no sentence of its own
    ("Shares of Kestrel Telecom Inc rose after it signed a supply agreement with Marlin "
     "Networks.", True),
    # must not count as short: a headline and its lead, a brief
    ("Kestrel signs with Marlin\n\nKestrel Telecom signed a supply agreement with Marlin "
     "Networks.", False),
    ("Kestrel Telecom signed a supply agreement with Marlin Networks. The deal runs for a "
     "year.", False),
])
def test_short_text(nlp, text, short):
    from extractor.components.relations import short_text

    assert short_text(nlp(text)) is short


def test_short_threshold_is_chosen_on_the_short_sources_and_scored_per_text():
    # a short-text set whose deals score 0.3-0.4 and an article set whose deals score 0.8
    ex, probs = [], []
    for i in range(10):
        ex.append(training.Example("sent@found", f"s{i}", {}, i < 5, ("s%d" % i, 0),
                                   train=False, short=True))
        probs.append(0.35 if i < 5 else 0.1)
        ex.append(training.Example("art", f"a{i}", {}, i < 5, ("a%d" % i, 0)))
        probs.append(0.8 if i < 5 else 0.35)
    gold = training.GoldPairs()
    for i in range(10):
        gold.add("sent@found", f"s{i}", {0} if i < 5 else set())
        gold.add("art", f"a{i}", {0} if i < 5 else set())
    assert training.short_sources(ex) == ["sent@found"]
    t = training.choose_short_threshold(ex, probs, ["sent@found"], gold)
    assert 0.1 < t <= 0.35
    cv = training.score_examples(ex, probs, 0.5, gold, short_threshold=t)
    assert cv["sent@found"]["f1"] == 1.0 and cv["art"]["f1"] == 1.0
    assert training.score_examples(ex, probs, 0.5, gold)["sent@found"]["r"] == 0.0
    assert training.choose_short_threshold(ex, probs, [], gold) is None


def test_folds_keep_groups_together():
    ex = [training.Example("s", f"g{i // 3}", {"bias": 1.0}, bool(i % 2)) for i in range(30)]
    folds = training.folds_of(ex, k=5, seed=1)
    for g in {e.group for e in ex}:
        assert len({f for e, f in zip(ex, folds) if e.group == g}) == 1
    assert folds == training.folds_of(ex, k=5, seed=1)  # deterministic


GOLD_ARTICLES = [
    ("a1", "Kestrel Telecom signed a supply agreement with Marlin Networks on Monday. "
           "Kestrel Telecom also competes with Osprey Systems.",
     [["Kestrel Telecom", "Marlin Networks"]], ["Kestrel Telecom", "Marlin Networks", "Osprey Systems"]),
    ("a2", "Heron Mobile agreed to acquire Pelican Software for $40 million. "
           "Heron Mobile and Albatross Media both sell phones.",
     [["Heron Mobile", "Pelican Software"]], ["Heron Mobile", "Pelican Software", "Albatross Media"]),
    ("a3", "Falcon Bank formed a joint venture with Condor Energy. "
           "Analysts compared Falcon Bank with Raven Holdings.",
     [["Falcon Bank", "Condor Energy"]], ["Falcon Bank", "Condor Energy", "Raven Holdings"]),
]


def test_train_on_own_gold_with_the_cli(tmp_path):
    arts, gold = tmp_path / "articles.jsonl", tmp_path / "gold.jsonl"
    with open(arts, "w") as fa, open(gold, "w") as fg:
        for aid, text, rels, companies in GOLD_ARTICLES * 2:
            fa.write(json.dumps({"id": aid + str(len(text) % 7), "text": text}) + "\n")
        for aid, text, rels, companies in GOLD_ARTICLES * 2:
            fg.write(json.dumps({"id": aid + str(len(text) % 7),
                                 "companies": [{"name": c, "aliases": [], "carrier": False}
                                               for c in companies],
                                 "relations": [{"a": a, "b": b, "kind": "partnership",
                                                "status": "agreed", "evidence": ""}
                                               for a, b in rels]}) + "\n")
    out = tmp_path / "model.json"
    result = CliRunner().invoke(main, ["train", "--gold", str(gold), "--articles", str(arts),
                                       "--what", "deals", "-o", str(out), "--folds", "2",
                                       "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert "user" in report["cv"] and report["examples"]["user"] > 0
    model = DealModel.from_disk(out)
    assert model.weights and 0 < model.threshold < 1
    # articles: the pair decision is trained too, with its own threshold, and stored with it
    assert model.pair is not None and 0 < model.pair.threshold < 1
    assert model.meta["pair_threshold"] == model.pair.threshold == report["pair_threshold"]
    again = CliRunner().invoke(main, ["train", "--gold", str(gold), "--articles", str(arts),
                                      "--what", "deals", "-o", str(tmp_path / "again.json"),
                                      "--folds", "2", "--json"])
    assert DealModel.from_disk(tmp_path / "again.json").weights == model.weights  # seeded
    scored = CliRunner().invoke(main, ["evaluate", str(gold), str(arts), "--deal-model",
                                       str(out), "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output)["relations"]["tp"] >= 1


def test_train_needs_articles_for_gold(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{}\n")
    result = CliRunner().invoke(main, ["train", "--gold", str(gold)])
    assert result.exit_code == 2 and "--articles" in result.output


def test_pipeline_declares_what_each_component_needs_and_a_saved_pipeline_keeps_the_weights(
        nlp, tmp_path):
    import spacy

    assert not any(nlp.analyze_pipes(pretty=False)["problems"].values())
    nlp.to_disk(tmp_path / "pipeline")
    saved = json.loads((tmp_path / "pipeline" / "extractor_relations" / "deal_model.json")
                       .read_text(encoding="utf-8"))
    assert saved["weights"] == nlp.get_pipe("extractor_relations").model.to_dict()["weights"]
    back = spacy.load(tmp_path / "pipeline")
    assert back.get_pipe("extractor_relations").model.weights == \
        nlp.get_pipe("extractor_relations").model.weights
    text = "Vodafone signed a distribution agreement with Nokia on Monday."
    assert back(text)._.relations == nlp(text)._.relations


def test_sentence_sets_are_also_scored_as_the_tool_reads_them(nlp):
    """Each labelled sentence gives a learning example on its marked mentions and, read with the
    tool's own companies, a scoring-only example (``<set>@found``); a deal pair whose companies
    the tool did not both find is counted as a miss of that source."""
    found = "Kestrel Telecom Inc signed a supply agreement with Marlin Networks Corp on Monday."
    lost = "Kestrel Telecom Inc signed a supply agreement with the marlin people on Monday."
    items = [training.SentenceItem("s1", found, "core", [((0, 19), (51, 70), True)]),
             training.SentenceItem("s2", lost, "core", [((0, 19), (51, 68), True)])]
    gold = training.GoldPairs()
    examples = list(training.examples_from_sentences(nlp, items, gold))
    learn = [e for e in examples if e.train]
    scored = [e for e in examples if not e.train]
    assert [e.source for e in learn] == ["core", "core"] and all(e.label for e in learn)
    assert [(e.source, e.group, e.pair) for e in scored] == [("core@found", "s1", ("s1", 0))]
    assert gold.groups["core@found"] == {"s1", "s2"} and gold["s2"] == {0}
    rows = training.score_examples(examples, [0.9] * len(examples), 0.5, gold)
    assert rows["core"]["r"] == 1.0
    assert (rows["core@found"]["tp"], rows["core@found"]["fn"]) == (1, 1)
    # scoring-only examples are never learned from
    hidden = training.Example("core@found", "y", {"bias": 1.0, "only_scored": 1.0}, True,
                              ("y", 0), train=False)
    model = training.fit(learn + [hidden, training.Example("core", "x", {"bias": 1.0,
                                                                        "odd": 1.0}, False)])
    assert "odd" in model.weights and "only_scored" not in model.weights


@pytest.mark.parametrize("text,pair,antecedent", [
    # a reference further back than the sentence before: the subject it stands for
    ("Acme Corp makes project software. Its founders started in Montreal in 2016.\n"
     "Zed Ventures joined the startup's funding deal, people said.",
     {"Acme", "Zed Ventures"}, "subject"),
    # the sentence before names the company: paired as before
    ("Acme Corp makes project software.\nZed Ventures joined the company's funding deal.",
     {"Acme", "Zed Ventures"}, "prev"),
    # no reference word: no pair across sentences
    ("Acme Corp makes project software. Its founders started in Montreal in 2016.\n"
     "Zed Ventures joined a funding deal, people said.", None, None),
])
def test_cross_sentence_candidates(nlp, text, pair, antecedent):
    rel = nlp.get_pipe("extractor_relations")
    doc = nlp(text)
    found = {frozenset((c.a, c.b)): c for _s, c, _f in rel.candidates(doc, all_pairs=True)
             if c.cross_sentence}
    if pair is None:
        assert not found
    else:
        assert found[frozenset(pair)].antecedent == antecedent


# --- the article-level pair decision ------------------------------------------------------------
ARTICLE = ("Zedco buys Quux Labs\n\nZedco agreed to buy Quux Labs for $40 million on Monday. "
           "Zedco said the deal would close in May. Quux Labs makes chips. "
           "Zedco also competes with Brindle Systems.")


def test_article_view_ranks_the_companies_and_places_them(nlp):
    from extractor.components.relations import ArticleView

    doc = nlp(ARTICLE)
    view = ArticleView(doc, doc._.company_index)
    names = {c["name"] for c in doc._.companies}
    assert {"Zedco", "Quux Labs", "Brindle Systems"} <= names
    assert view.rank["Zedco"] == 0  # named most often
    main_pair = view.context("Zedco", "Quux Labs")
    assert {"rank_first=0", "headline=2", "lead=2"} <= set(main_pair)
    assert main_pair["together=2"] == 1.0  # headline and first sentence name both
    aside = view.context("Zedco", "Brindle Systems")
    assert {"headline=1", "lead=1", "together=1"} <= set(aside)


@pytest.mark.parametrize("probs, features, present, absent", [
    ([0.9, 0.2], [{"rule": 1.0, "trig_path=acquisition": 1.0}, {}],
     {"any_rule", "candidates=2", "trig_path_sentences=1"}, {"only_across_sentences"}),
    ([0.3], [{"cross_sentence": 1.0}], {"only_across_sentences", "candidates=1",
                                       "trig_path_sentences=0"}, {"any_rule", "reporter"}),
    ([0.4], [{"reporter": 1.0}], {"reporter"}, {"any_rule"}),
])
def test_article_pair_features(probs, features, present, absent):
    from extractor.deal_model import article_pair_features

    got = article_pair_features(probs, features, {"headline=2": 1.0})
    assert present | {"headline=2", "best_logit"} <= set(got)
    assert not absent & set(got)
    assert got["second_p"] == (sorted(probs)[-2] if len(probs) > 1 else 0.0)
    assert (got["best_logit"] > 0) is (max(probs) > 0.5)


def _with_pair_decision(nlp, pair_bias):
    """A copy of the relation component whose pair decision says yes (or no) to every pair."""
    from extractor.deal_model import PairDecision

    rel = nlp.get_pipe("extractor_relations")
    model = DealModel(rel.model.weights, rel.model.bias, rel.model.threshold, rel.model.meta,
                      pair=PairDecision({}, pair_bias, 0.5))
    return type(rel)(nlp, "copy", model=model)


def test_the_pair_decision_decides_in_articles_and_not_in_a_sentence_on_its_own(nlp):
    article, sentence = nlp(ARTICLE), nlp("Zedco agreed to buy Quux Labs for $40 million.")
    never, always = _with_pair_decision(nlp, -10.0), _with_pair_decision(nlp, 10.0)
    pairs = lambda rel, doc: {frozenset((c.a, c.b)) for _s, c, _f in
                              rel.decide(doc, doc._.company_index)}
    assert pairs(never, article) == set()
    assert frozenset(("Zedco", "Quux Labs")) in pairs(always, article)
    # one evidence sentence at least for each pair said yes to: its best one
    assert len(pairs(always, article)) == len({frozenset((c.a, c.b)) for _s, c, f in
                                               always.candidates(article)
                                               if not always.vetoed(c, f)})
    # a sentence on its own: the candidate decision alone, whatever the pair decision says
    assert pairs(never, sentence) == pairs(always, sentence) == {frozenset(("Zedco",
                                                                           "Quux Labs"))}


def test_pair_decision_round_trips_with_the_deal_model(tmp_path):
    from extractor.deal_model import PairDecision

    model = DealModel({"rule": 1.0}, -0.5, 0.6, pair=PairDecision({"best_logit": 2.0}, 0.1, 0.4))
    model.to_disk(tmp_path / "m.json")
    back = DealModel.from_disk(tmp_path / "m.json")
    assert back.pair.weights == {"best_logit": 2.0} and back.pair.threshold == 0.4
    assert DealModel.from_dict(DealModel({}, 0.0).to_dict()).pair is None


def test_pair_examples_join_the_candidates_of_a_pair():
    def ex(group, names, label, p_feats, vetoed=False, short=False):
        return training.Example("art", group, p_feats, label, (group, 0 if label else None),
                                short=short, names=frozenset(names), context={"lead=2": 1.0},
                                vetoed=vetoed)

    examples = [ex("a", "xy", True, {"rule": 1.0}), ex("a", "xy", False, {}),
                ex("a", "xz", False, {}), ex("a", "xw", False, {}, vetoed=True),
                ex("b", "xy", False, {}, short=True)]
    rows = training.pair_examples(examples, [0.8, 0.1, 0.3, 0.9, 0.9])
    assert [(r.group, r.label, r.pair) for r in rows] == [("a", True, ("a", 0)),
                                                         ("a", False, ("a", None))]
    assert rows[0].features["any_rule"] == 1.0 and rows[0].features["second_p"] == 0.1
    assert rows[0].features["lead=2"] == 1.0
