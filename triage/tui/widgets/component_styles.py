"""Component-class styles looked up once per theme or focus change, not once per rendered line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class CachedComponentStyles(_Base):
    """Mix in before a Line-API widget; call `forget_styles()` when focus changes its look.

    Deliberately not a Widget subclass: Textual takes a widget's CSS type names from its first
    DOM base, so a Widget mixin would hide the ScrollView rules (and the scrollbar)."""

    _styles: dict[str, Style]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._styles = {}

    def style_of(self, component: str) -> Style:
        """A component class's style (or "" for the widget's own), cached until styles change."""
        style = self._styles.get(component)
        if style is None:
            style = self.rich_style if not component else self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def forget_styles(self) -> None:
        self._styles.clear()

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()
