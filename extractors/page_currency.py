"""The page's own currency: what bare 元 and 块 mean on this page (FACTS.md §2 money).

CNY on mainland pages, TWD on Taiwanese pages, HKD on Hong Kong pages, MOP on Macau pages. The
site, the source, the dateline or the URL decides (``中央社记者…台北11日电``, a ``.tw`` host);
Traditional script alone does not (a mainland page may quote Traditional text, a Taiwanese one
is converted to Simplified before extraction). The rules are data: ``data/page_currency.tsv``.
Computed once per document, into :class:`extractors.context.DocumentContext`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from extractors.wordlists import read_tsv

HOME_CURRENCY = "CNY"
LEAD_PARAGRAPHS = 3  # a dateline opens one of the first paragraphs (the title is the first)


@dataclass(frozen=True, slots=True)
class CurrencyRules:
    hosts: tuple[tuple[str, str], ...]  # host suffix → currency
    outlets: tuple[tuple[str, str], ...]  # words of a site or source name → currency
    datelines: tuple[tuple[re.Pattern[str], str], ...]


@functools.cache
def currency_rules() -> CurrencyRules:
    """data/page_currency.tsv (a packaged table, read once)."""
    rows = read_tsv("page_currency.tsv")
    return CurrencyRules(
        hosts=tuple((what.lower(), cur) for kind, what, cur in rows if kind == "host"),
        outlets=tuple((what, cur) for kind, what, cur in rows if kind == "outlet"),
        datelines=tuple((re.compile(what), cur) for kind, what, cur in rows if kind == "dateline"),
    )


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        return (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return ""


def page_currency(*, url: str | None = None, site: str | None = None, source: str | None = None,
                  text: str | None = None) -> str:
    """The ISO 4217 code bare 元 stands for on the page: host, then outlet, then dateline; else CNY."""
    rules = currency_rules()
    host = _host(url)
    if host:
        for suffix, currency in rules.hosts:
            if host.endswith(suffix if suffix.startswith(".") else f".{suffix}") or host == suffix.lstrip("."):
                return currency
    for name in (site, source):
        if name:
            for word, currency in rules.outlets:
                if word in name:
                    return currency
    if text:
        for paragraph in text.split("\n", LEAD_PARAGRAPHS)[:LEAD_PARAGRAPHS]:
            for pattern, currency in rules.datelines:
                if pattern.search(paragraph):
                    return currency
    return HOME_CURRENCY
