"""Bytes → text for crawled pages, trusting what the page says only as far as the bytes agree.

The order is the browser's (WHATWG "encoding sniffing"), hardened for Chinese sites:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. the ``charset`` of the HTTP ``Content-Type`` header;
3. ``<meta charset>``, ``<meta http-equiv="Content-Type" content="…charset=…">`` or an XML
   declaration in the first ``META_WINDOW`` bytes (HTML only);
4. detection: strict UTF-8 first, then UTF-16 without BOM (from where the NUL bytes sit),
   then a *near miss* (a declared charset or UTF-8 that breaks at most
   ``NEAR_MISS_MAX_ERROR_RATE`` of the non-ASCII characters: one corrupted byte must not
   send a page to detection, which would pick a single-byte code page that decodes
   anything), then charset-normalizer.

A declared charset is used only when the bytes decode strictly under it: Chinese pages
often keep ``<meta charset=gb2312>`` after being re-saved as UTF-8, so a label that fails
falls through to the next one and finally to detection. For the same reason, bytes that
are valid UTF-8 with enough non-ASCII content win over a declared legacy charset (random
GBK/Big5 text is practically never valid UTF-8). Legacy Chinese labels decode with their
supersets (GB2312/GBK → GB18030, Big5 → Big5-HKSCS), as browsers do; characters outside the
old tables are common in names. A page cut in the middle of a multi-byte character still
counts as decoding strictly (the cut character becomes U+FFFD).

Only input that is not text at all (a known binary signature, or NUL/control bytes that no
text encoding explains) raises ``StageFailure("decode", …)``; anything else returns text,
with ``errors="replace"`` as the last resort. Judging mojibake left in the text is the
cleaning stage's job, not this one.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import charset_normalizer

from pipeline.document import StageFailure

log = logging.getLogger(__name__)

Basis = Literal["bom", "http", "meta", "detected", "utf-8"]


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the Python codec name used, and what decided it."""

    text: str
    encoding: str
    basis: Basis
    controls: int = 0  # control characters (NUL, backspace, …) removed from the text


# How many leading bytes are searched for <meta charset> / <?xml encoding>. Browsers look at
# 1 KB; Chinese portals put several KB of comments, scripts and styles before the <meta>.
META_WINDOW = 16 * 1024
# Bytes that are valid UTF-8 beat a declared legacy charset only with at least this many
# non-ASCII bytes: for a couple of characters, GBK text can be valid UTF-8 by chance.
UTF8_OVERRIDE_MIN_NON_ASCII = 16
# A declared charset (or UTF-8) that fails strictly is still used when at most this share of
# the non-ASCII characters are broken (a corrupted byte, a bad splice). Pages that lie fail far
# more: UTF-8 read as GB18030 breaks 5-8 % of them, GBK read as Big5 about 3 %.
NEAR_MISS_MAX_ERROR_RATE = 0.005
# How much of the input the binary test looks at.
BINARY_SNIFF_BYTES = 8 * 1024
# Below these shares of NUL / control bytes (in the first BINARY_SNIFF_BYTES) input is text outright.
TEXT_MAX_NUL_SHARE = 0.01
TEXT_MAX_CONTROL_SHARE = 0.05
# Above them, input is still *mostly text* (decoded, its control characters counted and removed)
# when control bytes are at most this share and the rest is valid text (a multi-byte charset
# decodes it strictly, or it is nearly all printable ASCII). Binary data fails the second test.
MOSTLY_TEXT_MAX_CONTROL_SHARE = 1 / 3
MOSTLY_TEXT_MIN_PRINTABLE_ASCII = 0.9
MOSTLY_TEXT_CHARSETS = ("utf-8", "gb18030", "big5hkscs")
# BOM-less UTF-16 Chinese text has few NUL bytes (CJK code units rarely contain 00) but many
# control-looking bytes; it is recognised when this share of its characters are CJK, CJK
# punctuation, full-width forms or printable ASCII in one byte order.
UTF16_MIN_PLAUSIBLE = 0.95

# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels seen on the web that Python's codec registry does not know (WHATWG label table).
LABEL_ALIASES: Mapping[str, str] = {
    "x-gbk": "gbk",
    "csgb2312": "gb2312",
    "gb_2312": "gb2312",
    "gb_2312-80": "gb2312",
    "iso-ir-58": "gb2312",
    "chinese": "gb2312",
    "csiso58gb231280": "gb2312",
    "windows-936": "gbk",
    "x-euc-cn": "gb2312",
    "cn-big5": "big5",
    "x-x-big5": "big5",
    "csbig5": "big5",
    "unicode": "utf-16",
    "unicodefeff": "utf-16",
    "csunicode": "utf-16",
    "ucs-2": "utf-16",
    "iso-10646-ucs-2": "utf-16",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "x-sjis": "shift_jis",
}

# Legacy charsets decoded with the superset browsers use (codec names as codecs.lookup gives them).
SUPERSETS: Mapping[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "hz": "gb18030",  # HZ-GB-2312 pages are in practice mislabeled GB
    "big5": "big5hkscs",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}

UTF16_32 = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})

# File signatures of formats that are never text.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, xlsx
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"RIFF",  # webp, wav, avi
    b"\x00\x00\x01\x00",  # ico
    b"\x7fELF",
    b"\x00asm",
    b"wOFF",
    b"wOF2",
    b"\xd0\xcf\x11\xe0",  # old MS Office
)

_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:+\-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:+\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:+\-]+)""")
# Control bytes that plain text never contains (tab, LF, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# Control characters removed from decoded text: C0 except tab and the line breaks (LF, VT,
# FF, CR), and DEL. NUL in particular makes lxml drop the text after it.
CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r\x0c"


def decode(content: bytes, headers: Mapping[str, str] | None = None, *, is_html: bool = True) -> Decoded:
    """Decode a page: BOM, then the HTTP charset, then <meta> (HTML only), then detection.

    Control characters (NUL, backspace, …) are removed from the text and counted in
    ``Decoded.controls``: a page with a few of them is text, not binary. Raises
    ``StageFailure("decode", …)`` only for content that is not text at all.
    """
    decoded = _decode(content, headers, is_html)
    text, controls = strip_controls(decoded.text)
    if not controls:
        return decoded
    return Decoded(text, decoded.encoding, decoded.basis, decoded.controls + controls)


def strip_controls(text: str) -> tuple[str, int]:
    """The text without control characters (``CONTROL_CHARS``) and how many there were."""
    return CONTROL_CHARS.subn("", text)


def _decode(content: bytes, headers: Mapping[str, str] | None, is_html: bool) -> Decoded:
    for bom, encoding in BOMS:
        if content.startswith(bom):
            return Decoded(content[len(bom) :].decode(encoding, errors="replace"), encoding, "bom")

    candidates = _declared(content, headers, is_html)
    removed = 0
    if not any(encoding in UTF16_32 for encoding, _ in candidates):
        _refuse_binary(content, candidates)
        if not _bomless_utf16(content) and not any(e.startswith("iso2022") for e, _ in candidates):
            # In ASCII-compatible charsets a control byte is never part of a multi-byte character:
            # removed before decoding, a NUL inside a page cannot break the character next to it.
            stripped = content.translate(None, _CONTROL_BYTES)
            removed, content = len(content) - len(stripped), stripped
    decoded = _decode_declared(content, candidates)
    return Decoded(decoded.text, decoded.encoding, decoded.basis, removed) if removed else decoded


def _decode_declared(content: bytes, candidates: list[tuple[str, Basis]]) -> Decoded:
    """The first declared charset that fits the bytes (UTF-8 winning over a legacy label), else detection."""
    for encoding, basis in candidates:
        text = _strict(content, encoding)
        if text is None:
            log.debug("declared charset %s (%s) does not fit the bytes; trying the next", encoding, basis)
            continue
        if encoding != "utf-8" and encoding not in UTF16_32:
            utf8 = _convincing_utf8(content)
            if utf8 is not None:
                log.debug("declared %s (%s) but the bytes are UTF-8", encoding, basis)
                return Decoded(utf8, "utf-8", "utf-8")
        return Decoded(text, encoding, basis)

    return _detect(content, candidates)


def _declared(content: bytes, headers: Mapping[str, str] | None, is_html: bool) -> list[tuple[str, Basis]]:
    """The charsets the HTTP header and then the page declare, as codecs, in the order to try them."""
    labels: list[tuple[str, Basis]] = []
    http_label = _http_charset(headers)
    if http_label:
        labels.append((http_label, "http"))
    if is_html:
        labels.extend((label, "meta") for label in _meta_charsets(content))
    candidates: list[tuple[str, Basis]] = []
    for label, basis in labels:
        encoding = normalise_charset(label)
        if encoding is None:
            log.debug("ignoring unknown charset label %r (%s)", label, basis)
            continue
        if encoding in UTF16_32:
            if basis == "meta" or b"\0" not in content[:BINARY_SNIFF_BYTES]:
                # A <meta> readable as ASCII, or markup without a single NUL byte, is not UTF-16/32.
                encoding = "utf-8"
            else:
                encoding = _byte_order(content, encoding)
        candidates.append((encoding, basis))
    return candidates


def normalise_charset(label: str) -> str | None:
    """The Python codec for a charset label, widened to the superset browsers use; None if unknown.

    ``GBK``/``x-gbk``/``cp936``/``gb2312`` → ``gb18030``; ``big5`` → ``big5hkscs``;
    ``iso-8859-1``/``ascii`` → ``cp1252`` (the WHATWG mapping); bytes-to-bytes codecs
    such as ``base64`` are not charsets.
    """
    key = label.strip().strip("\"'").lower()
    try:
        info = codecs.lookup(LABEL_ALIASES.get(key, key))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return SUPERSETS.get(info.name, info.name)


def _http_charset(headers: Mapping[str, str] | None) -> str | None:
    """The charset parameter of a Content-Type header (header names in any case)."""
    if not headers:
        return None
    for name, value in headers.items():
        if name.lower() == "content-type" and value:
            match = _CHARSET_PARAM.search(value.encode("latin-1", errors="replace"))
            if match:
                return match.group(1).decode("ascii")
    return None


def _meta_charsets(content: bytes) -> list[str]:
    """Charset labels declared in the head of an HTML/XML page, in document order."""
    head = content[:META_WINDOW]
    labels = []
    xml = _XML_ENCODING.match(head)
    if xml:
        labels.append(xml.group(1).decode("ascii"))
    labels.extend(m.group(1).decode("ascii") for m in _META_CHARSET.finditer(head))
    return labels


def _strict(content: bytes, encoding: str) -> str | None:
    """Decode strictly, except that an incomplete character at the very end becomes U+FFFD.

    Returns None when the bytes are not valid in ``encoding``.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        text = decoder.decode(content, final=False)
    except UnicodeDecodeError:
        return None
    pending, _ = decoder.getstate()
    return text + "\ufffd" if pending else text


def _convincing_utf8(content: bytes) -> str | None:
    """The text when the bytes are valid UTF-8 with enough non-ASCII bytes to rule out chance."""
    if len(content) - len(content.translate(None, _NON_ASCII_BYTES)) < UTF8_OVERRIDE_MIN_NON_ASCII:
        return None
    return _strict(content, "utf-8")


_NON_ASCII_BYTES = bytes(range(0x80, 0x100))


def _byte_order(content: bytes, encoding: str) -> str:
    """Pick the byte order of BOM-less UTF-16/32 from where the NUL bytes of ASCII text fall."""
    if encoding not in ("utf-16", "utf-32"):
        return encoding
    sample = content[:BINARY_SNIFF_BYTES]
    width = 2 if encoding == "utf-16" else 4
    high_first = sample[0::width].count(0)  # big-endian ASCII: 00 41
    low_first = sample[width - 1 :: width].count(0)  # little-endian ASCII: 41 00
    return f"{encoding}-be" if high_first > low_first else f"{encoding}-le"


def _utf16_without_bom(content: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit regularly on one side of byte pairs (ASCII in UTF-16)."""
    sample = content[:BINARY_SNIFF_BYTES]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= pairs * 0.3 and even <= odd * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.3 and odd <= even * 0.05:
        return "utf-16-be"
    return None


def _plausible_utf16(content: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes read as Chinese or ASCII text in that byte order.

    For BOM-less UTF-16 with little ASCII (Chinese prose), where NUL positions say nothing.
    """
    sample = content[: BINARY_SNIFF_BYTES & ~1]
    if len(sample) < 8:
        return None
    best, best_share = None, UTF16_MIN_PLAUSIBLE
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(sample, encoding)
        if not text:
            continue
        share = len(_PLAUSIBLE_UTF16_CHAR.findall(text)) / len(text)
        if share >= best_share:
            best, best_share = encoding, share
    return best


_PLAUSIBLE_UTF16_CHAR = re.compile("[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _control_heavy(sample: bytes) -> int:
    """The number of control bytes in ``sample`` when it has too many to be text outright, else 0."""
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    heavy = (sample.count(0) > TEXT_MAX_NUL_SHARE * len(sample) + 1
             or controls > TEXT_MAX_CONTROL_SHARE * len(sample) + 2)
    return controls if heavy else 0


def _bomless_utf16(content: bytes) -> str | None:
    """The byte order of BOM-less UTF-16: ASCII's NUL pattern, or (control-heavy bytes) Chinese text."""
    wide = _utf16_without_bom(content)
    if wide is None and _control_heavy(content[:BINARY_SNIFF_BYTES]):
        wide = _plausible_utf16(content)
    return wide


def _mostly_text(sample: bytes, declared: list[tuple[str, Basis]]) -> bool:
    """True when the bytes other than control bytes are text: a multi-byte charset decodes
    them strictly (the declared ones, UTF-8, GB18030, Big5-HKSCS) or they are nearly all ASCII."""
    rest = sample.translate(None, _CONTROL_BYTES)
    if not rest or len(sample) - len(rest) > MOSTLY_TEXT_MAX_CONTROL_SHARE * len(sample):
        return False
    if len(rest) - len(rest.translate(None, _PRINTABLE_ASCII)) >= MOSTLY_TEXT_MIN_PRINTABLE_ASCII * len(rest):
        return True
    charsets = dict.fromkeys([*(e for e, _ in declared if e not in UTF16_32), *MOSTLY_TEXT_CHARSETS])
    return any(_strict(rest, encoding) is not None for encoding in charsets)


def _refuse_binary(content: bytes, declared: list[tuple[str, Basis]]) -> None:
    """Raise StageFailure for content that no text encoding explains."""
    if content.startswith(BINARY_SIGNATURES):
        raise StageFailure("decode", f"binary content (signature {content[:8]!r}), not a text page")
    sample = content[:BINARY_SNIFF_BYTES]
    if not sample or _bomless_utf16(content):
        return
    controls = _control_heavy(sample)
    if controls and not _mostly_text(sample, declared):
        raise StageFailure(
            "decode", f"binary content: {controls} control/NUL bytes in the first {len(sample)} and the rest "
                      "is not text in any charset tried, not a text page"
        )


def _detect(content: bytes, declared: list[tuple[str, Basis]]) -> Decoded:
    """When no declaration fits strictly: UTF-8, BOM-less UTF-16, a near miss, then charset-normalizer."""
    text = _strict(content, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    wide = _bomless_utf16(content)
    if wide:
        text = _strict(content, wide)
        if text is not None:
            return Decoded(text, wide, "detected")
    near = _near_miss(content, [*declared, ("utf-8", "utf-8")])
    if near is not None:
        return near
    best = charset_normalizer.from_bytes(content).best()
    if best is not None:
        encoding = normalise_charset(best.encoding)
        if encoding is not None:
            text = _strict(content, encoding)
            if text is not None:
                return Decoded(text, encoding, "detected")
    # Last resort: the first declaration (or UTF-8), with U+FFFD for what does not fit.
    encoding, basis = declared[0] if declared else ("utf-8", "utf-8")
    log.debug("no charset fits the bytes; decoding as %s with replacement characters", encoding)
    return Decoded(content.decode(encoding, errors="replace"), encoding, basis)


def _near_miss(content: bytes, candidates: list[tuple[str, Basis]]) -> Decoded | None:
    """The candidate that breaks the smallest share of non-ASCII characters, if that share is tiny.

    Only multi-byte candidates that already failed strictly come here, so a single
    corrupted byte keeps its page's charset instead of sending it to detection, which
    would pick some single-byte code page that decodes anything.
    """
    best: tuple[float, Decoded] | None = None
    for encoding, basis in candidates:
        text = content.decode(encoding, errors="replace")
        non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
        if not non_ascii:
            continue
        rate = text.count("\ufffd") / non_ascii
        if rate <= NEAR_MISS_MAX_ERROR_RATE and (best is None or rate < best[0]):
            best = (rate, Decoded(text, encoding, basis))
    return best[1] if best else None
