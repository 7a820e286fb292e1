"""High Tide: an educational text adventure and village simulation of Chinese agricultural
collectivization, 1953-1956.

Layers (one-way): ``game.sim`` (the numpy village model), ``game.content`` (assets as data),
``game.session`` (a game in progress, saves), and the front ends ``game.ui`` (Textual) and
``game.plain`` (line mode). Only ``game.ui`` may import Textual.
"""

__version__ = "0.1.0"
