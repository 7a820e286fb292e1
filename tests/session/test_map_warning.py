"""The village map's paupers' co-op warning needs co-op members to compare."""

from game.session import views
from game.session.actions import EndSeason
from game.session.game import GameSetup, Session


def test_no_paupers_warning_before_any_co_op_exists():
    session = Session(GameSetup(role="peasant", seed=3, household="li_guiying", county=2))
    view = views.village_map(session)
    assert view.members_assets == 0.0
    assert not view.paupers_warning()


def test_the_warning_compares_members_with_independents():
    session = Session(GameSetup(role="peasant", seed=3, household="li_guiying", county=2))
    while not any(cell.form in ("lower", "higher") for cell in views.village_map(session).cells):
        session.apply(EndSeason())
    view = views.village_map(session)
    assert view.members_assets > 0
    assert view.paupers_warning() == (view.members_assets < 0.7 * view.independents_assets)
