"""Assignment files as a teacher writes them: every field that can be wrong gets the one sentence
that names it (issue 18's "bad input gets one clear sentence"), seasons are read in the ways
a teacher writes them, and only text shaped like a short code is taken for one.
"""

from __future__ import annotations

import pytest

from game.paths import assets_dir
from game.session.assignment import (MAX_ID, MAX_QUESTIONS, MAX_TEXT, MAX_TITLE, AssignmentError, load_assignment,
                                     looks_like_code, parse_assignment, parse_season)

ASSETS = assets_dir()


@pytest.mark.parametrize("text, t", [
    ("spring 1953", 0), ("autumn 1955", 10), ("1955 autumn", 10), ("Autumn-1955", 10), ("  WINTER   1956 ", 15),
    ("summer-1954", 5),
])
def test_seasons_are_read_as_teachers_write_them(text, t):
    assert parse_season(text, "stop") == t


@pytest.mark.parametrize("value, message", [
    (5, "stop must be a season such as 'autumn 1955'."),
    (None, "stop must be a season such as 'autumn 1955'."),
    ("autumn", "stop: 'autumn' is not a season; write it like 'autumn 1955'."),
    ("autumn 55", "stop: 'autumn 55' is not a season; write it like 'autumn 1955'."),
    ("autumn 1955 1956", "stop: 'autumn 1955 1956' is not a season; write it like 'autumn 1955'."),
    ("fall 1955", "stop: 'fall 1955' is not a season; write it like 'autumn 1955'."),
    ("1955 1955", "stop: '1955 1955' is not a season; write it like 'autumn 1955'."),
    ("autumn 19x5", "stop: 'autumn 19x5' is not a season; write it like 'autumn 1955'."),
    ("autumn \u0661\u0669\u0665\u0665", "stop: 'autumn \u0661\u0669\u0665\u0665' is not a season; write it like 'autumn 1955'."),
    ("\u0661\u0669\u0665\u0665 autumn", "stop: '\u0661\u0669\u0665\u0665 autumn' is not a season; write it like 'autumn 1955'."),
    ("autumn-" + "9" * 45, "stop: 'autumn-" + "9" * 30 + "...' is not a season; write it like 'autumn 1955'."),
    ("winter 1952", "stop: 'winter 1952' is outside the game (spring 1953 to winter 1956)."),
    ("spring 1957", "stop: 'spring 1957' is outside the game (spring 1953 to winter 1956)."),
    ("winter 1956x", "stop: 'winter 1956x' is not a season; write it like 'autumn 1955'."),
    ("spring 1" + "9" * 44, "stop: 'spring 1" + "9" * 29 + "...' is not a season; write it like 'autumn 1955'."),
])
def test_a_season_that_cannot_be_read_is_named_in_one_sentence(value, message):
    with pytest.raises(AssignmentError) as error:
        parse_season(value, "stop")
    assert str(error.value) == message


def test_a_season_outside_the_game_quotes_what_was_written():
    with pytest.raises(AssignmentError) as error:
        parse_season("spring 2" + "0" * 3, "stop")
    assert str(error.value) == "stop: 'spring 2000' is outside the game (spring 1953 to winter 1956)."


@pytest.mark.parametrize("text, shaped", [
    ("ABCD-EFGH-JKMN", True), ("abcd efgh jkmn", True), ("ABCDEFGHJKMN", True), ("ABCDE-FGHJK", True),
    ("ABCDEFGHJK", True),  # an older code of ten: it gets its own message
    ("ABCDEFGHJKM", False), ("ABCDEFGHJKMNP", False), ("ABCD-EFGH-JKM!", False), ("ABCD-EFGH-JKM\u00c9", False),
    ("a-b-c-d-e-f-g-h-j-k-m-n-", True), ("a-b-c-d-e-f-g-h-j-k-m-n--", False),  # at most 24 typed characters
    ("my-assignment.toml", False), ("", False),
])
def test_only_text_shaped_like_a_short_code_is_taken_for_one(text, shaped):
    assert looks_like_code(text) is shaped


# ------------------------------------------------------------------ the assignment file's fields
def base(**changes) -> dict:
    head = {"id": "lesson-1", "title": "The high tide", "instructions": "Play to the autumn.", "scenario": "north-china",
            "role": "peasant", "seed": 7, "household": "wang_fu", "stop_after": ["autumn 1955", "spring 1953"],
            "lock_household": True}
    for key, value in changes.items():
        if value is ...:
            head.pop(key)
        else:
            head[key] = value
    return {"assignment": head, "question": [{"id": "q1", "text": "  Why join?  ", "season": "autumn 1955"},
                                             {"id": "q2", "text": "What did the co-op pay?"}]}


def test_a_good_file_is_read_field_by_field():
    a = parse_assignment(base(), "lesson.toml", ASSETS)
    assert (a.id, a.title, a.instructions, a.scenario, a.role, a.seed, a.household, a.stop_after, a.lock_household) == (
        "lesson-1", "The high tide", "Play to the autumn.", "north-china", "peasant", 7, "wang_fu", (0, 10), True)
    assert [(q.id, q.season, q.text) for q in a.questions] == [("q1", 10, "Why join?"), ("q2", None, "What did the co-op pay?")]
    plain = parse_assignment(base(instructions=..., household=..., stop_after=..., lock_household=...), "x", ASSETS)
    assert (plain.instructions, plain.household, plain.stop_after, plain.lock_household) == ("", None, (), False)
    assert parse_assignment(base(seed=0), "x", ASSETS).seed == 0
    assert parse_assignment(base(seed=65535), "x", ASSETS).seed == 65535
    assert parse_assignment(base(id="x" * MAX_ID), "x", ASSETS).id == "x" * MAX_ID
    assert parse_assignment(base(title="t" * MAX_TITLE), "x", ASSETS).title == "t" * MAX_TITLE
    assert parse_assignment(base(role="student chooses"), "x", ASSETS).role == "student chooses"


def _message(data) -> str:
    with pytest.raises(AssignmentError) as error:
        parse_assignment(data, "lesson.toml", ASSETS)
    return str(error.value)


@pytest.mark.parametrize("changes, message", [
    ({"scenario": ...}, "lesson.toml: [assignment] scenario is missing."),
    ({"scenario": "   "}, "lesson.toml: [assignment] scenario must be text."),
    ({"scenario": 3}, "lesson.toml: [assignment] scenario must be text."),
    ({"scenario": "mars"}, "lesson.toml: [assignment] scenario 'mars' is unknown; available: no-directive, north-china."),
    ({"role": "landlord"}, "lesson.toml: [assignment] role must be peasant, cadre or student chooses, not 'landlord'."),
    ({"seed": -1}, "lesson.toml: [assignment] seed must be a whole number from 0 to 65535."),
    ({"seed": 65536}, "lesson.toml: [assignment] seed must be a whole number from 0 to 65535."),
    ({"seed": True}, "lesson.toml: [assignment] seed must be a whole number from 0 to 65535."),
    ({"seed": 7.0}, "lesson.toml: [assignment] seed must be a whole number from 0 to 65535."),
    ({"seed": ...}, "lesson.toml: [assignment] seed must be a whole number from 0 to 65535."),
    ({"household": "nobody"}, "lesson.toml: [assignment] household must be one of li_guiying, zhang_dewang, wang_fu, "
                              "zhao_shouren, qian_baoshan."),
    ({"household": 3}, "lesson.toml: [assignment] household must be one of li_guiying, zhang_dewang, wang_fu, "
                       "zhao_shouren, qian_baoshan."),
    ({"stop_after": "autumn 1955"}, "lesson.toml: [assignment] stop_after must be a list of seasons."),
    ({"stop_after": ["autumn"]}, "lesson.toml: [assignment] stop_after: 'autumn' is not a season; write it like "
                                 "'autumn 1955'."),
    ({"lock_household": "yes"}, "lesson.toml: [assignment] lock_household must be true or false."),
    ({"id": ...}, "lesson.toml: [assignment] id is missing."),
    ({"id": "x" * (MAX_ID + 1)}, f"lesson.toml: [assignment] id is {MAX_ID + 1} characters long; use at most {MAX_ID}."),
    ({"id": "code-ABCD"}, "lesson.toml: [assignment] id must not start with 'code-' (those ids belong to short codes)."),
    ({"title": ...}, "lesson.toml: [assignment] title is missing."),
    ({"title": "t" * (MAX_TITLE + 1)}, "lesson.toml: [assignment] title is 201 characters long; use at most 200."),
    ({"instructions": 5}, "lesson.toml: [assignment] instructions must be text."),
    ({"instructions": "i" * (MAX_TEXT + 1)}, "lesson.toml: [assignment] instructions is 10,001 characters long; use at "
                                             "most 10,000."),
])
def test_each_bad_field_is_named_in_one_sentence(changes, message):
    assert _message(base(**changes)) == message


def test_empty_instructions_are_allowed_but_an_empty_title_is_not():
    assert parse_assignment(base(instructions=""), "x", ASSETS).instructions == ""
    assert _message(base(title="")) == "lesson.toml: [assignment] title must be text."


@pytest.mark.parametrize("questions, message", [
    ("q", "lesson.toml: questions must be written as [[question]] tables."),
    ([{"id": "q"}] * (MAX_QUESTIONS + 1), f"lesson.toml: {MAX_QUESTIONS + 1} questions is too many; use at most "
                                          f"{MAX_QUESTIONS}."),
    (["q"], "lesson.toml: question 1 must be a table."),
    ([{"text": "Why?"}], "lesson.toml: question 1: id is missing."),
    ([{"id": " ", "text": "Why?"}], "lesson.toml: question 1: id is missing."),
    ([{"id": "q" * (MAX_ID + 1), "text": "Why?"}], f"lesson.toml: question 1: the id is {MAX_ID + 1} characters long; "
                                                   f"use at most {MAX_ID}."),
    ([{"id": "a", "text": "Why?"}, {"id": "a", "text": "Why not?"}], "lesson.toml: question 2: id 'a' is used twice."),
    ([{"id": "a"}], "lesson.toml: question 'a': text is missing."),
    ([{"id": "a", "text": "  "}], "lesson.toml: question 'a': text is missing."),
    ([{"id": "a", "text": "w" * (MAX_TEXT + 1)}], "lesson.toml: question 'a': the text is longer than 10,000 characters."),
    ([{"id": "a", "text": "Why?", "season": "autumn"}], "lesson.toml: question 'a' season: 'autumn' is not a season; "
                                                        "write it like 'autumn 1955'."),
])
def test_each_bad_question_is_named_in_one_sentence(questions, message):
    data = base()
    data["question"] = questions
    assert _message(data) == message


def test_a_question_may_be_as_long_as_the_limit_and_up_to_the_limit_in_number():
    data = base()
    data["question"] = [{"id": f"q{i}", "text": "w" * MAX_TEXT, "season": "end"} for i in range(MAX_QUESTIONS)]
    assert len(parse_assignment(data, "x", ASSETS).questions) == MAX_QUESTIONS


@pytest.mark.parametrize("data", [[], {"question": []}, {"assignment": "x"}])
def test_a_file_without_its_assignment_table_says_so(data):
    assert _message(data) == "lesson.toml: the [assignment] table is missing."


def test_a_file_is_named_by_its_file_name(tmp_path):
    path = tmp_path / "week 3's lesson.toml"
    path.write_text('[assignment]\nid = "w3"\ntitle = "Week 3"\nscenario = "north-china"\nrole = "cadre"\nseed = 70000\n',
                    encoding="utf-8")
    with pytest.raises(AssignmentError) as error:
        load_assignment(path, ASSETS)
    assert str(error.value) == "week 3's lesson.toml: [assignment] seed must be a whole number from 0 to 65535."
    long = tmp_path / ("a" * 70 + ".toml")
    long.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(AssignmentError) as error:
        load_assignment(long, ASSETS)
    assert str(error.value).startswith("a" * 57 + "...: [assignment] seed")


def test_a_file_nested_too_deep_is_not_an_assignment_file(tmp_path):
    path = tmp_path / "lesson.toml"
    path.write_text("a = " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    with pytest.raises(AssignmentError) as error:
        load_assignment(path, ASSETS)
    assert str(error.value).endswith(" assignment file.")
    good = tmp_path / "good.toml"
    good.write_text('[assignment]\nid = "w3"\ntitle = "Week 3"\nscenario = "north-china"\nrole = "cadre"\nseed = 7\n',
                    encoding="utf-8")
    assert load_assignment(good, ASSETS).seed == 7


# ------------------------------------------------------------------ the edges of each field (issue 18, mutation run)
def test_every_household_and_an_id_at_the_limit_are_accepted():
    for household in ("li_guiying", "zhang_dewang", "wang_fu", "zhao_shouren", "qian_baoshan"):
        assert parse_assignment(base(household=household), "x", ASSETS).household == household
    data = base()
    data["question"] = [{"id": "q" * MAX_ID, "text": "Why?"}]
    assert parse_assignment(data, "x", ASSETS).questions[0].id == "q" * MAX_ID


def test_long_values_are_quoted_cut_to_forty_characters():
    cut = "m" * 37 + "..."
    assert _message(base(scenario="m" * 50)) == (
        f"lesson.toml: [assignment] scenario '{cut}' is unknown; available: no-directive, north-china.")
    assert _message(base(role="m" * 50)) == (
        f"lesson.toml: [assignment] role must be peasant, cadre or student chooses, not '{cut}'.")
    with pytest.raises(AssignmentError) as error:  # a readable season far outside the game, padded with spaces
        parse_season("spring" + " " * 40 + "1957", "stop")
    assert str(error.value) == "stop: 'spring" + " " * 31 + "...' is outside the game (spring 1953 to winter 1956)."


def test_a_file_name_is_shown_whole_whatever_letters_it_starts_or_ends_with(tmp_path):
    path = tmp_path / "Xmas'X.toml"  # quote marks and X at the ends of the name are the name's own
    path.write_text('[assignment]\nid = "w3"\ntitle = "Week 3"\nscenario = "north-china"\nrole = "cadre"\nseed = 70000\n',
                    encoding="utf-8")
    with pytest.raises(AssignmentError) as error:
        load_assignment(path, ASSETS)
    assert str(error.value).startswith("Xmas'X.toml: [assignment] seed")
