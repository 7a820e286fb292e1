"""The condition language: parsing, type checks, evaluation semantics, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.effects import Effect, parse_effect
from game.content.errors import ContentError
from game.content.expr import evaluate, is_true, parse_condition, parse_expression
from game.content.syntax import parse_tree, tokenize

VALUES = {
    "role": "peasant", "year": 1954, "season": "spring", "t": 4, "household_class": "poor",
    "form": "team", "family_grain": 350.0, "grain_per_person": 420.0, "animals": 0,
    "hungry": True, "standing": 2, "trust": 0.6, "coop_share": 0.25, "higher_share": 0.0,
    "bad_harvest": False, "good_harvest": True, "procurement": 120.0, "directive": False,
    "exit_open": 1.0, "pressure": 0.2, "career": 0.0, "wants_out": False, "quota": 0.2,
}


def holds(source: str, flags=(), seen=()) -> bool:
    return is_true(parse_condition(source), VALUES, flags, seen)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("form == 'team'", True),
        ("form != 'team'", False),
        ("standing >= 2 and trust > 0.5", True),
        ("standing > 2 or hungry", True),
        ("not hungry", False),
        ("not not hungry", True),
        ("family_grain / 7 <= 50", True),
        ("family_grain - 50 * 2 == 250", True),
        ("(1 + 2) * 3 == 9", True),
        ("1 + 2 * 3 == 7", True),
        ("-standing == -2", True),
        ("min(standing, 1) == 1 and max(standing, 5) == 5", True),
        ("true and not false", True),
        ("hungry == true", True),
        ("year == 1954 and season == 'spring' and t == 4", True),
        ("role == \"peasant\"", True),
        ("not hungry or animals > 0 and false", False),
        ("0.5 < trust", True),
    ],
)
def test_evaluation(source, expected):
    assert holds(source) is expected


def test_flags_and_seen():
    assert holds("flag('asked')", flags={"asked"})
    assert not holds("flag('asked')")
    assert holds("seen('p_well') and not flag('x')", seen={"p_well"})


def test_and_or_short_circuit_precedence():
    # 'and' binds tighter than 'or'
    assert holds("true or false and false")
    assert not holds("(true or false) and false")


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("foo > 1", "unknown name 'foo'"),
        ("form.upper() == 'TEAM'", "attribute access"),
        ("__import__('os')", "names starting with '_'"),
        ("_x == 1", "names starting with '_'"),
        ("open('x') == 1", "unknown function 'open'"),
        ("eval('1') == 1", "unknown function 'eval'"),
        ("standing(1) > 0", "'standing' is not a function"),
        ("flag", "is a function"),
        ("flag(form)", "one quoted name"),
        ("min(1, 2, 3) > 0", "takes 2 argument"),
        ("form[0] == 't'", "indexing"),
        ("form = 'team'", "use =="),
        ("standing", "must be true or false"),
        ("form == 1", "cannot compare"),
        ("form == 'indepedent'", "not a value of form"),
        ("hungry + 1 > 0", "needs a number"),
        ("standing and hungry", "needs a true/false value"),
        ("1 < 2 < 3", "chained comparisons"),
        ("(standing > 1", "expected ')'"),
        ("standing > 1)", "unexpected ')'"),
        ("'unterminated", "unterminated string"),
        ("", "empty condition"),
        ("True", "lower case"),
        ("standing > 1 &&  hungry", "use and, or, not"),
        ("lambda: 1", "unexpected character"),
        ("not " * 60 + "hungry", "nested too deeply"),
        ("(" * 60 + "hungry" + ")" * 60, "nested too deeply"),
        ("+".join(["1"] * 200) + " > 0", "more than"),
    ],
)
def test_rejected(source, fragment):
    with pytest.raises(ContentError) as caught:
        parse_condition(source)
    assert fragment in caught.value.message
    assert caught.value.file is None  # the loader adds the location


def test_runtime_errors_are_content_errors():
    with pytest.raises(ContentError, match="division by zero"):
        evaluate(parse_condition("trust / animals > 1"), VALUES)
    with pytest.raises(ContentError, match="gave no value for 'form'"):
        is_true(parse_condition("form == 'team'"), {})


def test_parse_expression_allows_values():
    assert evaluate(parse_expression("standing * 2 + 1"), VALUES) == 5


@pytest.mark.parametrize(
    ("source", "effect"),
    [
        ("flag('asked')", Effect("flag", ("asked",))),
        ("standing(-1)", Effect("standing", (-1,))),
        ("join('team')", Effect("join", ("team",))),
        ("leave()", Effect("leave", ())),
        ("animals('slaughter')", Effect("animals", ("slaughter",))),
        ("sell_grain(200)", Effect("sell_grain", (200,))),
        ("effort(0.8)", Effect("effort", (0.8,))),
        ("effort(1)", Effect("effort", (1,))),
        ("omega(0.5)", Effect("omega", (0.5,))),
        ("valuation(0.3)", Effect("valuation", (0.3,))),
        ("poor_fund(false)", Effect("poor_fund", (False,))),
        ("withdrawal('allow_with_property')", Effect("withdrawal", ("allow_with_property",))),
        ("document('mao-1955-07-31')", Effect("document", ("mao-1955-07-31",))),
        ("  upgrade( )  ", Effect("upgrade", ())),
    ],
)
def test_effects_parse(source, effect):
    assert parse_effect(source) == effect


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("open('x')", "unknown effect 'open'"),
        ("__import__('os')", "names starting with '_'"),
        ("flag(a.b)", "attribute access"),
        ("flag(form)", "only plain values"),
        ("join('commune')", "one of team, lower, higher"),
        ("omega(0.6)", "from 0 to 0.5"),
        ("valuation(0.2)", "from 0.3 to 1"),
        ("effort(-0.1)", "from 0 to 1"),
        ("standing(1.5)", "whole number"),
        ("standing('a')", "takes a number"),
        ("poor_fund(1)", "true or false"),
        ("leave(1)", "takes 0 argument"),
        ("join()", "takes 1 argument"),
        ("leave", "in brackets"),
        ("flag('a') flag('b')", "expected ','"),
        ("'flag'", "starts with its name"),
        ("standing(-)", "followed by a number"),
    ],
)
def test_effects_rejected(source, fragment):
    with pytest.raises(ContentError) as caught:
        parse_effect(source)
    assert fragment in caught.value.message


def test_effect_str_round_trips():
    for source in ("join('team')", "standing(-2)", "poor_fund(true)", "leave()"):
        assert str(parse_effect(source)) == source


# --- fuzzing: the parser returns a result or raises ContentError, nothing else -------------

TOKENS = [
    "(", ")", ",", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "=", ".", "[", "]",
    "and", "or", "not", "true", "false", "True", "None", "flag", "seen", "min", "max", "open",
    "__import__", "__class__", "eval", "form", "standing", "trust", "hungry", "foo",
    "'team'", "'x'", "\"s\"", "'", "0", "1", "2.5", "1e3", "0x10", "_", "lambda", ":", "#",
    "\\", "{", "}", "@", "**", "%",
]


def _fuzz(source: str) -> None:
    for parse in (parse_condition, parse_expression, parse_tree, tokenize, parse_effect):
        try:
            parse(source)
        except ContentError:
            pass


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120))
def test_fuzz_random_text(source):
    _fuzz(source)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join))
def test_fuzz_token_soup(source):
    _fuzz(source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_fuzz_token_soup_unspaced(source):
    _fuzz(source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join))
def test_fuzz_evaluation_never_crashes(source):
    """Whatever parses also evaluates to a value or raises ContentError."""
    try:
        tree = parse_expression(source)
    except ContentError:
        return
    try:
        evaluate(tree, VALUES, {"x"}, {"x"})
    except ContentError:
        pass


# --- whole messages: a writer is told which operator or function wanted what (issue 18) ------
@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("min(hungry, 1) > 0", "min() needs a number, not a true/false value"),
        ("max(1, form) > 0", "max() needs a number, not a string"),
        ("not standing", "'not' needs a true/false value, not a number"),
        ("-hungry < 0", "'-' needs a number, not a true/false value"),
        ("standing and hungry", "'and' needs a true/false value, not a number"),
        ("hungry or standing", "'or' needs a true/false value, not a number"),
        ("hungry < 2", "'<' needs a number, not a true/false value"),
        ("2 >= form", "'>=' needs a number, not a string"),
        ("form == 'indepedent'", "'indepedent' is not a value of form (independent, team, lower, higher)"),
        ("'cadres' == role", "'cadres' is not a value of role (peasant, cadre)"),
        ("'nonsense' != season", "'nonsense' is not a value of season (spring, summer, autumn, winter)"),
        ("", "empty condition"),
        ("   ", "empty condition"),
    ],
)
def test_rejected_with_the_whole_message(source, message):
    with pytest.raises(ContentError) as caught:
        parse_condition(source)
    assert caught.value.message == message


def test_a_condition_must_be_text():
    for value in (3, None, True, ["form == 'team'"]):
        with pytest.raises(ContentError) as caught:
            parse_condition(value)  # type: ignore[arg-type]
        assert caught.value.message == "a condition must be a quoted string"


def test_negation_is_a_number_and_comparisons_with_a_constant_on_the_left_are_checked():
    assert holds("-standing < 0") and holds("-(standing) + 3 == 1") and holds("- 2 * standing == -4")
    assert holds("'team' == form") and not holds("'poor' != household_class")
    assert parse_condition("form == role").names() == {"form", "role"}  # two names: no constant to check


def test_a_condition_keeps_its_text_and_names_what_it_reads_and_calls():
    condition = parse_condition("flag('met_wang') and not seen('ev_hide') or standing > 1 and flag('x')")
    assert condition.source == "flag('met_wang') and not seen('ev_hide') or standing > 1 and flag('x')"
    assert condition.names() == {"standing"}
    assert condition.calls("flag") == ["met_wang", "x"] and condition.calls("seen") == ["ev_hide"]
