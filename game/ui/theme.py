"""The game's extra Textual themes: "high-contrast" (black, white and yellow) for players who
need strong contrast. The app shell calls ``register_themes`` once, in ``on_mount``.
"""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#ffffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff5555",
    success="#55ff55",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#333333",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#ffff00 60%",
        "border": "#ffffff",
        "border-blurred": "#aaaaaa",
        "scrollbar": "#ffffff",
        "scrollbar-background": "#000000",
    },
)

THEMES = (HIGH_CONTRAST,)


def register_themes(app: App) -> None:
    """Make the game's themes available to ``app`` (select one with ``app.theme = name``)."""
    for theme in THEMES:
        app.register_theme(theme)
