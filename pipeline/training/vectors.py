"""Static word vectors for the fast tier, made by the accurate tier's encoder.

The CNN has no pretrained knowledge: it recognises names it saw in training and few others. The
fine-tuned encoder knows that "Uschakow" looks like a person and "Pjöngjang" like a place. Each
word of a German vocabulary is run through the encoder alone (``<s> word </s>``), and the
log-probabilities of all its heads (entity BIO tags, STTS, UPOS, morphology) become that word's
features, reduced by PCA. Each word has two rows, lower-case and capitalised, each encoded as
spelled: in German the capital says noun or name ("Plant", a name; "plant", a verb), and a
table keyed by one spelling taught the tagger that "plant" is a name.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import spacy
from spacy.vectors import Vectors

from pipeline.encoder.component import Encoder, Unit
from pipeline.encoder.decoding import log_softmax

# The heads whose out-of-context guesses describe a word (the parse heads need a sentence).
WORD_HEADS = ("ner", "tag", "pos", "morph_Case", "morph_Number", "morph_Gender", "morph_Person",
              "morph_Tense", "morph_Mood", "morph_VerbForm")
# Words of wordfreq's German list (by frequency) that get vectors, besides the name pools; with
# two spellings of 32 dimensions the table stays near 16 MB (the fast tier must stay under 40 MB).
WORDFREQ_WORDS = 50_000
# Words per onnxruntime call.
WORDS_PER_BATCH = 512


def list_vocabulary(*, names_file: Path | None = None, size: int = WORDFREQ_WORDS) -> list[str]:
    """wordfreq's most frequent German words plus every word of the name-substitution pools, each
    in lower-case and capitalised spelling."""
    import wordfreq

    words = dict.fromkeys(wordfreq.top_n_list("de", size))
    if names_file is not None and names_file.exists():
        for names in json.loads(names_file.read_text(encoding="utf-8")).values():
            words.update(dict.fromkeys(word.lower() for name in names for word in name))
    return list(dict.fromkeys(spelling for word in words if word.strip() for spelling in (word, capitalise(word))))


def capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def describe_words(encoder: Encoder, words: list[str]) -> np.ndarray:
    """One row per word: the log-probabilities of every word head for the word alone, as spelled."""
    tokenizer = encoder.tokenizer
    rows = []
    for start in range(0, len(words), WORDS_PER_BATCH):
        # Position 0 is the sentence's root (the <s> piece), position 1 the word.
        units = [Unit([0], [tokenizer.bos, *tokenizer.encode_word(word)[:30], tokenizer.eos], [0, 1])
                 for word in words[start:start + WORDS_PER_BATCH]]
        results = encoder.predict(units)
        rows.extend(np.concatenate([log_softmax(results[id(unit)][head][1]) for head in WORD_HEADS]) for unit in units)
    return np.stack(rows).astype(np.float32)


def reduce_dimensions(features: np.ndarray, *, width: int) -> np.ndarray:
    """Principal components of the centred features, scaled to unit variance on average."""
    centred = features - features.mean(axis=0)
    _, _, components = np.linalg.svd(centred[:: max(1, len(centred) // 50_000)], full_matrices=False)
    reduced = centred @ components[:width].T
    return (reduced / reduced.std()).astype(np.float32)


def write_static_vectors(words: list[str], *, encoder_model: Path, output: Path, width: int = 32) -> int:
    """Write a blank German pipeline whose vocabulary holds the encoder-made vectors of the
    words (spellings); return their count."""
    encoder = spacy.load(encoder_model).get_pipe("newsevents_encoder")
    vectors = reduce_dimensions(describe_words(encoder, words), width=width)
    nlp = spacy.blank("de")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=vectors, keys=[nlp.vocab.strings.add(word) for word in words],
                                name="de_newsevents_encoder_words")
    nlp.to_disk(output)
    return len(words)


def nearest_words(vectors_model: Path, words: Iterable[str], *, count: int = 5) -> dict[str, list[str]]:
    """The closest other words of the table by cosine (the word's other spelling left out)."""
    vectors = spacy.load(vectors_model).vocab.vectors
    words = list(words)
    keys, _, _ = vectors.most_similar(np.stack([vectors[vectors.strings[word]] for word in words]), n=count + 2)
    return {word: [found for found in (vectors.strings[key] for key in row) if found.lower() != word.lower()][:count]
            for word, row in zip(words, keys)}
