"""Write docs/mutation-survivors.md from mutmut's results (run from the checkout after `mutmut run`:
`.venv/bin/python tests/mutation_survivors.py`): every surviving mutant, its one-line change and the class it falls in (classified by the shape of the change; "to judge" = no class)."""
import collections
import glob
import json
import re
import sys

_FUNCTIONS: dict[str, dict[str, list[str]]] = {}


def _functions(module: str) -> dict[str, list[str]]:
    """Every function of a mutated module as mutmut wrote it in mutants/ (originals and mutants)."""
    if module not in _FUNCTIONS:
        import ast

        path = "mutants/" + module.replace(".", "/") + ".py"
        source = open(path, encoding="utf-8").read()
        lines = source.splitlines()
        found = {}
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[node.name] = lines[node.lineno:node.end_lineno]  # the body, without the def line
        _FUNCTIONS[module] = found
    return _FUNCTIONS[module]


def show(name):
    """The lines a mutant changed: (original lines, mutated lines)."""
    import difflib

    module, _, function = name.rpartition(".")
    functions = _functions(module)
    mutant = functions.get(function, [])
    original = functions.get(function.split("__mutmut_")[0] + "__mutmut_orig", [])
    minus, plus = [], []
    for line in difflib.unified_diff(original, mutant, lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (minus if line.startswith("-") else plus).append(line[1:].strip())
    return minus, plus


# survivors judged one by one (module-relative name: verdict, reason)
JUDGED = {
    "assignment.x__times2__mutmut_8": ("equivalent", "x was shifted left, so its bit 0 is 0 and x & 33 == x & 32"),
    "assignment.x_decode__mutmut_130": ("equivalent", "the stop points are 16 bits (value & 0xFFFF): bit 16 is never set"),
    "assignment.x_parse_assignment__mutmut_14": ("equivalent", "dict.get's default is None"),
    "assignment.x_parse_assignment__mutmut_212": ("equivalent", "required=None is as false as False"),
    "assignment.x_parse_season__mutmut_15": ("equivalent", "a non-ASCII word in either place ends in the same "
                                             "'is not a season' sentence"),
    "saves.x__umask__mutmut_21": ("equivalent", "the fallback sets the umask for an instant and restores it; the "
                                  "value it returns is the same"),
    "cadre.x_judge__mutmut_57": ("equivalent", "verdicts come only in autumn and winter and the directive is a summer: "
                                 "t >= summer 1955 and t > summer 1955 pick the same seasons"),
    "cadre.x_judge__mutmut_75": ("equivalent", "as judge 57"),
    "cadre.x_ai_levers__mutmut_134": ("equivalent", "water works come in winters (t % 4 == 3); the directive is a "
                                      "summer, so >= and > pick the same winters"),
    "cadre.x_ai_levers__mutmut_76": ("equivalent", "a softmax is unchanged by adding the same number to every score "
                                     "of a village (here its maximum, with the sign flipped)"),
    "cadre.x_ai_levers__mutmut_77": ("equivalent", "as 76: the county's maximum instead of the village's is one "
                                     "constant per row"),
    "cadre.x_ai_levers__mutmut_79": ("equivalent", "as 77"),
    "cadre.x_ai_levers__mutmut_108": ("equivalent", "at most three of the four cumulative probabilities are below a "
                                      "draw in [0, 1), so the cap of 3 or 4 never binds"),
    "cadre.x_record_report__mutmut_7": ("equivalent", "astype(None) is float64"),
    "harvest.x_harvest__mutmut_58": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_59": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_60": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_103": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_294": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_381": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_387": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_454": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_457": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_458": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_468": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_536": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_566": ("equivalent (judged)", "x * mask as x / mask inside a per-unit sum: a unit holds only its members (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_79": ("equivalent (judged)", "a floor under land moved to 1 mu: holdings are at least 2 mu (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_575": ("equivalent (judged)", "a floor under land moved to 1 mu: holdings are at least 2 mu (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_498": ("equivalent (judged)", "a floor under land moved to 1 mu: holdings are at least 2 mu (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_504": ("equivalent (judged)", "a floor under land moved to 1 mu: holdings are at least 2 mu (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_370": ("equivalent (judged)", "a member's own-farm settlement is masked out of every sum it could enter (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_456": ("equivalent (judged)", "astype(None) is float64"),
    "harvest.x_harvest__mutmut_460": ("equivalent (judged)", "higher co-op members own no animals of their own in any state the rules reach (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_488": ("equivalent (judged)", "a unit without members has no labour and grows nothing either way (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_497": ("equivalent (judged)", "a unit without members has no labour and grows nothing either way (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_505": ("equivalent (judged)", "a unit without members has no labour and grows nothing either way (docs/mutation.md)"),
    "harvest.x_harvest__mutmut_567": ("equivalent (judged)", "households outside co-ops pool no land, so their assessment stays 0 (docs/mutation.md)"),
    "membership.x_dissolve_weak__mutmut_28": ("equivalent (judged)", "the forms are compared by value and written back as int8 (docs/mutation.md)"),
    "membership.x_dissolve_weak__mutmut_50": ("equivalent (judged)", "the forms are compared by value and written back as int8 (docs/mutation.md)"),
    "membership.x_dissolve_weak__mutmut_56": ("equivalent (judged)", "trust only falls here, from at most 1 (docs/mutation.md)"),
    "membership.x_dissolve_weak__mutmut_69": ("equivalent (judged)", "trust only falls here, from at most 1 (docs/mutation.md)"),
    "membership.x_dissolve_weak__mutmut_14": ("equivalent (judged)", "numpy's default axis -1 is axis 1 here (docs/mutation.md)"),
    "animals.x_decide__mutmut_26": ("equivalent (judged)", "pressure is never negative (docs/mutation.md)"),
    "animals.x_decide__mutmut_59": ("equivalent (judged)", "beyond +-30 the logistic is within 1e-13 of 0 or 1 (docs/mutation.md)"),
    "animals.x_decide__mutmut_60": ("equivalent (judged)", "beyond +-30 the logistic is within 1e-13 of 0 or 1 (docs/mutation.md)"),
    "animals.x_decide__mutmut_67": ("equivalent (judged)", "beyond +-30 the logistic is within 1e-13 of 0 or 1 (docs/mutation.md)"),
    "animals.x_decide__mutmut_68": ("equivalent (judged)", "beyond +-30 the logistic is within 1e-13 of 0 or 1 (docs/mutation.md)"),
    "animals.x_decide__mutmut_106": ("equivalent (judged)", "slaughtered is read only where the animal was not sold (docs/mutation.md)"),
    "animals.x_decide__mutmut_114": ("equivalent (judged)", "astype(None) is float64"),
    "animals.x_decide__mutmut_179": ("equivalent (judged)", "astype(None) is float64"),
    "animals.x_decide__mutmut_182": ("equivalent (judged)", "astype(None) is float64"),
    "animals.x_decide__mutmut_185": ("equivalent (judged)", "astype(None) is float64"),
    "standing.x_update__mutmut_38": ("equivalent (judged)", "change is all zeros just before (docs/mutation.md)"),
    "standing.x_update__mutmut_113": ("equivalent (judged)", "the season step already clips the sideline share to [0, 1] (docs/mutation.md)"),
    "standing.x_update__mutmut_114": ("equivalent (judged)", "the season step already clips the sideline share to [0, 1] (docs/mutation.md)"),
    "standing.x_update__mutmut_119": ("equivalent (judged)", "the season step already clips the sideline share to [0, 1] (docs/mutation.md)"),
    "standing.x_update__mutmut_133": ("equivalent (judged)", "with one member its effort is the mean (docs/mutation.md)"),
    "production.x_plot_output__mutmut_14": ("equivalent (judged)", "effort is never negative (docs/mutation.md)"),
    # judged in the session of the membership fix (2026-12-02), by reading the rule and every caller
    "harvest.x_harvest__mutmut_423": ("equivalent (judged)", "a team's settlement nets to zero (ox-days used sum to the team's animals, re-matched labour to its labour), so what payers pay never exceeds what payees claim: team_scale <= 1 and min(., 1) == min(., 2)"),
    "harvest.x_harvest__mutmut_429": ("equivalent (judged)", "the spare-holders' claims sum to the rent on every animal hired, at least what the hirers pay, so hire_scale <= 1; only if the village's spare animals total under 1e-9 could it differ, by less than 1e-6 jin"),
    "harvest.x_harvest__mutmut_697": ("equivalent (judged)", "max(n, 2) differs from max(n, 1) only in a unit of one member, whose points are the unit's whole, so every share (points / unit points) is 1 whatever the mean effort"),
    "harvest.x_harvest__mutmut_713": ("equivalent (judged)", "a non-member's points enter only totals of its own unit (team or none), which has no pooled harvest, grain pool or state money, and every use is masked by member"),
    "harvest.x_harvest__mutmut_808": ("equivalent (judged)", "owner_feed applies only to lower co-ops, where per_head is always 0 (rho is set only for the higher co-op)"),
    "harvest.x_harvest__mutmut_866": ("equivalent (judged)", "a non-member's weight only shares out its own unit's state money, which is 0 (its unit sells nothing as a unit), and the instalment and money are masked by member"),
    "harvest.x_harvest__mutmut_954": ("equivalent (judged)", "share is used only in pick, which gives non-members (farms_own) their own farm's flow"),
    "harvest.x_harvest__mutmut_974": ("equivalent (judged)", "unit_tax is used only in np.where(farms_own, own_tax + found, unit_tax), so a non-member's value is never read"),
    "harvest.x_harvest__mutmut_984": ("equivalent (judged)", "unit_proc is used only in np.where(farms_own, own_proc, unit_proc), so a non-member's value is never read"),
    "harvest.x_harvest__mutmut_1127": ("equivalent (judged)", "settlements net to zero in every village (payees share exactly what payers paid, in the ox market and in each team), so adding or subtracting them leaves the village's own_kept total unchanged"),
    "membership.x_preferences__mutmut_6": ("equivalent", "optimism on INDEPENDENT only changes u[..., INDEPENDENT], which economic[..., INDEPENDENT] = 0.0 then overwrites (u0 comes from c0, which has no optimism)"),
    "stages.x__per_group__mutmut_5": ("equivalent", "a G one too large only adds an empty column per village: index g + G*v stays distinct per (village, group), and counts[:, group] reads the same counts"),
    "stages.x__per_group__mutmut_20": ("equivalent", "the largest index (G-1) + G*(V-1) = V*G - 1 is always present (group is shared by every village and its max is G-1), so bincount is already V*G long without minlength"),
    "admission.x__rank__mutmut_6": ("equivalent (judged)", "every applicant's priority carries its own continuous uniform draw, so eligible priorities never tie; the tied inf fill of non-applicants sorts last and its rank is replaced by N"),
    "admission.x__rank__mutmut_9": ("equivalent (judged)", "as _rank 6: eligible priorities never tie, and the tied fill sorts last"),
    "admission.x__rank__mutmut_19": ("equivalent", "numpy reads the sort kind by its first letter, case-insensitively: 'STABLE' is 'stable'"),
    "admission.x__rank__mutmut_8": ("equivalent", "argsort's default axis is -1, the households axis of a (V, N) array"),
    "admission.x__rank__mutmut_24": ("equivalent", "argsort's default axis is -1, the households axis of a (V, N) array"),
    "admission.x_admit__mutmut_121": ("equivalent", "argsort's default axis is -1, the slot axis of a (V, COOP_SLOTS) array"),
    "admission.x_admit__mutmut_142": ("equivalent", "take_along_axis defaults to axis=-1 in numpy 2.4.6 (pinned), the last axis of these 2-D arrays"),
    "admission.x_admit__mutmut_210": ("equivalent", "take_along_axis defaults to axis=-1 in numpy 2.4.6 (pinned), the last axis of these 2-D arrays"),
    "stages.x_coops_hold__mutmut_12": ("equivalent", "take_along_axis defaults to axis=-1 in numpy 2.4.6 (pinned), the last axis of these 2-D arrays"),
    "stages.x_meetings__mutmut_141": ("equivalent", "take_along_axis defaults to axis=-1 in numpy 2.4.6 (pinned), the last axis of these 2-D arrays"),
    "stages.x_meetings__mutmut_187": ("equivalent", "take_along_axis defaults to axis=-1 in numpy 2.4.6 (pinned), the last axis of these 2-D arrays"),
    "admission.x_admit__mutmut_26": ("equivalent (judged)", "want is always a form 0..3 (argmax over four forms, the current form or a player's form) and priority is read only for applicants (LOWER or HIGHER), so the clip bounds change nothing"),
    "admission.x_admit__mutmut_27": ("equivalent (judged)", "as admit 26"),
    "admission.x_admit__mutmut_31": ("equivalent (judged)", "as admit 26"),
    "admission.x_admit__mutmut_32": ("equivalent (judged)", "as admit 26"),
    "admission.x_admit__mutmut_93": ("equivalent", "coop_sizes counts only form == LOWER; None compares unequal to LOWER just as 0 does"),
    "admission.x_admit__mutmut_98": ("equivalent", "coop_sizes counts only form == LOWER; 1 (TEAM) is not LOWER any more than 0 is"),
    "admission.x_admit__mutmut_131": ("equivalent", "the empty-slot fill only has to lie above every -size (<= 0) and rise with the slot index; 1e9+1 does too"),
    "admission.x_admit__mutmut_135": ("equivalent", "numpy reads the sort kind by its first letter, case-insensitively: 'STABLE' is 'stable'"),
    "admission.x_admit__mutmut_212": ("equivalent (judged)", "placed households always have position >= 0 (k_exist >= 0; founders have q >= existing room, so k_new >= 0); negative positions (never below -COOP_SLOTS, so still valid indices) occur only for households whose slot is replaced by -1"),
    "admission.x_admit__mutmut_119": ("gap", "ties between co-ops of equal size: the game always runs numpy's baseline kernels, whose default sort of four values is stable, so no test can tell it from kind='stable' (with the faster AVX2 or AVX-512 kernels it can be unstable: test_among_co_ops_of_equal_size_joiners_go_to_the_first would catch it there)"),
    "admission.x_admit__mutmut_122": ("gap", "as admit 119"),
    "saves.x_save__mutmut_28": ("equivalent", "parse's default label is \"the save\", the very text the call passes"),
    "saves.x_save__mutmut_42": ("equivalent (judged)", "rstrip('XX.XX') differs from rstrip('.') only before a capital X; every message check_json and parse can give for the game's own dict ends in a lowercase word, a number or a quote before its full stop"),
    "saves.x_slug__mutmut_13": ("equivalent", "after lower() and the re.sub the text holds only [a-z0-9-], so strip('XX-XX') strips exactly what strip('-') does (a lowercase x is never stripped)"),
    "saves.x_start__mutmut_12": ("equivalent (judged)", "differs only if Session's error ends in a capital X before its full stop; with the shipped assets its errors end in 'cadre', 'upwards', lowercase household ids or lowercase scenario ids"),
    "saves.x_to_dict__mutmut_33": ("equivalent (judged)", "every way a game starts (start.py new_game/start, the CLI through it, audit bots) gives a cadre household None, so s.household is already None whenever the role is cadre"),
    "saves.x_write_atomic__mutmut_54": ("equivalent", "quote's default limit is MAX_QUOTE = 80, the value the call passes"),
    "saves.x_write_atomic__mutmut_57": ("equivalent (judged)", "the 'error' fallback needs an OSError without strerror; every OSError raised by mkdir, mkstemp, fchmod, write, fsync, replace and open comes from a system call and carries one"),
    "saves.x_write_atomic__mutmut_58": ("equivalent (judged)", "as write_atomic 57"),
    "expr.x_evaluate__mutmut_18": ("equivalent (judged)", "min()/max() arguments type-check as numbers and no number expression can contain flag() or seen() (no operator turns true/false into a number), so flags are never read inside them; evaluate is only reached through checked conditions"),
    "expr.x_evaluate__mutmut_19": ("equivalent (judged)", "as evaluate 18: the seen scenes are never read inside min()/max()"),
    "expr.x_evaluate__mutmut_22": ("equivalent (judged)", "as evaluate 18: swapping flags and seen inside min()/max() changes nothing"),
    "expr.x_evaluate__mutmut_23": ("equivalent (judged)", "as evaluate 18: dropping seen inside min()/max() changes nothing"),
    "membership.x_choose__mutmut_116": ("equivalent", "want is always a form 0..3 (argmax over 4 forms, the current form, or a player's override built from FORMS.index or the current form), so the lower clip bound never acts"),
    "membership.x_choose__mutmut_117": ("equivalent", "want is always 0..3, so the upper clip bound never acts"),
    "membership.x_choose__mutmut_121": ("equivalent", "clip(want, 1, 3) only turns INDEPENDENT (0) into TEAM (1), and allowed[..., INDEPENDENT] and allowed[..., TEAM] are always True, so pick(allowed, ...) is unchanged"),
    "membership.x_choose__mutmut_122": ("equivalent", "want is always 0..3, so an upper bound of 4 never acts"),
    "membership.x_choose__mutmut_135": ("equivalent", "want is always 0..3, so the lower clip bound never acts"),
    "membership.x_choose__mutmut_136": ("equivalent", "want is always 0..3, so the upper clip bound never acts"),
    "membership.x_choose__mutmut_140": ("equivalent", "clip(want, 1, 3) only turns INDEPENDENT into TEAM, and both columns of allowed are always True"),
    "membership.x_choose__mutmut_141": ("equivalent", "want is always 0..3, so an upper bound of 4 never acts"),
    "membership.x_choose__mutmut_231": ("boundary", "dropping the -30 floor changes the leave chance by less than exit_open * e^-30 (about 1e-13): a uniform draw would have to land in that sliver"),
    "membership.x_choose__mutmut_232": ("boundary", "dropping the 30 ceiling changes the leave chance by less than exit_open * e^-30 (about 1e-13)"),
    "membership.x_choose__mutmut_238": ("boundary", "a floor of -31 instead of -30 changes a leave chance of about 1e-13 by about 6e-14"),
    "membership.x_choose__mutmut_239": ("boundary", "a ceiling of 31 instead of 30 moves the leave chance by less than 1e-13 below exit_open"),
    "membership.x_choose__mutmut_345": ("equivalent", "leavers' new is already TEAM or INDEPENDENT, and meetings reads form_now only as form_now == LOWER, so passing new instead of -1 changes nothing"),
    "membership.x_choose__mutmut_346": ("equivalent", "None for leavers compares unequal to LOWER just as -1 does (meetings reads form_now only as == LOWER)"),
    "membership.x_choose__mutmut_351": ("equivalent", "+1 (TEAM) for leavers is not LOWER, just as -1 is not, and meetings reads form_now only as == LOWER"),
    "membership.x_choose__mutmut_352": ("equivalent", "-2 for leavers is not LOWER, just as -1 is not, and meetings reads form_now only as == LOWER"),
    "membership.x_choose__mutmut_405": ("equivalent", "admit reads form_now only as (>= 0) & (< LOWER) and == LOWER, and -2 behaves exactly like -1 in both: the withdrawer neither applies nor counts toward a co-op's size"),
    "membership.x_choose__mutmut_485": ("equivalent", "those who stayed behind keep new == LOWER and never apply (form_now LOWER, slot -1), so the line before already gives them state.coop"),
    "membership.x_choose__mutmut_494": ("equivalent", "stayed is 0 or 1 and stayers already get state.coop from the line before, so > 1 changes nothing"),
    "membership.x_choose__mutmut_248": ("equivalent (judged)", "leave_chance is read only for households that ask to leave, and a player asks only with want < LOWER, so a player with want == LOWER never reaches the changed chance"),
    "membership.x_choose__mutmut_57": ("equivalent (judged)", "higher co-ops form only at meetings, which are held only while higher_allowed is 1, and both shipped scenarios never take it back once given; so whenever a higher co-op exists the flag is 1 and > 0 and >= 0 agree (a scenario that withdrew it would tell them apart)"),
    # killed by tests/session/test_saves_edges.py after the mutmut run: each checked by running the test
    # with mutmut's own switch (MUTANT_UNDER_TEST) on mutants/, not yet recorded in mutmut's results
    "saves.x_parse__mutmut_24": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_27": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_28": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_29": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_31": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_32": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_33": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_34": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_42": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_43": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_45": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_46": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_47": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_48": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_49": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_61": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_64": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_65": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_66": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_67": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_68": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_69": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_70": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_71": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_74": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_75": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_76": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_77": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_80": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_81": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_82": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_83": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_84": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_parse__mutmut_85": ("killed (by a test written after the run)", "test_each_damaged_save_is_refused_in_its_own_whole_sentence"),
    "saves.x_read__mutmut_9": ("killed (by a test written after the run)", "test_a_file_that_is_not_json_is_refused_as_not_a_high_tide_save"),
    "saves.x_read__mutmut_10": ("killed (by a test written after the run)", "test_a_file_that_is_not_json_is_refused_as_not_a_high_tide_save"),
    "saves.x_read__mutmut_11": ("killed (by a test written after the run)", "test_a_file_that_is_not_json_is_refused_as_not_a_high_tide_save"),
    "saves.x_read__mutmut_12": ("killed (by a test written after the run)", "test_a_file_that_is_not_json_is_refused_as_not_a_high_tide_save"),
    "saves.x_check__mutmut_64": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_16": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_18": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_19": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_20": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_22": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_23": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_24": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_read__mutmut_25": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_verify__mutmut_6": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_verify__mutmut_8": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_verify__mutmut_9": ("killed (by a test written after the run)", "test_refusals_name_the_file_as_it_is_called_cut_at_60_characters"),
    "saves.x_check__mutmut_56": ("killed (by a test written after the run)", "test_a_diverged_replay_is_refused_in_a_whole_sentence_naming_the_season"),
    "saves.x_check__mutmut_21": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_24": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_25": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_29": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_30": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_44": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_47": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_48": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_52": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_53": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_73": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_76": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_77": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_80": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_81": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_82": ("killed (by a test written after the run)", "test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line"),
    "saves.x_check__mutmut_10": ("killed (by a test written after the run)", "test_a_good_save_and_one_for_other_content_still_have_their_signature_read"),
    "saves.x_check__mutmut_13": ("killed (by a test written after the run)", "test_a_good_save_and_one_for_other_content_still_have_their_signature_read"),
    "saves.x_check__mutmut_87": ("killed (by a test written after the run)", "test_a_good_save_and_one_for_other_content_still_have_their_signature_read"),
    "saves.x_check__mutmut_92": ("killed (by a test written after the run)", "test_a_good_save_and_one_for_other_content_still_have_their_signature_read"),
    "saves.x_check__mutmut_8": ("equivalent (judged)", "ok=None instead of False when the save cannot be started: every reader tests ok for truth, and with no session report.build and for_handin refuse before they read ok"),
    "saves.x_verify__mutmut_12": ("equivalent (judged)", "ok=None instead of False when the file cannot be read: every reader tests ok for truth, and with no session report.build refuses with the same message before reading ok"),
    "saves.x_check__mutmut_39": ("equivalent", "diverged >= N_SEASONS cannot happen: replay returns 16 only if more than 16 digests are recorded, and parse refuses that ('at most 16 hashes')"),
    "saves.x_check__mutmut_42": ("equivalent", "'the end of the game' cannot be reached: diverged == 16 needs more than 16 recorded digests, which parse refuses"),
    "saves.x_check__mutmut_43": ("equivalent", "as check 42"),
    "saves.x_check__mutmut_75": ("equivalent (judged)", "Verdict.season on a broken seal is read by no game code (only .ok, .message, .session and .save_file are read); the message, session and save_file are unchanged"),
}


def classify(minus, plus):
    a, b = " ".join(minus), " ".join(plus)
    if not a and not b:
        return "equivalent", "no change shown"
    if "astype(None)" in b or re.search(r"np\.(zeros|full|ones)\([^)]*, None\)", b):
        return "equivalent", "dtype None is float64"
    if re.search(r"\* 1\.0", a) and re.search(r"/ 1\.0", b):
        return "equivalent", "x * 1.0 written as x / 1.0"
    if "draws[" in a and ("<=" in b or ">=" in b) and a.replace(" ", "") != b.replace(" ", ""):
        if re.sub(r"\s*(<=|>=|<|>)\s*", "?", a) == re.sub(r"\s*(<=|>=|<|>)\s*", "?", b):
            return "equivalent", "< / <= against a uniform draw (equal with probability 1)"
    if "1e-9" in a and "1.000000001" in b:
        return "equivalent (judged)", "a floor of 1e-9 raised to 1: the quantity is 0 or at least 1 where it is used"
    if '"utf-8"' in a and '"UTF-8"' in b:
        return "equivalent", "the same codec spelled in capitals"
    if "encoding" in a and ("encoding=None" in b or "UTF-8" in b or "ASCII" in b or "encoding" not in b):
        return "equivalent", "encoding spelled differently or the UTF-8 default"
    if "ensure_ascii=None" in b:  # ensure_ascii is only tested for truth; sort_keys=None would not be equivalent
        return "equivalent", "False written as None"
    if "axis=None" in b or (re.search(r"axis=1", a) and not re.search(r"axis=1", b)):
        return "gap: needs a two-village rule test", "a per-village sum, mean or order taken over the whole county"
    if re.search(r"(\*|/) (team|member|alone)\b", a + b) and ("/ team" in b or "/ member" in b):
        return "equivalent (judged)", "x * mask written as x / mask inside a per-unit sum (other units unused)"
    if re.search(r"(<=|>=|<|>)", a) and re.sub(r"\s*(<=|>=|<|>)\s*", "?", a) == re.sub(r"\s*(<=|>=|<|>)\s*", "?", b):
        return "boundary", "a boundary moved on a continuous quantity"
    if ".rindex(" in b and ".index(" in a:
        return "equivalent", "index and rindex agree on an alphabet without repeats"
    return "to judge", ""

rows = []
for meta in sorted(glob.glob("mutants/game/**/*.meta", recursive=True)):
    data = json.load(open(meta))
    for key, code in sorted(data["exit_code_by_key"].items(), key=lambda kv: (kv[0].split("__mutmut_")[0], int(kv[0].split("__mutmut_")[1]))):
        if code == 0:
            minus, plus = show(key)
            short = key.split(".", 2)[-1]
            verdict, why = JUDGED[short] if short in JUDGED else classify(minus, plus)
            rows.append((key, minus, plus, why, verdict))
by = collections.Counter(v for *_, v in rows)
print(by, file=sys.stderr)
out = ["# Surviving mutants, one by one", "",
       "Written from mutmut's results by the command in docs/mutation.md; each survivor's change, and its class:",
       "", "- *equivalent*: the change cannot alter what the game does (the reason is given);",
       "- *equivalent (judged)*: a reason that holds for every state the rules reach (docs/mutation.md explains each);",
       "- *boundary*: `<` and `<=` (or a constant) differ only when a continuous quantity lands exactly on the line;",
       "- *gap*: a real difference no test notices yet; *to judge*: not yet classified;",
       "- *killed (by a test written after the run)*: mutmut recorded it as a survivor; the named test, written",
       "  later, fails with it (checked with mutmut's `MUTANT_UNDER_TEST` on `mutants/`).", ""]
module = None
for key, minus, plus, why, verdict in rows:
    mod = key.split(".x")[0]
    if mod != module:
        module = mod
        out += ["", f"## `{mod}`", ""]
    change = f"`{' '.join(minus)[:110]}` → `{' '.join(plus)[:110]}`".replace("|", "\\|")
    out.append(f"- `{key.split('.', 2)[-1]}` ({verdict}{': ' + why if why else ''}): {change}")
open("docs/mutation-survivors.md", "w").write("\n".join(out) + "\n")
