"""``helder rules --check DIR``: validate an organisation's rule folder and run its rules' examples.

Every problem is one Dutch line ``file:line: message``. Exit code: 0 all good, 1 an example gives the
wrong result (a ``fail`` example without a finding, a ``pass`` example with one, a ``fixed`` example
that ``--fix`` does not produce), 2 the folder is invalid (YAML or schema error, unknown kind, ``kind:
python``, a code with helder's prefix or one used twice, a missing or malformed word list). Examples
run only when the folder is valid, through the real pipeline (as ``tests/test_rules.py`` runs helder's
own rules).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .checks.folders import Problem, read_folder, use_folders
from .checks.loader import Example, Rule
from .errors import ConfigError

EXIT_OK, EXIT_EXAMPLES, EXIT_INVALID = 0, 1, 2


def check_folder(folder: str | Path, say: Callable[[str], None], *, model: str | None = None) -> int:
    """Check the rule folder ``folder``; ``say`` prints one line. Returns the exit code."""
    from .checks import load_rules

    path = Path(folder)
    if not path.is_dir():
        say(f"{folder}: de map met regels bestaat niet")
        return EXIT_INVALID
    others = {r.code: r for r in load_rules() if r.folder != path.resolve()}  # helder's and other folders' rules
    rules, problems = read_folder(path, taken=others)
    if not rules and not problems:
        say(f"{folder}: geen regelbestanden (*.yml) gevonden")
        return EXIT_INVALID
    if not problems:
        use_folders([path])
        try:
            load_rules()  # the folder together with helder's rules: supersedes, codes used twice
        except ConfigError as exc:
            problems.append(Problem(path, 0, str(exc)))
    if problems:
        for p in problems:
            say(str(p))
        say(f"{len(problems)} fout{'en' if len(problems) != 1 else ''}: de map met regels is niet geldig.")
        return EXIT_INVALID
    failures, count = run_examples(rules, model=model)
    for p in failures:
        say(str(p))
    names = f"{len(rules)} regel{'s' if len(rules) != 1 else ''}, {count} voorbeeld{'en' if count != 1 else ''}"
    if failures:
        say(f"{names}: {len(failures)} voorbeeld{'en' if len(failures) != 1 else ''} "
            f"{'geven' if len(failures) != 1 else 'geeft'} niet wat de regel belooft.")
        return EXIT_EXAMPLES
    say(f"{names}: alles goed.")
    return EXIT_OK


def run_examples(rules: list[Rule], *, model: str | None = None) -> tuple[list[Problem], int]:
    """Run each rule's ``fail``, ``pass`` and ``fixed`` examples alone; the problems and the number run."""
    failures: list[Problem] = []
    count = 0
    for rule in rules:
        text = rule.path.read_text(encoding="utf-8")
        for kind, examples in (("fail", rule.fail), ("pass", rule.passes)):
            for i, example in enumerate(examples):
                count += 1
                problem = _judge(rule, kind, i, example, text, model)
                if problem is not None:
                    failures.append(problem)
        fixed = rule.spec["examples"].get("fixed") or []
        if fixed and rule.spec.get("fix") != "safe":
            failures.append(_problem(rule, text, ["examples", "fixed"], "examples.fixed hoort alleen bij fix: safe"))
        for i, (example, want) in enumerate(zip(rule.fail, fixed)):
            count += 1
            got = _fixed(rule, example, model)
            if got != want:
                failures.append(_problem(rule, text, ["examples", "fixed", i],
                                         f"{rule.code}: --fix maakt hiervan '{got}', niet '{want}'"))
    return failures, count


def _options(rule: Rule, example: Example, model: str | None):
    from .analysis import Options

    return Options(checks=True, model=model, profile=example.profile, extra={"rules": [rule.code], "strict": True})


def _judge(rule: Rule, kind: str, i: int, example: Example, text: str, model: str | None) -> Problem | None:
    from .analysis import analyze_text

    try:
        report = analyze_text(example.text, format=example.format, options=_options(rule, example, model))
    except Exception as exc:  # noqa: BLE001 - a rule that crashes on its example is a failing example
        return _problem(rule, text, ["examples", kind, i], f"{rule.code} loopt vast op dit voorbeeld "
                        f"({type(exc).__name__}: {exc})")
    found = [f for f in report.findings if f.code == rule.code]
    if kind == "fail" and not found:
        return _problem(rule, text, ["examples", "fail", i], f"{rule.code} meldt niets bij dit fout-voorbeeld")
    if kind == "pass" and found:
        words = ", ".join(f"'{f.match}'" for f in found)
        return _problem(rule, text, ["examples", "pass", i], f"{rule.code} meldt {words} bij dit goed-voorbeeld")
    return None


def _fixed(rule: Rule, example: Example, model: str | None) -> str:
    from .analysis import analyze_text
    from .documents import from_string
    from .fixing.apply import fix_document

    options = _options(rule, example, model)
    report = analyze_text(example.text, format=example.format, options=options)
    return fix_document(from_string(example.text, format=example.format), report, options).text


def _problem(rule: Rule, text: str, keys: list, message: str) -> Problem:
    from .checks.yamllines import line_of

    return Problem(rule.path, line_of(text, keys), message, invalid=False)
