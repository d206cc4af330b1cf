"""The organisation registry in the database: learn from stored full names, resolve stored documents.

The registry lives in ``orgs`` and ``org_aliases``: a form a full company name taught
(:func:`pipeline.org_registry.learned_forms`) is an ``org_aliases`` row of that organisation whose
``learned`` column names the rule that learned it. :func:`update_registry` is one step of
``ingest`` (the documents of the run: learn from them, then resolve them with everything learned so
far) and the whole of ``newsfacts reresolve`` (every document: learn again from all of them, drop what
is no longer learned, resolve them all, so that a document stored before a name was learned gets its
mentions). A document's mentions are its facts of the ``org.registry.*`` rules, replaced through
:meth:`pipeline.storage.FactStore.replace_facts`; a document whose mentions did not change is not
written, so running it twice writes nothing the second time.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from pipeline.org_registry import RULE_PREFIX, LearnedForm, Registry, RegistryWords, find_mentions, learned_forms
from pipeline.storage import FactStore

__all__ = ["RegistryUpdate", "update_registry"]

_NOT_REGISTRY = f"f.rule NOT LIKE '{RULE_PREFIX}%'"


@dataclass(frozen=True, slots=True)
class RegistryUpdate:
    """What one update did: forms learned (new rows), forms dropped, forms in use, documents scanned and
    rewritten, mentions found in the documents scanned, extractor facts pointed at their canonical company."""

    learned: int
    dropped: int
    forms: int
    documents: int
    rewritten: int
    mentions: int
    relinked: int = 0

    def render(self) -> str:
        return (f"registry     {self.forms} learned forms ({self.learned} new, {self.dropped} dropped); "
                f"{self.mentions} mentions in {self.documents} documents ({self.rewritten} rewritten); "
                f"{self.relinked} short names resolved to their company")


def update_registry(store: FactStore, run_id: int | None = None, words: RegistryWords | None = None
                    ) -> RegistryUpdate:
    """Learn from the documents written in run ``run_id`` (every document when None) and resolve their
    mentions; with None, forms no document teaches any more are dropped as well. One transaction."""
    words_at_first_use = _WordsAtFirstUse(words)
    conn = store.conn
    with store.transaction():
        taught = _taught(conn, words_at_first_use, run_id)
        learned, dropped = _save_forms(conn, taught, replace_all=run_id is None)
        registry = Registry.of(_stored_forms(conn), (name for (name,) in conn.execute(
            "SELECT name FROM orgs WHERE type != 'company'")))
        pattern = registry.pattern()
        documents = rewritten = mentions = 0
        for doc_id, text, taken, names, current in _documents(conn, run_id):
            documents += 1
            facts = [] if pattern is None else find_mentions(text, registry, taken, words_at_first_use.get(),
                                                             pattern, names)
            mentions += len(facts)
            if {(f.start, f.end, f.rule, f.name) for f in facts} != current:
                store.replace_facts(doc_id, RULE_PREFIX, facts)
                rewritten += 1
        relinked = _relink_short_names(store, registry, run_id)
    return RegistryUpdate(learned, dropped, len(registry.forms), documents, rewritten, mentions, relinked)


class _WordsAtFirstUse:
    """The registry's word lists, loaded when first needed: a run that teaches no form and has none to
    resolve never reads them. The place table and jieba's dictionary are the extractors'
    (:data:`extractors.protocol.SHARED_RESOURCES`), not second copies read again, when this process has
    read them (a run with one worker); else jieba's dictionary is read for the three word sets the registry
    keeps and let go, so that the writing process does not hold it while stories are clustered."""

    def __init__(self, words: RegistryWords | None) -> None:
        self._words = words

    def get(self) -> RegistryWords:
        if self._words is None:
            from extractors.protocol import SHARED_RESOURCES

            jieba = SHARED_RESOURCES.jieba if SHARED_RESOURCES.jieba_loaded else None  # else read, used, let go
            self._words = RegistryWords.load(SHARED_RESOURCES.places, jieba)
        return self._words


def _relink_short_names(store: FactStore, registry: Registry, run_id: int | None) -> int:
    """Org facts of the extractors that name a company by a learned form, or by it and 公司/集团 (字节跳动旗下,
    华为公司), now point at the canonical company. Returns how many facts changed."""
    where, args = _scope(run_id)
    by_target: dict[tuple[str, str], list[int]] = defaultdict(list)
    for fact_id, name in store.conn.execute(
            "SELECT f.fact_id, o.name FROM facts f JOIN fact_orgs x USING (fact_id) JOIN orgs o USING (org_id) "
            f"WHERE f.kind = 'org' AND o.type = 'company' AND {_NOT_REGISTRY}{where}", args):
        form = registry.forms.get(name) or registry.forms.get(_without_company_word(name))
        if form is not None and form.name != name:
            by_target[(form.name, form.type)].append(fact_id)
    for (name, type_), fact_ids in by_target.items():
        store.relink_org_facts(fact_ids, name, type_)
    return sum(map(len, by_target.values()))


def _without_company_word(name: str) -> str:
    return name[:-2] if name.endswith(_COMPANY_WORDS) else name


_COMPANY_WORDS = ("公司", "集团")


def _scope(run_id: int | None) -> tuple[str, tuple]:
    return ("", ()) if run_id is None else (" AND f.doc_id IN (SELECT doc_id FROM documents WHERE updated_run = ?)",
                                             (run_id,))


def _taught(conn: sqlite3.Connection, words: _WordsAtFirstUse, run_id: int | None) -> set[LearnedForm]:
    """The forms the company names of the documents in scope teach."""
    where, args = _scope(run_id)
    names = conn.execute(
        "SELECT DISTINCT o.name, o.type FROM facts f JOIN fact_orgs x USING (fact_id) JOIN orgs o USING (org_id) "
        f"WHERE f.kind = 'org' AND o.type = 'company' AND {_NOT_REGISTRY}{where}", args).fetchall()
    return {form for name, type_ in names for form in learned_forms(name, type_, words.get())}


def _save_forms(conn: sqlite3.Connection, taught: set[LearnedForm], replace_all: bool) -> tuple[int, int]:
    """Store the taught forms as learned aliases; with ``replace_all``, unlearn the stored ones not taught
    (a row a document also wrote as a surface form stays, unmarked). Returns (new, dropped)."""
    before = {(org_id, alias): rule for org_id, alias, rule in
              conn.execute("SELECT org_id, alias, learned FROM org_aliases WHERE learned IS NOT NULL")}
    ids = dict(conn.execute("SELECT name, org_id FROM orgs"))
    now = {(ids[form.name], form.alias): form.rule for form in taught if form.name in ids}
    conn.executemany(
        "INSERT INTO org_aliases (org_id, alias, learned) VALUES (?, ?, ?) "
        "ON CONFLICT (org_id, alias) DO UPDATE SET learned = excluded.learned",
        [(org_id, alias, rule) for (org_id, alias), rule in now.items() if before.get((org_id, alias)) != rule])
    gone = [key for key in before if key not in now] if replace_all else []
    for org_id, alias in gone:
        written = conn.execute(
            "SELECT 1 FROM facts f JOIN fact_orgs x USING (fact_id) "
            f"WHERE x.org_id = ? AND f.text = ? AND {_NOT_REGISTRY} LIMIT 1", (org_id, alias)).fetchone()
        if written:
            conn.execute("UPDATE org_aliases SET learned = NULL WHERE org_id = ? AND alias = ?", (org_id, alias))
        else:
            conn.execute("DELETE FROM org_aliases WHERE org_id = ? AND alias = ?", (org_id, alias))
    return sum(1 for key in now if key not in before), len(gone)


def _stored_forms(conn: sqlite3.Connection) -> list[LearnedForm]:
    return [LearnedForm(alias, name, type_, rule) for alias, name, type_, rule in conn.execute(
        "SELECT a.alias, o.name, o.type, a.learned FROM org_aliases a JOIN orgs o USING (org_id) "
        "WHERE a.learned IS NOT NULL")]


def _documents(conn: sqlite3.Connection, run_id: int | None):
    """(doc_id, clean text, spans and names of its other organisation facts, its current registry mentions)
    of every document in scope, in doc_id order, read ``_BATCH`` documents at a time (memory stays bounded
    on a large database; the caller writes between batches)."""
    scope = "" if run_id is None else " WHERE updated_run = ?"
    doc_ids = [doc_id for (doc_id,) in conn.execute(
        f"SELECT doc_id FROM documents{scope} ORDER BY doc_id", () if run_id is None else (run_id,))]
    for i in range(0, len(doc_ids), _BATCH):
        yield from _batch(conn, doc_ids[i:i + _BATCH])


_BATCH = 500


def _batch(conn: sqlite3.Connection, doc_ids: list[int]):
    low, high = doc_ids[0], doc_ids[-1]
    wanted = set(doc_ids)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    names: dict[int, set[str]] = defaultdict(set)
    current: dict[int, set[tuple[int, int, str, str]]] = defaultdict(set)
    for doc_id, start, end, rule, name in conn.execute(
            "SELECT f.doc_id, f.start, f.end, f.rule, o.name FROM facts f JOIN fact_orgs x USING (fact_id) "
            "JOIN orgs o USING (org_id) WHERE f.kind = 'org' AND f.doc_id BETWEEN ? AND ?", (low, high)):
        if doc_id not in wanted:
            continue
        if rule.startswith(RULE_PREFIX):
            current[doc_id].add((start, end, rule, name))
        else:
            spans[doc_id].append((start, end))
            names[doc_id].add(name)
    texts = conn.execute(
        "SELECT p.doc_id, group_concat(p.text, char(10)) FROM "
        "(SELECT p.doc_id, p.text FROM paragraphs p WHERE p.doc_id BETWEEN ? AND ? ORDER BY p.doc_id, p.idx) p "
        "GROUP BY p.doc_id ORDER BY p.doc_id", (low, high)).fetchall()
    for doc_id, text in texts:
        if doc_id in wanted:
            yield doc_id, text or "", spans.get(doc_id, []), names.get(doc_id, set()), current.get(doc_id, set())
