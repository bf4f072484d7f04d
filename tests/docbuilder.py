"""Hand-built spaCy Docs from compact tables, as spaCy's own tests build them.

Each line is one token; ``columns`` names the fields: word, tag, lemma, head (the head's index
in the sentence), dep, ent (PER/LOC/ORG/MISC or O; "B-PER" starts a name right after another).
"""
from spacy.tokens import Doc


def entity_tags(labels: list[str]) -> list[str]:
    """BIO tags from one label per token: consecutive equal labels form one entity."""
    tags, previous = [], None
    for label in labels:
        if label.startswith("B-"):
            tags.append(label)
            label = label[2:]
        else:
            tags.append("O" if label == "O" else ("I-" if label == previous else "B-") + label)
        previous = None if label == "O" else label
    return tags


def build_doc(nlp, rows: str, *, columns: tuple[str, ...]) -> Doc:
    tokens = [dict(zip(columns, line.split())) for line in rows.strip().splitlines()]
    fields = {
        "words": [t["word"] for t in tokens],
        "tags": [t["tag"] for t in tokens],
        "lemmas": [t["lemma"] for t in tokens],
        "ents": entity_tags([t["ent"] for t in tokens]),
        "sent_starts": [True] + [False] * (len(tokens) - 1),
    }
    if "head" in columns:
        fields["heads"] = [int(t["head"]) for t in tokens]
        fields["deps"] = [t["dep"] for t in tokens]
    return Doc(nlp.vocab, **fields)
