#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-sources.sh SRCDIR — the layout rules a compiler cannot check:
#  - core/ never includes GTK, GDK or libadwaita;
#  - gui/ holds no SQL and does not talk to SQLite;
#  - no SQL text is built from data with printf-style formatting of strings.
set -u
cd "$1" || exit 2
status=0

if grep -rnE '#include[[:space:]]*[<"](gtk/|gdk/|adwaita)' core/; then
  echo "core/ must not include GTK, GDK or libadwaita (above)" >&2
  status=1
fi

if grep -rnE 'sqlite3|SELECT[[:space:]].*FROM|INSERT[[:space:]]+INTO|DELETE[[:space:]]+FROM|UPDATE[[:space:]]+[a-z_]+[[:space:]]+SET' gui/; then
  echo "gui/ must not contain SQL; ask core for the data (above)" >&2
  status=1
fi

if grep -rnE '(printf|append_printf|strconcat)[[:space:]]*\(.*"[^"]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|WHERE)[^"]*%[-0-9.]*[sqQw]' core/ gui/ tests/ 2>/dev/null; then
  echo "SQL must bind values, never format strings into the statement (above)" >&2
  status=1
fi

[ $status -eq 0 ] && echo "layout rules hold: core without GTK, gui without SQL, no SQL built from strings"
exit $status
