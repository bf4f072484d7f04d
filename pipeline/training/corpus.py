"""Write the training and dev DocBins for the NER and syntax pipelines."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import DocBin

from pipeline.training.augment import build_name_pools, write_name_pools
from pipeline.training.gazetteer import read_gazetteer_names
from pipeline.training.readers.ud import read_conllu_docs
from pipeline.training.sentences import LabelledSentence, convert_sentence_to_doc
from pipeline.training.splits import read_ner_dev, read_ner_training

# Language of every pipeline built here.
LANGUAGE = "de"
# Sources whose entity mentions fill the name-substitution pools: the news and Wikipedia
# corpora; MobIE's traffic reports are left out because their names are mostly stops and roads.
NAME_POOL_SOURCES = ("germeval2014", "dfki_smartdata")
# GSD test documents (of 10 sentences) kept out of syntax training for early stopping.
SYNTAX_DEV_DOCS = 10


def write_docbin(docs, path: Path) -> int:
    """Serialise docs into a DocBin at path and return how many were written."""
    docs = list(docs)
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return len(docs)


def write_ner_corpus(*, data_dir: Path, work_dir: Path, gazetteer_dir: Path, with_legal: bool,
                     seed: int, with_europeana: bool = False) -> dict[str, int]:
    """Write ner_train.spacy, ner_dev.spacy and the name pools names.json; return sentence counts by source."""
    nlp = spacy.blank(LANGUAGE)
    work_dir.mkdir(parents=True, exist_ok=True)
    sources = read_ner_training(data_dir, nlp=nlp, with_legal=with_legal, with_europeana=with_europeana)
    counts = {name: len(sentences) for name, sentences in sources.items()}
    train: list[LabelledSentence] = [sentence for sentences in sources.values() for sentence in sentences]
    names = build_name_pools([s for name in NAME_POOL_SOURCES for s in sources[name]],
                             extra_names=read_gazetteer_names(gazetteer_dir), seed=seed)
    write_name_pools(names, work_dir / "names.json")
    write_docbin((convert_sentence_to_doc(s, vocab=nlp.vocab) for s in train), work_dir / "ner_train.spacy")
    counts["dev"] = write_docbin((convert_sentence_to_doc(s, vocab=nlp.vocab) for s in read_ner_dev(data_dir)),
                                 work_dir / "ner_dev.spacy")
    return counts


def write_syntax_corpus(*, data_dir: Path, work_dir: Path) -> dict[str, int]:
    """Write syntax_train.spacy and syntax_dev.spacy from UD German GSD dev + test; return sentence counts."""
    gsd = data_dir / "ud_german_gsd"
    dev_docs = read_conllu_docs(gsd / "de_gsd-ud-dev.conllu.gz")
    test_docs = read_conllu_docs(gsd / "de_gsd-ud-test.conllu.gz")
    train_docs = dev_docs + test_docs[:-SYNTAX_DEV_DOCS]
    write_docbin(train_docs, work_dir / "syntax_train.spacy")
    write_docbin(test_docs[-SYNTAX_DEV_DOCS:], work_dir / "syntax_dev.spacy")
    return {"ud_german_gsd": sum(len(list(doc.sents)) for doc in train_docs),
            "syntax_dev": sum(len(list(doc.sents)) for doc in test_docs[-SYNTAX_DEV_DOCS:])}


def write_joint_corpus(*, work_dir: Path, syntax_repeats: int) -> dict[str, int]:
    """Write joint_train.spacy / joint_dev.spacy: the NER docs plus the UD docs repeated syntax_repeats times.

    NER docs carry no tags or arcs and UD docs no entity annotation; spaCy treats both as missing,
    so one shared tok2vec learns from all of them.
    """
    nlp = spacy.blank(LANGUAGE)

    def read(name: str):
        return list(DocBin().from_disk(work_dir / f"{name}.spacy").get_docs(nlp.vocab))

    train = read("ner_train") + read("syntax_train") * syntax_repeats
    dev = read("ner_dev") + read("syntax_dev")
    return {"joint_train_docs": write_docbin(train, work_dir / "joint_train.spacy"),
            "joint_dev_docs": write_docbin(dev, work_dir / "joint_dev.spacy")}
