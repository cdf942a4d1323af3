"""Every module of src/ that takes another path on SQLite has its tests in the SQLite pass of `make test`
(SQLITE_TESTS in the Makefile, ADR 1203): the integration suite itself runs on PostgreSQL only."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "borderless"
# A branch on the database: the connection's vendor or one of its features.
BRANCH = re.compile(r"\b(?:connection|connections\[[^\]]+\])\.(?:vendor|features\.)")

# The module with a branch -> the tests that run it on SQLite.
TESTED_ON_SQLITE = {
    "accounts/services.py": "tests/integration/api/test_token_lookup.py",
    "fleet/replicas.py": "tests/integration/fleet/test_fleet_router.py",  # its probe runs on a SQLite file
    "orders/cart.py": "tests/integration/orders",
    "orders/stock.py": "tests/integration/orders",
    "rows.py": "tests/integration/test_rows.py",
    "search/backends.py": "tests/integration/search",
    "search/services.py": "tests/integration/search",
}
# Tests that make a SQLite database of their own whichever pass runs them.
OWN_SQLITE = {"tests/integration/fleet/test_fleet_router.py"}


def sqlite_tests() -> set[str]:
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    line = re.search(r"^SQLITE_TESTS\s*=(.*)$", makefile, re.MULTILINE)
    assert line, "the Makefile names no SQLITE_TESTS"
    return set(line.group(1).split())


def branching_modules() -> set[str]:
    return {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and BRANCH.search(path.read_text())
    }


def test_every_module_that_branches_on_the_database_is_listed():
    assert branching_modules() == set(TESTED_ON_SQLITE)


def test_their_tests_run_on_sqlite():
    listed = sqlite_tests()
    for module, tests in TESTED_ON_SQLITE.items():
        assert (ROOT / tests).exists(), tests
        assert tests in listed or tests in OWN_SQLITE, f"{module}: {tests} is not in SQLITE_TESTS"
