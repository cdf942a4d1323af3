"""The import contracts in pyproject.toml ([tool.importlinter]) hold on the tree and catch a forbidden import.

`lint-imports` runs in a subprocess: on the source tree as it is, then on a copy of the package's Python files
with one import added, which must break the contract that forbids it (and name it)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "pyproject.toml"
PACKAGE = ROOT / "src" / "borderless"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

CONTRACTS = [
    "Domains never import the faces (borderless.web, borderless.api)",
    "Money and the trade engine are plain Python: no django",
    "The ledger imports money and no other domain",
    "trust.models imports trust.casework_models, never the reverse",
    "The trade engine's modules form a line, top to bottom",
    "Payments and customs are independent",
    "The events bus sits below every domain",
    "The domains of an order's journey are layers",
]


def lint_imports(src: Path) -> subprocess.CompletedProcess:
    """lint-imports with the package found in `src` (and nowhere else first), no cache, a wide terminal."""
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(CONFIG), "--no-cache", "--no-logo"],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def contract_lines(output: str) -> dict[str, str]:
    """Each contract's name -> KEPT or BROKEN, read from the report's summary."""
    verdicts = {}
    flat = " ".join(output.split())
    for name in CONTRACTS:
        at = flat.find(name)
        assert at >= 0, f"contract {name!r} missing from the report:\n{output}"
        rest = flat[at + len(name) :]
        kept, broken = rest.find(" KEPT"), rest.find(" BROKEN")
        candidates = [i for i in (kept, broken) if i >= 0]
        verdicts[name] = "KEPT" if min(candidates) == kept else "BROKEN"
    return verdicts


def test_the_source_tree_keeps_every_contract():
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(contract_lines(result.stdout).values()) == {"KEPT"}
    assert f"{len(CONTRACTS)} kept, 0 broken" in result.stdout


@pytest.fixture
def package_copy(tmp_path):
    """The package's Python files, copied under tmp_path/src (no data, templates or translations)."""

    def python_only(folder, names):
        keep = [n for n in names if n.endswith(".py") or (Path(folder) / n).is_dir()]
        return [n for n in names if n not in keep or n == "__pycache__"]

    shutil.copytree(PACKAGE, tmp_path / "src" / "borderless", ignore=python_only)
    return tmp_path / "src"


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("search/text.py", "import borderless.web", CONTRACTS[0]),
        ("money/core.py", "import django.conf", CONTRACTS[1]),
        ("ledger/amounts.py", "import borderless.orders.models", CONTRACTS[2]),
        ("trust/casework_models.py", "import borderless.trust.models", CONTRACTS[3]),
        ("trade/result.py", "from borderless.trade import regimes", CONTRACTS[4]),
        ("payments/refunds.py", "import borderless.customs.models", CONTRACTS[5]),
        ("payments/charges.py", "from borderless.customs import services", CONTRACTS[5]),
        ("events/bus.py", "import borderless.orders.models", CONTRACTS[6]),
        ("logistics/services.py", "from borderless.customs import services", CONTRACTS[7]),
        ("logistics/tracking.py", "from borderless.payouts import release", CONTRACTS[7]),
        ("payments/refunds.py", "import borderless.payouts.models", CONTRACTS[7]),
        ("orders/lifecycle.py", "import borderless.payments.models", CONTRACTS[7]),
        ("payouts/release.py", "import borderless.customs.models", CONTRACTS[7]),
        ("customs/receipts.py", "from borderless.payouts import release", CONTRACTS[7]),
    ],
)
def test_a_forbidden_import_breaks_its_contract(package_copy, module, line, contract):
    target = package_copy / "borderless" / module
    assert target.exists(), target
    with target.open("a") as f:
        f.write(f"\n{line}  # noqa\n")

    result = lint_imports(package_copy)

    assert result.returncode == 1, result.stdout + result.stderr
    assert contract_lines(result.stdout)[contract] == "BROKEN", result.stdout
    # The broken contract's own section shows the added import.
    assert module.removesuffix(".py").replace("/", ".") in result.stdout
