"""Read-only views: the ledger adds up, the calculus columns are the sums of their parts, the map
shows the whole village with the player in it once, and the epilogue judges on several axes."""

from __future__ import annotations

import pytest

from game.session import views
from game.session.actions import ChooseScene, EndSeason, SetForm, SetLever
from game.session.game import GameSetup, Session
from game.sim.params import N_SEASONS, season_label

# the ledger rows that split a harvest, and the parts of a co-op member's income
TAKE = ("Agricultural tax (公粮)", "Sold to the state (统购)", "Seed kept", "Fodder for animals", "Co-op reserve and welfare funds")
DISTRIBUTED = ("Land dividends", "Work points", "Per-head grain", "Animal rent", "Private plots", "Kept from own harvests")


def play(setup: GameSetup, join: bool = True, stance: str | None = None, upgrade: bool = False) -> Session:
    session = Session(setup)
    while not session.finished:
        while session.queue:
            view = views.current_scene(session)
            session.apply(ChooseScene(view.id, next(o.index for o in view.options if o.available)))
        if setup.role == "peasant" and join:
            for form in ("higher", "lower"):
                if session.calculus.available[("independent", "team", "lower", "higher").index(form)] and session.form_reason(form) is None:
                    session.apply(SetForm(form))
                    break
        if setup.role == "cadre":
            if stance:
                session.apply(SetLever("stance", stance))
            if upgrade and session.lever_reason("upgrade", True) is None:
                session.apply(SetLever("upgrade", True))
        session.apply(EndSeason())
    return session


@pytest.fixture(scope="module")
def peasant() -> Session:
    return play(GameSetup(role="peasant", household="wang_fu", seed=5, county=3))


@pytest.fixture(scope="module")
def cadre() -> Session:
    return play(GameSetup(role="cadre", seed=3, county=3), stance="pressure", upgrade=True)


@pytest.fixture(scope="module")
def loner() -> Session:
    return play(GameSetup(role="peasant", household="li_guiying", seed=8, county=3), join=False)


def games(peasant, cadre, loner):
    return {"peasant": peasant, "cadre": cadre, "loner": loner}


@pytest.mark.parametrize("who", ["peasant", "cadre", "loner"])
def test_ledger_rows_add_up_to_the_harvest(who, peasant, cadre, loner):
    session = games(peasant, cadre, loner)[who]
    harvests = 0
    for t in range(N_SEASONS):
        ledger = views.ledger(session, t)
        assert ledger is not None and ledger.label == season_label(t)
        if not ledger.harvest:
            continue
        harvests += 1
        rows = {r.label: r.village for r in ledger.rows}
        take = sum(rows[label] for label in TAKE)
        handed_out = sum(rows[label] for label in DISTRIBUTED)
        assert rows["Harvest"] == pytest.approx(take + handed_out, abs=1.0), (
            f"{season_label(t)} ({who}): harvest {rows['Harvest']:,.1f} jin but tax, sales, seed, fodder, funds and "
            f"the households' shares come to {take + handed_out:,.1f} jin: "
            + ", ".join(f"{k} {v:,.1f}" for k, v in rows.items()))
        flows = session.logs[t].village_flows
        assert handed_out == pytest.approx(flows["distributed"], abs=1.0)
        for row in ledger.rows:
            assert row.village >= -1.0 or row.label == "Animal rent", f"{row.label} is negative in {season_label(t)}"
        assert ledger.sentences() and all(s.endswith(".") for s in ledger.sentences())
    assert harvests == 8  # summer and autumn of four years


def test_ledger_before_any_season_is_empty():
    assert views.ledger(Session(GameSetup(seed=1, county=3))) is None


def test_ledger_without_a_harvest_says_so(peasant):
    ledger = views.ledger(peasant, 0)
    assert not ledger.harvest
    assert "no harvest" in ledger.sentences()[0]


@pytest.mark.parametrize("who", ["peasant", "cadre", "loner"])
def test_calculus_columns_are_the_sum_of_their_parts(who, peasant, cadre, loner):
    session = games(peasant, cadre, loner)[who]
    checked = set()
    for t in list(range(N_SEASONS)) + [None]:
        for index in (None, 0, 17, 99):
            view = views.calculus(session, index, t)
            assert len(view.columns) == 4
            for column in view.columns:
                if not column.available:
                    continue
                p = column.parts
                parts = sum(p[k] for k in views.INCOME_PARTS)
                if column.form in ("independent", "team"):
                    # money for grain sold to the state is the state's price for it
                    assert p["procurement_money"] == pytest.approx(p["procurement"] - p["sale_loss"], abs=0.01)
                assert column.total == pytest.approx(parts, abs=0.01), (
                    f"{who}, household {view.index}, {view.label}, {column.form}: total {column.total:.2f} "
                    f"but the parts add to {parts:.2f} ({p})")
                checked.add(column.form)
            assert view.best() in ("independent", "team", "lower", "higher")
            assert view.sentence().startswith(view.name)
    assert {"independent", "team", "lower"} <= checked


def test_calculus_of_the_player_household_by_default(peasant):
    view = views.calculus(peasant)
    assert view.index == peasant.household
    assert view.name == peasant.names[peasant.household]


@pytest.mark.parametrize("who", ["peasant", "cadre", "loner"])
def test_map_has_a_hundred_cells_and_one_player(who, peasant, cadre, loner):
    session = games(peasant, cadre, loner)[who]
    for t in (None, 0, 7, 15):
        village = views.village_map(session, t)
        assert len(village.cells) == 100
        assert [c.index for c in village.cells] == list(range(100))
        players = [c for c in village.cells if c.player]
        if session.setup.role == "peasant":
            assert len(players) == 1
            assert players[0].index == session.household
            assert players[0].character == session.setup.household
        else:
            assert players == []
        assert {c.form for c in village.cells} <= {"independent", "team", "lower", "higher"}
        if t is not None:
            members = sum(c.form in ("lower", "higher") for c in village.cells)
            assert members / 100 == pytest.approx(session.logs[t].indicators["coop_share"], abs=0.011)


@pytest.mark.parametrize("who", ["peasant", "cadre", "loner"])
def test_epilogue_has_several_axes(who, peasant, cadre, loner):
    session = games(peasant, cadre, loner)[who]
    epilogue = views.epilogue(session)
    assert epilogue.role == session.setup.role
    assert len(epilogue.axes) >= 3
    assert len({a.name for a in epilogue.axes}) == len(epilogue.axes)
    for axis in epilogue.axes:
        assert axis.name and axis.verdict and axis.detail
    assert len(epilogue.record) >= 3
    assert epilogue.other_view and epilogue.epilogue_text


def test_status_scene_indicators_tide_and_county(peasant, cadre):
    for session in (peasant, cadre):
        assert views.status(session).sentence().startswith("Epilogue")
        assert views.current_scene(session) is None
        for indicator in views.indicators(session):
            assert len(indicator.history) == N_SEASONS
            assert indicator.formatted()
        for name in views.INDICATORS:
            why = views.why(session, name)
            assert why.causes, name
        tide = views.tide(session)
        assert len(tide.labels) == N_SEASONS and None not in tide.village["coop_share"]
        county = views.county(session)
        assert len(county.shares) == 3 and 1 <= county.rank <= 3
    fresh = Session(GameSetup(role="peasant", seed=5, county=3))
    scene = views.current_scene(fresh)
    assert scene is not None and scene.title and scene.text and any(o.available for o in scene.options)
    assert "{" not in scene.text, "a text variable was left unrendered"
    with pytest.raises(KeyError):
        views.why(fresh, "happiness")
