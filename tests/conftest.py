"""Make each addon's ``engine`` package importable without Odoo.

``import outsourcing_retention.engine`` would normally run the addon's
``__init__`` (which imports ``odoo``). Registering a bare package object for
every addon lets Python find ``<addon>.engine`` on disk while skipping the
addon's own ``__init__``, so engine tests run on a machine without Odoo.
"""

import pathlib
import sys
import types

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
ADDONS = sorted(p.name for p in ADDONS_DIR.iterdir() if (p / "__manifest__.py").exists())

for _addon in ADDONS:
    if _addon not in sys.modules:
        _package = types.ModuleType(_addon)
        _package.__path__ = [str(ADDONS_DIR / _addon)]
        sys.modules[_addon] = _package
