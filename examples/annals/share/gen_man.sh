#!/bin/sh
# gen_man.sh ANNALS HELP2MAN OUT — writes the man page annals.1 from the tool's own help: help2man
# for the synopsis, options and exit codes of `annals --help`, and a COMMANDS section holding every
# subcommand's `annals <command> --help` (the subcommands are read from `annals --help`, so a new
# command is in the page without editing this file). Run by the build (examples/CMakeLists.txt).
set -eu
[ $# -eq 3 ] || { echo "usage: gen_man.sh ANNALS HELP2MAN OUT" >&2; exit 2; }
annals=$1 help2man=$2 out=$3
include=$out.h2m
commands=$("$annals" --help | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z0-9-]*\)  .*/\1/p')
if [ -z "$commands" ]; then
  echo "gen_man.sh: no subcommands found in '$annals --help'" >&2
  exit 1
fi
{
  echo "[COMMANDS]"
  for c in $commands; do
    echo ".SS \"annals $c\""
    echo ".nf"
    # roff: a backslash is \e; a line starting with . or ' would be a request, so it gets \&
    "$annals" "$c" --help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
    echo ".fi"
  done
  echo "[FILES]"
  echo "A store is one SQLite file (\\fB--db\\fR); see docs/store.md in the source tree."
  echo "[SEE ALSO]"
  echo "docs/cli.md (every command, format and exit code), docs/report-json.md and docs/tracking.md"
  echo "(the interchange formats), in the annals source tree."
} > "$include"
"$help2man" --no-info --locale=C.UTF-8 --section=1 \
  --name="track governments' annual reports year over year" \
  --include="$include" --output="$out.tmp" "$annals"
mv "$out.tmp" "$out"
rm -f "$include"
