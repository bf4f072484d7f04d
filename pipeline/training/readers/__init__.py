"""One small reader per training corpus, each mapping its labels onto PER/LOC/ORG/MISC."""
