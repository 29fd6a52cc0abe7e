"""The demo database (`make run`) is a Chinese outsourcing provider: checks of the demo XML.

The Odoo suite installs without demo data, so these static checks are what keeps the demo
Chinese: people have Chinese names only and work in zh_CN, the company is Chinese and pays
in CNY, and Odoo's translations are loaded before the records that write chatter messages.
"""

import ast
import re

import pytest
from conftest import ADDONS, ADDONS_DIR
from lxml import etree

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# Records whose name is a person's: Chinese only, no English name or role beside it.
PEOPLE = {"res.users", "hr.employee"}


def demo_files(addon):
    manifest = ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text(encoding="utf-8"))
    return [ADDONS_DIR / addon / rel for rel in manifest.get("demo", []) if rel.endswith(".xml")]


def records(model=None):
    for addon in ADDONS:
        for path in demo_files(addon):
            for record in etree.parse(str(path)).getroot().iter("record"):
                if model is None or record.get("model") == model:
                    yield addon, path, record


def field(record, name):
    return record.find(f"field[@name='{name}']")


@pytest.mark.parametrize("model", sorted(PEOPLE | {"res.company"}))
def test_names_are_chinese(model):
    for _addon, path, record in records(model):
        node = field(record, "name")
        if node is None:
            continue
        assert CJK.search(node.text or ""), f"{path.name}: {record.get('id')} has no Chinese name"
        if model in PEOPLE:
            assert not LATIN.search(node.text), f"{path.name}: {node.text!r} is not Chinese only"


def test_person_partners_are_chinese():
    """Partners that are people (work contacts, users' partners) carry Chinese names only."""
    for _addon, path, record in records("res.partner"):
        node = field(record, "name")
        is_company = field(record, "is_company")
        if node is None or (is_company is not None and is_company.get("eval") == "True"):
            continue
        assert CJK.search(node.text or ""), f"{path.name}: {record.get('id')} has no Chinese name"


def test_users_work_in_chinese():
    for _addon, path, record in records("res.users"):
        lang = field(record, "lang")
        assert lang is not None and lang.text == "zh_CN", f"{path.name}: {record.get('id')} is not in zh_CN"
    for _addon, path, record in records("res.partner"):
        lang = field(record, "lang")
        if lang is not None:
            assert lang.text == "zh_CN", f"{path.name}: {record.get('id')}"


def test_demo_company_is_chinese_in_cny():
    companies = [r for _a, _p, r in records("res.company") if r.get("id") == "base.main_company"]
    assert len(companies) == 1
    company = companies[0]
    assert field(company, "currency_id").get("ref") == "base.CNY"
    assert field(company, "country_id").get("ref") == "base.cn"
    assert CJK.search(field(company, "street").text) and CJK.search(field(company, "city").text)
    logo = field(company, "logo").get("file")
    addon, _, rel = logo.partition("/")
    assert (ADDONS_DIR / addon / rel).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # CNY ships inactive in base: the demo activates it.
    currencies = [r for _a, _p, r in records("res.currency") if r.get("id") == "base.CNY"]
    assert currencies and field(currencies[0], "active").get("eval") == "True"


@pytest.mark.parametrize("addon", [a for a in ADDONS if demo_files(a)])
def test_demo_records_written_in_chinese(addon):
    """Odoo loads data files without a language: what the demo writes once (chatter lines,
    tracked values, reminders) would be English. Each demo file runs in zh_CN."""
    for path in demo_files(addon):
        assert etree.parse(str(path)).getroot().get("context") == "{'lang': 'zh_CN'}", path.name


@pytest.mark.parametrize("addon", [a for a in ADDONS if demo_files(a)])
def test_translations_loaded_before_demo_records(addon):
    """Odoo loads a module's translations after its demo data; chatter lines written by the
    demo ("<model> created", tracked values) keep the language of that moment. The addon's
    first demo file therefore loads its translations before creating anything."""
    first = etree.parse(str(demo_files(addon)[0])).getroot()
    children = [node for node in first if isinstance(node.tag, str)]
    leading = []
    for node in children:
        if node.tag != "function":
            break
        leading.append((node.get("model"), node.get("name")))
    assert ("ir.module.module", "_update_translations") in leading, leading
    update = next(node for node in children if node.get("name") == "_update_translations")
    assert f"base.module_{addon}" in update.get("eval")


def test_zh_cn_activated_first_in_english():
    """The suite's base addon activates zh_CN before anything runs in it: installed from the
    Apps menu in English (zh_CN not loaded), a call in a zh_CN context fails on the language."""
    first = etree.parse(str(demo_files("outsourcing_retention")[0])).getroot()
    children = [node for node in first if isinstance(node.tag, str)]
    assert (children[0].get("model"), children[0].get("name")) == ("res.lang", "_activate_lang")
    assert children[1].get("name") == "_update_translations"
    for node in children[:2]:
        assert node.get("context") == "{'lang': 'en_US'}", node.get("name")
