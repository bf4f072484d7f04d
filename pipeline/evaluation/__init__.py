"""Scorers that compare the pipeline's output with gold annotations (NER, dates, events)."""
