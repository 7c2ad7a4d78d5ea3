"""The article pane: title, outlet and date, then the wrapped text with every claim tinted.

Drawn through the Line API: the text is wrapped once per width into character ranges, so
moving the selection only restyles the ranges, and the selected sentence can be scrolled
into view by line number. Every character comes through `safe_text`.
"""

from __future__ import annotations

import re
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
        for b in actions.bindings("list", "article")
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
        self._lines: list[Text] = []

    # -- data --------------------------------------------------------------------------------

    def show(self, article: Article | None, sentences: Sequence[Claim], select: int | None) -> None:
        """Show an article with all its sentences; `select` is the claim id to highlight."""
        self.article = article
        self.sentences = list(sentences)
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
        by_id = {claim.id: claim for claim in claims}
        self.sentences = [by_id.get(s.id, s) for s in self.sentences]
        index = self._index_of(select) if select is not None else None
        moved = index is not None and index != self.current
        if moved:
            self.current = index
        self._restyle(scroll=moved)

    def select(self, claim_id: int | None) -> None:
        """Highlight a claim (the claim list's cursor) and scroll it into view."""
        index = self._index_of(claim_id)
        if index is not None and index != self.current:
            self.current = index
            self._restyle(scroll=True)

    @property
    def current_sentence(self) -> Claim | None:
        if self.current is None or not self.sentences:
            return None
        return self.sentences[self.current]

    def _index_of(self, claim_id: int | None) -> int | None:
        for index, sentence in enumerate(self.sentences):
            if sentence.id == claim_id:
                return index
        return None

    # -- layout and drawing ---------------------------------------------------------------------

    def _styled_document(self) -> Text:
        if not self._document:
            return Text(self.empty_message, style=self.style_of("article-view--empty"))
        text = Text(self._document, end="", no_wrap=True)
        title_end = self._document.index("\n")
        text.stylize(self.style_of("article-view--title"), 0, title_end)
        text.stylize(
            self.style_of("article-view--meta"), title_end, self._body_offset
        )
        offset = self._body_offset
        for sentence in self.sentences:
            if sentence.is_claim:
                style = self.style_of(f"article-view--{sentence.status}")
                text.stylize(style, offset + sentence.start, offset + sentence.end)
        current = self.current_sentence
        if current is not None:
            name = "article-view--selected" if current.is_claim else "article-view--cursor"
            text.stylize(
                self.style_of(name), offset + current.start, offset + current.end
            )
        return text

    def _restyle(self, scroll: bool) -> None:
        width = max(self.scrollable_content_region.width, 10)
        if width != self._wrapped_width:
            source = self._document or self.empty_message
            self._ranges = wrap_offsets(source, width)
            self._wrapped_width = width
            self.virtual_size = Size(width, len(self._ranges))
        styled = self._styled_document()
        offsets = [start for start, _ in self._ranges[1:]]
        pieces = styled.divide(offsets) if offsets else [styled]
        previous = self._lines
        self._lines = [
            piece[: end - start] for piece, (start, end) in zip(pieces, self._ranges, strict=False)
        ]
        if len(previous) != len(self._lines):
            self.refresh()
        else:  # moving the highlight repaints only the lines it left and reached
            for y, (old, new) in enumerate(zip(previous, self._lines, strict=True)):
                if old != new:
                    self.refresh_line(y)
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
        line = 0
        for index, (start, _) in enumerate(self._ranges):
            if start > position:
                break
            line = index
        return line

    def line_of_current(self) -> int | None:
        """The wrapped line where the current sentence starts (for tests and benchmarks)."""
        current = self.current_sentence
        return None if current is None else self._line_of(self._body_offset + current.start)

    def on_resize(self) -> None:
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
        self.current = index
        self._restyle(scroll=True)
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
