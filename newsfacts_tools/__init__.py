"""Tools that measure the pipeline and are not stages of it: ``newsfacts eval`` (scoring against
gold files and peer suites), ``newsfacts bench`` (throughput and memory) and the content digest
that proves a refactor left the output alone. ``pipeline/`` and ``extractors/`` never import this."""
