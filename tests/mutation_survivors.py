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
       "- *gap*: a real difference no test notices yet; *to judge*: not yet classified.", ""]
module = None
for key, minus, plus, why, verdict in rows:
    mod = key.split(".x")[0]
    if mod != module:
        module = mod
        out += ["", f"## `{mod}`", ""]
    change = f"`{' '.join(minus)[:110]}` → `{' '.join(plus)[:110]}`".replace("|", "\\|")
    out.append(f"- `{key.split('.', 2)[-1]}` ({verdict}{': ' + why if why else ''}): {change}")
open("docs/mutation-survivors.md", "w").write("\n".join(out) + "\n")
