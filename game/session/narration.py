"""What the model did this season, in sentences: the report lines that say so whenever the
village's rules did something other than what the player chose (an application refused, a team
that broke up, a co-op meeting that voted to go higher, a request to leave that was blocked),
why, and what it cost. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import DIRECTIVE_SEASON, FORMS, HIGHER, LOWER, TEAM

FORM_VERB = {"independent": "leave and farm alone", "team": "join a mutual-aid team",
             "lower": "join the lower-stage co-op", "higher": "join the higher-stage co-op"}
FORM_NOW = {"independent": "farms alone", "team": "works in a mutual-aid team",
            "lower": "belongs to the lower-stage co-op", "higher": "belongs to the higher-stage co-op"}


def households(n: int) -> str:
    """'1 household', '3 households'."""
    return f"{n} household" if n == 1 else f"{n} households"


def village_lines(flows: dict[str, np.ndarray], before: np.ndarray, after: np.ndarray, v: int) -> list[str]:
    """What happened to the village's membership this season."""
    out = []
    joined = int(((after >= LOWER) & (before < LOWER)).sum())
    left = int(((after < LOWER) & (before >= LOWER)).sum())
    if joined:
        out.append(f"{households(joined).capitalize()} entered a co-op.")
    if left:
        out.append(f"{households(left).capitalize()} left a co-op.")
    # applications that found no co-op to enter: the county approved none, or the group was too small
    unapproved = int(flows["no_new_coop"][v].sum()) if "no_new_coop" in flows else 0
    too_few = int(flows["too_few_founders"][v].sum()) if "too_few_founders" in flows else 0
    if unapproved:
        out.append(f"{households(unapproved).capitalize()} applied for a co-op and found none with room: the county "
                   "approved no new co-op in the village this season.")
    if too_few:
        out.append(f"{households(too_few).capitalize()} applied to found a co-op, too few for a founding group.")
    held = flows.get("meeting_held")
    if held is not None and held[v].any():
        votes = flows["vote"][v]
        ayes, noes = int((votes == 1).sum()), int((votes == 0).sum())
        passed = flows["meeting_passed"][v].any()
        tie = " (half the votes carry a meeting)" if passed and ayes <= noes else ""
        out.append(f"Co-op meetings on the higher stage: {ayes} for, {noes} against{tie}; "
                   + ("the co-op went higher." if passed else "the co-op stays in the lower stage."))
    broke = int(flows.get("team_broke", np.zeros((1, 1)))[v].sum())
    if broke >= 3:
        out.append(f"{households(broke).capitalize()} lost their mutual-aid team: a team needs at least three households.")
    return out


def household_lines(session, flows: dict[str, np.ndarray], before: int, after: int, h: int, t: int) -> list[str]:
    """Why the household farms as it does now, when that is not what it asked for."""
    v = 0
    f = {k: float(val[v, h]) for k, val in flows.items() if np.ndim(val) == 2}
    pending = session.pending_form
    out = []
    if f.get("hidden_found", 0) > 0:
        out.append(f"The grain you hid was found: {f['hidden_found']:,.0f} jin taken without payment, and the family "
                   "is marked as hoarders.")
        session.flags.add("caught_hiding")
    elif session.pending_hide > 0 and "hidden_found" in f:
        if f.get("hidden_kept", 0) >= 1:
            out.append(f"Nobody found the {f.get('hidden_kept', 0):,.0f} jin you kept back.")
        else:
            out.append("The assessment asked no surplus grain of your household this season, so there was nothing to keep back.")
    if f.get("meeting_held", 0) > 0:
        vote = "for" if f.get("vote") == 1 else "against"
        if f.get("converted", 0) > 0 and f.get("carried_in", 0) > 0:
            out.append(f"Your co-op's meeting voted to go to the higher stage. You voted {vote}, but too few voted with "
                       "you to keep a lower co-op going, and your request to withdraw was not granted (or not made): "
                       "your land and animals are now the collective's.")
        elif f.get("converted", 0) > 0:
            out.append(f"Your co-op's meeting voted to go to the higher stage, and you voted {vote}: the family's land "
                       "and animals now belong to the collective, and the co-op owes you for the animals.")
        elif f.get("withdrew", 0) > 0:
            out.append("Your co-op's meeting voted to go to the higher stage. You voted against and withdrew: the family "
                       "farms alone again, and the share fund stays with the co-op.")
        elif f.get("stayed_behind", 0) > 0:
            out.append("Your co-op's meeting voted to go higher, but enough members voted against with you to keep a "
                       "lower co-op going: you stay in the lower stage.")
        else:
            out.append(f"Your co-op's meeting on the higher stage voted it down; you voted {vote}.")
    elif pending == "higher" and before == LOWER and after == LOWER:
        out.append("No meeting on the higher stage was held in your co-op this season; the cadres call it, or most "
                   "members must want it.")
    if f.get("screened_out", 0) > 0:
        out.append("The co-op turned your application down: it screens out households that bring labour but no draught "
                   "animal and little land (a practice Mao criticized in July 1955, S1).")
    elif f.get("not_admitted", 0) > 0:
        from game.sim.cadre import CAPACITY_BY_STANCE

        room = session.params.schedule.capacity[t] * CAPACITY_BY_STANCE[int(session.levers.stance[v])]
        # the households ahead of the player may not have got in either: then say why nobody did
        entered = int(((flows["joined"][v] > 0) & (session.state.form[v] >= LOWER)).sum()) if "joined" in flows else 1
        unapproved = "no_new_coop" in flows and bool(flows["no_new_coop"][v].any())
        too_few = "too_few_founders" in flows and bool(flows["too_few_founders"][v].any())
        if room < 1:
            out.append("Your application was not reached this season: the cadres are taking no new households into "
                       "co-ops this season. You can apply again next season.")
        elif entered or not (unapproved or too_few):
            out.append(f"Your application was not reached this season: the cadres could take in only "
                       f"{households(round(room))}, and others came first"
                       + ("." if entered else ", though none of them got into a co-op either.")
                       + " You can apply again next season.")
        elif unapproved:
            out.append("Your application was not granted this season: there is no co-op with room in the village, and "
                       "the county approved no new one. The households ahead of you in the queue were turned away too. "
                       "You can apply again next season.")
        else:
            out.append(f"Your application was not granted this season: the cadres could take in only "
                       f"{households(round(room))}, and those ahead of you were too few to found a co-op (a founding "
                       f"group needs at least {session.params.found_min:.0f} households), so nobody got in. You can "
                       "apply again next season.")
    elif f.get("no_new_coop", 0) > 0:
        out.append("There is no co-op with room in the village, and the county approved no new one this season.")
    elif f.get("too_few_founders", 0) > 0:
        out.append(f"Too few families applied with you to found a co-op: a founding group needs at least "
                   f"{session.params.found_min:.0f} households.")
    if f.get("team_broke", 0) > 0:
        out.append("Your mutual-aid team broke up: fewer than three households were left in it. A team needs partners.")
    if f.get("blocked", 0) > 0:
        out.append("Your request to leave was refused this season: the exit was closed to you. Grievance grows.")
    if f.get("share_fund", 0) > 0:
        loan = session.state.fund_loan[v, h] > 0 and int(session.state.cls[v, h]) <= 1
        out.append(f"You paid {f['share_fund']:,.0f} jin into the co-op's share fund"
                   + (", lent by the poor peasants' co-operation fund." if loan else "."))
    if pending and FORMS.index(pending) != after and not out:
        out.append(f"Your request to {FORM_VERB[pending]} was not granted this season.")
    elif before != after:
        out.append(f"Your household now {FORM_NOW[FORMS[after]]}.")
    change = f.get("standing", 0.0)
    if abs(change) >= 0.25:
        why = standing_reasons(session, f, before, after, t)
        out.append(f"Standing {change:+.1f}" + (f": {why}." if why else "."))
    return out


def standing_reasons(session, f: dict[str, float], before: int, after: int, t: int) -> str:
    """The actions behind this season's change in standing, in words."""
    reasons = []
    sched = session.params.schedule
    if after >= LOWER and before < LOWER:
        reasons.append("you joined a co-op" + (" early" if t < DIRECTIVE_SEASON else ""))
    if f.get("left", 0) > 0 or f.get("withdrew", 0) > 0:
        reasons.append("you left the co-op")
    barred = int(session.state.cls[0, session.household]) >= 3 and (session.state.form[0] >= LOWER).mean() < 0.7
    if after < LOWER and sched.holdout[t] > 0 and not barred:
        reasons.append("households still outside the co-ops are listed apart and called to meetings")
    if f.get("hidden_found", 0) > 0:
        reasons.append("your hidden grain was found")
    if f.get("sold", 0) > 0:
        reasons.append("you sold extra grain to the state")
    if f.get("vote") == 0:
        reasons.append("you voted against the higher stage")
    if session.pending_sideline is not None and session.pending_sideline < 1 and t % 4 in (0, 3):
        reasons.append("you gave the slack season to the village's work")
    if session.pending_effort is not None and session.pending_effort < 0.75 and before >= LOWER:
        reasons.append("neighbours saw you work less than the others")
    elif f.get("standing", 0) < 0 and before >= LOWER and not reasons:
        reasons.append("neighbours saw the family work less than the co-op's average")
    return "; ".join(reasons)


def county_lines(verdict: dict[str, np.ndarray], flows: dict[str, np.ndarray], t: int, chopped: float, v: int) -> list[str]:
    """What the county said of the secretary this season, and why."""
    out = []
    if flows.get("false_report_found") is not None and flows["false_report_found"][v] > 0:
        out.append("A rectification check finds that your figures were false. You are criticized, and the county "
                   "assesses the village on the true figures from now on.")
    if t % 4 not in (2, 3):
        return out
    if verdict["right_opportunist"][v] and t == DIRECTIVE_SEASON + 1 and chopped > 0:
        out.append("The county condemns the co-ops you dissolved in the spring as right opportunism: the line has "
                   "changed since July.")
    elif verdict["right_opportunist"][v]:
        out.append("The county criticizes you as a right opportunist, too slow for the high tide.")
    if verdict.get("work_team_sent", np.zeros(1, bool))[v]:
        out.append("A county work team arrives: for the next two seasons it runs the campaign at 'pressure' whatever "
                   "you choose.")
    if verdict.get("grain_shortfall", np.zeros(1, bool))[v]:
        out.append("The village delivered much less grain than it was assessed for: the county criticizes you.")
    if verdict.get("hunger_complaints", np.zeros(1, bool))[v]:
        out.append("Complaints of hunger in the village reach the county, and it holds you responsible.")
    if verdict["commandism"][v]:
        if t >= DIRECTIVE_SEASON + 4:
            out.append("A report of commandism in your village reaches the county. After the editorial of June 1956 "
                       "against rash advance (S81) and the Hebei report on commandism (S76), you are criticized and "
                       "told to correct it.")
        else:
            out.append("A report of commandism in your village reaches the county, and you are criticized.")
    if verdict.get("praise", np.zeros(1, bool))[v] and verdict["verdict"][v] > 0:
        out.append("The county praises your village's progress.")
    elif verdict["verdict"][v] < 0 and not out:
        out.append("The county criticizes your village's progress.")
    return out
