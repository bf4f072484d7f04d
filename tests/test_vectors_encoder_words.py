"""Static vectors for the fast tier made by the encoder tier (pipeline/training/vectors.py)."""
import numpy as np
import pytest
import spacy

from pipeline.training.vectors import WORD_HEADS, describe_words, nearest_words, write_static_vectors

# Words the encoder should place out of context, as spelled, with the entity tag and STTS tag it gives them.
WORDS_AND_TAGS = [
    ("Putin", "B-PER", "NE"),
    ("Merkel", "B-PER", "NE"),
    ("Wien", "B-LOC", "NE"),
    ("Siemens", "B-ORG", "NE"),
    ("und", "O", "KON"),
]
# Alone, lower-case "plant" (the verb of "Putin plant einen Besuch") is no name to the encoder.
NOT_A_NAME = "plant"
PERSONS = ["Putin", "Merkel", "Scholz", "Macron", "Erdogan", "Selenskyj", "Biden", "Steinmeier"]
PLACES = ["Wien", "Berlin", "Moskau", "Peking", "Paris", "Hamburg", "Kiew", "Madrid"]
FUNCTION_WORDS = ["und", "oder", "aber", "der", "die", "das", "mit", "von"]


@pytest.fixture(scope="module")
def encoder(repo_root):
    return spacy.load(repo_root / "models" / "de_newsevents_trf").get_pipe("newsevents_encoder")


def test_vectors_describe_words_gives_the_encoders_guesses(encoder):
    words = [word for word, _, _ in WORDS_AND_TAGS]
    features = describe_words(encoder, words)
    widths = [len(encoder.label_sets["morph"][head.removeprefix("morph_")] if head.startswith("morph_") else
                  encoder.label_sets["tags" if head == "tag" else head]) for head in WORD_HEADS]
    assert features.shape == (len(words), sum(widths))
    ner_tags = encoder.label_sets["ner"]
    assert [ner_tags[i] for i in features[:, : len(ner_tags)].argmax(1)] == [tag for _, tag, _ in WORDS_AND_TAGS]
    stts = encoder.label_sets["tags"]
    columns = features[:, len(ner_tags): len(ner_tags) + len(stts)]
    assert [stts[i] for i in columns.argmax(1)] == [tag for _, _, tag in WORDS_AND_TAGS]
    verb = describe_words(encoder, [NOT_A_NAME])[0]
    assert ner_tags[verb[: len(ner_tags)].argmax()] == "O" and stts[verb[len(ner_tags):][: len(stts)].argmax()] != "NE"
    # log-probabilities: each head's exponentials sum to one
    assert np.allclose(np.exp(features[:, : len(ner_tags)]).sum(1), 1.0, atol=1e-4)


def test_vectors_table_has_both_spellings_and_groups_kinds_of_words(encoder, repo_root, tmp_path):
    words = PERSONS + PLACES + FUNCTION_WORDS + ["plant", "Plant"]
    count = write_static_vectors(words, encoder_model=repo_root / "models" / "de_newsevents_trf",
                                 output=tmp_path, width=8)
    assert count == len(words)
    nlp = spacy.load(tmp_path)
    assert nlp.vocab.vectors.shape == (len(words), 8)
    doc = nlp("Putin plant und Plant in Wien UND")
    rows = nlp.vocab.vectors.find(keys=doc.to_array("ORTH"))
    assert -1 not in (rows[0], rows[1], rows[2], rows[3], rows[5]) and rows[1] != rows[3]
    assert rows[4] == rows[6] == -1  # "in" is not in the list, "UND" not a spelling it has
    neighbours = nearest_words(tmp_path, ["Putin", "Wien", "und"], count=3)
    assert set(neighbours["Putin"]) <= set(PERSONS)
    assert set(neighbours["Wien"]) <= set(PLACES)
    assert set(neighbours["und"]) <= set(FUNCTION_WORDS)
