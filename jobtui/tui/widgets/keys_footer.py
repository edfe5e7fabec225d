"""The footer fitted to its width: Help and Quit always show, the other keys drop from the end."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer

# Private in Textual (8.2): textual.widgets exports Footer but not the FooterKey widgets it
# composes, and Footer has no public hook to choose which keys fit. KeysFooter reads the
# keys Footer.compose() made (their key_display, description, action) to drop some, so it
# needs the class; Textual is pinned below 9 in pyproject.toml, and the snapshot tests
# draw the footer at several widths, so a change there shows at once.
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """The footer fitted to its width: Help and Quit always show; when the keys do not all
    fit, the others drop from the end first (never half a key)."""

    KEEP = ("help", "quit")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fitted_width = -1
        self._composed_from: tuple[object, ...] | None = None

    def _drawn_from(self) -> tuple[object, ...]:
        """Everything compose() draws from: the keys shown now and the width to fit."""
        keys: tuple[object, ...] = ()
        if self._bindings_ready:
            palette = self.app.COMMAND_PALETTE_BINDING
            display = self.app.get_key_display
            keys = tuple(
                (b.key, display(b), b.description, b.action, b.group, enabled, tooltip)
                for name, (_, b, enabled, tooltip) in self.screen.active_bindings.items()
                if b.show or name == palette
            )
        width = self.size.width or self.app.size.width
        return (self._bindings_ready, width, self.compact, self.show_command_palette, keys)

    async def recompose(self) -> None:
        # Footer recomposes on every refresh of the bindings (each focus change, each
        # screen change): a few dozen widgets mounted and styled again, tens of ms each
        # time, five times while jobtui starts. Only when what it shows has changed.
        if self.is_attached and self._drawn_from() == self._composed_from:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        self._composed_from = self._drawn_from()
        widgets = list(super().compose())
        if not all(isinstance(w, FooterKey) for w in widgets):
            yield from widgets  # binding groups: Textual's own layout
            return
        width = self.size.width or self.app.size.width
        self._fitted_width = width
        keys = [w for w in widgets if not w.has_class("-command-palette")]
        budget = width - sum(_footer_width(w) + 1 for w in widgets if w not in keys)
        kept = {id(k) for k in keys if k.action.rsplit(".", 1)[-1] in self.KEEP}
        budget -= sum(_footer_width(k) for k in keys if id(k) in kept)
        for key in keys:
            if id(key) in kept:
                continue
            if _footer_width(key) > budget:
                break  # this one and every later one drop
            budget -= _footer_width(key)
            kept.add(id(key))
        for widget in widgets:
            if id(widget) in kept or widget not in keys:
                # Footer gives each key the class through a binding once it is mounted: a
                # restyle of every key, one by one (most of the footer's cost). Given now,
                # that binding finds it there and does nothing.
                widget.set_class(self.compact, "-compact", update=False)
                yield widget

    def on_resize(self) -> None:
        if self.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)


def _footer_width(key: FooterKey) -> int:
    """Cells a compact footer key takes: "k Description" and its right margin."""
    text = key.key_display + (f" {key.description}" if key.description else "")
    return cell_len(text) + 1
