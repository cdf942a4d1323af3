"""The attack suites' summary at the end of a run: what was fuzzed, checked and tried, and what went wrong.

Tests record what they saw with `record_property` ("fuzz", "matrix", "corpus"); the properties travel back
from the xdist workers with each report, so the summary adds up the whole run.
"""

from collections import defaultdict


def _properties(terminalreporter, name: str) -> list[dict]:
    found = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            found += [value for key, value in getattr(report, "user_properties", ()) if key == name]
    return found


def _fuzz_lines(seen: list[dict]) -> list[str]:
    by_role = defaultdict(
        lambda: {"operations": 0, "requests": 0, "answered_2xx": 0, "server_errors": 0, "violations": 0}
    )
    for item in seen:
        role = by_role[item["role"]]
        role["operations"] += 1
        for key in ("requests", "answered_2xx", "server_errors", "violations"):
            role[key] += item[key]
    lines = [
        f"  {role:<13} operations fuzzed {t['operations']:>3}, requests {t['requests']:>5} "
        f"({t['answered_2xx']} answered 2xx), "
        f"server errors {t['server_errors']}, schema violations {t['violations']}"
        for role, t in sorted(by_role.items())
    ]
    total = {k: sum(t[k] for t in by_role.values()) for k in ("server_errors", "violations")}
    lines.append(f"  server errors {total['server_errors']}, schema violations {total['violations']}")
    return lines


def pytest_terminal_summary(terminalreporter):
    fuzz = _properties(terminalreporter, "fuzz")
    matrix = _properties(terminalreporter, "matrix")
    corpus = _properties(terminalreporter, "corpus")
    stateful = _properties(terminalreporter, "stateful")
    forms = _properties(terminalreporter, "forms")
    script = _properties(terminalreporter, "script")
    if not (fuzz or matrix or corpus or stateful or forms or script):
        return
    write = terminalreporter.write_line
    terminalreporter.section("proof under attack")
    if fuzz:
        write("API fuzzing, per role:")
        for line in _fuzz_lines(fuzz):
            write(line)
    if stateful:
        write("stateful API fuzzing (linked sequences), per role:")
        for t in sorted(stateful, key=lambda t: t["role"]):
            write(
                f"  {t['role']:<13} scenarios {t['scenarios']:>3}, calls {t['steps']:>4} "
                f"({t['linked_steps']} with ids from a previous answer), "
                f"server errors {t['server_errors']}, schema violations {t['violations']}"
            )
    if matrix:
        cells = sum(m["cells"] for m in matrix)
        leaks = sum(m["leaks"] for m in matrix)
        write(f"cross-tenant matrix: routes {len(matrix)}, cells checked {cells}, leaks {leaks}")
    if corpus:
        tried = sum(c["inputs"] for c in corpus)
        changed = sum(c["changed"] for c in corpus)
        write(
            f"bad-input corpus, API writes: operations {len(corpus)}, inputs tried {tried}, "
            f"data changed {changed}"
        )
    if forms:
        tried = sum(f["inputs"] for f in forms)
        changed = sum(f["changed"] for f in forms)
        write(
            f"bad-input corpus, web forms: forms {len(forms)}, inputs tried {tried}, data changed {changed}"
        )
    if corpus or forms:
        tried = sum(c["inputs"] for c in corpus + forms)
        changed = sum(c["changed"] for c in corpus + forms)
        write(f"bad-input corpus in all: inputs tried {tried}, data changed {changed}")
    for t in script:
        write(
            f"script in text fields: fields written {t['fields']} ({t['saved']} saved), "
            f"pages read {t['pages']}, pages showing a marker {t['showing']}, "
            f"markers unescaped {t['unescaped']}"
        )
