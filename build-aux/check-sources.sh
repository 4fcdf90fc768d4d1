#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-sources.sh SRCDIR — the layout rules a compiler cannot check:
#  - core/ never includes GTK, GDK or libadwaita;
#  - gui/ holds no SQL and does not talk to SQLite or PostgreSQL (libpq);
#  - no SQL text is built from data with printf-style formatting of strings;
#  - every gui/ source but main.c uses GTK, GDK or libadwaita: code that
#    needs none of them (a view-model, a formatter) belongs in core/.
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

if grep -rnE 'libpq-fe\.h|\bPQ[a-z]+[[:space:]]*\(|PGconn|PGresult' gui/; then
  echo "gui/ must not talk to PostgreSQL; use core/team (mk-team.h, MkTeamSync) (above)" >&2
  status=1
fi

if grep -rnE '(printf|append_printf|strconcat)[[:space:]]*\(.*"[^"]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|WHERE)[^"]*%[-0-9.]*[sqQw]' core/ gui/ tests/ 2>/dev/null; then
  echo "SQL must bind values, never format strings into the statement (above)" >&2
  status=1
fi

# C without its comments, so that a widget named in a comment does not count.
strip_comments() {
  awk '{
    line = $0; out = ""
    while (length (line)) {
      if (in_comment) {
        i = index (line, "*/"); if (!i) { line = ""; break }
        line = substr (line, i + 2); in_comment = 0
      } else {
        i = index (line, "/*"); if (!i) { out = out line; line = ""; break }
        out = out substr (line, 1, i - 1); line = substr (line, i + 2); in_comment = 1
      }
    }
    print out
  }' "$1"
}

for f in $(find gui -name '*.c' ! -path gui/main.c | sort); do
  if ! strip_comments "$f" | grep -qE '\<(gtk_|Gtk|GTK_|gdk_|Gdk|GDK_|adw_|Adw|ADW_)'; then
    echo "$f"
    gtk_free=1
  fi
done
if [ -n "${gtk_free:-}" ]; then
  echo "gui/ sources above use no GTK, GDK or libadwaita: move them to core/" >&2
  status=1
fi

[ $status -eq 0 ] && echo "layout rules hold: core without GTK, gui without SQL, no SQL built from strings, no gui source without GTK"
exit $status
