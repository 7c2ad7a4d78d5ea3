"""The verdict scale with the key for each verdict, as the live bindings say."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.widgets import Static

from triage.tui.verdict_labels import MIN_WIDTH, short_labels


def bar_text(verdicts: Sequence[str], keys: Sequence[str], width: int) -> Text:
    """`1 True  2 Mostly true  …` in `width` cells: when the full names do not fit, every verdict
    is shortened to the longest length that fits, never two alike ("M. true", "M. false")."""
    pairs = list(zip(keys, verdicts, strict=False))
    longest = max((len(verdict) for _, verdict in pairs), default=0)
    labels = {verdict: verdict for _, verdict in pairs}
    for limit in range(longest, MIN_WIDTH - 1, -1):
        labels = short_labels(verdicts, limit)
        if sum(len(key) + len(labels[verdict]) + 2 for key, verdict in pairs) <= width:
            break
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for key, verdict in pairs:
        text.append(key, "bold reverse")
        text.append(f" {labels[verdict]} ")
    return text


class VerdictBar(Static):
    """`1 True  2 Mostly true  …` — which key gives which verdict."""

    _shown: tuple[tuple[str, ...], tuple[str, ...], int] | None = None
    _scale: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    def show(self, verdicts: Sequence[str], keys: Sequence[str]) -> None:
        self._scale = (tuple(verdicts), tuple(keys))
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        verdicts, keys = self._scale
        width = self.size.width or self.app.size.width
        if (verdicts, keys, width) == self._shown:
            return
        self._shown = (verdicts, keys, width)
        self.update(bar_text(verdicts, keys, width), layout=False)

    def show_screen_keys(self, verdicts: Sequence[str]) -> None:
        """Show `verdicts` with the keys the screen's live bindings (remaps included) give."""
        keys: dict[str, str] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id not in keys:
                keys[binding.id] = self.app.get_key_display(binding)
        self.show(verdicts, [keys.get(f"verdict_{n}", "?") for n in range(1, len(verdicts) + 1)])
