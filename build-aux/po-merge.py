#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po-merge.py BASE OURS THEIRS — a git merge driver for translation files.

Two branches that each add messages to po/ru.po touch neighbouring lines, so
a plain text merge conflicts although nothing disagrees.  This merges
message by message: every message either side has, the translation that
changed from BASE winning (ours when both changed), messages either side
removed left out.  The result is written to OURS; run `minutka-update-po`
afterwards to put the messages back in source order.  Register it with

  git config merge.po.driver 'python3 build-aux/po-merge.py %O %A %B'

(.gitattributes names po/*.po as merge=po).
"""
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('po_fill', os.path.join(here, 'po-fill.py'))
po = importlib.util.module_from_spec(spec)
spec.loader.exec_module(po)


def keyed(path):
    out = {}
    header = None
    for e in po.parse(path):
        if e['obsolete'] or e['id'] is None:
            continue
        if e['id'] == '' and e['ctxt'] is None:
            header = e
            continue
        out[(e['ctxt'], e['id'])] = e
    return header, out


def same(a, b):
    return a['str'] == b['str'] and a['comments'] == b['comments'] and a['plural'] == b['plural']


def main():
    base_path, ours_path, theirs_path = sys.argv[1:4]
    _, base = keyed(base_path)
    header, ours = keyed(ours_path)
    _, theirs = keyed(theirs_path)
    result = []
    for k, e in ours.items():
        if k in theirs:
            if k in base and same(e, base[k]):
                e = theirs[k]
        elif k in base and same(e, base[k]):
            continue  # removed on their side, unchanged on ours
        result.append(e)
    for k, e in theirs.items():
        if k not in ours and k not in base:
            result.append(e)
    po.dump(([header] if header else []) + result, ours_path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
