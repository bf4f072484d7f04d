"""Static vectors for the fast tier made by the encoder tier (pipeline/training/vectors.py)."""
import numpy as np
import pytest
import spacy

from pipeline.training.vectors import WORD_HEADS, describe_words, nearest_words, write_static_vectors

# Words the encoder should place out of context, capitalised, with the entity tag it gives them.
WORDS_AND_ENTITY_TAGS = [
    ("putin", "B-PER"),
    ("merkel", "B-PER"),
    ("wien", "B-LOC"),
    ("siemens", "B-ORG"),
    ("und", "O"),
    ("gestern", "O"),
]
PERSONS = ["putin", "merkel", "scholz", "macron", "erdogan", "selenskyj", "biden", "steinmeier"]
PLACES = ["wien", "berlin", "moskau", "peking", "paris", "hamburg", "kiew", "madrid"]
# ("oder" would not do: capitalised, as the words are encoded, it is the river Oder.)
FUNCTION_WORDS = ["und", "auch", "aber", "der", "die", "das", "mit", "von"]


@pytest.fixture(scope="module")
def encoder(repo_root):
    return spacy.load(repo_root / "models" / "de_newsevents_trf").get_pipe("newsevents_encoder")


def test_vectors_describe_words_gives_the_encoders_entity_guess(encoder):
    words = [word for word, _ in WORDS_AND_ENTITY_TAGS]
    features = describe_words(encoder, words)
    widths = [len(encoder.label_sets["morph"][head.removeprefix("morph_")] if head.startswith("morph_") else
                  encoder.label_sets["tags" if head == "tag" else head]) for head in WORD_HEADS]
    assert features.shape == (len(words), sum(widths))
    ner_tags = encoder.label_sets["ner"]
    assert [ner_tags[i] for i in features[:, : len(ner_tags)].argmax(1)] == [tag for _, tag in WORDS_AND_ENTITY_TAGS]
    # log-probabilities: each head's exponentials sum to one
    assert np.allclose(np.exp(features[:, : len(ner_tags)]).sum(1), 1.0, atol=1e-4)


def test_vectors_table_has_both_spellings_and_groups_kinds_of_words(encoder, repo_root, tmp_path):
    words = PERSONS + PLACES + FUNCTION_WORDS
    count = write_static_vectors(words, encoder_model=repo_root / "models" / "de_newsevents_trf",
                                 output=tmp_path, width=8)
    assert count == len(words)
    nlp = spacy.load(tmp_path)
    assert nlp.vocab.vectors.shape == (len(words), 8)
    doc = nlp("Putin und putin in Wien UND")
    rows = nlp.vocab.vectors.find(keys=doc.to_array("ORTH"))
    assert rows[0] == rows[2] != -1 and rows[1] != -1 and rows[4] != -1
    assert rows[3] == rows[5] == -1  # "in" is not in the list, "UND" not a spelling it has
    neighbours = nearest_words(tmp_path, ["putin", "wien", "und"], count=3)
    assert set(neighbours["putin"]) <= set(PERSONS)
    assert set(neighbours["wien"]) <= set(PLACES)
    assert set(neighbours["und"]) <= set(FUNCTION_WORDS)
