"""Edges of evaluating the condition language: a value of the wrong type from the game is an
error (or, for ==, simply not equal), never silently taken as a number or as true/false."""

from __future__ import annotations

import pytest

from game.content.errors import ContentError
from game.content.expr import evaluate, is_true, parse_condition, parse_expression


# ------------------------------------------------------------------ values of the wrong type at run time

@pytest.mark.parametrize("value", [True, "4", None])
def test_arithmetic_on_a_value_that_is_not_a_number_is_a_content_error(value):
    """The type check at load time trusts the game to give numbers for number names; a true/false
    (a bool is an int to Python) or a text given instead is refused by name, not computed with."""
    with pytest.raises(ContentError) as caught:
        evaluate(parse_expression("standing + 1"), {"standing": value})
    assert caught.value.message == f"expected a number, got {value!r}"


def test_a_condition_whose_value_is_not_true_or_false_is_a_content_error():
    with pytest.raises(ContentError) as caught:
        is_true(parse_condition("hungry"), {"hungry": 1})
    assert caught.value.message == "expected true or false, got 1"


@pytest.mark.parametrize("given", [1, 0, "true"])
def test_a_true_false_name_given_a_number_or_text_never_equals_true_or_false(given):
    """== between a true/false value and anything else is false (1 == True in Python, not here)."""
    for source in ("hungry == true", "hungry == false"):
        condition = parse_condition(source)
        assert evaluate(condition, {"hungry": given}) is False
        assert evaluate(parse_condition(source.replace("==", "!=")), {"hungry": given}) is True


# ------------------------------------------------------------------ flags and seen scenes under 'not'

@pytest.mark.parametrize(("source", "flags", "seen", "expected"), [
    ("not seen('p_well')", (), ("p_well",), False),
    ("not seen('p_well')", ("p_well",), (), True),  # a flag of the same name is not a scene seen
    ("not flag('asked')", ("asked",), (), False),
    ("not flag('asked')", (), ("asked",), True),  # nor is a scene seen a flag
    ("not not seen('p_well')", (), ("p_well",), True),
])
def test_not_reads_flags_and_seen_scenes_from_their_own_sets(source, flags, seen, expected):
    assert is_true(parse_condition(source), {}, flags, seen) is expected


# ------------------------------------------------------------------ flags and seen scenes on both sides of an operator

# (flags, seen) and the truth of flag('f'), seen('s') in each: a flag is looked up only among the
# flags and a scene only among the scenes seen, whichever side of the operator it stands on
CASES = [
    ({"f"}, {"s"}),  # flag('f') true,  seen('s') true
    ({"f"}, set()),  # true,  false
    (set(), {"s"}),  # false, true
    (set(), set()),  # false, false
    ({"s"}, {"f"}),  # false, false: the names are in the other set
]


@pytest.mark.parametrize(("source", "expected"), [
    # and: both true;  or: either true;  ==: both the same;  !=: they differ
    ("flag('f') and seen('s')", (True, False, False, False, False)),
    ("seen('s') and flag('f')", (True, False, False, False, False)),
    ("flag('f') or seen('s')", (True, True, True, False, False)),
    ("seen('s') or flag('f')", (True, True, True, False, False)),
    ("flag('f') == seen('s')", (True, False, False, True, True)),
    ("seen('s') == flag('f')", (True, False, False, True, True)),
    ("flag('f') != seen('s')", (False, True, True, False, False)),
    ("seen('s') != flag('f')", (False, True, True, False, False)),
])
def test_each_side_of_an_operator_reads_flags_and_seen_scenes_from_their_own_sets(source, expected):
    condition = parse_condition(source)
    assert tuple(is_true(condition, {}, flags, seen) for flags, seen in CASES) == expected


def test_without_flags_or_seen_scenes_no_flag_is_set_and_no_scene_seen():
    for check in (is_true, evaluate):
        assert check(parse_condition("not flag('asked') and not seen('p_well')"), {}) is True
        assert check(parse_condition("not flag('asked')"), {}, {"asked"}) is False
        assert check(parse_condition("not seen('p_well')"), {}, (), {"p_well"}) is False
    assert is_true(None, {}) is True  # no condition at all holds


# ------------------------------------------------------------------ comparisons at and around equality

@pytest.mark.parametrize(("t", "expected"), [
    # t < 4, t <= 4, t > 4, t >= 4 (t is a whole season number, so equality is an ordinary case)
    (3, (True, True, False, False)),
    (4, (False, True, False, True)),
    (5, (False, False, True, True)),
])
def test_comparisons_hold_strictly_or_not_at_equality(t, expected):
    results = tuple(is_true(parse_condition(f"t {op} 4"), {"t": t}) for op in ("<", "<=", ">", ">="))
    assert results == expected


@pytest.mark.parametrize(("source", "value"), [
    ("t + 4", 10), ("t - 4", 2), ("t * 4", 24), ("t / 4", 1.5), ("4 - t", -2), ("-t", -6),
    ("min(t, 4)", 4), ("max(t, 4)", 6), ("min(4, t)", 4), ("max(4, t)", 6),
])
def test_arithmetic_gives_the_worked_value(source, value):
    # t = 6: 6 + 4 = 10, 6 - 4 = 2, 6 * 4 = 24, 6 / 4 = 1.5, 4 - 6 = -2
    assert evaluate(parse_expression(source), {"t": 6}) == value


def test_dividing_by_zero_is_a_content_error_and_by_anything_else_is_not():
    with pytest.raises(ContentError) as caught:
        evaluate(parse_expression("t / (t - 6)"), {"t": 6})
    assert caught.value.message == "division by zero"
    assert evaluate(parse_expression("t / (t - 4)"), {"t": 6}) == 3  # 6 / 2
