"""The database schema: ordered migrations, the fact-kind map, and the views of FACTS.md §4.

``PRAGMA user_version`` holds the number of migrations applied; opening a database
applies the missing ones in order, each in its own transaction. Views are dropped
and re-created on every open, so a change to a view needs no migration.

``FACT_KINDS`` is the one place a fact kind meets the database: its value table (created
when missing), the row a fact fills in it, its view, and its row in ``fact_kinds`` (which
``facts.kind`` references, so the database refuses a kind the map does not know). The
store's inserts, the views, the export list and ``stats`` all iterate it.
See docs/schema.md for every table and view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# The outlet of a document: the container's or page's site, its credited source, else the URL's host.
_HOST = ("substr(substr(d.url, instr(d.url, '://') + 3), 1, "
         "instr(substr(d.url, instr(d.url, '://') + 3) || '/', '/') - 1)")
OUTLET_SQL = f"coalesce(d.site, d.source_name, CASE WHEN d.url LIKE '%://%' THEN {_HOST} END)"

# Offsets of the sentence a row of ``table`` (facts, events) quotes, from the copy it held before
# schema 6: the first place the copy occurs in the paragraph holding the row's start (the same text
# wherever it occurs); a quote found in no paragraph, or empty, stays as text.
_SENTENCE_OFFSETS = """
SELECT id, CASE WHEN found > 0 THEN paragraph_start + found - 1 END AS sentence_start,
       CASE WHEN found > 0 THEN paragraph_start + found - 1 + length(sentence) END AS sentence_end,
       CASE WHEN found > 0 THEN NULL ELSE sentence END AS sentence_text
FROM (SELECT r.id, r.sentence, p.start AS paragraph_start,
             CASE WHEN r.sentence <> '' THEN instr(p.text, r.sentence) ELSE 0 END AS found
      FROM (SELECT t.{id} AS id, t.sentence, (SELECT q.paragraph_id FROM paragraphs q WHERE q.doc_id = t.doc_id
                                              AND q.start <= t.start ORDER BY q.idx DESC LIMIT 1) AS paragraph_id
            FROM {table} t) AS r LEFT JOIN paragraphs p USING (paragraph_id))"""


MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("initial tables", """
CREATE TABLE runs (
    run_id       INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    paths        TEXT NOT NULL,          -- JSON list of the inputs given
    rules_version TEXT NOT NULL,         -- hash of the cleaning and extraction code
    summary      TEXT                    -- JSON: the end summary of the run
);
CREATE TABLE sources (
    source_id    INTEGER PRIMARY KEY,
    path         TEXT NOT NULL UNIQUE,   -- the file, as found
    format       TEXT,
    first_run    INTEGER REFERENCES runs(run_id),
    last_run     INTEGER REFERENCES runs(run_id)
);
CREATE TABLE documents (
    doc_id       INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,   -- URL, else "path#record"
    source_id    INTEGER NOT NULL REFERENCES sources(source_id),
    record       INTEGER NOT NULL,       -- record number within the source file
    url          TEXT,
    title        TEXT,
    published    TEXT,                   -- ISO date
    site         TEXT,
    source_name  TEXT,                   -- the page's 来源
    authors      TEXT,                   -- JSON list
    fetched_at   TEXT,
    script       TEXT NOT NULL,          -- script the page was found in: hans | hant | mixed | none
    encoding     TEXT,
    quality      REAL NOT NULL,          -- 1 - mojibake share of the clean text
    mojibake     INTEGER NOT NULL DEFAULT 0,
    chars        INTEGER NOT NULL,       -- length of the clean text
    raw_hash     TEXT NOT NULL,          -- hash of the input record
    content_hash TEXT NOT NULL,          -- hash of the clean text and metadata
    rules_version TEXT NOT NULL,
    minhash      BLOB,                   -- MinHash signature of the body (near-duplicate articles)
    duplicate_of INTEGER REFERENCES documents(doc_id) ON DELETE SET NULL,
    counters     TEXT,                   -- JSON: lines/paragraphs removed, by rule
    first_run    INTEGER REFERENCES runs(run_id),
    updated_run  INTEGER REFERENCES runs(run_id)
);
CREATE INDEX documents_source ON documents(source_id);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE paragraphs (
    paragraph_id INTEGER PRIMARY KEY,
    doc_id       INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,       -- 0 is the title when the page has one
    start        INTEGER NOT NULL,       -- offset of the paragraph in the clean text
    is_title     INTEGER NOT NULL DEFAULT 0,
    text         TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE TABLE orgs (
    org_id       INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,   -- canonical name
    type         TEXT NOT NULL
);
CREATE TABLE org_aliases (
    org_id       INTEGER NOT NULL REFERENCES orgs(org_id) ON DELETE CASCADE,
    alias        TEXT NOT NULL,          -- a surface form seen in some document
    PRIMARY KEY (org_id, alias)
);
CREATE INDEX org_aliases_alias ON org_aliases(alias);
CREATE TABLE facts (
    fact_id      INTEGER PRIMARY KEY,
    doc_id       INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('date', 'money', 'count', 'org')),
    text         TEXT NOT NULL,          -- == clean_text[start:end]
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    sentence     TEXT,
    value        TEXT NOT NULL           -- JSON value as in FACTS.md §2
);
CREATE INDEX facts_doc ON facts(doc_id, kind);
CREATE INDEX facts_rule ON facts(rule);
CREATE TABLE fact_dates (
    fact_id      INTEGER PRIMARY KEY REFERENCES facts(fact_id) ON DELETE CASCADE,
    iso          TEXT NOT NULL,
    date_start   TEXT NOT NULL,
    date_end     TEXT NOT NULL,
    granularity  TEXT NOT NULL,
    resolved     TEXT NOT NULL
);
CREATE INDEX fact_dates_start ON fact_dates(date_start);
CREATE TABLE fact_money (
    fact_id      INTEGER PRIMARY KEY REFERENCES facts(fact_id) ON DELETE CASCADE,
    amount_min   NUMERIC,                -- exact decimal as written (integral amounts are integers)
    amount_max   NUMERIC,
    currency     TEXT NOT NULL,
    approx       TEXT,
    per          TEXT
);
CREATE TABLE fact_counts (
    fact_id      INTEGER PRIMARY KEY REFERENCES facts(fact_id) ON DELETE CASCADE,
    count_min    NUMERIC,
    count_max    NUMERIC,
    unit         TEXT,
    entity       TEXT,
    approx       TEXT
);
CREATE TABLE fact_orgs (
    fact_id      INTEGER PRIMARY KEY REFERENCES facts(fact_id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL REFERENCES orgs(org_id)
);
CREATE INDEX fact_orgs_org ON fact_orgs(org_id);
CREATE TABLE events (
    event_id     INTEGER PRIMARY KEY,
    doc_id       INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    type         TEXT NOT NULL,
    trigger      TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    sentence     TEXT,
    date_start   TEXT,
    date_end     TEXT,
    location     TEXT,
    participants NUMERIC,
    is_main      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_doc ON events(doc_id);
CREATE TABLE event_facts (
    event_id     INTEGER NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    fact_id      INTEGER NOT NULL REFERENCES facts(fact_id) ON DELETE CASCADE,
    role         TEXT NOT NULL,          -- date | org | count | money
    PRIMARY KEY (event_id, fact_id)
);
CREATE INDEX event_facts_fact ON event_facts(fact_id);
CREATE TABLE errors (
    error_id     INTEGER PRIMARY KEY,
    run_id       INTEGER REFERENCES runs(run_id),
    source       TEXT NOT NULL,
    record       INTEGER,
    stage        TEXT NOT NULL,          -- read | decode | clean | extract | store
    message      TEXT NOT NULL,
    at           TEXT NOT NULL
);
"""),
    # Search (issue 14): the trigram index keeps no positions (detail=none) and no copy of the text
    # (content=paragraphs). Phrase MATCH is then unavailable, so pipeline/search.py asks it with LIKE,
    # which uses the index to narrow and checks the paragraph text itself: the same rows as a full
    # index at a third less space (docs/search.md has the measurements). Terms of 1-2 characters,
    # which a trigram index cannot find, are matched exactly with instr().
    ("paragraph search index without positions", """
DROP TRIGGER IF EXISTS paragraphs_ai;
DROP TRIGGER IF EXISTS paragraphs_ad;
DROP TRIGGER IF EXISTS paragraphs_au;
DROP TABLE IF EXISTS paragraphs_fts;
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, tokenize = 'trigram', content = 'paragraphs', content_rowid = 'paragraph_id', detail = none);
CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
    INSERT INTO paragraphs_fts (rowid, text) VALUES (new.paragraph_id, new.text);
END;
CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', old.paragraph_id, old.text);
END;
CREATE TRIGGER paragraphs_au AFTER UPDATE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', old.paragraph_id, old.text);
    INSERT INTO paragraphs_fts (rowid, text) VALUES (new.paragraph_id, new.text);
END;
INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild');
"""),
    ("stories", """
CREATE TABLE IF NOT EXISTS stories (
    story_id     INTEGER PRIMARY KEY,
    type         TEXT,                   -- the commonest type of its main events
    created_run  INTEGER REFERENCES runs(run_id)
);
CREATE TABLE IF NOT EXISTS story_documents (
    story_id     INTEGER NOT NULL REFERENCES stories(story_id) ON DELETE CASCADE,
    doc_id       INTEGER NOT NULL UNIQUE REFERENCES documents(doc_id) ON DELETE CASCADE,
    doc_run      INTEGER,                -- documents.updated_run when it was placed: a newer one places it again
    rule         TEXT NOT NULL,          -- story.first | story.linked | story.supported | story.duplicate
    score        REAL,                   -- the overlap of its best link
    PRIMARY KEY (story_id, doc_id)
);
"""),
    ("facts.kind references fact_kinds (the kind map) instead of a CHECK list; documents keyed by source", """
CREATE TABLE fact_kinds (
    kind         TEXT PRIMARY KEY,       -- filled from schema.FACT_KINDS on every open
    value_table  TEXT NOT NULL,
    view         TEXT NOT NULL
);
INSERT INTO fact_kinds VALUES ('date', 'fact_dates', 'v_dates'), ('money', 'fact_money', 'v_money'),
    ('count', 'fact_counts', 'v_counts'), ('org', 'fact_orgs', 'v_orgs');
CREATE TABLE facts_new (
    fact_id      INTEGER PRIMARY KEY,
    doc_id       INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    kind         TEXT NOT NULL REFERENCES fact_kinds(kind),
    text         TEXT NOT NULL,          -- == clean_text[start:end]
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    sentence     TEXT,
    value        TEXT NOT NULL           -- JSON value as in FACTS.md §2
);
INSERT INTO facts_new SELECT fact_id, doc_id, kind, text, start, end, rule, sentence, value FROM facts;
DROP TABLE facts;
ALTER TABLE facts_new RENAME TO facts;
CREATE INDEX facts_doc ON facts(doc_id, kind);
CREATE INDEX facts_rule ON facts(rule);
ALTER TABLE documents ADD COLUMN record_id TEXT;   -- the record's own id (JSONL "id"), when it has one
UPDATE documents SET key = 'migrating:' || doc_id;   -- then every key becomes "path#record"
UPDATE documents SET key = (SELECT path FROM sources s WHERE s.source_id = documents.source_id) || '#' || record
    || CASE WHEN doc_id = (SELECT max(doc_id) FROM documents d WHERE d.source_id = documents.source_id
                           AND d.record = documents.record) THEN '' ELSE '~' || doc_id END;
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
"""),
    # The organisation registry (pipeline/org_registry.py): a short form or brand stem a full company name
    # taught is an alias with the rule that learned it; the surface forms documents wrote keep NULL.
    ("org_aliases.learned: the registry's learned short forms and stems", """
ALTER TABLE org_aliases ADD COLUMN learned TEXT;
CREATE INDEX org_aliases_learned ON org_aliases(learned) WHERE learned IS NOT NULL;
"""),
    # Size (issue 15, docs/storage.md has the measurements). A fact's or event's sentence is kept as
    # offsets into the clean text (sentence_start/sentence_end; the views give the sentence back, read
    # from its paragraph) instead of a copy; sentence_text holds only a quote that is not one stretch of
    # one paragraph (none in the corpora). facts.value, a JSON copy of the value tables, and the index on
    # facts.rule (no query asks for a rule) are dropped; v_facts gives the JSON value. The search index
    # is rebuilt as one token per character (unicode61 over the text with a space after every character,
    # written by the triggers through search_tokens(), a function pipeline/storage.py registers on every
    # writing connection), without positions or a copy of the text: 0.3x the clean text instead of 2x
    # for the trigram index, and terms of one or two characters are found through it too.
    ("smaller database: sentences as offsets, no value copy, a one-character search index", """
DROP INDEX IF EXISTS facts_rule;
ALTER TABLE facts ADD COLUMN sentence_start INTEGER;   -- the quoted sentence is clean_text[sentence_start:sentence_end]
ALTER TABLE facts ADD COLUMN sentence_end INTEGER;
ALTER TABLE facts ADD COLUMN sentence_text TEXT;       -- only a quote that is not a stretch of one paragraph
UPDATE facts SET sentence_start = s.sentence_start, sentence_end = s.sentence_end, sentence_text = s.sentence_text
FROM (""" + _SENTENCE_OFFSETS.format(table="facts", id="fact_id") + """) AS s WHERE s.id = facts.fact_id;
ALTER TABLE facts DROP COLUMN sentence;
ALTER TABLE facts DROP COLUMN value;
ALTER TABLE events ADD COLUMN sentence_start INTEGER;
ALTER TABLE events ADD COLUMN sentence_end INTEGER;
ALTER TABLE events ADD COLUMN sentence_text TEXT;
UPDATE events SET sentence_start = s.sentence_start, sentence_end = s.sentence_end, sentence_text = s.sentence_text
FROM (""" + _SENTENCE_OFFSETS.format(table="events", id="event_id") + """) AS s WHERE s.id = events.event_id;
ALTER TABLE events DROP COLUMN sentence;
DROP TRIGGER IF EXISTS paragraphs_ai;
DROP TRIGGER IF EXISTS paragraphs_ad;
DROP TRIGGER IF EXISTS paragraphs_au;
DROP TABLE IF EXISTS paragraphs_fts;
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, tokenize = 'unicode61', content = '', detail = none, columnsize = 0);
CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
    INSERT INTO paragraphs_fts (rowid, text) VALUES (new.paragraph_id, search_tokens(new.text));
END;
CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', old.paragraph_id, search_tokens(old.text));
END;
CREATE TRIGGER paragraphs_au AFTER UPDATE OF text ON paragraphs BEGIN
    INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', old.paragraph_id, search_tokens(old.text));
    INSERT INTO paragraphs_fts (rowid, text) VALUES (new.paragraph_id, search_tokens(new.text));
END;
INSERT INTO paragraphs_fts (rowid, text) SELECT paragraph_id, search_tokens(text) FROM paragraphs;
"""),
    # The near-duplicate index on disk (issue 15): the LSH band keys of every stored signature
    # (article_dedup.LshBands), looked up per document by the writer instead of an index in
    # memory. Filled from documents.minhash by the store when it is empty (FactStore.begin_run).
    ("near-duplicate index in SQLite", """
CREATE TABLE IF NOT EXISTS article_bands (
    key          INTEGER NOT NULL,       -- one LSH band of the document's MinHash, hashed to 64 bits
    doc_id       INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
"""),
    # Storage speed and size (issue 15, docs/storage.md). The search index holds one row per document
    # (rowid = doc_id), not per paragraph: the set of characters of its clean text (search_tokens()), no
    # positions, no copy of the text. The store writes it with the document's other rows, one executemany
    # per batch, and removes a changed document's row before replacing its paragraphs; the per-row
    # triggers are gone (each fired FTS5's flush of a savepoint: 3-4x the cost of the insert itself).
    ("search index per document, written by the store", """
DROP TRIGGER IF EXISTS paragraphs_ai;
DROP TRIGGER IF EXISTS paragraphs_ad;
DROP TRIGGER IF EXISTS paragraphs_au;
DROP TABLE IF EXISTS paragraphs_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    text, tokenize = 'unicode61', content = '', detail = none, columnsize = 0);
INSERT INTO documents_fts (rowid, text)
    SELECT doc_id, search_tokens(group_concat(text, char(10))) FROM paragraphs GROUP BY doc_id;
"""),
    # Size (issue 15, docs/storage.md). No MinHash signature per document (~430 bytes, 0.3x of short news'
    # clean text): the band keys in article_bands find the candidates, and the store signs a candidate
    # again from its stored body (the same text, the same seeded signer: the same values, the same
    # decisions). No index nothing reads: documents by source_id. event_facts keyed by its primary key
    # alone (WITHOUT ROWID: one b-tree, not a table and its index). facts_doc on doc_id alone.
    ("no stored signature, fewer indexes", """
ALTER TABLE documents DROP COLUMN minhash;
DROP INDEX IF EXISTS documents_source;
CREATE TABLE event_facts_new (
    event_id     INTEGER NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    fact_id      INTEGER NOT NULL REFERENCES facts(fact_id) ON DELETE CASCADE,
    role         TEXT NOT NULL,          -- date | org | count | money
    PRIMARY KEY (event_id, fact_id)
) WITHOUT ROWID;
INSERT INTO event_facts_new SELECT event_id, fact_id, role FROM event_facts;
DROP TABLE event_facts;
ALTER TABLE event_facts_new RENAME TO event_facts;
CREATE INDEX event_facts_fact ON event_facts(fact_id);
DROP INDEX IF EXISTS facts_doc;
CREATE INDEX facts_doc ON facts(doc_id);
"""),
)


def sql_number(value: Decimal | None) -> int | str | None:
    """Decimals go in as exact text (NUMERIC affinity stores integral ones as integers)."""
    if value is None:
        return None
    if value == value.to_integral_value() and _INT64_MIN <= value <= _INT64_MAX:
        return int(value)
    return str(value)  # a fraction, or past the 64-bit range (180百亿亿次): NUMERIC keeps it as REAL or text


_INT64_MIN, _INT64_MAX = -(2 ** 63), 2 ** 63 - 1


@dataclass(frozen=True, slots=True)
class FactKind:
    """Where one fact kind lives in the database and how a fact fills its row.

    ``row(fact, org_id)`` gives the value table's columns after ``fact_id``, in order;
    ``org`` (kinds that name an organisation) gives the fact's canonical name and type, which
    the store turns into the ``org_id`` passed to ``row`` (and an alias when the text differs).
    """

    kind: str
    table: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type and constraints), after fact_id
    row: Callable[[Any, int | None], tuple]
    view: str
    view_columns: str  # the view's value columns, from ``x`` (the value table) and its joins
    value_json: str  # the FACTS.md §2 JSON value, from ``x`` (the value table) and its joins (v_facts)
    view_joins: str = ""
    indexes: tuple[tuple[str, str], ...] = ()  # (index name, column) of the value table
    org: Callable[[Any], tuple[str, str]] | None = None

    def create_sql(self) -> list[str]:
        columns = ",\n    ".join(f"{name:<12} {decl}" for name, decl in self.columns)
        sql = [f"CREATE TABLE IF NOT EXISTS {self.table} (\n"
               f"    fact_id      INTEGER PRIMARY KEY REFERENCES facts(fact_id) ON DELETE CASCADE,\n    {columns}\n)"]
        sql += [f"CREATE INDEX IF NOT EXISTS {name} ON {self.table}({column})" for name, column in self.indexes]
        return sql

    def insert_sql(self) -> str:
        return f"INSERT INTO {self.table} VALUES ({', '.join('?' * (len(self.columns) + 1))})"

    def view_sql(self) -> str:
        return (f"\nSELECT f.doc_id, d.title, d.published, f.text, {self.view_columns}, f.rule, f.start, f.end, "
                f"{sentence_sql('f')} AS sentence, f.fact_id\nFROM facts f JOIN {self.table} x USING (fact_id) "
                f"{self.view_joins}JOIN documents d USING (doc_id)\nWHERE d.duplicate_of IS NULL")

    def value_sql(self, fact: str) -> str:
        """The fact's FACTS.md §2 JSON value, read from its value table (a subquery on the fact ``fact``)."""
        return f"(SELECT {self.value_json} FROM {self.table} x {self.view_joins}WHERE x.fact_id = {fact}.fact_id)"


def sentence_sql(row: str) -> str:
    """The sentence a fact or event (table alias ``row``) quotes: its stretch of the paragraph holding it
    (schema 6 keeps offsets, not a copy), or the quote kept as text when it is not one stretch of one paragraph."""
    return (f"coalesce({row}.sentence_text, (SELECT substr(p.text, {row}.sentence_start - p.start + 1, "
            f"{row}.sentence_end - {row}.sentence_start) FROM paragraphs p WHERE p.doc_id = {row}.doc_id "
            f"AND p.start <= {row}.sentence_start ORDER BY p.idx DESC LIMIT 1))")


def stored_sentence(text: str, sentence: str, at: int) -> tuple[int | None, int | None, str | None]:
    """How a row quoting ``sentence`` around offset ``at`` of the clean ``text`` stores it:
    ``(sentence_start, sentence_end, None)`` for a stretch of one paragraph (``sentence_sql`` reads it back),
    else ``(None, None, sentence)``. The stretch holding ``at`` is preferred; any place holds the same text."""
    if sentence and "\n" not in sentence:
        found = text.find(sentence, max(0, at - len(sentence) + 1), at + len(sentence))
        if found < 0:
            found = text.find(sentence)
        if found >= 0:
            return found, found + len(sentence), None
    return None, None, sentence


FACT_KINDS: dict[str, FactKind] = {k.kind: k for k in (
    FactKind(
        "date", "fact_dates",
        (("iso", "TEXT NOT NULL"), ("date_start", "TEXT NOT NULL"), ("date_end", "TEXT NOT NULL"),
         ("granularity", "TEXT NOT NULL"), ("resolved", "TEXT NOT NULL")),
        lambda f, _: (f.iso, f.date_start, f.date_end, f.granularity, f.resolved),
        "v_dates", "x.date_start, x.date_end, x.granularity, x.resolved, x.iso",
        "json_object('iso', x.iso, 'granularity', x.granularity, 'resolved', x.resolved)", indexes=(("fact_dates_start", "date_start"),)),
    FactKind(
        "money", "fact_money",
        (("amount_min", "NUMERIC"), ("amount_max", "NUMERIC"), ("currency", "TEXT NOT NULL"), ("approx", "TEXT"),
         ("per", "TEXT")),
        lambda f, _: (sql_number(f.min), sql_number(f.max), f.currency, f.approx, f.per),
        "v_money", "x.amount_min, x.amount_max, x.currency, x.approx, x.per",
        "json_object('min', x.amount_min, 'max', x.amount_max, 'currency', x.currency, 'approx', x.approx, 'per', x.per)"),
    FactKind(
        "count", "fact_counts",
        (("count_min", "NUMERIC"), ("count_max", "NUMERIC"), ("unit", "TEXT"), ("entity", "TEXT"), ("approx", "TEXT")),
        lambda f, _: (sql_number(f.min), sql_number(f.max), f.unit, f.entity, f.approx),
        "v_counts", "x.count_min, x.count_max, x.unit, x.entity, x.approx",
        "json_object('min', x.count_min, 'max', x.count_max, 'unit', x.unit, 'entity', x.entity, 'approx', x.approx)"),
    FactKind(
        "org", "fact_orgs", (("org_id", "INTEGER NOT NULL REFERENCES orgs(org_id)"),),
        lambda f, org_id: (org_id,),
        "v_orgs", "o.org_id, o.name AS org_name, o.type AS org_type", "json_object('name', o.name, 'type', o.type)",
        view_joins="JOIN orgs o USING (org_id) ",
        indexes=(("fact_orgs_org", "org_id"),), org=lambda f: (f.name, f.type)),
)}


VIEWS: tuple[tuple[str, str], ...] = (
    ("v_documents", """
SELECT d.doc_id, s.path || '#' || d.record AS source, d.title, d.published, d.url, d.site,
       d.script, d.duplicate_of, d.source_name, d.authors, d.quality, d.key,
       (SELECT group_concat(p.text, char(10)) FROM
           (SELECT text FROM paragraphs WHERE doc_id = d.doc_id ORDER BY idx) AS p) AS text
FROM documents d JOIN sources s USING (source_id)"""),
    *((k.view, k.view_sql()) for k in FACT_KINDS.values()),
    ("v_facts", f"""
SELECT f.fact_id, f.doc_id, f.kind, f.text, f.start, f.end, f.rule, {sentence_sql('f')} AS sentence,
       CASE f.kind {' '.join(f"WHEN '{k.kind}' THEN {k.value_sql('f')}" for k in FACT_KINDS.values())} END AS value
FROM facts f"""),
    ("v_events", f"""
SELECT e.event_id, e.doc_id, d.title, e.type, e.trigger, e.date_start, e.date_end, e.location,
       (SELECT group_concat(name, '、') FROM (
            SELECT DISTINCT o.name FROM event_facts ef JOIN fact_orgs fo USING (fact_id)
            JOIN orgs o USING (org_id) WHERE ef.event_id = e.event_id)) AS orgs,
       e.participants, e.is_main, {sentence_sql('e')} AS sentence, e.rule, d.published
FROM events e JOIN documents d USING (doc_id)
WHERE d.duplicate_of IS NULL"""),
    ("v_org_mentions", """
SELECT o.org_id, o.name, o.type, count(*) AS mentions, count(DISTINCT f.doc_id) AS documents,
       (SELECT group_concat(alias, '、') FROM org_aliases a WHERE a.org_id = o.org_id) AS aliases
FROM orgs o JOIN fact_orgs x USING (org_id) JOIN facts f USING (fact_id) JOIN documents d USING (doc_id)
WHERE d.duplicate_of IS NULL GROUP BY o.org_id"""),
    ("v_stories", f"""
SELECT s.story_id, s.type, min(d.published) AS first_date, max(d.published) AS last_date,
       (SELECT d2.title FROM story_documents x2 JOIN documents d2 USING (doc_id) WHERE x2.story_id = s.story_id
        ORDER BY d2.published IS NULL, d2.published, d2.doc_id LIMIT 1) AS title,
       count(*) AS documents,
       (SELECT group_concat(outlet, '、') FROM (
            SELECT DISTINCT {OUTLET_SQL} AS outlet FROM story_documents x3 JOIN documents d USING (doc_id)
            WHERE x3.story_id = s.story_id AND outlet IS NOT NULL)) AS outlets,
       (SELECT group_concat(name, '、') FROM (
            SELECT DISTINCT o.name FROM story_documents x4 JOIN events e ON e.doc_id = x4.doc_id AND e.is_main = 1
            JOIN event_facts ef ON ef.event_id = e.event_id AND ef.role = 'org' JOIN fact_orgs fo USING (fact_id)
            JOIN orgs o USING (org_id) WHERE x4.story_id = s.story_id)) AS orgs,
       (SELECT group_concat(location, '、') FROM (
            SELECT DISTINCT e.location FROM story_documents x5 JOIN events e ON e.doc_id = x5.doc_id AND e.is_main = 1
            WHERE x5.story_id = s.story_id AND e.location IS NOT NULL)) AS places,
       (SELECT min(e.date_start) FROM story_documents x6 JOIN events e ON e.doc_id = x6.doc_id AND e.is_main = 1
        WHERE x6.story_id = s.story_id) AS event_date
FROM stories s JOIN story_documents x USING (story_id) JOIN documents d USING (doc_id)
GROUP BY s.story_id"""),
    ("v_story_documents", f"""
SELECT x.story_id, x.doc_id, d.title, d.published, {OUTLET_SQL} AS outlet, e.type, e.trigger,
       e.date_start, e.location, x.rule, x.score, d.url
FROM story_documents x JOIN documents d USING (doc_id)
LEFT JOIN events e ON e.doc_id = x.doc_id AND e.is_main = 1"""),
)

SCHEMA_VERSION = len(MIGRATIONS)
