"""Assemble the shipped pipeline from the trained pipeline.

The result uses built-in factories only: one shared tok2vec, tagger (STTS), sentencizer, parser (UD,
disabled by default), ner, attribute_ruler (STTS → UPOS, disabled by default), lemmatizer
(lookup tables serialised into the model), and optionally an entity_ruler with gazetteer names.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer

from pipeline.training.gazetteer import read_gazetteer_names
from pipeline.training.tokenizer import split_full_stop_after_year

# Components shipped disabled because they push the pipeline below 10,000 words/s on one core
# (gnad10k benchmark, words/s: sentencizer 13.5k; senter 13.0k, + attribute_ruler 10.6–10.8k;
# parser instead 9.4–9.8k, + attribute_ruler 8.3–8.7k). Enable with nlp.enable_pipe(name); the
# parser then also sets sentence boundaries where the sentencizer is disabled.
OPT_IN_COMPONENTS = ("parser", "attribute_ruler")
# Tokens after which the sentencizer starts a new sentence: spaCy's sentence-final punctuation
# plus line breaks (headlines and paragraphs of extracted news text carry no full stop).
# Ordinals ("15."), dates and abbreviations ("Nr.") stay one token and do not end a sentence.
# The trained senter is replaced: it learned from only 1,700 UD sentences and set no boundary at
# all in news paragraphs (UD LIT test sentence F1: senter 0.55, this sentencizer 0.92, parser 0.90).
SENTENCE_FINAL_CHARACTERS = list(Sentencizer.default_punct_chars) + ["\n", "\n\n"]
# Universal POS tag of each STTS tag (the TIGER/STTS → UD v2 conversion table; PAV is the older
# name of PROAV, which the UD GSD treebank and so our tagger use).
STTS_TO_UPOS = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT", "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPO": "ADP", "APPR": "ADP", "APPRART": "ADP", "APZR": "ADP", "ART": "DET", "CARD": "NUM",
    "FM": "X", "ITJ": "INTJ", "KOKOM": "CCONJ", "KON": "CCONJ", "KOUI": "SCONJ", "KOUS": "SCONJ",
    "NE": "PROPN", "NN": "NOUN", "NNE": "PROPN", "PDAT": "DET", "PDS": "PRON", "PIAT": "DET",
    "PIS": "PRON", "PPER": "PRON", "PPOSAT": "DET", "PPOSS": "PRON", "PRELAT": "DET",
    "PRELS": "PRON", "PRF": "PRON", "PROAV": "ADV", "PAV": "ADV", "PTKA": "PART", "PTKANT": "PART",
    "PTKNEG": "PART", "PTKVZ": "ADP", "PTKZU": "PART", "PWAT": "DET", "PWAV": "ADV",
    "PWS": "PRON", "TRUNC": "X", "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX",
    "VMFIN": "VERB", "VMINF": "VERB", "VMPP": "VERB", "VVFIN": "VERB", "VVIMP": "VERB",
    "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB", "XY": "X", "_SP": "SPACE",
}


def add_upos_mapping(nlp: Language) -> None:
    """Add an attribute_ruler that sets token.pos_ from the STTS tag (one pattern per UPOS tag)."""
    ruler = nlp.add_pipe("attribute_ruler")
    for pos in sorted(set(STTS_TO_UPOS.values())):
        tags = [tag for tag, upos in STTS_TO_UPOS.items() if upos == pos]
        ruler.add(patterns=[[{"TAG": {"IN": tags}}]], attrs={"POS": pos})


def add_lookup_lemmatizer(nlp: Language) -> None:
    """Add spaCy's lookup lemmatizer with the spacy-lookups-data `de` tables (stored in the model)."""
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()


def add_gazetteer_ruler(nlp: Language, *, gazetteer_dir: Path, before: str) -> None:
    """Add an entity_ruler with the gazetteer's place (LOC) and organisation (ORG) names."""
    ruler = nlp.add_pipe("entity_ruler", before=before, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": label, "pattern": name}
                        for label, names in read_gazetteer_names(gazetteer_dir).items() for name in names])


def assemble_pipeline(*, trained_model: Path, gazetteer_dir: Path | None) -> Language:
    """Return the shipped pipeline built from the trained tok2vec/tagger/senter/parser/ner pipeline.

    Adds the year full-stop tokenizer rule, replaces the trained senter by the rule sentencizer,
    adds the UPOS attribute_ruler and the lookup lemmatizer, and the gazetteer entity_ruler before
    the NER when gazetteer_dir is given. The components in OPT_IN_COMPONENTS are stored but disabled.
    """
    nlp = spacy.load(trained_model)
    split_full_stop_after_year(nlp)
    nlp.remove_pipe("senter")
    nlp.add_pipe("sentencizer", after="tagger", config={"punct_chars": SENTENCE_FINAL_CHARACTERS})
    add_upos_mapping(nlp)
    add_lookup_lemmatizer(nlp)
    if gazetteer_dir is not None:
        add_gazetteer_ruler(nlp, gazetteer_dir=gazetteer_dir, before="ner")
    for name in OPT_IN_COMPONENTS:
        nlp.disable_pipe(name)
    remove_training_references(nlp)
    return nlp


def remove_training_references(nlp: Language) -> None:
    """Drop the training-only callbacks and paths from nlp.config, so the saved config names
    built-in functions only and no files of the training folder."""
    nlp.config["training"]["before_update"] = None
    nlp.config["corpora"]["train"]["augmenter"] = None
    for name in ("train", "dev", "names", "ner_model"):
        nlp.config["paths"][name] = None
