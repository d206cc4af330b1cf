"""The pipeline beyond one machine: the local runner's stages on a distributed engine (datatrove).

Each task cleans and extracts its share of the input files with the same stage function the
local runner uses and writes shards (documents, facts, events, signatures, errors) with a
completion marker; near-duplicate articles are found across tasks by separate stages
(signatures → buckets → clusters); ``newsfacts load`` checks the shards and merges them into
SQLite through ``FactStore``. See docs/cluster.md.
"""
