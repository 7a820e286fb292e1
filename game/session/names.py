"""Names for the households of the player's village: the named characters of the story sit
in households of their class; every other household gets a family name. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import CLASSES

# common North China surnames (pinyin), used in order for households without a character
SURNAMES = (
    "Wu", "Zhou", "Xu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
    "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu",
    "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Jiang", "Cui", "Zhong", "Tan",
    "Lu", "Wang", "Fan", "Jin", "Shi", "Liao", "Jia", "Xia", "Wei", "Fu", "Fang", "Bai", "Zou", "Meng",
    "Xiong", "Qin", "Qiu", "Jiang", "Yin", "Xue", "Yan", "Duan", "Lei", "Hou", "Long", "Shi", "Tao", "Li",
    "He", "Gu", "Mao", "Hao", "Gong", "Shao", "Wan", "Qian", "Yan", "Tan", "Wu", "Dai", "Mo", "Kong", "Xiang",
    "Tang", "Chang", "Wen", "Kang", "Shi", "Chen", "Zhang", "Yang", "Huang", "Zhao", "Sun", "Ma", "Zhu", "Hu",
)


def assign_characters(cls: np.ndarray, characters, animals: np.ndarray | None = None,
                      persons: np.ndarray | None = None, typical_persons: np.ndarray | None = None) -> dict[str, int]:
    """character id -> household index in the village, for characters with a household class.

    Each takes a household of its class not already taken: poor and lower-middle characters
    prefer one without a draught animal, the well-off one with an animal (as their stories
    describe them), and among those the household closest to its class's typical size.
    """
    taken: set[int] = set()
    out: dict[str, int] = {}
    for character in characters:
        if character.social_class not in CLASSES:
            continue
        wanted = CLASSES.index(character.social_class)
        candidates = np.flatnonzero(cls == wanted)
        if animals is not None and len(candidates):
            owns = animals[candidates] >= 1
            prefer = ~owns if wanted <= 1 else owns
            size_gap = np.zeros(len(candidates))
            if persons is not None and typical_persons is not None:
                size_gap = np.abs(persons[candidates] - typical_persons[wanted])
            candidates = candidates[np.lexsort((candidates, size_gap, ~prefer))]
        for index in candidates:
            if int(index) not in taken:
                taken.add(int(index))
                out[character.id] = int(index)
                break
    return out


def household_names(cls: np.ndarray, characters, assigned: dict[str, int]) -> list[str]:
    """A display name for every household of the village."""
    names = [f"the {SURNAMES[i % len(SURNAMES)]} household" for i in range(len(cls))]
    by_id = {c.id: c for c in characters}
    for character_id, index in assigned.items():
        names[index] = f"{by_id[character_id].name}'s household"
    return names


def apply_endowments(state, village: int, characters, assigned: dict[str, int], ration: float, skill) -> None:
    """Give each named household the land, people, labour and animals of the character sheet.

    The sheet is the single source for what the story says about these families, so the
    model must use exactly those figures; their store at the start is the same in every seed
    (grain for half a year at the ration, the class's usual money), and so is their skill (the
    class's)."""
    by_id = {c.id: c for c in characters}
    for character_id, index in assigned.items():
        c = by_id[character_id]
        if c.land is None:
            continue
        state.land[village, index] = c.land
        state.persons[village, index] = float(c.persons)
        state.lab[village, index] = c.labour
        state.animals[village, index] = c.animals
        state.skill[village, index] = skill[CLASSES.index(c.social_class)]
        state.grain[village, index] = c.persons * ration / 4.0 * 2.0 * 0.8
        state.cash[village, index] = (150.0 if CLASSES.index(c.social_class) >= 2 else 30.0) * 0.8
