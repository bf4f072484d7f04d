"""``newsevents_encoder``: the fine-tuned encoder as a spaCy component, run by onnxruntime.

After the sentencizer, it encodes each sentence (a long one in chunks of at most ``max_pieces``
pieces) and sets the whole analysis at once: entities (``doc.ents``), STTS tags (``tag_``),
UPOS (``pos_``), morphology, and a UD dependency tree per sentence (``head``, ``dep_``; the
root's label is ``ROOT`` as in spaCy's own models), which also fixes the sentence boundaries.
Whitespace tokens take no part: they get ``_SP``/``SPACE`` and hang on their neighbour.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UPOS_IDS
from spacy.pipeline import Pipe
from spacy.scorer import Scorer, get_ner_prf
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .decoding import decode_bio, decode_tree
from .pieces import PieceTokenizer

MODEL_FILE = "model.onnx"
PIECES_FILE = "pieces.json"
LABELS_FILE = "labels.json"
# spaCy's name for the label of a sentence's root (UD writes "root").
ROOT_LABEL = "ROOT"
# Tag, part of speech and label of whitespace tokens, as spaCy's German models give them.
SPACE_TAG, SPACE_POS, SPACE_DEP = "_SP", "SPACE", "dep"


@dataclass
class Unit:
    """One encoder input: a sentence, or a chunk of a long one, as token indices of a Doc."""
    tokens: list[int]
    pieces: list[int]
    starts: list[int]


def graph_inputs(batch: list[Unit], *, pad: int) -> dict[str, np.ndarray]:
    """The graph's inputs for units sorted by length: pieces padded to the longest, their mask,
    and each word's first piece (a zero past a unit's last word)."""
    pieces = np.full((len(batch), len(batch[-1].pieces)), pad, dtype=np.int64)
    mask = np.zeros_like(pieces)
    starts = np.zeros((len(batch), max(len(unit.starts) for unit in batch)), dtype=np.int64)
    for row, unit in enumerate(batch):
        pieces[row, : len(unit.pieces)] = unit.pieces
        mask[row, : len(unit.pieces)] = 1
        starts[row, : len(unit.starts)] = unit.starts
    return {"pieces": pieces, "piece_mask": mask, "word_starts": starts}


@Language.factory("newsevents_encoder", default_config={"max_pieces": 256, "batch_pieces": 512, "threads": 0,
                                                       "batch_documents": False})
def make_encoder(nlp: Language, name: str, max_pieces: int, batch_pieces: int, threads: int,
                 batch_documents: bool) -> "Encoder":
    return Encoder(nlp, name, max_pieces=max_pieces, batch_pieces=batch_pieces, threads=threads,
                   batch_documents=batch_documents)


class Encoder(Pipe):
    """``batch_documents``: encode the sentences of all Docs of a ``pipe`` batch together. Only
    for a graph whose activations are quantised with fixed (calibrated) scales: with dynamic
    quantisation the scales come from the whole batch, and one document's analysis would then
    depend on the documents beside it."""

    def __init__(self, nlp: Language, name: str, *, max_pieces: int, batch_pieces: int, threads: int,
                 batch_documents: bool = False):
        self.vocab, self.name = nlp.vocab, name
        self.max_pieces, self.batch_pieces, self.threads = max_pieces, batch_pieces, threads
        self.batch_documents = batch_documents
        self.session = self.tokenizer = self.label_sets = None
        self.model_dir: Path | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity types (what spaCy lists as this component's labels)."""
        ner = self.label_sets["ner"] if self.label_sets else []
        return tuple(sorted({tag[2:] for tag in ner if tag != "O"}))

    # --- loading -------------------------------------------------------------------------
    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "Encoder":
        import onnxruntime

        path = Path(path)
        options = onnxruntime.SessionOptions()
        if self.threads:
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path / MODEL_FILE), options,
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = PieceTokenizer.from_disk(path / PIECES_FILE)
        self.label_sets = json.loads((path / LABELS_FILE).read_text(encoding="utf-8"))
        self.output_names = [output.name for output in self.session.get_outputs()]
        self.model_dir = path
        return self

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        import shutil

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model_dir is None:
            raise ValueError("newsevents_encoder has no model to save: load one with from_disk first")
        for name in (MODEL_FILE, PIECES_FILE, LABELS_FILE):
            if (self.model_dir / name).resolve() != (path / name).resolve():
                shutil.copyfile(self.model_dir / name, path / name)

    # --- running -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Docs in groups of ``batch_size`` when ``batch_documents``, else each on its own."""
        if self.session is None:
            raise ValueError("newsevents_encoder has no model: load the pipeline with spacy.load(...)")
        for group in minibatch(docs, size=batch_size if self.batch_documents else 1):
            yield from self.analyse_group(group)

    def analyse_group(self, group: list[Doc]) -> Iterator[Doc]:
        """Encode the Docs of a group together and annotate each; errors go to the pipeline's
        error handler, as with spaCy's own components, and cost only the Doc that causes them."""
        try:
            units = [self.split_units(doc) for doc in group]
            results = self.predict([unit for doc_units in units for unit in doc_units])
        except Exception as error:
            if len(group) > 1:  # find the document that fails on its own; the others go on
                for doc in group:
                    yield from self.analyse_group([doc])
            else:
                self.get_error_handler()(self.name, self, group, error)
            return
        for doc, doc_units in zip(group, units):
            try:
                self.set_annotations(doc, [(unit, results[id(unit)]) for unit in doc_units])
            except Exception as error:
                self.get_error_handler()(self.name, self, [doc], error)
            else:
                yield doc

    def split_units(self, doc: Doc) -> list[Unit]:
        """The sentences of a Doc (all of it if none are set), cut to fit ``max_pieces``."""
        sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        units = []
        for sentence in sentences:
            unit = None
            for token in sentence:
                if token.is_space:
                    continue
                pieces = self.tokenizer.encode_word(token.text)[: self.max_pieces - 2]
                if unit is None or len(unit.pieces) + len(pieces) + 1 > self.max_pieces:
                    unit = Unit([], [self.tokenizer.bos], [0])
                    units.append(unit)
                unit.tokens.append(token.i)
                unit.starts.append(len(unit.pieces))
                unit.pieces.extend(pieces)
        for unit in units:
            unit.pieces.append(self.tokenizer.eos)
        return units

    def predict(self, units: list[Unit]) -> dict[int, dict[str, np.ndarray]]:
        """Run the graph over batches of similar length; the outputs of each unit, cut to its
        words ("label": the index of the best label of each dependent-head pair)."""
        results = {}
        ordered = sorted(units, key=lambda unit: len(unit.pieces))
        start = 0
        while start < len(ordered):
            end = start + 1
            while end < len(ordered) and (end + 1 - start) * len(ordered[end].pieces) <= self.batch_pieces:
                end += 1
            batch = ordered[start:end]
            outputs = self.session.run(None, graph_inputs(batch, pad=self.tokenizer.pad))
            for row, unit in enumerate(batch):
                size = len(unit.starts)
                out = {name: value[row, :size] for name, value in zip(self.output_names, outputs)}
                out["arc"] = out["arc"][:, :size]
                # Only the best label of each (dependent, head) pair is ever used: keep that, not 41 scores.
                out["label"] = out["label"][:, :size].argmax(-1)
                results[id(unit)] = out
            start = end
        return results

    def set_annotations(self, doc: Doc, predictions: list[tuple[Unit, dict[str, np.ndarray]]]) -> None:
        strings, labels = doc.vocab.strings, self.label_sets
        columns = np.zeros((len(doc), 5), dtype=np.uint64)     # TAG, POS, MORPH, HEAD, DEP
        offsets = np.zeros(len(doc), dtype=np.int64)           # HEAD: head index minus token index
        columns[:, 0] = strings.add(SPACE_TAG)
        columns[:, 1] = UPOS_IDS[SPACE_POS]
        columns[:, 2] = doc.vocab.morphology.add("")
        columns[:, 4] = strings.add(SPACE_DEP)
        entities = []
        for unit, out in predictions:
            words = unit.tokens
            tags = [labels["tags"][i] for i in out["tag"][1:].argmax(-1)]
            pos = [labels["pos"][i] for i in out["pos"][1:].argmax(-1)]
            features = {name: [labels["morph"][name][i] for i in out[f"morph_{name}"][1:].argmax(-1)]
                        for name in labels["morph"]}
            heads = decode_tree(out["arc"])
            deps = [labels["deps"][i] for i in out["label"][np.arange(1, len(heads) + 1), heads]]
            for position, token in enumerate(words):
                morph = "|".join(f"{name}={values[position]}" for name, values in sorted(features.items())
                                 if values[position])
                head = words[heads[position] - 1] if heads[position] else token
                dep = ROOT_LABEL if heads[position] == 0 else deps[position]
                if dep in ("root", ROOT_LABEL) and heads[position]:
                    dep = "dep"
                columns[token] = (strings.add(tags[position]), UPOS_IDS.get(pos[position], 0),
                                  doc.vocab.morphology.add(morph), 0, strings.add(dep))
                offsets[token] = head - token
            entities.extend(self.entity_spans(doc, words, decode_bio(out["ner"][1:], labels["ner"])))
        self.attach_spaces(doc, offsets)
        columns[:, 3] = offsets.astype(np.uint64)
        doc.from_array([TAG, POS, MORPH, HEAD, DEP], columns)
        doc.ents = entities

    def score(self, examples, **kwargs) -> dict:
        """Tag, UPOS and morphology accuracy, UAS/LAS (punctuation ignored, labels case-folded as
        spaCy's parser scores them), sentence and entity P/R/F: what ``Scorer(nlp)`` reports."""
        scores = {}
        for attr in ("tag", "pos"):
            scores.update(Scorer.score_token_attr(examples, attr, **kwargs))
        scores.update(Scorer.score_token_attr(examples, "morph", getter=lambda token, attr: token.morph.key, **kwargs))
        scores.update(Scorer.score_deps(examples, "dep", getter=lambda token, attr: token.dep_.lower(),
                                        ignore_labels=("p", "punct"), **kwargs))
        scores.update(Scorer.score_spans(examples, "sents", **kwargs))
        scores.update(get_ner_prf(examples))
        return scores

    @staticmethod
    def entity_spans(doc: Doc, words: list[int], tags: list[str]) -> Iterator[Span]:
        """Spans of B-/I- runs over consecutive tokens (a whitespace token in between ends a span)."""
        start = label = None
        for position, (token, tag) in enumerate(zip([*words, None], [*tags, "O"])):
            continues = (tag.startswith("I-") and tag[2:] == label and token == words[position - 1] + 1)
            if start is not None and not continues:
                yield Span(doc, start, words[position - 1] + 1, label=label)
                start = None
            if start is None and tag != "O":
                start, label = token, tag[2:]

    @staticmethod
    def attach_spaces(doc: Doc, offsets: np.ndarray) -> None:
        """A whitespace token hangs on the token before it in its sentence, else on the one after."""
        for index in np.flatnonzero(doc.to_array(IS_SPACE)).tolist():
            if index > 0 and not doc[index].is_sent_start:
                neighbour = index - 1
            else:
                neighbour = next((t.i for t in doc[index + 1:] if not t.is_space and not t.is_sent_start), index)
            offsets[index] = neighbour - index
