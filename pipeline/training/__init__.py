"""Build the bundled German pipeline models/de_newsevents from openly licensed corpora.

`build_model` and `assemble_model` live in pipeline.training.build; they are loaded on first
access so that pipeline.evaluation.ner can import the corpus readers without a cycle.
"""
__all__ = ["assemble_model", "build_model"]


def __getattr__(name: str):
    """Return build_model / assemble_model from pipeline.training.build on first access."""
    if name in __all__:
        from pipeline.training import build

        return getattr(build, name)
    raise AttributeError(f"module 'pipeline.training' has no attribute {name!r}")
