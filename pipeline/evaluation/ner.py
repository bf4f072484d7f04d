"""Score a spaCy pipeline's entities against the fixed NER evaluation sets (exact span match).

Sets: the held-out GermEval 2014 slice (test sentences 3101–5100) and the early-stopping dev set
(GermEval dev 1501–2200), both PER/LOC/ORG/MISC with OTH/deriv → MISC and part → O; and the
unseen news set (SmartData v1_test news documents), PER/LOC/ORG only.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.training.sentences import ENTITY_LABELS, LabelledSentence, convert_sentence_to_doc
from pipeline.training.splits import read_ner_dev, read_ner_heldout, read_unseen_news

# Labels scored on the unseen news set: SmartData has no MISC class.
NEWS_LABELS = ("PER", "LOC", "ORG")
# Documents per nlp.pipe batch.
BATCH_SIZE = 64

Span = tuple[int, int, str]


def list_char_spans(doc: Doc, *, labels: tuple[str, ...]) -> set[Span]:
    """Return the doc's entities with the given labels as (start char, end char, label)."""
    return {(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in labels}


def compute_prf(counts: Counter) -> dict[str, float]:
    """Return precision, recall and F1 from true-positive, predicted and gold counts."""
    precision = counts["tp"] / counts["pred"] if counts["pred"] else 0.0
    recall = counts["tp"] / counts["gold"] if counts["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f": round(f1, 4),
            "gold": counts["gold"], "pred": counts["pred"]}


def score_docs(predicted: list[Doc], gold: list[Doc], *, labels: tuple[str, ...]) -> dict:
    """Return overall and per-label exact-span P/R/F1 of predicted against gold docs."""
    counts: dict[str, Counter] = {label: Counter() for label in ("ALL",) + labels}
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        pred_spans = list_char_spans(pred_doc, labels=labels)
        gold_spans = list_char_spans(gold_doc, labels=labels)
        for label in labels:
            pred_label = {span for span in pred_spans if span[2] == label}
            gold_label = {span for span in gold_spans if span[2] == label}
            for key in ("ALL", label):
                counts[key]["tp"] += len(pred_label & gold_label)
                counts[key]["pred"] += len(pred_label)
                counts[key]["gold"] += len(gold_label)
    result = compute_prf(counts["ALL"])
    result["per_label"] = {label: compute_prf(counts[label]) for label in labels}
    result["documents"] = len(gold)
    return result


def score_sentences(nlp: Language, sentences: list[LabelledSentence]) -> dict:
    """Run nlp on each sentence's space-joined text and score against its gold BIO tags."""
    gold = [convert_sentence_to_doc(sentence, vocab=nlp.vocab) for sentence in sentences]
    predicted = list(nlp.pipe((doc.text for doc in gold), batch_size=BATCH_SIZE))
    return score_docs(predicted, gold, labels=ENTITY_LABELS)


def load_pipeline(nlp_or_path: Language | Path | str) -> Language:
    """Return the pipeline itself or load it from a path."""
    return nlp_or_path if isinstance(nlp_or_path, Language) else spacy.load(nlp_or_path)


def evaluate_ner(nlp_or_path: Language | Path | str, *, data_dir: Path) -> dict:
    """Return P/R/F1 overall and per label on the held-out GermEval slice, the dev set and unseen news."""
    nlp = load_pipeline(nlp_or_path)
    news_gold = read_unseen_news(data_dir, nlp=nlp)
    news_predicted = list(nlp.pipe((doc.text for doc in news_gold), batch_size=BATCH_SIZE))
    return {
        "germeval_heldout": score_sentences(nlp, read_ner_heldout(data_dir)),
        "germeval_dev": score_sentences(nlp, read_ner_dev(data_dir)),
        "unseen_news": score_docs(news_predicted, news_gold, labels=NEWS_LABELS),
    }


def format_ner_report(result: dict) -> str:
    """Format an evaluate_ner result as a plain-text table."""
    lines = [f"{'set':<18} {'label':<5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for set_name, scores in result.items():
        rows = [("ALL", scores)] + list(scores["per_label"].items())
        for label, row in rows:
            lines.append(f"{set_name:<18} {label:<5} {row['p']:>6.3f} {row['r']:>6.3f} {row['f']:>6.3f} {row['gold']:>6}")
    return "\n".join(lines)
