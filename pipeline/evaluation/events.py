"""Score predicted events against gold sentences: events, arguments, status and negation.

Events match when they have the same type in the same sentence, one-to-one, pairing first the
events whose triggers share the most words. Arguments are compared by role and head word over
all events: those of a matched pair can match each other, those of an unmatched event count
as missed (gold) or spurious (predicted). Status and negation are judged on matched events.
Predictions for sentence ids that are not in the gold set are ignored.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from pipeline.evaluation.gold import GoldSentence

# A word of an argument or trigger: a run of letters or digits.
WORD = re.compile(r"[^\W_]+")
# Lower-case words that open a modifier after the head noun: articles of a genitive and
# prepositions ("Rückzug der PKK-Kämpfer", "Stützpunkt von Armee und Polizei").
POSTMODIFIER_OPENERS = {
    "der", "des", "dem", "den", "eines", "einer", "von", "vom", "auf", "aus", "mit", "für", "gegen",
    "in", "im", "an", "am", "bei", "beim", "zu", "zum", "zur", "über", "unter", "nach", "um",
}
# German genitive ending of names ("Putins", "Russlands"), tolerated when comparing heads.
GENITIVE_S = "s"


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Add counts in place."""
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn


@dataclass
class EventScores:
    """Event and argument P/R/F1 (overall and per type/role), status and negation accuracy."""

    events: Counts = field(default_factory=Counts)
    events_by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    arguments: Counts = field(default_factory=Counts)
    arguments_by_role: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    matched: int = 0
    status_correct: int = 0
    negation_correct: int = 0

    @property
    def status_accuracy(self) -> float | None:
        """Share of matched events with the gold status; None when nothing matched."""
        return self.status_correct / self.matched if self.matched else None

    @property
    def negation_accuracy(self) -> float | None:
        """Share of matched events with the gold negation flag; None when nothing matched."""
        return self.negation_correct / self.matched if self.matched else None


def find_head_word(text: str) -> str:
    """Return the head word of an argument, case-folded ("" when it has none).

    A German noun phrase ends in its head noun or name ("dem chinesischen Staatschef Xi
    Jinping" -> "jinping", "die russische Armee" -> "armee") unless a genitive or
    prepositional modifier follows the head ("Rückzug der PKK-Kämpfer" -> "rückzug", "Pläne von
    Innenminister Sobotka" -> "pläne"): the head is the last word before the first lower-case
    article or preposition that follows a word.
    """
    words = WORD.findall(text)
    for index, word in enumerate(words[1:], 1):
        if word in POSTMODIFIER_OPENERS:
            words = words[:index]
            break
    return words[-1].casefold() if words else ""


def match_heads(gold: str, predicted: str) -> bool:
    """Tell whether two head words are the same, allowing a genitive "s" on either side."""
    return gold == predicted or gold + GENITIVE_S == predicted or predicted + GENITIVE_S == gold


def count_trigger_overlap(gold: dict, predicted: dict) -> int:
    """Return how many case-folded words the two triggers share."""
    words = [Counter(w.casefold() for w in WORD.findall(event.get("trigger") or "")) for event in (gold, predicted)]
    return sum((words[0] & words[1]).values())


def match_events(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """Pair gold and predicted events of one sentence: same type, greedy by trigger overlap."""
    candidates = sorted(
        ((-count_trigger_overlap(g, p), gi, pi)
         for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if g["type"] == p["type"]),
    )
    pairs, used_gold, used_predicted = [], set(), set()
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_predicted.add(pi)
    return pairs


def score_arguments(gold: list[dict], predicted: list[dict], scores: EventScores) -> None:
    """Count the arguments of a pair of events (either list may be empty) into ``scores``."""
    unmatched = list(predicted)
    for argument in gold:
        head = find_head_word(argument["text"])
        hit = next((p for p in unmatched if p["role"] == argument["role"]
                    and match_heads(head, find_head_word(p["text"]))), None)
        if hit is None:
            scores.arguments.add(fn=1)
            scores.arguments_by_role[argument["role"]].add(fn=1)
        else:
            unmatched.remove(hit)
            scores.arguments.add(tp=1)
            scores.arguments_by_role[argument["role"]].add(tp=1)
    for argument in unmatched:
        scores.arguments.add(fp=1)
        scores.arguments_by_role[argument["role"]].add(fp=1)


def score_events(predicted: Mapping[str, list[dict]], gold: Sequence[GoldSentence]) -> EventScores:
    """Score the events predicted per gold sentence id against the gold sentences."""
    scores = EventScores()
    for sentence in gold:
        gold_events = [event.model_dump() for event in sentence.events]
        predicted_events = list(predicted.get(sentence.id, []))
        pairs = match_events(gold_events, predicted_events)
        for gi, pi in pairs:
            g, p = gold_events[gi], predicted_events[pi]
            scores.events.add(tp=1)
            scores.events_by_type[g["type"]].add(tp=1)
            scores.matched += 1
            scores.status_correct += g["status"] == p.get("status", "occurred")
            scores.negation_correct += g["negated"] == p.get("negated", False)
            score_arguments(g["arguments"], p.get("arguments", []), scores)
        matched_gold, matched_predicted = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        for g in (g for gi, g in enumerate(gold_events) if gi not in matched_gold):
            scores.events.add(fn=1)
            scores.events_by_type[g["type"]].add(fn=1)
            score_arguments(g["arguments"], [], scores)
        for p in (p for pi, p in enumerate(predicted_events) if pi not in matched_predicted):
            scores.events.add(fp=1)
            scores.events_by_type[p["type"]].add(fp=1)
            score_arguments([], p.get("arguments", []), scores)
    return scores


def format_counts_table(title: str, overall: Counts, by_key: Mapping[str, Counts]) -> list[str]:
    """Return the lines of one P/R/F1 table, a row per key and an overall row."""
    lines = [f"{title:<20} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for key, counts in [*sorted(by_key.items()), ("overall", overall)]:
        lines.append(f"{key:<20} {counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f} "
                     f"{counts.tp:5d} {counts.fp:5d} {counts.fn:5d}")
    return lines


def format_event_report(scores: EventScores) -> str:
    """Render the scores as plain-text tables: events by type, arguments by role, accuracies."""
    def show(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        *format_counts_table("event type", scores.events, scores.events_by_type), "",
        *format_counts_table("argument role", scores.arguments, scores.arguments_by_role), "",
        f"status accuracy   {show(scores.status_accuracy)} (on {scores.matched} matched events)",
        f"negation accuracy {show(scores.negation_accuracy)} (on {scores.matched} matched events)",
    ]
    return "\n".join(lines)
