"""The article pane: title, outlet and date, then the wrapped text with every claim tinted.

Drawn through the Line API: the text is wrapped once per width into character ranges, so
moving the selection only restyles the ranges, and the selected sentence can be scrolled
into view by line number. Every character comes through `safe_text`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from triage.models import Article, Claim
from triage.tui import actions
from triage.tui.safe_text import clean
from triage.tui.widgets.component_styles import CachedComponentStyles

_TOKEN = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells, as (start, end) character ranges."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        line_start, line_width = position, 0
        for match in _TOKEN.finditer(paragraph):
            token_start = position + match.start()
            word = match.group().rstrip()
            word_width = cell_len(word)
            if line_width and line_width + word_width > width:
                lines.append((line_start, token_start))
                line_start, line_width = token_start, 0
            while word_width > width:  # a word longer than the line: hard split
                cut, cut_width = 0, 0
                while cut < len(word) and cut_width + cell_len(word[cut]) <= width:
                    cut_width += cell_len(word[cut])
                    cut += 1
                cut = max(cut, 1)
                lines.append((token_start, token_start + cut))
                token_start += cut
                line_start = token_start
                word = word[cut:]
                word_width = cell_len(word)
            line_width = cell_len(text[line_start : position + match.end()])
        lines.append((line_start, position + len(paragraph)))
        position += len(paragraph) + 1
    return lines


class ArticleView(CachedComponentStyles, ScrollView, can_focus=True):
    """One article with claim spans tinted by status and a sentence cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        b
        for b in actions.bindings_in("list", "article")
        if b.id not in ("open", "page_up", "page_down")
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--undecided",
        "article-view--checking",
        "article-view--decided",
        "article-view--dismissed",
        "article-view--selected",
        "article-view--cursor",
        "article-view--empty",
    }

    class SentenceHighlighted(Message):
        """The sentence cursor moved onto `sentence` (a claim or a plain sentence)."""

        def __init__(self, sentence: Claim) -> None:
            super().__init__()
            self.sentence = sentence

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.sentences: list[Claim] = []
        self.current: int | None = None  # index into sentences
        self.empty_message = "No article to show."
        self._body_offset = 0
        self._document = ""
        self._wrapped_width = -1
        self._ranges: list[tuple[int, int]] = []
        self._line_starts: list[int] = []  # the start of each wrapped line, for bisect
        self._lines: list[Text] = []
        self._positions: dict[int, int] = {}  # claim id -> index into sentences
        self._sentence_starts: list[int] = []

    # -- data --------------------------------------------------------------------------------

    def show(self, article: Article | None, sentences: Sequence[Claim], select: int | None) -> None:
        """Show an article with all its sentences; `select` is the claim id to highlight."""
        self.article = article
        self.sentences = list(sentences)
        self._positions = {sentence.id: index for index, sentence in enumerate(self.sentences)}
        self._sentence_starts = [sentence.start for sentence in self.sentences]
        found = self._index_of(select)
        self.current = found if found is not None else (0 if self.sentences else None)
        if article is None:
            self._document = ""
        else:
            meta = " · ".join(part for part in (article.outlet, article.published) if part)
            head = clean(article.title, one_line=True) + "\n"
            if meta:
                head += clean(meta, one_line=True) + "\n"
            head += "\n"
            self._body_offset = len(head)
            self._document = head + clean(article.text)
        self._wrapped_width = -1
        self._lines = []
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._restyle(scroll=True)

    def replace(self, claims: Sequence[Claim], select: int | None = None) -> None:
        """Restyle after some of the sentences changed (status, verdict, promotion); `select`
        also moves the highlight, in the same pass (a decision does both: one restyle, not two)."""
        changed = {self.current} if self.current is not None else set()
        for claim in claims:
            index = self._positions.get(claim.id)
            if index is not None and self.sentences[index] != claim:
                self.sentences[index] = claim
                changed.add(index)
        target = self._index_of(select) if select is not None else None
        moved = False
        if target is not None and target != self.current:
            self.current, moved = target, True
            changed.add(target)
        self._restyle(scroll=moved, changed=changed)

    def select(self, claim_id: int | None) -> None:
        """Highlight a claim (the claim list's cursor) and scroll it into view."""
        index = self._index_of(claim_id)
        if index is not None and index != self.current:
            changed = {index} if self.current is None else {index, self.current}
            self.current = index
            self._restyle(scroll=True, changed=changed)

    @property
    def current_sentence(self) -> Claim | None:
        if self.current is None or not self.sentences:
            return None
        return self.sentences[self.current]

    def _index_of(self, claim_id: int | None) -> int | None:
        return None if claim_id is None else self._positions.get(claim_id)

    # -- layout and drawing ---------------------------------------------------------------------

    def _styled(self, start: int = 0, end: int | None = None) -> Text:
        """The document from `start` to `end` with its title, meta, claim and cursor styles."""
        if not self._document:
            return Text(self.empty_message, style=self.style_of("article-view--empty"))
        end = len(self._document) if end is None else end
        text = Text(self._document[start:end], end="", no_wrap=True)

        def paint(style: str, left: int, right: int) -> None:
            if left < end and right > start:
                text.stylize(
                    self.style_of(style), max(left, start) - start, min(right, end) - start
                )

        title_end = self._document.index("\n")
        paint("article-view--title", 0, title_end)
        paint("article-view--meta", title_end, self._body_offset)
        offset = self._body_offset
        # Sentences are in reading order and do not overlap: only those inside the slice.
        first = max(0, bisect_right(self._sentence_starts, start - offset) - 1)
        last = bisect_left(self._sentence_starts, end - offset)
        for sentence in self.sentences[first:last]:
            if sentence.is_claim:
                paint(
                    f"article-view--{sentence.status}",
                    offset + sentence.start,
                    offset + sentence.end,
                )
        current = self.current_sentence
        if current is not None:
            name = "article-view--selected" if current.is_claim else "article-view--cursor"
            paint(name, offset + current.start, offset + current.end)
        return text

    def _lines_between(self, first: int, last: int) -> list[Text]:
        """Wrapped lines first..last (inclusive), styled."""
        start = self._ranges[first][0]
        end = self._ranges[last + 1][0] if last + 1 < len(self._ranges) else len(self._document)
        styled = self._styled(start, end) if self._document else self._styled()
        offsets = [line_start - start for line_start, _ in self._ranges[first + 1 : last + 1]]
        pieces = styled.divide(offsets) if offsets else [styled]
        return [
            piece[: line_end - line_start]
            for piece, (line_start, line_end) in zip(
                pieces, self._ranges[first : last + 1], strict=False
            )
        ]

    def _restyle(self, scroll: bool, changed: set[int] | None = None) -> None:
        """Style the wrapped lines again: all of them, or only those of the `changed` sentences
        (indexes), so a key costs the same in a 10 MB article as in a short one."""
        width = max(self.scrollable_content_region.width, 10)
        if width != self._wrapped_width:
            source = self._document or self.empty_message
            self._ranges = wrap_offsets(source, width)
            self._line_starts = [start for start, _ in self._ranges]
            self._wrapped_width = width
            self.virtual_size = Size(width, len(self._ranges))
            changed = None
        if changed is None or not self._document or len(self._lines) != len(self._ranges):
            previous = self._lines
            self._lines = self._lines_between(0, len(self._ranges) - 1) if self._ranges else []
            if len(previous) != len(self._lines):
                self.refresh()
                self._scroll_after_restyle(scroll)
                return
            dirty: Sequence[int] = range(len(self._lines))
            updated = self._lines
        else:
            dirty_set: set[int] = set()
            for index in changed:
                sentence = self.sentences[index]
                first = self._line_of(self._body_offset + sentence.start)
                last = self._line_of(self._body_offset + max(sentence.start, sentence.end - 1))
                dirty_set.update(range(first, last + 1))
            previous, updated = self._lines, list(self._lines)
            for y in sorted(dirty_set):
                updated[y] = self._lines_between(y, y)[0]
            self._lines = updated
            dirty = sorted(dirty_set)
        for y in dirty:  # moving the highlight repaints only the lines it left and reached
            if previous[y] != updated[y]:
                self.refresh_line(y)
        self._scroll_after_restyle(scroll)

    def _scroll_after_restyle(self, scroll: bool) -> None:
        if scroll and self.size.height:
            self.scroll_to_current()
        elif scroll:  # not laid out yet: scroll once it has a size
            self.call_after_refresh(self.scroll_to_current)

    def scroll_to_current(self) -> None:
        current = self.current_sentence
        if current is None:
            return
        first = self._line_of(self._body_offset + current.start)
        last = self._line_of(self._body_offset + max(current.start, current.end - 1))
        self.scroll_to_region(
            Region(0, first, 1, last - first + 1),
            spacing=Spacing(1, 0, 1, 0),
            animate=False,
            force=True,
        )

    def _line_of(self, position: int) -> int:
        return max(0, bisect_right(self._line_starts, position) - 1)

    def line_of_current(self) -> int | None:
        """The wrapped line where the current sentence starts (for tests and benchmarks)."""
        current = self.current_sentence
        return None if current is None else self._line_of(self._body_offset + current.start)

    def on_resize(self) -> None:
        self._restyle(scroll=True)

    def watch_show_vertical_scrollbar(self) -> None:
        # The scrollbar appears once the wrapped text overflows, and narrows the text: wrap again
        # then, not at the next key (which would wait for it), and never show lines cut short.
        self.call_after_refresh(self._rewrap_if_narrowed)

    def _rewrap_if_narrowed(self) -> None:
        if max(self.scrollable_content_region.width, 10) != self._wrapped_width:
            self._restyle(scroll=True)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.style_of("")
        index = y + self.scroll_offset.y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        segments = list(line.render(self.app.console))
        strip = Strip(segments).apply_style(base) if segments else Strip([])
        return strip.extend_cell_length(width, base).crop(0, width)

    # -- sentence cursor ------------------------------------------------------------------------

    def _move(self, index: int) -> None:
        if not self.sentences:
            return
        index = max(0, min(index, len(self.sentences) - 1))
        changed = {index} if self.current is None else {index, self.current}
        self.current = index
        self._restyle(scroll=True, changed=changed)
        self.post_message(self.SentenceHighlighted(self.sentences[index]))

    def action_cursor_down(self) -> None:
        self._move((self.current or 0) + 1)

    def action_cursor_up(self) -> None:
        self._move((self.current or 0) - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.sentences) - 1)

    def on_focus(self) -> None:
        self.forget_styles()
        self._restyle(scroll=False)

    def on_blur(self) -> None:
        self.forget_styles()
        self._restyle(scroll=False)
