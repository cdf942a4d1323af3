"""The `borderless quote` and `borderless fx import` commands: JSON in, JSON out, exit 2 on bad input."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderless.cli import main as borderless_main
from borderless.trade.cli import main

MAPLE = {
    "destination": "CN",
    "date": "2026-11-25",
    "currency": "CNY",
    "freight": "50.00",
    "insurance": "0.00",
    "buyer": {"annual_total": "0.00"},
    "items": [
        {
            "hs_code": "1702.20",
            "description": "maple syrup",
            "unit_price": "300.00",
            "quantity": 1,
            "net_content": {"value": "250", "unit": "ml"},
            "rates": {"duty": "0.10", "vat": "0.13", "consumption_tax": "0"},
        }
    ],
}
BORDERLESS = Path(sys.executable).parent / "borderless"


def run(request_text, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(request_text))
    code = main(["quote", "-"])
    out, err = capsys.readouterr()
    return code, out, err


def test_worked_example_through_the_cli(monkeypatch, capsys):
    code, out, err = run(json.dumps(MAPLE), monkeypatch, capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["regime"] == "CN-CBEC" and data["treatment"] == "preferential" and data["allowed"] is True
    assert (data["dutiable_value"], data["vat"], data["total_tax"], data["total"]) == (
        "350.00",
        "31.85",
        "31.85",
        "381.85",
    )
    assert data["alternatives"][0]["channel"] == "CN-POSTAL"


def test_not_allowed_is_still_exit_0(monkeypatch, capsys):
    request = dict(
        MAPLE, freight="0.00", items=[{"hs_code": "1702.20", "unit_price": "2600.00", "quantity": 2}]
    )
    code, out, _ = run(json.dumps(request), monkeypatch, capsys)
    assert code == 0
    data = json.loads(out)
    assert data["allowed"] is False and data["treatment"] == "not_allowed"
    assert any(r["rule"] == "CN-C4" for r in data["reasons"])


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        json.dumps(dict(MAPLE, destination="ZZ")),
        json.dumps(dict(MAPLE, freight="50.001")),
        json.dumps(dict(MAPLE, items=[{"hs_code": "1702.20", "unit_price": "1.00"}] * 10_000)),
        '{"destination": "CN", "currency": "CNY", "freight": 50.5, "items": []}',
        '{"destination": "CN", "currency": "CNY", "freight": "1", "items": [{"hs_code": "1702.20",'
        ' "unit_price": "1", "quantity": 1e2}]}',
        "[" * 100_000,
        '{"destination": "CN", "currency": "CNY", "freight": ' + "9" * 5000 + ', "items": []}',
    ],
)
def test_invalid_input_exits_2_with_a_message(text, monkeypatch, capsys):
    code, out, err = run(text, monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("borderless quote: ")
    assert "Traceback" not in err


def test_missing_file_exits_2(capsys):
    assert main(["quote", "/nonexistent/request.json"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_borderless_main_dispatches_without_django(tmp_path, capsys):
    request = tmp_path / "request.json"
    request.write_text(json.dumps(MAPLE))
    with pytest.raises(SystemExit) as exit_:
        borderless_main(["borderless", "quote", str(request)])
    assert exit_.value.code == 0
    assert json.loads(capsys.readouterr().out)["total"] == "381.85"


@pytest.mark.skipif(not BORDERLESS.exists(), reason="the borderless script is not installed")
def test_installed_command_reads_stdin():
    done = subprocess.run(
        [str(BORDERLESS), "quote", "-"], input=json.dumps(MAPLE), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == "381.85"
    bad = subprocess.run(
        [str(BORDERLESS), "quote", "-"],
        input='{"destination": "CN"}',
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("borderless quote: invalid request: ")
