#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po-fill.py — help keep po/ru.po complete.

  po-fill.py todo PO          print the untranslated and fuzzy messages of PO
                              as JSON: [{"ctxt": …, "id": …, "plural": …, "str": ""}]
  po-fill.py fill PO JSON     write the translations in JSON (same shape, "str"
                              filled; a list of two for plurals) into PO and drop
                              their fuzzy flags

Run `meson compile -C _build minutka-update-po` first, so PO has every
message of the sources.  Only the standard library is used.
"""
import json
import sys


def unquote(s):
    return json.loads(s) if s.startswith('"') else s


def quote(s):
    out = json.dumps(s, ensure_ascii=False)
    return out


def parse(path):
    entries, cur, key = [], None, None
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    def new():
        return {'comments': [], 'ctxt': None, 'id': None, 'plural': None, 'str': {},
                'obsolete': False}
    cur = new()
    for line in lines:
        if not line.strip():
            if cur['id'] is not None or cur['comments']:
                entries.append(cur)
            cur, key = new(), None
            continue
        if line.startswith('#~'):
            cur['obsolete'] = True
            cur['comments'].append(line)
            continue
        if line.startswith('#'):
            cur['comments'].append(line)
            continue
        if line.startswith('msgctxt '):
            key = ('ctxt',); cur['ctxt'] = unquote(line[8:])
        elif line.startswith('msgid_plural '):
            key = ('plural',); cur['plural'] = unquote(line[13:])
        elif line.startswith('msgid '):
            key = ('id',); cur['id'] = unquote(line[6:])
        elif line.startswith('msgstr['):
            n = int(line[7:line.index(']')])
            key = ('str', n); cur['str'][n] = unquote(line[line.index(']') + 2:])
        elif line.startswith('msgstr '):
            key = ('str', 0); cur['str'][0] = unquote(line[7:])
        elif line.startswith('"'):
            if key[0] == 'str':
                cur['str'][key[1]] += unquote(line)
            else:
                cur[key[0]] += unquote(line)
    if cur['id'] is not None or cur['comments']:
        entries.append(cur)
    return entries


def dump(entries, path):
    out = []
    for e in entries:
        out.extend(e['comments'])
        if e['obsolete'] or e['id'] is None:
            out.append('')
            continue
        if e['ctxt'] is not None:
            out.append('msgctxt ' + quote(e['ctxt']))
        if '\n' in e['id'][:-1] or e['id'] == '':
            out.append('msgid ""')
            for part in e['id'].splitlines(True):
                out.append(quote(part))
        else:
            out.append('msgid ' + quote(e['id']))
        if e['plural'] is not None:
            out.append('msgid_plural ' + quote(e['plural']))
            for n in sorted(e['str']):
                out.append('msgstr[%d] ' % n + quote(e['str'][n]))
        else:
            s = e['str'].get(0, '')
            if '\n' in s[:-1]:
                out.append('msgstr ""')
                for part in s.splitlines(True):
                    out.append(quote(part))
            else:
                out.append('msgstr ' + quote(s))
        out.append('')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out).rstrip('\n') + '\n')


def is_fuzzy(e):
    return any(c.startswith('#,') and 'fuzzy' in c for c in e['comments'])


def todo(path):
    res = []
    for e in parse(path):
        if e['obsolete'] or not e['id']:
            continue
        if is_fuzzy(e) or not all(e['str'].values()) or not e['str']:
            res.append({'ctxt': e['ctxt'], 'id': e['id'], 'plural': e['plural'],
                        'str': '' if e['plural'] is None else ['', '', '']})
    print('[\n' + ',\n'.join(json.dumps(r, ensure_ascii=False) for r in res) + '\n]')


def fill(path, jpath):
    with open(jpath, encoding='utf-8') as f:
        tr = {(t.get('ctxt'), t['id']): t['str'] for t in json.load(f)}
    entries = parse(path)
    missing = 0
    for e in entries:
        if e['obsolete'] or not e['id']:
            continue
        k = (e['ctxt'], e['id'])
        if k in tr and tr[k]:
            s = tr[k]
            if isinstance(s, list):
                e['str'] = {i: v for i, v in enumerate(s)}
            else:
                e['str'] = {0: s}
            e['comments'] = [c for c in e['comments'] if not c.startswith('#,')] + \
                [c.replace('fuzzy, ', '').replace(', fuzzy', '') for c in e['comments']
                 if c.startswith('#,') and c.strip() not in ('#, fuzzy',)]
        elif is_fuzzy(e) or not all(e['str'].values()):
            missing += 1
    # The header keeps its own fields; drop its fuzzy flag too.
    for e in entries:
        if e['id'] == '':
            e['comments'] = [c for c in e['comments'] if c.strip() != '#, fuzzy']
    dump(entries, path)
    print('%s: %d messages still need a translation' % (path, missing))


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'todo':
        todo(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'fill':
        fill(sys.argv[2], sys.argv[3])
    else:
        print(__doc__)
        sys.exit(2)
