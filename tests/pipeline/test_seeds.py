"""pipeline.seeds from the ingested sample corpus: each seed file loads back in the tool it is for."""

from __future__ import annotations

import csv
import json
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from pipeline.cli import main


@pytest.fixture(scope="module")
def seeds(corpus_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    for kind, name in [("jieba", "orgs.dict"), ("label-studio", "tasks.json"), ("doccano", "doccano.jsonl"),
                       ("graph", "graph")]:
        assert main(["seeds", kind, "-o", str(folder / name), "--db", str(corpus_db)]) == 0
    return folder


@pytest.fixture(scope="module")
def conn(corpus_db):
    connection = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield connection
    connection.close()


# -- jieba ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tokenizers(seeds):
    import jieba

    plain, tuned = jieba.Tokenizer(), jieba.Tokenizer()
    tuned.load_userdict(str(seeds / "orgs.dict"))
    return plain, tuned


def test_jieba_dictionary_lines(seeds, conn):
    lines = (seeds / "orgs.dict").read_text("utf-8").splitlines()
    names = {r[0] for r in conn.execute("SELECT DISTINCT org_name FROM v_orgs")}
    assert {line.split(" ")[0] for line in lines} == names
    for line in lines:
        name, freq, tag = line.split(" ")
        assert int(freq) >= 1 and tag == "nt"


@pytest.mark.parametrize("hmm", [False, True])
def test_jieba_keeps_every_org_whole_in_its_own_sentences(seeds, conn, tokenizers, hmm):
    """Each org name, in the sentences it was found in, comes out of jieba as one token."""
    plain, tuned = tokenizers
    rows = conn.execute("SELECT DISTINCT org_name, sentence FROM v_orgs WHERE instr(sentence, org_name) > 0").fetchall()
    assert len(rows) > 50
    split_before = 0
    for name, sentence in rows:
        assert name in tuned.lcut(sentence, HMM=hmm), (name, tuned.lcut(sentence, HMM=hmm))
        split_before += name not in plain.lcut(sentence, HMM=hmm)
    assert split_before > 20  # without the dictionary jieba splits many of them


# -- annotation tools -------------------------------------------------------------------------------
def test_label_studio_spans_equal_the_text_they_point_at(seeds, conn):
    tasks = json.loads((seeds / "tasks.json").read_text("utf-8"))
    assert len(tasks) == conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NULL").fetchone()[0]
    spans = 0
    for task in tasks:
        text = task["data"]["text"]
        (prediction,) = task["predictions"]
        for result in prediction["result"]:
            value = result["value"]
            assert text[value["start"]:value["end"]] == value["text"]
            assert value["labels"][0] in {"DATE", "MONEY", "COUNT", "ORG"}
            assert (result["from_name"], result["to_name"], result["type"]) == ("label", "text", "labels")
            spans += 1
    assert spans == conn.execute("SELECT count(*) FROM facts JOIN documents USING (doc_id) "
                                 "WHERE duplicate_of IS NULL").fetchone()[0]


def test_label_studio_has_the_huzhou_money(seeds):
    tasks = json.loads((seeds / "tasks.json").read_text("utf-8"))
    huzhou = next(t for t in tasks if (t["data"]["title"] or "").startswith("湖州市总工会启动"))
    money = [r["value"]["text"] for r in huzhou["predictions"][0]["result"] if r["value"]["labels"] == ["MONEY"]]
    assert money.count("580万元") == 2  # title and body


def test_doccano_labels_point_at_their_text(seeds, conn):
    records = [json.loads(line) for line in (seeds / "doccano.jsonl").read_text("utf-8").splitlines()]
    facts = {(doc, start, end): text for doc, start, end, text in conn.execute("SELECT doc_id, start, end, text FROM facts")}
    assert records
    for record in records:
        for start, end, label in record["label"]:
            assert record["text"][start:end] == facts[(record["doc_id"], start, end)]
            assert label in {"DATE", "MONEY", "COUNT", "ORG"}


# -- graph ------------------------------------------------------------------------------------------
def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_graph_csv_ids_are_consistent(seeds):
    folder = seeds / "graph"
    ids: dict[str, set[str]] = {}
    for path in folder.glob("nodes_*.csv"):
        header, *rows = read_csv(path)
        space = header[0].split("ID(")[1].rstrip(")")
        assert header[-1] == ":LABEL" and {r[-1] for r in rows} <= {space}
        ids[space] = {r[0] for r in rows}
        assert len(ids[space]) == len(rows), f"duplicate ids in {path.name}"
    assert set(ids) == {"Document", "Org", "Event", "Place"} and all(ids.values())
    edges = 0
    for path in folder.glob("edges_*.csv"):
        header, *rows = read_csv(path)
        start_space = header[0].split("(")[1].rstrip(")")
        end_space = header[1].split("(")[1].rstrip(")")
        for row in rows:
            assert row[0] in ids[start_space] and row[1] in ids[end_space]
            edges += 1
    assert edges > 100


def test_graphml_parses_with_networkx_and_matches_the_csv(seeds):
    import networkx as nx

    graph = nx.read_graphml(seeds / "graph" / "graph.graphml")
    nodes = sum(len(read_csv(p)) - 1 for p in (seeds / "graph").glob("nodes_*.csv"))
    edges = sum(len(read_csv(p)) - 1 for p in (seeds / "graph").glob("edges_*.csv"))
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == edges
    final = next(n for n, d in graph.nodes(data=True) if d.get("trigger") == "技能竞赛决赛")
    assert graph.nodes[final]["participants"] == 60 and graph.nodes[final]["main"] is True
    orgs = {graph.nodes[t]["name"] for _, t, d in graph.out_edges(final, data=True) if d["type"] == "INVOLVES"}
    assert orgs == {"和政县吉美包袋有限公司"}
    ET.parse(seeds / "graph" / "graph.graphml")  # plain XML too


# -- never over a file without --force --------------------------------------------------------------
@pytest.mark.parametrize("kind, name", [("jieba", "orgs.dict"), ("label-studio", "tasks.json"),
                                        ("doccano", "doccano.jsonl"), ("graph", "graph")])
def test_seeds_refuse_to_replace_without_force(corpus_db, tmp_path, capsys, kind, name):
    target = tmp_path / name
    assert main(["seeds", kind, "-o", str(target), "--db", str(corpus_db)]) == 0
    marker = (target / "nodes_orgs.csv") if kind == "graph" else target
    marker.write_text("mine", "utf-8")
    assert main(["seeds", kind, "-o", str(target), "--db", str(corpus_db)]) == 2
    assert "exists (use --force" in capsys.readouterr().err and marker.read_text("utf-8") == "mine"
    assert main(["seeds", kind, "-o", str(target), "--db", str(corpus_db), "--force"]) == 0
    assert marker.read_text("utf-8") != "mine"


def test_seeds_never_write_onto_the_database(corpus_db, capsys):
    before = corpus_db.read_bytes()
    assert main(["seeds", "jieba", "-o", str(corpus_db), "--db", str(corpus_db), "--force"]) == 2
    assert "refusing to write" in capsys.readouterr().err and corpus_db.read_bytes() == before
