"""Classroom assignments: one TOML file (or a short code) gives every student the same
village, seed and role, with stop points sized to a lesson and reflection questions.

Mistakes in an assignment file raise ``AssignmentError`` naming the field; a mistyped code
says so. Never imports textual.
"""

from __future__ import annotations

import hashlib
import json
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
    code_hash: int | None = None  # for an assignment made from a short code: the hash bits it carries

    @property
    def from_code(self) -> bool:
        """True for an assignment known only from its short code (no questions, no instructions)."""
        return self.id.startswith("code-")

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
    return parse_assignment(data, quote(path.name, 60).strip("'"), assets)


def parse_assignment(data: object, name: str, assets: Path) -> Assignment:
    """Check an assignment's tables (as read from its TOML file, or embedded in a report);
    ``name`` is how messages name where they came from."""
    if not isinstance(data, dict):
        raise AssignmentError(f"{name}: the [assignment] table is missing.")
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


# ------------------------------------------------------------------ the content hash
def canonical(assignment: Assignment) -> dict:
    """The assignment as the tables of its file, every value spelled one way (no comments, seasons
    as 'autumn 1955'): what its content hash covers and what a report embeds. ``parse_assignment``
    reads it back to an equal assignment."""
    a = assignment
    head: dict[str, object] = {"id": a.id, "title": a.title, "instructions": a.instructions, "scenario": a.scenario,
                               "role": a.role, "seed": a.seed,
                               "stop_after": [season_label(t).lower() for t in a.stop_after],
                               "lock_household": a.lock_household}
    if a.household is not None:
        head["household"] = a.household
    return {"assignment": head,
            "question": [{"id": q.id, "season": "end" if q.season is None else season_label(q.season).lower(),
                          "text": q.text} for q in a.questions]}


def content_hash(assignment: Assignment) -> str:
    """SHA-256 of the assignment's canonical content: its settings, instructions and questions.
    Two files that differ only in comments or layout have the same hash."""
    body = json.dumps(canonical(assignment), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ short codes
# A code is 11 data characters (55 bits: scenario, role, household, seed, stop points and 15 bits
# of the assignment's content hash) and one check character. The check is Damm's algorithm over the quasigroup x*y = 2x + y in GF(32):
# every row and column of that table is a permutation, so any single changed character changes
# the final check value, and (x*y)*z = (x*z)*y only when y = z, so any swap of two neighbouring
# characters does too. A code is valid when the check over all ten characters comes out 0.
GF32_POLY = 0b100101  # x^5 + x^2 + 1, irreducible over GF(2)
DATA_CHARS = 11
HASH_BITS = 15
OLD_CODE_CHARS = 10  # codes of versions before the content hash: 9 data characters and a check


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
    """True if ``text`` has the shape of a short code (twelve letters and digits, dashes allowed;
    also the ten of an older code, so that it gets its own message)."""
    clean = normalise(text)
    return len(text) <= 24 and len(clean) in (DATA_CHARS + 1, OLD_CODE_CHARS) and clean.isascii() and clean.isalnum()


def hash_bits(assignment: Assignment) -> int:
    """The 15 bits of the content hash a code carries."""
    if assignment.code_hash is not None:
        return assignment.code_hash
    return int(content_hash(assignment)[:4], 16) >> (16 - HASH_BITS)


def encode(assignment: Assignment) -> str:
    """A short code for scenario, role, household, seed, stop points and the content hash,
    e.g. '003T-6100-EAKM'. Two files with the same settings but other questions get other codes."""
    if assignment.scenario not in CODE_SCENARIOS:
        raise AssignmentError(f"scenario '{assignment.scenario}' has no short code; hand out the assignment file.")
    stops = sum(1 << t for t in assignment.stop_after)
    value = CODE_SCENARIOS.index(assignment.scenario)
    value = value << 2 | ROLES.index(assignment.role)
    value = value << 3 | CODE_HOUSEHOLDS.index(assignment.household)
    value = value << 16 | assignment.seed
    value = value << 16 | stops
    value = value << HASH_BITS | hash_bits(assignment)
    chars = []
    for _ in range(DATA_CHARS):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    data = "".join(reversed(chars))
    code = data + check_char(data)
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def decode(code: str) -> Assignment:
    """The assignment a short code stands for (no questions; title and id from the code)."""
    clean = normalise(code)
    if len(clean) == OLD_CODE_CHARS and all(c in ALPHABET for c in clean) and _damm([ALPHABET.index(c) for c in clean]) == 0:
        raise AssignmentError(f"{quote(code, 30)} is a code of an older version of High Tide (10 characters); "
                              "ask your teacher for the new code (hightide code FILE prints it).")
    if len(clean) != DATA_CHARS + 1 or any(c not in ALPHABET for c in clean):
        raise AssignmentError(f"{quote(code, 30)} is not an assignment code; it has 12 letters and digits like "
                              "003T-6100-EAKM.")
    if _damm([ALPHABET.index(c) for c in clean]) != 0:
        raise AssignmentError(f"{quote(code, 30)} is not a valid assignment code (its check letter does not match); "
                              "check it letter by letter.")
    value = 0
    for c in clean[:DATA_CHARS]:
        value = value << 5 | ALPHABET.index(c)
    hashed = value & ((1 << HASH_BITS) - 1)
    value >>= HASH_BITS
    stops = value & 0xFFFF
    seed = value >> 16 & 0xFFFF
    household_i = value >> 32 & 0x7
    role_i = value >> 35 & 0x3
    scenario_i = value >> 37
    if scenario_i >= len(CODE_SCENARIOS) or role_i >= len(ROLES) or household_i >= len(CODE_HOUSEHOLDS):
        raise AssignmentError(f"{quote(code, 30)} is not a valid assignment code; check it letter by letter.")
    shown = f"{clean[:4]}-{clean[4:8]}-{clean[8:]}"
    return Assignment("code-" + clean, f"Assignment {shown}", "", CODE_SCENARIOS[scenario_i],
                      ROLES[role_i], seed, CODE_HOUSEHOLDS[household_i], tuple(t for t in range(16) if stops >> t & 1),
                      CODE_HOUSEHOLDS[household_i] is not None, (), hashed)


def same_assignment(code_assignment: Assignment, file_assignment: Assignment) -> bool:
    """True if a file is the assignment a code stands for: the same settings and hash bits."""
    try:
        return encode(file_assignment).replace("-", "") == code_assignment.id.removeprefix("code-")
    except AssignmentError:
        return False
