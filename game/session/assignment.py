"""Classroom assignments: one TOML file (or a short code) gives every student the same
village, seed and role, with stop points sized to a lesson and reflection questions.

Mistakes in an assignment file raise ``AssignmentError`` naming the field; a mistyped code
says so. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.content.scenario import available
from game.reader import ASSIGNMENT_LIMIT, ReadError, load_toml
from game.sim.params import SEASONS, season_index, season_label
from game.typed import quote

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


MAX_ID = 64  # an assignment id or question id; ids go into saves and file names
MAX_TITLE = 200
MAX_TEXT = 10_000  # instructions or a question
MAX_QUESTIONS = 50


def parse_season(text: object, where: str) -> int:
    """'autumn 1955' (or '1955 autumn', 'autumn-1955') as a season index 0-15."""
    if not isinstance(text, str):
        raise AssignmentError(f"{where} must be a season such as 'autumn 1955'.")
    words = text.lower().replace("-", " ").split()
    if len(words) == 2 and words[0].isascii() and words[0].isdigit():
        words = words[::-1]
    if len(words) != 2 or words[0] not in SEASONS or not (words[1].isascii() and words[1].isdigit()) \
            or len(words[1]) != 4:
        raise AssignmentError(f"{where}: {quote(text, 40)} is not a season; write it like 'autumn 1955'.")
    t = season_index(words[0], int(words[1]))
    if not 0 <= t < 16:
        raise AssignmentError(f"{where}: {quote(text, 40)} is outside the game (spring 1953 to winter 1956).")
    return t


def load_assignment(path: Path, assets: Path) -> Assignment:
    """Read and check an assignment file."""
    path = Path(path)
    try:
        data = load_toml(path, ASSIGNMENT_LIMIT, "assignment file")
    except ReadError as error:
        raise AssignmentError(str(error)) from None
    name = quote(path.name, 60).strip("'")
    head = data.get("assignment")
    if not isinstance(head, dict):
        raise AssignmentError(f"{name}: the [assignment] table is missing.")

    def text(key: str, required: bool = True, default: str = "", limit: int = MAX_TEXT) -> str:
        value = head.get(key, None)
        if value is None:
            if required:
                raise AssignmentError(f"{name}: [assignment] {key} is missing.")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            raise AssignmentError(f"{name}: [assignment] {key} must be text.")
        if len(value) > limit:
            raise AssignmentError(f"{name}: [assignment] {key} is {len(value):,} characters long; use at most {limit:,}.")
        return value

    scenario = text("scenario")
    if scenario not in available(assets):
        raise AssignmentError(f"{name}: [assignment] scenario {quote(scenario, 40)} is unknown; "
                              f"available: {', '.join(available(assets))}.")
    role = text("role")
    if role not in ROLES:
        raise AssignmentError(f"{name}: [assignment] role must be peasant, cadre or student chooses, not {quote(role, 40)}.")
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
    if len(raw_questions) > MAX_QUESTIONS:
        raise AssignmentError(f"{name}: {len(raw_questions)} questions is too many; use at most {MAX_QUESTIONS}.")
    seen = set()
    for i, q in enumerate(raw_questions, 1):
        if not isinstance(q, dict):
            raise AssignmentError(f"{name}: question {i} must be a table.")
        qid, qtext, when = q.get("id"), q.get("text"), q.get("season", "end")
        if not isinstance(qid, str) or not qid.strip():
            raise AssignmentError(f"{name}: question {i}: id is missing.")
        if len(qid) > MAX_ID:
            raise AssignmentError(f"{name}: question {i}: the id is {len(qid)} characters long; use at most {MAX_ID}.")
        if qid in seen:
            raise AssignmentError(f"{name}: question {i}: id {quote(qid)} is used twice.")
        seen.add(qid)
        if not isinstance(qtext, str) or not qtext.strip():
            raise AssignmentError(f"{name}: question {quote(qid)}: text is missing.")
        if len(qtext) > MAX_TEXT:
            raise AssignmentError(f"{name}: question {quote(qid)}: the text is longer than {MAX_TEXT:,} characters.")
        season = None if when == "end" else parse_season(when, f"{name}: question {quote(qid)} season")
        questions.append(Question(qid, season, qtext.strip()))
    assignment_id = text("id", limit=MAX_ID)
    if assignment_id.startswith("code-"):
        raise AssignmentError(f"{name}: [assignment] id must not start with 'code-' (those ids belong to short codes).")
    return Assignment(assignment_id, text("title", limit=MAX_TITLE), text("instructions", required=False), scenario,
                      role, seed, household, stop_after, lock, tuple(questions))


# ------------------------------------------------------------------ short codes
# A code is 9 data characters (45 bits: scenario, role, household, seed, stop points) and one
# check character. The check is Damm's algorithm over the quasigroup x*y = 2x + y in GF(32):
# every row and column of that table is a permutation, so any single changed character changes
# the final check value, and (x*y)*z = (x*z)*y only when y = z, so any swap of two neighbouring
# characters does too. A code is valid when the check over all ten characters comes out 0.
GF32_POLY = 0b100101  # x^5 + x^2 + 1, irreducible over GF(2)
DATA_CHARS = 9


def _times2(x: int) -> int:
    x <<= 1
    return x ^ GF32_POLY if x & 32 else x


def _damm(values: list[int]) -> int:
    interim = 0
    for v in values:
        interim = _times2(interim) ^ v
    return interim


def check_char(data: str) -> str:
    """The character that makes the Damm check of ``data`` + it come out 0."""
    return ALPHABET[_times2(_damm([ALPHABET.index(c) for c in data]))]


def normalise(code: str) -> str:
    """A typed code without dashes and spaces, upper case, with O read as 0 and I, L as 1."""
    return code.upper().replace("-", "").replace(" ", "").replace("O", "0").replace("I", "1").replace("L", "1")


def looks_like_code(text: str) -> bool:
    """True if ``text`` has the shape of a short code (ten letters and digits, dashes allowed)."""
    return len(text) <= 20 and len(normalise(text)) == DATA_CHARS + 1 and normalise(text).isascii() \
        and normalise(text).isalnum()


def encode(assignment: Assignment) -> str:
    """A short code for scenario, role, household, seed and stop points, e.g. '3QK7-0M2-X19'."""
    if assignment.scenario not in CODE_SCENARIOS:
        raise AssignmentError(f"scenario '{assignment.scenario}' has no short code; hand out the assignment file.")
    stops = sum(1 << t for t in assignment.stop_after)
    value = CODE_SCENARIOS.index(assignment.scenario)
    value = value << 2 | ROLES.index(assignment.role)
    value = value << 3 | CODE_HOUSEHOLDS.index(assignment.household)
    value = value << 16 | assignment.seed
    value = value << 16 | stops
    chars = []
    for _ in range(DATA_CHARS):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    data = "".join(reversed(chars))
    code = data + check_char(data)
    return f"{code[:4]}-{code[4:7]}-{code[7:]}"


def decode(code: str) -> Assignment:
    """The assignment a short code stands for (no questions; title and id from the code)."""
    clean = normalise(code)
    if len(clean) != DATA_CHARS + 1 or any(c not in ALPHABET for c in clean):
        raise AssignmentError(f"{quote(code, 30)} is not an assignment code; it has 10 letters and digits like "
                              "00C3-T61-00X.")
    if _damm([ALPHABET.index(c) for c in clean]) != 0:
        raise AssignmentError(f"{quote(code, 30)} is not a valid assignment code (its check letter does not match); "
                              "check it letter by letter.")
    value = 0
    for c in clean[:DATA_CHARS]:
        value = value << 5 | ALPHABET.index(c)
    stops = value & 0xFFFF
    seed = value >> 16 & 0xFFFF
    household_i = value >> 32 & 0x7
    role_i = value >> 35 & 0x3
    scenario_i = value >> 37
    if scenario_i >= len(CODE_SCENARIOS) or role_i >= len(ROLES) or household_i >= len(CODE_HOUSEHOLDS):
        raise AssignmentError(f"{quote(code, 30)} is not a valid assignment code; check it letter by letter.")
    code_id = "code-" + clean
    return Assignment(code_id, f"Assignment {clean[:4]}-{clean[4:7]}-{clean[7:]}", "", CODE_SCENARIOS[scenario_i],
                      ROLES[role_i], seed, CODE_HOUSEHOLDS[household_i], tuple(t for t in range(16) if stops >> t & 1),
                      CODE_HOUSEHOLDS[household_i] is not None)
