"""Training the encoder tier: multilingual-e5-small fine-tuned for NER, STTS, UPOS, morphology and a
UD dependency parse, then exported to int8 ONNX inside a spaCy pipeline (models/de_newsevents_trf)."""
