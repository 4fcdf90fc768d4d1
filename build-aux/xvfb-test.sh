#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# xvfb-test.sh PROGRAM [ARGS…] — run a GUI test in its own X server and its
# own D-Bus session, so it needs no desktop and leaves nothing behind.
exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
  dbus-run-session -- "$@"
