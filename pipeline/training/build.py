"""Rebuild the bundled model from the corpora: corpus → NER + syntax training → assembly → scores."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.evaluation.ner import evaluate_ner
from pipeline.training.assemble import assemble_pipeline
from pipeline.training.evaluate_syntax import evaluate_syntax
from pipeline.training.corpus import write_joint_corpus, write_ner_corpus, write_syntax_corpus
from pipeline.training.train import train_pipeline
from pipeline.training.vectors import list_vocabulary, write_static_vectors

# Name and version written into meta.json.
MODEL_NAME = "de_newsevents"
MODEL_VERSION = "0.1.0"
# The hand-written model card kept across rebuilds of the model directory.
MODEL_CARD = "README.md"
# Corpora the shipped model is trained on, with their licenses (only CC0 / CC BY / CC BY-SA).
TRAINING_SOURCES = [
    {"name": "GermEval 2014 NER (dev 1–1500, test 1–3100)", "license": "CC BY 4.0",
     "url": "https://sites.google.com/site/germeval2014ner/data"},
    {"name": "DFKI MobIE NER (train + dev)", "license": "CC BY 4.0", "url": "https://github.com/DFKI-NLP/MobIE"},
    {"name": "DFKI SmartData v1 train", "license": "CC BY 4.0", "url": "https://github.com/DFKI-NLP/smartdata-corpus"},
    {"name": "UD German GSD dev + test", "license": "CC BY-SA 4.0",
     "url": "https://github.com/UniversalDependencies/UD_German-GSD"},
    {"name": "spacy-lookups-data de lemma_lookup", "license": "MIT", "url": "https://github.com/explosion/spacy-lookups-data"},
    {"name": "pycountry ISO 3166 German names (gazetteer, name substitution)", "license": "LGPL-2.1",
     "url": "https://github.com/pycountry/pycountry"},
]


def summarise_accuracy(scores: dict) -> dict:
    """Return the headline NER figures for meta.json."""
    return {f"ents_f_{name}": result["f"] for name, result in scores.items()} | {
        f"ents_per_type_{name}": {label: {"p": r["p"], "r": r["r"], "f": r["f"]} for label, r in result["per_label"].items()}
        for name, result in scores.items()
    }


def write_model(nlp: Language, *, output: Path, training: dict) -> None:
    """Write the pipeline with its meta.json (name, version, sources, licenses, training record) to
    output, replacing the previous model but keeping its model card."""
    nlp.meta.update({
        "name": MODEL_NAME, "lang": "de", "version": MODEL_VERSION,
        "description": "German news pipeline of newsevents: STTS tagger, rule sentencizer, lookup lemmas, PER/LOC/ORG/MISC NER; UD parser and UPOS mapping shipped disabled.",
        "license": "CC BY-SA 4.0", "sources": TRAINING_SOURCES, "training": training,
    })
    nlp.meta.pop("performance", None)  # training-time dev scores of the joint run, superseded by "accuracy"
    card = output / MODEL_CARD
    card_text = card.read_text(encoding="utf-8") if card.exists() else None
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    if card_text is not None:
        card.write_text(card_text, encoding="utf-8")


def record_accuracy(output: Path, *, accuracy: dict) -> None:
    """Add the measured scores to the written model's meta.json under "accuracy"."""
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["accuracy"] = accuracy
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def read_training_record(work_dir: Path) -> dict:
    """Return the corpus sentence counts and training seconds recorded in work_dir."""
    seconds = sum(float(path.read_text()) for path in work_dir.glob("*_model/training_seconds.txt"))
    counts_path = work_dir / "corpus_counts.json"
    counts = json.loads(counts_path.read_text()) if counts_path.exists() else {}
    return {"sentences": counts, "seconds": round(seconds)}


def build_model(*, data_dir: Path, output: Path, work_dir: Path = Path("training"),
                gazetteer_dir: Path = Path("configs/gazetteer"), ner_minutes: float = 13,
                joint_minutes: float = 15, syntax_repeats: int = 3,
                with_legal: bool = False, with_europeana: bool = False, with_ruler: bool = False,
                vectors_from: Path | None = None, seed: int = 0) -> dict:
    """Rebuild the model into `output` from the corpora in `data_dir`; return its NER scores.

    Two runs: the NER alone (tok2vec + ner), then a joint run that starts from it and adds
    tagger, senter and parser on one shared tok2vec, trained on NER and UD docs together.
    With `vectors_from` (the accurate tier's pipeline), the tok2vec also reads static word
    vectors that this encoder makes (`pipeline/training/vectors.py`).
    """
    counts = write_ner_corpus(data_dir=data_dir, work_dir=work_dir, gazetteer_dir=gazetteer_dir,
                              with_legal=with_legal, with_europeana=with_europeana, seed=seed)
    counts |= write_syntax_corpus(data_dir=data_dir, work_dir=work_dir)
    counts |= write_joint_corpus(work_dir=work_dir, syntax_repeats=syntax_repeats)
    paths = {"names": str(work_dir / "names.json")}
    if vectors_from is not None:
        counts["static_vectors"] = write_static_vectors(
            list_vocabulary(names_file=work_dir / "names.json"), encoder_model=vectors_from, output=work_dir / "vectors")
        paths["vectors"] = str(work_dir / "vectors")
    ner_model = train_pipeline(config_name="ner", work_dir=work_dir, corpus_prefix="ner", minutes=ner_minutes,
                               paths=paths, static_vectors=vectors_from is not None)
    train_pipeline(config_name="joint", work_dir=work_dir, corpus_prefix="joint", minutes=joint_minutes,
                   paths=paths | {"ner_model": str(ner_model)})
    (work_dir / "corpus_counts.json").write_text(json.dumps(counts, indent=2))
    return assemble_model(data_dir=data_dir, output=output, work_dir=work_dir,
                          gazetteer_dir=gazetteer_dir if with_ruler else None)


def assemble_model(*, data_dir: Path, output: Path, work_dir: Path = Path("training"),
                   gazetteer_dir: Path | None = None) -> dict:
    """Assemble the joint pipeline in work_dir into `output`, score it, record the scores in meta.json.

    The model is written before scoring and the scores come from a fresh load of it, so that no
    string of the evaluation sets (UD LIT is non-commercial) enters the saved vocabulary.
    """
    nlp = assemble_pipeline(trained_model=work_dir / "joint_model" / "model-best", gazetteer_dir=gazetteer_dir)
    write_model(nlp, output=output, training=read_training_record(work_dir))
    written = spacy.load(output)
    scores = evaluate_ner(written, data_dir=data_dir)
    syntax_scores = score_syntax_variants(written, conllu=data_dir / "ud_german_lit" / "de_lit-ud-test.conllu.gz")
    record_accuracy(output, accuracy=summarise_accuracy(scores) | {"ud_german_lit_test": syntax_scores})
    return scores | {"ud_german_lit_test": syntax_scores}


def score_syntax_variants(nlp: Language, *, conllu: Path) -> dict:
    """Return syntax scores of the default pipeline (sentencizer) and with the opt-in parser instead."""
    default = evaluate_syntax(nlp, conllu=conllu)
    nlp.enable_pipe("parser")
    nlp.disable_pipe("sentencizer")
    with_parser = evaluate_syntax(nlp, conllu=conllu)
    nlp.enable_pipe("sentencizer")
    nlp.disable_pipe("parser")
    return {"default": default, "with_parser": with_parser}
