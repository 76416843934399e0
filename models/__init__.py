"""The pipeline's data (patterns, lexicons, tables), installed as ``extractor.models``."""
