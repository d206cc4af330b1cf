"""Seed files for other tools, built from the facts database (``newsfacts seeds KIND -o PATH``).

- ``jieba``: a user dictionary (``name freq nt``) of the organisations, with frequencies high
  enough that jieba keeps each name whole (jieba's own ``suggest_freq`` decides).
- ``label-studio``: tasks JSON, the clean text with DATE/MONEY/COUNT/ORG spans as predictions
  (labeling config in docs/seeds.md), importable as it is.
- ``doccano``: JSONL, one document per line with ``label`` spans ``[start, end, LABEL]``.
- ``graph``: a folder of node and edge CSV files in Neo4j's bulk-import format
  (``neo4j-admin database import full``) and the same graph as GraphML (Gephi, NetworkX).

Spans are the facts' own offsets, which point into the clean text (FACTS.md §2), so every
span equals the text it points at. Only canonical documents are used (duplicates repeat them).
Reading is here; writing goes through pipeline/export.py's guarded output (never over a file
without ``--force``, never onto the database).
"""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from pipeline.errors import UserError
from pipeline.export import guarded_output

KINDS = ("jieba", "label-studio", "doccano", "graph")
LABELS = {"date": "DATE", "money": "MONEY", "count": "COUNT", "org": "ORG"}
JIEBA_TAG = "nt"  # jieba's part-of-speech tag for organisation names
LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="DATE"/><Label value="MONEY"/><Label value="COUNT"/><Label value="ORG"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>"""


# -- reading ---------------------------------------------------------------------------------------
def org_names(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(canonical name, type, mentions) of every organisation mentioned in a canonical document."""
    return conn.execute("""
        SELECT o.name, o.type, count(*) FROM orgs o JOIN fact_orgs x USING (org_id) JOIN facts f USING (fact_id)
        JOIN documents d USING (doc_id) WHERE d.duplicate_of IS NULL GROUP BY o.org_id ORDER BY o.name""").fetchall()


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    doc_id: int
    title: str | None
    published: str | None
    url: str | None
    text: str
    spans: list[tuple[int, int, str, str, int]]  # start, end, LABEL, text, fact_id


def annotated_documents(conn: sqlite3.Connection) -> Iterator[AnnotatedDocument]:
    """Canonical documents with their clean text and fact spans, in doc_id order."""
    docs = conn.execute("SELECT doc_id, title, published, url, text FROM v_documents "
                        "WHERE duplicate_of IS NULL ORDER BY doc_id").fetchall()
    for doc_id, title, published, url, text in docs:
        spans = [(start, end, LABELS[kind], fact_text, fact_id) for start, end, kind, fact_text, fact_id in conn.execute(
            "SELECT start, end, kind, text, fact_id FROM facts WHERE doc_id = ? ORDER BY start, end", (doc_id,))]
        yield AnnotatedDocument(doc_id, title, published, url, text or "", spans)


# -- jieba -----------------------------------------------------------------------------------------
def jieba_lines(conn: sqlite3.Connection) -> list[str]:
    """``name freq nt`` lines: each name's frequency is what jieba needs to keep it whole (at least its
    mention count). Names with spaces cannot be dictionary words and are left out."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not the command's output
    tokenizer = jieba.Tokenizer()  # jieba's own dictionary, loaded once for this call
    tokenizer.initialize()
    lines = []
    for name, _type, mentions in org_names(conn):
        if not name or any(ch.isspace() for ch in name):
            continue
        freq = max(tokenizer.suggest_freq(name, tune=False), mentions, 1)
        lines.append(f"{name} {freq} {JIEBA_TAG}")
    return lines


# -- annotation tools ------------------------------------------------------------------------------
def label_studio_tasks(conn: sqlite3.Connection, model_version: str = "newsfacts") -> list[dict[str, Any]]:
    """Label Studio tasks: ``data`` (text and metadata) and one prediction with every fact span."""
    tasks = []
    for doc in annotated_documents(conn):
        result = [{"id": f"f{fact_id}", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": start, "end": end, "text": text, "labels": [label]}}
                  for start, end, label, text, fact_id in doc.spans]
        tasks.append({"data": {"text": doc.text, "doc_id": doc.doc_id, "title": doc.title,
                               "published": doc.published, "url": doc.url},
                      "predictions": [{"model_version": model_version, "result": result}]})
    return tasks


def doccano_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """doccano sequence-labelling JSONL records: ``text`` and ``label`` = [[start, end, LABEL], …]."""
    for doc in annotated_documents(conn):
        yield {"text": doc.text, "label": [[start, end, label] for start, end, label, _, _ in doc.spans],
               "doc_id": doc.doc_id, "title": doc.title, "published": doc.published}


# -- graph -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GraphTable:
    """One CSV file of the Neo4j import: its file name, header (Neo4j typed columns) and rows."""

    file: str
    header: tuple[str, ...]
    rows: list[tuple]
    node_label: str | None = None  # nodes: their label (and id space); edges: None


def graph_tables(conn: sqlite3.Connection) -> list[GraphTable]:
    """Organisations, events, places and documents as nodes; who took part, where, what reported what."""
    canonical = "d.duplicate_of IS NULL"
    docs = conn.execute(f"SELECT 'doc:' || doc_id, title, published, site, url FROM documents d "
                        f"WHERE {canonical} ORDER BY doc_id").fetchall()
    orgs = conn.execute(f"""SELECT 'org:' || o.org_id, o.name, o.type, count(*) FROM orgs o
        JOIN fact_orgs x USING (org_id) JOIN facts f USING (fact_id) JOIN documents d USING (doc_id)
        WHERE {canonical} GROUP BY o.org_id ORDER BY o.org_id""").fetchall()
    events = conn.execute(f"""SELECT 'event:' || e.event_id, e.type, e.trigger, e.date_start, e.date_end,
        e.participants, e.is_main, e.location, e.doc_id FROM events e JOIN documents d USING (doc_id)
        WHERE {canonical} ORDER BY e.event_id""").fetchall()
    places = sorted({e[7] for e in events if e[7]})
    place_ids = {name: f"place:{i}" for i, name in enumerate(places, start=1)}
    mentions = conn.execute(f"""SELECT 'doc:' || f.doc_id, 'org:' || x.org_id, count(*) FROM facts f
        JOIN fact_orgs x USING (fact_id) JOIN documents d USING (doc_id) WHERE {canonical}
        GROUP BY f.doc_id, x.org_id ORDER BY f.doc_id, x.org_id""").fetchall()
    involves = conn.execute(f"""SELECT DISTINCT 'event:' || ef.event_id, 'org:' || fo.org_id FROM event_facts ef
        JOIN fact_orgs fo USING (fact_id) JOIN events e USING (event_id) JOIN documents d USING (doc_id)
        WHERE ef.role = 'org' AND {canonical} ORDER BY ef.event_id, fo.org_id""").fetchall()
    return [
        _nodes("nodes_documents.csv", ("id:ID(Document)", "title", "published", "site", "url"), docs, "Document"),
        _nodes("nodes_orgs.csv", ("id:ID(Org)", "name", "type", "mentions:int"), orgs, "Org"),
        _nodes("nodes_events.csv", ("id:ID(Event)", "type", "trigger", "date_start", "date_end",
                                    "participants:float", "main:boolean"),
               [(*e[:5], e[5], "true" if e[6] else "false") for e in events], "Event"),
        _nodes("nodes_places.csv", ("id:ID(Place)", "name"), [(place_ids[p], p) for p in places], "Place"),
        GraphTable("edges_reports.csv", (":START_ID(Document)", ":END_ID(Event)", ":TYPE"),
                   [(f"doc:{e[8]}", e[0], "REPORTS") for e in events]),
        GraphTable("edges_mentions.csv", (":START_ID(Document)", ":END_ID(Org)", "count:int", ":TYPE"),
                   [(*m, "MENTIONS") for m in mentions]),
        GraphTable("edges_involves.csv", (":START_ID(Event)", ":END_ID(Org)", ":TYPE"),
                   [(*i, "INVOLVES") for i in involves]),
        GraphTable("edges_at.csv", (":START_ID(Event)", ":END_ID(Place)", ":TYPE"),
                   [(e[0], place_ids[e[7]], "AT") for e in events if e[7]]),
    ]


def _nodes(file: str, header: tuple[str, ...], rows: list[tuple], label: str) -> GraphTable:
    """A node file with Neo4j's ``:LABEL`` column last."""
    return GraphTable(file, (*header, ":LABEL"), [(*r, label) for r in rows], label)


def _property(column: str) -> tuple[str, str]:
    """A Neo4j header column → (GraphML key name, GraphML type); ("", "") for ids, labels and edge ends,
    which GraphML says with its own attributes."""
    name, _, kind = column.partition(":")
    if kind.startswith("ID(") or not name:
        return "", ""
    return name, {"int": "long", "float": "double", "boolean": "boolean"}.get(kind, "string")


def write_graphml(tables: list[GraphTable], out: IO[str]) -> None:
    """The graph of ``tables`` as GraphML (directed; every node has ``label``, every edge ``type``)."""
    keys: dict[tuple[str, str], str] = {}  # (domain, name) → graphml type
    for table in tables:
        domain = "node" if table.node_label else "edge"
        keys[(domain, "label" if table.node_label else "type")] = "string"
        for column in table.header:
            name, kind = _property(column)
            if name:
                keys[(domain, name)] = kind
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    ids = {key: f"{key[0][0]}_{key[1]}" for key in keys}
    for (domain, name), kind in keys.items():
        out.write(f'  <key id={quoteattr(ids[(domain, name)])} for="{domain}" attr.name={quoteattr(name)} '
                  f'attr.type="{kind}"/>\n')
    out.write('  <graph id="newsfacts" edgedefault="directed">\n')
    for table in tables:
        domain = "node" if table.node_label else "edge"
        for row in table.rows:
            values = dict(zip(table.header, row))
            if table.node_label:
                out.write(f"    <node id={quoteattr(str(row[0]))}>")
                data = {"label": table.node_label}
            else:
                out.write(f"    <edge source={quoteattr(str(row[0]))} target={quoteattr(str(row[1]))}>")
                data = {"type": values[":TYPE"]}
            for column, value in values.items():
                name, kind = _property(column)
                if name and value is not None:
                    data[name] = value
            for name, value in data.items():
                out.write(f"<data key={quoteattr(ids[(domain, name)])}>{escape(str(value))}</data>")
            out.write("</node>\n" if table.node_label else "</edge>\n")
    out.write("  </graph>\n</graphml>\n")


# -- writing ---------------------------------------------------------------------------------------
def write_seeds(conn: sqlite3.Connection, db_path: Path, kind: str, output: Path, *, force: bool = False) -> list[Path]:
    """Write the seed file(s) of ``kind`` to ``output`` (a folder for ``graph``); the paths written."""
    if kind == "jieba":
        with guarded_output(output, db_path, force=force) as out:
            out.write("".join(line + "\n" for line in jieba_lines(conn)))
        return [output]
    if kind == "label-studio":
        with guarded_output(output, db_path, force=force) as out:
            json.dump(label_studio_tasks(conn), out, ensure_ascii=False, indent=1)
        return [output]
    if kind == "doccano":
        with guarded_output(output, db_path, force=force) as out:
            for record in doccano_records(conn):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return [output]
    if kind == "graph":
        if output.exists() and not output.is_dir():
            raise UserError(f"cannot write the graph into {output}: it is a file (give a folder)")
        if not output.parent.is_dir():
            raise UserError(f"cannot write {output}: the folder {output.parent} does not exist")
        tables = graph_tables(conn)
        targets = [output / t.file for t in tables] + [output / "graph.graphml"]
        existing = [p for p in targets if p.exists()]
        if existing and not force:  # refuse before writing anything
            raise UserError(f"{existing[0]} exists (use --force to replace the graph files)")
        output.mkdir(exist_ok=True)
        for table in tables:
            with guarded_output(output / table.file, db_path, force=force) as out:
                writer = csv.writer(out)
                writer.writerow(table.header)
                writer.writerows(table.rows)
        with guarded_output(output / "graph.graphml", db_path, force=force) as out:
            write_graphml(tables, out)
        return targets
    raise UserError(f"unknown seed kind {kind!r} (one of {', '.join(KINDS)})")
