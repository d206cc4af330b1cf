"""Sentence spans of a clean text, so facts and events can quote their sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at a full stop, question/exclamation mark, semicolon or a line break;
# closing quotes/brackets right after the stop stay with the sentence.
# Written so that it never matches empty (a stop or line break alone is a sentence of its own).
_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]*|\n|$)|[。！？!?；;]+[”’」』）)]*|\n")
# The longest quote a fact carries. A text without sentence punctuation is one "sentence": 20,000
# amounts in one line would each copy all of it (12.5 GB). A longer sentence is quoted as the
# window of this many characters around the fact (a list of 200 names in one news sentence runs to 1,978).
MAX_QUOTE = 2000


@dataclass(frozen=True, slots=True)
class Sentences:
    """Sentence boundaries of one text; ``at(offset)`` finds the sentence holding an offset."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> "Sentences":
        starts, ends = [], []
        for m in _SENTENCE.finditer(text):
            start, end = m.span()
            starts.append(start)
            ends.append(end)
        return cls(text, tuple(starts), tuple(ends))

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def span(self, offset: int) -> tuple[int, int]:
        if not self.starts:
            return 0, len(self.text)
        i = self.index(offset)
        return self.starts[i], self.ends[i]

    def at(self, offset: int) -> str:
        starts = self.starts
        if not starts:
            return self.text[:MAX_QUOTE].strip()
        i = bisect.bisect_right(starts, offset) - 1  # index() and span(), inlined: called for every fact
        if i < 0:
            i = 0
        start, end = starts[i], self.ends[i]
        if end - start > MAX_QUOTE:  # one giant "sentence": quote the window around the fact
            start = min(max(start, offset - MAX_QUOTE // 2), end - MAX_QUOTE)
            end = start + MAX_QUOTE
        return self.text[start:end].strip()


def sentence_at(sentences: Sentences | None, offset: int) -> str:
    """The sentence a fact quotes: from the orchestrator's sentences, so that a fact is made once with
    it, or "" when an extractor is called on its own without them."""
    return "" if sentences is None else sentences.at(offset)


def paragraph_span(text: str, offset: int) -> tuple[int, int]:
    """The line (paragraph) of the clean text that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end
