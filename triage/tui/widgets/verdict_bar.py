"""The verdict scale with the key for each verdict, as the live bindings say."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static


class VerdictBar(Static):
    """`1 True  2 Mostly true  …` — which key gives which verdict."""

    _shown: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def show(self, verdicts: Sequence[str], keys: Sequence[str]) -> None:
        if (tuple(verdicts), tuple(keys)) == self._shown:
            return
        self._shown = (tuple(verdicts), tuple(keys))
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for key, verdict in zip(keys, verdicts, strict=False):
            text.append(key, "bold reverse")
            text.append(f" {verdict} ")
        self.update(text, layout=False)

    def show_screen_keys(self, verdicts: Sequence[str]) -> None:
        """Show `verdicts` with the keys the screen's live bindings (remaps included) give."""
        keys: dict[str, str] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id not in keys:
                keys[binding.id] = self.app.get_key_display(binding)
        self.show(verdicts, [keys.get(f"verdict_{n}", "?") for n in range(1, len(verdicts) + 1)])
