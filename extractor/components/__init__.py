"""The extractor's spaCy components, one factory per module."""
