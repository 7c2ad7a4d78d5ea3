"""Component-class styles looked up once per theme or focus change, not once per rendered line."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class CachedComponentStyles(Widget):
    """Mix in before a Line-API widget; call `forget_styles()` when focus changes its look."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._styles: dict[str, Style] = {}

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
