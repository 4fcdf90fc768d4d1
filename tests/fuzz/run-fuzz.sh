#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh FUZZER SECONDS WORKDIR SEED_CORPUS…
# Runs a libFuzzer harness for SECONDS on copies of the seed corpora: new
# inputs go to WORKDIR/corpus, crashes to WORKDIR/.  libFuzzer exits 1 on a
# crash, a leak or a sanitizer report, failing the test (its own default,
# 77, is what meson counts as a skipped test).
set -eu
fuzzer=$1 seconds=$2 work=$3
shift 3
mkdir -p "$work/corpus"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -error_exitcode=1 \
     -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" "$@"
