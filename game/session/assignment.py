"""Classroom assignments: one TOML file (or a short code) gives every student the same
village, seed and role, with stop points sized to a lesson and reflection questions.

Mistakes in an assignment file raise ``AssignmentError`` naming the field; a mistyped code
says so. Never imports textual.
"""

from __future__ import annotations

import tomllib
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from game.content.scenario import available
from game.sim.params import SEASONS, season_index, season_label

ROLES = ("peasant", "cadre", "student chooses")
CODE_SCENARIOS = ("north-china", "no-directive")  # stable order: codes must keep meaning
CODE_HOUSEHOLDS = (None, "li_guiying", "zhang_dewang", "wang_fu", "zhao_shouren", "qian_baoshan")
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


class AssignmentError(Exception):
    """An assignment file or code that cannot be used; the message names the field."""


@dataclass(frozen=True)
class Question:
    id: str
    season: int | None  # asked when this season ends; None = at the epilogue
    text: str

    @property
    def when(self) -> str:
        return "at the end" if self.season is None else f"after {season_label(self.season)}"


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    instructions: str
    scenario: str
    role: str
    seed: int
    household: str | None = None
    stop_after: tuple[int, ...] = ()
    lock_household: bool = False
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def questions_after(self, t: int) -> list[Question]:
        return [q for q in self.questions if q.season == t]

    def final_questions(self) -> list[Question]:
        return [q for q in self.questions if q.season is None]


def parse_season(text: object, where: str) -> int:
    if not isinstance(text, str):
        raise AssignmentError(f"{where} must be a season such as 'autumn 1955'.")
    words = text.lower().replace("-", " ").split()
    if len(words) == 2 and words[0].isdigit():
        words = words[::-1]
    if len(words) != 2 or words[0] not in SEASONS or not words[1].isdigit():
        raise AssignmentError(f"{where}: '{text}' is not a season; write it like 'autumn 1955'.")
    t = season_index(words[0], int(words[1]))
    if not 0 <= t < 16:
        raise AssignmentError(f"{where}: '{text}' is outside the game (spring 1953 to winter 1956).")
    return t


def load_assignment(path: Path, assets: Path) -> Assignment:
    """Read and check an assignment file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssignmentError(f"{path} does not exist; check the file name.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AssignmentError(f"{path} cannot be read ({exc}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise AssignmentError(f"{path.name} is not valid TOML ({exc}).") from None
    head = data.get("assignment")
    if not isinstance(head, dict):
        raise AssignmentError(f"{path.name}: the [assignment] table is missing.")
    name = path.name

    def text(key: str, required: bool = True, default: str = "") -> str:
        value = head.get(key, None)
        if value is None:
            if required:
                raise AssignmentError(f"{name}: [assignment] {key} is missing.")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            raise AssignmentError(f"{name}: [assignment] {key} must be text.")
        return value

    scenario = text("scenario")
    if scenario not in available(assets):
        raise AssignmentError(f"{name}: [assignment] scenario '{scenario}' is unknown; available: {', '.join(available(assets))}.")
    role = text("role")
    if role not in ROLES:
        raise AssignmentError(f"{name}: [assignment] role must be peasant, cadre or student chooses, not '{role}'.")
    seed = head.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 65535:
        raise AssignmentError(f"{name}: [assignment] seed must be a whole number from 0 to 65535.")
    household = head.get("household")
    if household is not None and (not isinstance(household, str) or household not in CODE_HOUSEHOLDS[1:]):
        raise AssignmentError(f"{name}: [assignment] household must be one of {', '.join(CODE_HOUSEHOLDS[1:])}.")
    stops = head.get("stop_after", [])
    if not isinstance(stops, list):
        raise AssignmentError(f"{name}: [assignment] stop_after must be a list of seasons.")
    stop_after = tuple(sorted({parse_season(s, f'{name}: [assignment] stop_after') for s in stops}))
    lock = head.get("lock_household", False)
    if not isinstance(lock, bool):
        raise AssignmentError(f"{name}: [assignment] lock_household must be true or false.")
    questions = []
    raw_questions = data.get("question", [])
    if not isinstance(raw_questions, list):
        raise AssignmentError(f"{name}: questions must be written as [[question]] tables.")
    seen = set()
    for i, q in enumerate(raw_questions, 1):
        if not isinstance(q, dict):
            raise AssignmentError(f"{name}: question {i} must be a table.")
        qid, qtext, when = q.get("id"), q.get("text"), q.get("season", "end")
        if not isinstance(qid, str) or not qid.strip():
            raise AssignmentError(f"{name}: question {i}: id is missing.")
        if qid in seen:
            raise AssignmentError(f"{name}: question {i}: id '{qid}' is used twice.")
        seen.add(qid)
        if not isinstance(qtext, str) or not qtext.strip():
            raise AssignmentError(f"{name}: question '{qid}': text is missing.")
        season = None if when == "end" else parse_season(when, f"{name}: question '{qid}' season")
        questions.append(Question(qid, season, qtext.strip()))
    return Assignment(text("id"), text("title"), text("instructions", required=False), scenario, role, seed,
                      household, stop_after, lock, tuple(questions))


# ------------------------------------------------------------------ short codes
def encode(assignment: Assignment) -> str:
    """A short code for scenario, role, household, seed and stop points, e.g. '3QK7-0M2X-19A'."""
    if assignment.scenario not in CODE_SCENARIOS:
        raise AssignmentError(f"scenario '{assignment.scenario}' has no short code; hand out the assignment file.")
    stops = sum(1 << t for t in assignment.stop_after)
    value = CODE_SCENARIOS.index(assignment.scenario)
    value = value << 2 | ROLES.index(assignment.role)
    value = value << 3 | CODE_HOUSEHOLDS.index(assignment.household)
    value = value << 16 | assignment.seed
    value = value << 16 | stops
    check = zlib.crc32(value.to_bytes(8, "big")) & 0x1F
    value = value << 5 | check
    chars = []
    for _ in range(10):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    code = "".join(reversed(chars))
    return f"{code[:4]}-{code[4:7]}-{code[7:]}"


def decode(code: str) -> Assignment:
    """The assignment a short code stands for (no questions; title and id from the code)."""
    clean = code.upper().replace("-", "").replace(" ", "").replace("O", "0").replace("I", "1").replace("L", "1")
    if len(clean) != 10 or any(c not in ALPHABET for c in clean):
        raise AssignmentError(f"'{code}' is not an assignment code; it has 10 letters and digits like 00C3-T61-00X.")
    value = 0
    for c in clean:
        value = value << 5 | ALPHABET.index(c)
    check, value = value & 0x1F, value >> 5
    if zlib.crc32(value.to_bytes(8, "big")) & 0x1F != check:
        raise AssignmentError(f"'{code}' is not a valid assignment code; check it letter by letter.")
    stops = value & 0xFFFF
    seed = value >> 16 & 0xFFFF
    household_i = value >> 32 & 0x7
    role_i = value >> 35 & 0x3
    scenario_i = value >> 37
    if scenario_i >= len(CODE_SCENARIOS) or role_i >= len(ROLES) or household_i >= len(CODE_HOUSEHOLDS):
        raise AssignmentError(f"'{code}' is not a valid assignment code; check it letter by letter.")
    code_id = "code-" + clean
    return Assignment(code_id, f"Assignment {clean[:4]}-{clean[4:7]}-{clean[7:]}", "", CODE_SCENARIOS[scenario_i], ROLES[role_i], seed,
                      CODE_HOUSEHOLDS[household_i], tuple(t for t in range(16) if stops >> t & 1),
                      CODE_HOUSEHOLDS[household_i] is not None)
