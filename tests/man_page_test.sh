#!/bin/sh
# man_page_test.sh ANNALS MANPAGE — the generated man page (examples/annals/share/gen_man.sh) has a
# section for every command the tool lists, the exit codes, and renders with man(1) when it is
# installed. Exit 77 (ctest: skipped) when the page was not generated because help2man is missing.
set -u
annals=$1 page=$2
if [ ! -f "$page" ]; then
  if command -v help2man >/dev/null 2>&1; then
    echo "man_page: $page was not generated although help2man is installed" >&2
    exit 1
  fi
  echo "man_page: skipped: help2man is not installed (Debian: apt-get install help2man), so no man page was generated"
  exit 77
fi
failures=0
commands=$("$annals" --help | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z0-9-]*\)  .*/\1/p')
[ -n "$commands" ] || { echo "no commands in annals --help" >&2; exit 1; }
for c in $commands; do
  grep -q "^\.SS \"annals $c\"\$" "$page" || { echo "man page: no section for annals $c" >&2; failures=$((failures + 1)); }
done
grep -q "^Exit codes: 0 ok" "$page" || { echo "man page: no exit codes" >&2; failures=$((failures + 1)); }
grep -q "成都市" "$page" || { echo "man page: the Chinese examples were lost (help2man locale)" >&2; failures=$((failures + 1)); }
if command -v man >/dev/null 2>&1; then
  out=$(LANG=C.UTF-8 MANWIDTH=100 man -l "$page" 2>&1) || { echo "man -l failed: $out" >&2; failures=$((failures + 1)); }
  case $out in *"annals check-store"*) ;; *) echo "man -l: the rendered page lacks annals check-store" >&2; failures=$((failures + 1)) ;; esac
fi
[ "$failures" -eq 0 ] || exit 1
echo "man_page: a section for each of $(echo $commands | wc -w) commands, exit codes, renders"
