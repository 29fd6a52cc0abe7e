"""Every addon's engine imports as plain Python, without importing odoo."""

import importlib
import subprocess
import sys

import pytest
from conftest import ADDONS, ROOT

EXPECTED = ["career_paths", "legal_aid", "outsourcing_retention", "welfare_points"]


def test_the_four_addons_exist():
    assert ADDONS == EXPECTED


@pytest.mark.parametrize("addon", EXPECTED)
def test_engine_imports_without_odoo(addon):
    # A fresh interpreter, so nothing imported by other tests can hide an odoo import.
    code = (
        "import sys, types\n"
        f"pkg = types.ModuleType({addon!r}); pkg.__path__ = [{str(ROOT / 'addons' / addon)!r}]\n"
        f"sys.modules[{addon!r}] = pkg\n"
        f"import {addon}.engine as engine\n"
        "import pkgutil, importlib\n"
        "for info in pkgutil.iter_modules(engine.__path__):\n"
        f"    importlib.import_module({addon!r} + '.engine.' + info.name)\n"
        "leaked = [m for m in sys.modules if m == 'odoo' or m.startswith('odoo.')]\n"
        "assert not leaked, 'engine imported odoo'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("addon", EXPECTED)
def test_engine_has_no_odoo_import_in_source(addon):
    for path in (ROOT / "addons" / addon / "engine").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import odoo" not in text and "from odoo" not in text, path


def test_engine_module_is_shared_with_conftest():
    engine = importlib.import_module("outsourcing_retention.engine")
    assert engine.dispatch.max_dispatched(90) == 10
