"""The words around the figures: the template filters, the article and agreement checks, the
bare-figure check, and the shipped prose read through real games."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from game.content.checker import check
from game.content.errors import ContentError
from game.content.loader import load_content
from game.content.template import article, compare_words, fill_slot, parse_slot, plural, render, share_words
from game.content.wording import check_wording
from game.paths import assets_dir
from game.session.actions import ChooseScene, EndSeason
from game.session.game import GameSetup, Session


@pytest.mark.parametrize(("phrase", "expected"), [
    ("upper-middle peasant", "an"), ("lower-middle peasant", "a"), ("ox", "an"), ("union", "a"),
    ("hour", "an"), ("one-eyed dog", "a"), ("independent household", "an"), ("8-year plan", "an"),
])
def test_article_follows_the_sound(phrase, expected):
    assert article(phrase) == expected


def test_plurals_and_counts():
    assert plural("household", 1) == "household" and plural("household", 2) == "households"
    assert plural("family", 3) == "families" and plural("ox", 2) == "oxen" and plural("ox", 1) == "ox"
    values = {"n": 1, "m": 0, "k": 3, "big": 41782.4, "land": 13.7, "cls": "upper-middle peasant"}
    assert fill_slot("n|count:animal", values) == "1 animal"
    assert fill_slot("k|count:animal", values) == "3 animals"
    assert fill_slot("m|count:household", values) == "no households"
    assert fill_slot("k|words:family", values) == "three families"
    assert fill_slot("n|plural:household", values) == "household"
    assert fill_slot("big|jin", values) == "41,782 jin"
    assert fill_slot("land|mu", values) == "13.7 mu"
    assert fill_slot("cls|a", values) == "an upper-middle peasant"
    assert fill_slot("cls|a|cap", values) == "An upper-middle peasant"
    assert render("{{literal}} {n|count:ox}", values) == "{literal} 1 ox"


def test_adjectives_are_chosen_from_the_numbers():
    # the case: a dividend of 460 out of 1,216 jin is about a third, never "small"
    assert share_words(460, 1216) == "about a third"
    assert share_words(1000, 1216) == "most"
    assert share_words(50, 1216) == "a small part"
    assert share_words(600, 1216) == "about half"
    assert compare_words(120, 100) == "more than" and compare_words(80, 100) == "less than"
    assert compare_words(101, 100) == "about as much as"
    assert fill_slot("a|of:b", {"a": 460, "b": 1216}) == "about a third"


def test_a_bad_filter_is_a_content_error():
    with pytest.raises(ContentError):
        parse_slot("land|acres")
    with pytest.raises(ContentError):
        parse_slot("land|count")


def test_shipped_content_has_no_wording_problems():
    assert [str(p) for p in check_wording(load_content(assets_dir()))] == []


@pytest.mark.parametrize(("planted", "fragment"), [
    ("She is a upper-middle peasant's widow.", 'should be "an upper-middle"'),
    ("He is an poor man.", 'should be "a poor"'),
    ("Your family is a {class_label} now.", "write {class_label|a}"),
    ("There are {coop_households} households in co-ops.", "{coop_households|count:household}"),
    ("The widow has six mu by the well.", '"six mu" is a bare figure'),
    ("Eleven households have put their names down.", '"Eleven households" is a bare figure'),
])
def test_the_checker_catches_wording(tmp_path, planted, fragment):
    root = tmp_path / "assets"
    shutil.copytree(assets_dir(), root)
    path = root / "scenes/peasant/1953-summer.toml"
    text = path.read_text(encoding="utf-8")
    marker = 'text = """\n'
    path.write_text(text.replace(marker, marker + planted + "\n", 1), encoding="utf-8")
    errors = [str(p) for p in check(root, games=2, play=False).errors]
    assert any(fragment in e and "1953-summer.toml" in e for e in errors), errors


def test_a_sourced_figure_is_allowed(tmp_path):
    root = tmp_path / "assets"
    shutil.copytree(assets_dir(), root)
    path = root / "scenes/peasant/1953-summer.toml"
    text = path.read_text(encoding="utf-8")
    marker = 'text = """\n'
    path.write_text(text.replace(marker, marker + "In one county 89 households came back (S60c).\n", 1), encoding="utf-8")
    assert not [p for p in check(root, games=2, play=False).errors if "bare figure" in p.message]


BAD_WORDS = [(re.compile(r"\b[Aa] (?:[aeio]|upper|under|un[^i])\w*"), "'a' before a vowel sound"),
             (re.compile(r"\b1 (?:households|families|animals|oxen|people|co-ops|jin s)\b"), "'1' with a plural"),
             (re.compile(r"\[[a-z_|:]+\]"), "a variable the game could not fill"),
             (re.compile(r"\S\.[A-Z]"), "a missing space after a full stop")]


@pytest.mark.parametrize("household", ["li_guiying", "wang_fu", "qian_baoshan", None])
def test_rendered_prose_reads_right_in_real_games(household):
    """Every scene's text, option and result as a player reads them, over whole games."""
    role = "cadre" if household is None else "peasant"
    session = Session(GameSetup(role=role, seed=5, household=household, county=2), assets_dir())
    rng = random.Random(5)
    read = 0
    while not session.finished:
        while session.queue:
            passage = session.bundle.passage(session.queue[0])
            variables = session.text_variables()
            texts = [render(passage.text, variables)] + [session.choice_label(passage, i, variables)
                                                        for i in range(len(passage.choices))]
            index = rng.choice(session.open_choices(passage))
            texts.append(session.apply(ChooseScene(passage.id, index)))
            for text in texts:
                read += 1
                for pattern, what in BAD_WORDS:
                    found = pattern.search(text.replace("A.", "A").replace("U.S.", ""))
                    assert not found, f"{passage.id}: {what}: {found.group(0)!r} in {text[:200]!r}"
        session.apply(EndSeason())
    assert read > 50
