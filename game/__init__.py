"""High Tide: an educational text adventure and village simulation of Chinese agricultural
collectivization, 1953-1956.

Layers (one-way): ``game.sim`` (the numpy village model), ``game.content`` (assets as data),
``game.session`` (a game in progress, saves), and the front ends ``game.ui`` (Textual) and
``game.plain`` (line mode). Only ``game.ui`` may import Textual.
"""

__version__ = "0.1.0"

TAGLINE = ("Liudu, a fictional village on the North China plain, spring 1953 to winter 1956: mutual-aid teams, "
           "the co-operatives, Mao's speech of 31 July 1955 and the 'high tide' that followed.")
"""The game in one sentence, for the title screen and line mode: the village is invented, the
policies, dates and documents are not."""
