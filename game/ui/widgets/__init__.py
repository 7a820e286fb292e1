"""Widgets of the season screen: the status line, the scene, the decisions and the prompt."""
