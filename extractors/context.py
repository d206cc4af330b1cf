"""What an extractor may know about the document beyond its text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extractors.publication_date import parse_date


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """Publication date and site, used to resolve relative dates and abbreviated org names.

    The title is the first paragraph of the clean text (FACTS.md §1), so it is not repeated here.
    """

    published: date | None = None
    site: str | None = None
    url: str | None = None
    currency: str = "CNY"  # the page's own currency: what bare 元 means (extractors.page_currency)

    @classmethod
    def make(cls, published: date | str | None = None, site: str | None = None, url: str | None = None, *,
             source: str | None = None, text: str | None = None) -> "DocumentContext":
        """The publication date is read by the one reader of dates (:mod:`extractors.publication_date`);
        ``source`` (来源) and the clean ``text`` (for a dateline) help decide the page's currency."""
        from extractors.page_currency import page_currency

        return cls(published=parse_date(published), site=site, url=url,
                   currency=page_currency(url=url, site=site, source=source, text=text))
