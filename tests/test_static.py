"""Static checks of every addon: manifest, ACL rows, XML, translations, layout."""

import ast
import csv

import polib
import pytest
from conftest import ADDONS, ADDONS_DIR
from lxml import etree

REQUIRED_KEYS = {
    "name",
    "summary",
    "version",
    "category",
    "author",
    "maintainers",
    "website",
    "license",
    "development_status",
    "depends",
}


def manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert data.keys() >= REQUIRED_KEYS, REQUIRED_KEYS - data.keys()
    assert data["version"].startswith("18.0.") and len(data["version"].split(".")) == 5
    assert data["license"] == "LGPL-3"
    assert data["development_status"] in {"Alpha", "Beta", "Production/Stable", "Mature"}
    for key in ("data", "demo"):
        for rel in data.get(key, []):
            assert (ADDONS_DIR / addon / rel).is_file(), f"{key} file {rel} is missing"
    for dep in data.get("external_dependencies", {}).get("python", []):
        requirements = (ADDONS_DIR.parent / "requirements.txt").read_text(encoding="utf-8").lower()
        assert dep.lower() in requirements, f"{dep} is not in requirements.txt"


@pytest.mark.parametrize("addon", ADDONS)
def test_layout(addon):
    base = ADDONS_DIR / addon
    for rel in (
        "readme/DESCRIPTION.md",
        "readme/USAGE.md",
        "static/description/icon.png",
        "tests/__init__.py",
    ):
        assert (base / rel).is_file(), rel
    assert (base / "engine" / "__init__.py").is_file()


def declared_models(addon):
    """Models an addon creates (``_name`` set and not a mere ``_inherit`` of itself)."""
    names = set()
    for path in (ADDONS_DIR / addon).glob("**/*.py"):
        if "tests" in path.parts or "engine" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {getattr(base, "attr", getattr(base, "id", None)) for base in node.bases}
            if "AbstractModel" in bases:
                continue  # no table, no ACL
            attrs = {}
            for stmt in node.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name)
                ):
                    try:
                        attrs[stmt.targets[0].id] = ast.literal_eval(stmt.value)
                    except ValueError:
                        continue
            name = attrs.get("_name")
            if not name or attrs.get("_abstract") or attrs.get("_auto") is False:
                continue
            inherit = attrs.get("_inherit")
            if inherit == name or (isinstance(inherit, list) and name in inherit):
                continue
            names.add(name)
    return names


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_acl_rows(addon):
    models = declared_models(addon)
    acl = ADDONS_DIR / addon / "security" / "ir.model.access.csv"
    covered = set()
    if acl.exists():
        with acl.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                covered.add(row["model_id:id"].split(".")[-1])
        assert "security/ir.model.access.csv" in manifest(addon).get("data", [])
    missing = {m for m in models if "model_" + m.replace(".", "_") not in covered}
    assert not missing, f"models without ACL rows: {sorted(missing)}"


@pytest.mark.parametrize("path", sorted(ADDONS_DIR.glob("*/**/*.xml")), ids=str)
def test_xml_well_formed(path):
    root = etree.parse(str(path)).getroot()
    # web client (OWL) templates are <templates>, data files <odoo>
    assert root.tag == ("templates" if "static" in path.relative_to(ADDONS_DIR).parts else "odoo")
    text = path.read_text(encoding="utf-8")
    assert "<tree" not in text and "attrs=" not in text and "t-raw" not in text


def entries(path):
    return {e.msgid: e for e in polib.pofile(str(path)) if e.msgid and not e.obsolete}


@pytest.mark.parametrize("addon", ADDONS)
def test_zh_cn_covers_the_pot(addon):
    pot = ADDONS_DIR / addon / "i18n" / f"{addon}.pot"
    po = ADDONS_DIR / addon / "i18n" / "zh_CN.po"
    assert pot.is_file() and po.is_file()
    want, have = entries(pot), entries(po)
    assert want, "the .pot is empty"
    missing = [
        msgid for msgid in want if msgid not in have or not have[msgid].msgstr or "fuzzy" in have[msgid].flags
    ]
    assert not missing, f"{len(missing)} terms lack a zh_CN translation: {missing[:5]}"
    for entry in have.values():
        # Python-format placeholders must survive the translation.
        for token in ("%s", "%d", "%("):
            assert entry.msgid.count(token) == entry.msgstr.count(token), entry.msgid


def translated_literals(path):
    """The string literals passed to ``_()``, ``self.env._()`` or ``_lt()`` in one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if (
            name in ("_", "_lt")
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


@pytest.mark.parametrize("addon", ADDONS)
def test_every_translated_string_is_exported(addon):
    """Each ``_("...")`` string is in the .pot.

    Odoo's extractor (babel) silently stops reading a file at some constructs, such as an
    f-string passed as an argument of ``_()``: the strings after it would stay English forever.
    """
    want = entries(ADDONS_DIR / addon / "i18n" / f"{addon}.pot")
    missing = [
        f"{path.relative_to(ADDONS_DIR)}:{line}: {text[:60]}"
        for path in sorted((ADDONS_DIR / addon).glob("**/*.py"))
        if "tests" not in path.parts and "engine" not in path.parts
        for line, text in translated_literals(path)
        if text not in want
    ]
    assert not missing, f"{len(missing)} strings are not in the .pot (re-run make i18n): {missing[:8]}"
