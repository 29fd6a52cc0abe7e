"""Merge an addon's freshly exported .pot into its zh_CN.po (like msgmerge).

Keeps every existing translation whose msgid is still exported, takes the
references and comments of the .pot, drops terms no longer exported, and lists
the terms still to translate. Usage: i18n_merge.py <addon>.pot zh_CN.po
"""

import pathlib
import sys

import polib

HEADER = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "zh_CN",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def main(pot_path, po_path):
    pot = polib.pofile(pot_path, wrapwidth=78)
    old = {e.msgid: e for e in polib.pofile(po_path)} if pathlib.Path(po_path).exists() else {}
    po = polib.POFile(wrapwidth=78)
    po.metadata = HEADER
    po.header = pot.header.replace(
        "Translation of Odoo Server.", "Chinese (zh_CN) translation of Odoo Server."
    )
    todo = []
    for entry in pot:
        previous = old.get(entry.msgid)
        entry.msgstr = previous.msgstr if previous else ""
        if not entry.msgstr:
            todo.append(entry.msgid)
        po.append(entry)
    po.save(po_path)
    print(f"{po_path}: {len(po) - len(todo)} of {len(po)} terms translated")
    for msgid in todo:
        print(f"  to translate: {msgid!r}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
