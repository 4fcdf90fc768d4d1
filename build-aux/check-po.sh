#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-po.sh PO_DIR — fail unless every language in LINGUAS translates every
# message that the sources contain now, with nothing fuzzy, and keeps no
# translation of a message they no longer contain.
#
# The template is made afresh from POTFILES.in (not from a committed .pot),
# so a new string that nobody translated fails this test.
set -eu

podir=$(cd "$1" && pwd)
srcdir=$(dirname "$podir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' "$podir/POTFILES.in" | sed '/^$/d' > "$tmp/files"
(cd "$srcdir" && xgettext --files-from="$tmp/files" --directory="$srcdir" \
    --from-code=UTF-8 --add-comments=Translators \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
    --keyword=g_dpgettext2:2c,3 \
    --output="$tmp/minutka.pot" 2> "$tmp/xgettext.log") || {
  cat "$tmp/xgettext.log" >&2
  exit 1
}

status=0
for lang in $(grep -v '^#' "$podir/LINGUAS"); do
  po="$podir/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$lang: $po is missing" >&2
    status=1
    continue
  fi
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "$lang: msgfmt --check failed" >&2
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$po" "$tmp/minutka.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is printed.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  total=$(grep -c '^msgid ' "$tmp/minutka.pot")
  total=$((total - 1))
  echo "$lang: $total messages, $untranslated untranslated, $fuzzy fuzzy"
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    msgattrib --untranslated --only-fuzzy --no-obsolete "$tmp/$lang.po" >&2 || true
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -A1 '^msgid ' | head -60 >&2
    status=1
  fi
  # A translation whose message the sources no longer have is dead weight
  # that a translator would keep updating: it goes with its message.
  obsolete=$(msgattrib --only-obsolete "$tmp/$lang.po" | grep -c '^#~ msgid ' || true)
  if [ "$obsolete" -ne 0 ]; then
    echo "$lang: $obsolete translations of messages the sources no longer have; remove them:" >&2
    msgattrib --only-obsolete "$tmp/$lang.po" | grep '^#~ msgid ' >&2
    status=1
  fi
done
# One word for one category: Russian names the category "Other" «Прочее»,
# never «Другое» in another message (issue 17).
if [ -f "$podir/ru.po" ] && grep -n '^msgstr.*«Другое»' "$podir/ru.po" >&2; then
  echo "ru: the category Other is «Прочее»; «Другое» above names it differently" >&2
  status=1
fi
exit $status
