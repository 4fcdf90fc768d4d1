#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-potfiles.py SOURCE_ROOT — po/POTFILES.in names exactly the sources
with translatable strings.

A source missing from the list keeps its strings out of the template, so its
messages reach Russian users in English and the po-complete test cannot
notice.  Checked here:
  - every .c, .h and .ui file under core/ and gui/ that marks a string for
    translation (_(), N_(), C_(), NC_(), ngettext(), g_dngettext(),
    g_dpgettext2(), the keywords xgettext is given in check-po.sh and by
    meson's glib preset; translatable="yes" in a .ui file) is listed;
  - the desktop file, metainfo and schema templates under data/ are listed;
  - every listed file exists and has something to translate (a stale line
    after a move or after its last string went is an error too).
"""
import os
import re
import sys

C_KEYWORDS = re.compile(
    r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2?)\s*\(')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(yes|true|1)"')
DATA_TEMPLATES = re.compile(r'\.(desktop\.in(\.in)?|metainfo\.xml\.in(\.in)?|gschema\.xml)$')


def translatable(root, path):
    """Whether the file at PATH (relative to ROOT) has a translatable string."""
    with open(os.path.join(root, path), encoding='utf-8') as f:
        text = f.read()
    if path.endswith(('.c', '.h')):
        return C_KEYWORDS.search(C_COMMENT.sub(' ', text)) is not None
    if path.endswith('.ui'):
        return UI_TRANSLATABLE.search(text) is not None
    return DATA_TEMPLATES.search(path) is not None


def sources(root):
    """Every file under core/, gui/ and data/ that xgettext could read."""
    for top in ('core', 'gui', 'data'):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.relpath(os.path.join(folder, name), root)
                if top == 'data':
                    if DATA_TEMPLATES.search(name):
                        yield path
                elif name.endswith(('.c', '.h', '.ui')):
                    yield path


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)

    problems = []
    for path in sorted(set(p for p in listed if listed.count(p) > 1)):
        problems.append(f'po/POTFILES.in lists {path} twice')
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'po/POTFILES.in lists {path}, which does not exist: '
                            'remove the line (or correct it after a move)')
        elif not translatable(root, path):
            problems.append(f'po/POTFILES.in lists {path}, which has no translatable '
                            'string: remove the line')
    for path in sources(root):
        if path not in listed and translatable(root, path):
            problems.append(f'{path} has translatable strings but is not in '
                            'po/POTFILES.in: add it (sorted), then run '
                            'meson compile -C _build minutka-update-po and translate')

    for problem in problems:
        print(problem, file=sys.stderr)
    print(f'{len(listed)} files listed, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
