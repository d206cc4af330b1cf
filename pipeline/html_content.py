"""The main content of an HTML page, with its title, date, site, authors and URL.

trafilatura 2.x does the work (``bare_extraction`` with metadata, no comments, tables kept:
figures in news tables are facts). Its metadata needs help on Chinese portals, so this
module corrects it with what the page itself shows:

- title: trafilatura sometimes takes a logo ``<h1>`` (网易商业) or keeps the site suffix
  (``…_网易订阅``). The title kept is a candidate (trafilatura's, then the page headings)
  that the ``<title>`` element confirms, else ``<title>`` without its site suffix;
- site: ``网易版权所有`` → ``网易``; else the ``<title>`` suffix; else the host name;
- authors: trafilatura's author string is split, credit labels are dropped, and only
  name-like parts are kept (portals put login widgets where the author meta should be);
- date: htmldate through trafilatura, with explicit parameters (no network, the page's metadata
  before its URL). This is only a candidate: htmldate may answer with a copyright year or a date
  of the body, and ``pipeline.publication_date`` keeps it only when the page writes that day
  outside the article.

Speed (the ingest of an HTML page is mostly this module): the page is parsed once, by
:func:`parse_html`, into a tree whose element classes are looked up in C (lxml.html's own parser
calls a Python method for every element it hands out, about 4 % of trafilatura's time); the
metadata is read by :func:`page_metadata`, trafilatura's metadata steps without the categories,
tags and licence we never read (a fifth of its metadata time); the page headings are searched
only when trafilatura's title is not confirmed by ``<title>``.

When trafilatura finds nothing, the page's body text (one block element a line) is
returned instead, for the line-level chrome filter to clean. When lxml's tree has lost the
text too (libxml2 gives up below 256 levels of nesting: a page of 10,000 nested ``<div>``
around one paragraph), the body text is read from a stream of parser events
(``html.parser``), which has no depth limit and does not recurse.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document as TrafilaturaMetadata
from trafilatura.utils import is_dubious_html, repair_faulty_html

from pipeline.paragraph_dedup import paragraph_key
from pipeline.script import CJK as _HAN  # the one definition of a CJK ideograph

log = logging.getLogger(__name__)


# Separators between a headline and the site/channel names in <title>: 标题_网易财经,
# 标题 - 新华网, 标题|人民网, 标题--中国地理学会官网.
TITLE_SUFFIX = re.compile(r"\s*(?:_{1,2}|\|{1,2}|｜|-{2}|(?<!\d)-(?!\d)|—{1,2}|–|::)\s*(?P<suffix>[^_|｜—–]{1,20}?)\s*(?:::)?\s*$")
# A suffix is stripped only if the headline before it is at least this long.
MIN_HEADLINE_CHARS = 4
# A heading confirmed by <title> must cover this share of the <title> headline (not just
# repeat the channel name 网易财经 that <title> ends with).
MIN_TITLE_COVER = 0.6
# Headline candidates on the page, in order of trust.
HEADING_XPATH = "//h1|//h2|//*[contains(@class,'title') or contains(@id,'title')][not(self::title)]"
MAX_HEADINGS = 30
MAX_TITLE_CHARS = 120

# Author strings: labels and widget words around the names.
AUTHOR_LABEL = re.compile(r"^(?:作者|记者|文|撰文|撰稿|来源|责任编辑|编辑|责编|本报记者|通讯员|By)\s*[:：/]?\s*", re.I)
AUTHOR_SPLIT = re.compile(rf"[;；,，、/|]|\s{{2,}}|\s+(?=[{_HAN}])")
NAME = re.compile(rf"^(?:[{_HAN}]{{2,4}}|[{_HAN}]{{1,6}}(?:·[{_HAN}]{{1,8}})+|[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){{0,3}})$")
NOT_A_NAME = frozenset({"未知", "佚名", "匿名", "网友", "作者", "编辑", "小编", "企鹅号", "百家号", "头条号", "公众号", "Name", "Email", "Com", "Admin", "Editor"})
# Portals put login and sharing widgets where the author meta should be: such a string has no author.
AUTHOR_WIDGET = re.compile(r"登录|登陆|密码|账号|帐号|发表|跟贴|退出|关注|评论|授权|复制|版权|分享|订阅|Email|Lofter", re.I)
HOST_NAME = re.compile(r"[\w.-]+\.[a-z]{2,}", re.I)
_SITE_NOISE = re.compile(r"(?:版权所有|版权所有\s*©?|all rights reserved|copyright|©)", re.I)

# Block elements: each starts a new line in the body-text fallback.
BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "blockquote", "pre", "table", "dd", "dt", "header", "footer", "td", "th", "ul", "ol", "center")
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "head", "select", "button", "form")


@dataclass(frozen=True, slots=True)
class HtmlContent:
    """The article text of a page (one paragraph a line) and its metadata."""

    text: str
    title: str | None
    published: str | None  # htmldate's candidate, not yet checked against the page
    site: str | None
    authors: tuple[str, ...]
    url: str | None
    method: str  # "trafilatura" or "body_text" (the fallback)


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def strip_site_suffix(title: str) -> tuple[str, str | None]:
    """``标题_网易财经`` → (``标题``, ``网易财经``); repeated suffixes go one by one (the first is the site)."""
    site = None
    while True:
        m = TITLE_SUFFIX.search(title)
        if not m or len(title[: m.start()].strip()) < MIN_HEADLINE_CHARS:
            return title, site
        title, site = title[: m.start()].strip(), site or m.group("suffix").strip()


def _title_element(tree: lxml_html.HtmlElement) -> str:
    for xpath in ("//head/title", "//title", "//meta[@property='og:title']/@content"):
        found = tree.xpath(xpath)
        if found:
            text = _squash(found[0] if isinstance(found[0], str) else found[0].text_content())
            if text:
                return text
    return ""


def _title_candidates(tree: lxml_html.HtmlElement, extracted: str | None) -> Iterator[str]:
    """trafilatura's title, then the page headings: searched for only when that title is not confirmed."""
    if extracted:
        yield _squash(extracted)
    for el in tree.xpath(HEADING_XPATH)[:MAX_HEADINGS]:
        yield _squash(el.text_content())


def choose_title(tree: lxml_html.HtmlElement, extracted: str | None) -> tuple[str | None, str | None]:
    """The article's title and the site name its ``<title>`` carries (either may be None)."""
    page_title = _title_element(tree)
    headline, site = strip_site_suffix(page_title) if page_title else ("", None)
    page_key = paragraph_key(page_title)
    min_key = MIN_TITLE_COVER * len(paragraph_key(headline))
    site_key = paragraph_key(site or "")
    for candidate in _title_candidates(tree, extracted):
        for form in (candidate, strip_site_suffix(candidate)[0]):
            key = paragraph_key(form)
            if (len(key) >= max(MIN_HEADLINE_CHARS, min_key) and len(form) <= MAX_TITLE_CHARS and key in page_key
                    and not (site_key and site_key in key)):
                return form, site
    if headline:
        return headline, site
    if extracted:
        return strip_site_suffix(_squash(extracted))[0], site
    return None, site


def clean_authors(author: str | None) -> tuple[str, ...]:
    """trafilatura's author string → the names in it (``责任编辑：张迪`` → ``张迪``; widget text → nothing)."""
    names: list[str] = []
    if AUTHOR_WIDGET.search(author or ""):
        return ()
    for part in AUTHOR_SPLIT.split(author or ""):
        part = AUTHOR_LABEL.sub("", part.strip()).strip()
        if part and part not in NOT_A_NAME and NAME.match(part) and part not in names:
            names.append(part)
    return tuple(names)


def meta_author(tree: lxml_html.HtmlElement) -> str | None:
    """The author ``<meta>`` tags give; trafilatura drops CJK names found there."""
    for xpath in ("//meta[@name='author']/@content", "//meta[@property='article:author']/@content",
                  "//meta[@name='Author']/@content"):
        found = tree.xpath(xpath)
        if found and found[0].strip():
            return found[0].strip()
    return None


def clean_site(sitename: str | None, title_site: str | None, url: str | None) -> str | None:
    """The site's name: trafilatura's without 版权所有, else the ``<title>`` suffix, else the host."""
    site = _squash(_SITE_NOISE.sub("", sitename or "")).strip(" ,.-_|")
    if site and not HOST_NAME.fullmatch(site):
        return site
    return title_site or site or (urlsplit(url).hostname if url else None) or None


def body_text(page: str | lxml_html.HtmlElement) -> str:
    """All visible text of the page, one block element a line: the fallback for the chrome filter."""
    tree = trafilatura.load_html(page) if isinstance(page, str) else page
    if tree is None:
        return ""
    for el in tree.xpath("|".join(f"//{t}" for t in DROPPED_TAGS)):
        el.drop_tree()
    for el in tree.iter(*BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    body = tree.find(".//body")
    return (body if body is not None else tree).text_content()


# A page whose lxml body text has fewer characters than this (after squashing whitespace) is
# read again with the streaming parser: libxml2 stops building the tree at 256 levels of
# nesting, so a deeply nested page loses everything below that depth.
MIN_TREE_BODY_CHARS = 40


class _StreamedBodyText(HTMLParser):
    """Visible text from parser events, one block element a line: no tree, no recursion, no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside dropped elements (script, style, head, …)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "body":
            self.hidden = 0  # an unclosed <head> or <select> must not hide the body
        elif tag in DROPPED_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def streamed_body_text(page: str) -> str:
    """The body text of a page read as a stream of tags (for pages too deep for lxml's tree)."""
    parser = _StreamedBodyText()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def page_body_text(page: str, tree: lxml_html.HtmlElement | None = None) -> str:
    """``body_text`` of the page, or its streamed body text when lxml's tree lost the text (deep nesting)."""
    text = body_text(tree if tree is not None else page)
    if len(_squash(text)) >= MIN_TREE_BODY_CHARS:
        return text
    streamed = streamed_body_text(page)
    return streamed if len(_squash(streamed)) > len(_squash(text)) else text


# trafilatura writes tables as Markdown rows: "| cell | cell |", pipes inside cells escaped.
TABLE_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def unwrap_table_rows(text: str) -> str:
    """Markdown table rows → plain lines: a one-cell row (a layout table) becomes its cell's text,
    a data row keeps its cells in one line, separated by " | ", so a figure stays beside its label."""
    lines = []
    for line in text.splitlines():
        m = TABLE_ROW.match(line.strip())
        if m:
            cells = [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(m.group("cells"))]
            line = " | ".join(c for c in cells if c)
        lines.append(line)
    return "\n".join(lines)


def _html_parser() -> etree.HTMLParser:
    """trafilatura's parser settings, with lxml.html's element classes found by a C lookup.

    ``lxml.html.HTMLParser`` asks a Python method (``HtmlElementClassLookup.lookup``) for the class
    of every element proxy it creates (1.6 M calls on the 143 shared pages); the default lookup
    gives every element ``HtmlElement`` in C. Only ``<form>``, ``<input>``, ``<select>``,
    ``<textarea>`` and ``<label>`` lose their form-specific subclasses, which nothing here uses.
    """
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


def parse_html(html: str) -> lxml_html.HtmlElement | None:
    """The page's tree as ``trafilatura.load_html`` builds it from a string (same repairs, same
    fallback to bytes, same rejection of non-HTML), with :func:`_html_parser`'s element lookup."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    parser = _html_parser()
    tree, tried_bytes = None, False
    try:
        tree = lxml_html.fromstring(html, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, tried_bytes = _parse_bytes(html, parser), True
    except Exception:  # noqa: BLE001 - as trafilatura: a parser error means no tree
        log.debug("lxml could not parse the page", exc_info=True)
    if (tree is None or len(tree) < 1) and not tried_bytes:
        tree = _parse_bytes(html, parser)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not (well-formed) HTML at all
    return tree


def _parse_bytes(html: str, parser: etree.HTMLParser) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception:  # noqa: BLE001
        log.debug("lxml could not parse the page as bytes", exc_info=True)
        return None


def page_metadata(tree: lxml_html.HtmlElement, url: str | None, date_params: dict) -> TrafilaturaMetadata:
    """The title, author, URL, date and site name ``trafilatura.extract_metadata`` finds, in its
    order and with its fallbacks, without the categories, tags and licence (nothing here reads
    them; their XPaths took a fifth of its time). Reads the tree, never changes it.
    ``tests/pipeline/test_html_content.py`` checks the result against trafilatura's own on the
    shared pages, so a trafilatura release that changes the steps shows up there."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader has bugs; it skips them too
        log.debug("JSON-LD metadata unreadable", exc_info=True)
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    metadata.date = find_date(tree, **{**date_params, "url": metadata.url})
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (m := META_URL.match(metadata.url)):
        metadata.sitename = m[1]
    metadata.filedate = date_params.get("max_date")
    metadata.clean_and_trim()
    return metadata


def _date_params() -> dict:
    """htmldate settings: the original (not the modified) date, any date-like markup, the page's
    metadata before its URL (FACTS.md §1 order), none after today."""
    return {"original_date": True, "extensive_search": True, "deferred_url_extractor": True,
            "outputformat": "%Y-%m-%d", "max_date": dt.date.today().isoformat()}


def extract_main_content(html: str, url: str | None = None) -> HtmlContent:
    """Main content and metadata of one decoded HTML page (never raises on odd markup)."""
    tree = parse_html(html)
    if tree is None:
        return HtmlContent(page_body_text(html) if "<" in html else "", None, None, None, (), url, "body_text")
    meta = doc = None
    try:
        meta = page_metadata(tree, url, _date_params())
        # trafilatura copies the tree it is given: ``tree`` stays whole for the title and the fallback
        doc = trafilatura.bare_extraction(
            tree, url=url or meta.url, with_metadata=False, include_comments=False, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - trafilatura can trip on broken markup; fall back to the body text
        log.debug("trafilatura failed on %s", url, exc_info=True)
    if doc is None:
        meta = None  # as when trafilatura read both: no main content, none of its metadata either
    title, title_site = choose_title(tree, meta.title if meta else None)
    page_url = url or (meta.url if meta else None)
    authors = clean_authors(meta.author if meta else None) or clean_authors(meta_author(tree))
    site = clean_site(meta.sitename if meta else None, title_site, page_url)
    published = meta.date if meta else None
    if doc is not None and _squash(doc.text):
        return HtmlContent(text=unwrap_table_rows(doc.text), title=title, published=published, site=site,
                           authors=authors, url=page_url, method="trafilatura")
    return HtmlContent(text=page_body_text(html, tree), title=title, published=published, site=site,
                       authors=authors, url=page_url, method="body_text")
