"""newsfacts ingestion pipeline: read, decode, clean, deduplicate, convert, extract, store.

Stages are plain functions (data in, data out); ``pipeline.runner`` runs them
locally with a pool of workers and one SQLite writer.
"""
