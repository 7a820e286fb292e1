"""Short codes and content hashes as a contract: a code written on the board in one version must
mean the same in the next, a file's hash must not change with its layout, and every code that
cannot be used gets its own sentence. The layout of a code is spelled out here by hand (bit
fields, check character), so a change to ``encode``/``decode`` that both sides agree on still
fails a test. (Issue 18: these rules were found unpinned by the mutation run.)
"""

from __future__ import annotations

import hashlib

import pytest

from game.paths import assets_dir
from game.session.assignment import (
    ALPHABET, Assignment, AssignmentError, Question, canonical, check_char, content_hash, decode, encode, hash_bits,
    load_assignment, normalise, same_assignment)

ASSETS = assets_dir()


def spelled(scenario_i: int, role_i: int, household_i: int, seed: int, stops: int, hashed: int) -> str:
    """A code written out from its fields by hand: 2+2+3+16+16+15 bits, eleven base-32 characters,
    most significant first, then the Damm check character."""
    value = (((((scenario_i << 2 | role_i) << 3 | household_i) << 16 | seed) << 16 | stops) << 15) | hashed
    data = "".join(ALPHABET[value >> (5 * (10 - i)) & 31] for i in range(11))
    return data + check_char(data)


def message(code: str) -> str:
    with pytest.raises(AssignmentError) as error:
        decode(code)
    return str(error.value)


def test_the_teacher_guides_example_code_means_what_it_always_meant():
    a = decode("003T-6100-EAKM")
    assert (a.scenario, a.role, a.household, a.seed, a.stop_after, a.lock_household, a.code_hash) == (
        "north-china", "peasant", None, 1955, (10,), False, 14675)
    assert (a.id, a.title, a.instructions, a.questions) == ("code-003T6100EAKM", "Assignment 003T-6100-EAKM", "", ())
    assert spelled(0, 0, 0, 1955, 1 << 10, 14675) == "003T6100EAKM"


def test_a_code_is_read_as_typed_on_a_phone_or_from_the_board():
    assert normalise("oo3t-6loo eakm") == "003T6100EAKM"
    assert normalise("OO3T 61OO-EAKM") == "003T6100EAKM"
    assert normalise("iIlL") == "1111"
    assert decode("oo3t 6loo eakm") == decode("003T-6100-EAKM")


def test_the_check_character_is_dammS_over_gf32():
    # x*y = 2x + y in GF(32) with x^5 = x^2 + 1: doubling 16 overflows into 0b100101 ^ 0b100000 = 5
    assert check_char("0") == "0" and check_char("1") == "2" and check_char("G") == "5"
    assert check_char("10") == "4"  # ((0*1)=1, 1*0 = 2, then doubled for the check: 4)


def test_the_settings_that_fit_no_slot_are_refused_at_their_first_value():
    assert decode(spelled(1, 2, 5, 65535, 0xFFFF, 0)).scenario == "no-directive"  # the last valid of each field
    for fields in ((2, 0, 0), (0, 3, 0), (0, 0, 6)):
        code = spelled(*fields, 1, 0, 0)
        assert message(code) == f"'{code}' is not a valid assignment code; check it letter by letter."
    typed = " ".join(spelled(0, 0, 6, 1, 0, 0)) + " " * 8  # 31 characters: quoted cut to 30
    assert message(typed) == f"'{typed[:27]}...' is not a valid assignment code; check it letter by letter."
    assert message(typed[:-1]) == f"'{typed[:-1]}' is not a valid assignment code; check it letter by letter."


def test_each_code_that_cannot_be_used_gets_its_own_sentence():
    old = "003T61007"
    old += check_char(old)  # a ten-character code of an older version, with a check that adds up
    assert message(old) == (f"'{old}' is a code of an older version of High Tide (10 characters); "
                            "ask your teacher for the new code (hightide code FILE prints it).")
    assert message("0" * 9 + "!") == ("'000000000!' is not an assignment code; it has 12 letters and digits like "
                                      "003T-6100-EAKM.")
    assert message("003T-6100-EAKU") == ("'003T-6100-EAKU' is not an assignment code; it has 12 letters and digits "
                                         "like 003T-6100-EAKM.")
    assert message("003T-6100-EAKN") == ("'003T-6100-EAKN' is not a valid assignment code (its check letter does not "
                                         "match); check it letter by letter.")
    spaced = "0 0 3 T - 6 1 0 0 - E A K N    "  # 31 characters: quoted cut to 30
    assert message(spaced) == (f"'{spaced[:27]}...' is not a valid assignment code (its check letter does not "
                               "match); check it letter by letter.")
    assert message(" - ".join(old)).startswith(f"'{' - '.join(old)[:27]}...' is a code of an older version")
    assert message("12345 67890 ABCD") == ("'12345 67890 ABCD' is not an assignment code; it has 12 letters and "
                                           "digits like 003T-6100-EAKM.")
    long = "x" * 40
    assert message(long) == f"'{'x' * 27}...' is not an assignment code; it has 12 letters and digits like 003T-6100-EAKM."


def test_a_scenario_without_a_code_says_to_hand_out_the_file():
    elsewhere = Assignment("x", "X", "", "elsewhere", "peasant", 1)
    with pytest.raises(AssignmentError) as error:
        encode(elsewhere)
    assert str(error.value) == "scenario 'elsewhere' has no short code; hand out the assignment file."
    assert not same_assignment(decode("003T-6100-EAKM"), elsewhere)


LESSON = Assignment("lesson-1", "高潮 The high tide", "Play to the autumn.", "north-china", "peasant", 7, "wang_fu",
                    (0, 10), True, (Question("q1", 10, "Why join?"), Question("q2", None, "What did the co-op pay?")))


def test_the_canonical_form_spells_every_field_one_way():
    assert canonical(LESSON) == {
        "assignment": {"id": "lesson-1", "title": "高潮 The high tide", "instructions": "Play to the autumn.",
                       "scenario": "north-china", "role": "peasant", "seed": 7,
                       "stop_after": ["spring 1953", "autumn 1955"], "lock_household": True, "household": "wang_fu"},
        "question": [{"id": "q1", "season": "autumn 1955", "text": "Why join?"},
                     {"id": "q2", "season": "end", "text": "What did the co-op pay?"}]}
    anyone = Assignment("x", "X", "", "north-china", "cadre", 1)
    assert "household" not in canonical(anyone)["assignment"]


def test_the_content_hash_is_the_sha256_of_the_canonical_json_written_out():
    body = ('{"assignment":{"household":"wang_fu","id":"lesson-1","instructions":"Play to the autumn.",'
            '"lock_household":true,"role":"peasant","scenario":"north-china","seed":7,'
            '"stop_after":["spring 1953","autumn 1955"],"title":"高潮 The high tide"},'
            '"question":[{"id":"q1","season":"autumn 1955","text":"Why join?"},'
            '{"id":"q2","season":"end","text":"What did the co-op pay?"}]}')
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    assert content_hash(LESSON) == digest
    assert hash_bits(LESSON) == int(digest[:4], 16) >> 1  # the top 15 of its first 16 bits


def test_the_example_files_keep_their_codes():
    """The codes teachers have already handed out for the shipped example files: if this fails,
    a change has made every code on a board mean something else (or the example file changed:
    then its code in the teacher guide must change too)."""
    two = load_assignment(ASSETS / "assignments" / "two-lessons.toml", ASSETS)
    digest = content_hash(two)
    assert hash_bits(two) == int(digest[:4], 16) >> 1
    assert encode(two).replace("-", "") == spelled(0, 0, 0, 1955, 1 << 10, hash_bits(two))
