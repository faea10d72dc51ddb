#!/bin/bash
# completion_test.sh ANNALS COMPLETION — the bash completion (examples/annals/share/annals.bash)
# offers what the tool's help says: commands, options, an option's {values}, file names; and
# nothing for a command that does not exist. Run by ctest as bash_completion.
set -u
annals=$1
source "$2"
failures=0
complete_line() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  _annals
  # in sorted order (compgen -f lists in directory order); bash sorts what it shows as well
  ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd ' ' -
}
expect() {
  local want=$1; shift
  local got
  got=$(complete_line "$@")
  if [[ $got != "$want" ]]; then
    echo "completion of [$*]: want [$want], got [$got]" >&2
    failures=$((failures + 1))
  fi
}
expect "export extract" "$annals" ex
expect "--format" "$annals" extract --fo
expect "csv json jsonl md table" "$annals" extract --format ""
expect "json jsonl" "$annals" extract --format js
expect "--version" "$annals" --ver
# every command the tool lists completes from its name's first two letters
commands=$("$annals" --help | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z0-9-]*\)  .*/\1/p')
[[ -n $commands ]] || { echo "no commands in annals --help" >&2; exit 1; }
for c in $commands; do
  got=" $(complete_line "$annals" "${c:0:2}") "
  [[ $got == *" $c "* ]] || { echo "command $c does not complete from ${c:0:2}: [$got]" >&2; failures=$((failures + 1)); }
  # and every command offers --help among its options
  got=" $(complete_line "$annals" "$c" --h) "
  [[ $got == *" --help "* ]] || { echo "annals $c --h does not offer --help: [$got]" >&2; failures=$((failures + 1)); }
done
# a word that is not an option completes to file names
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
touch "$dir/chengdu-2024.txt" "$dir/chengdu-2025.txt"
expect "$dir/chengdu-2024.txt $dir/chengdu-2025.txt" "$annals" extract "$dir/chengdu-"
expect "$dir/chengdu-2024.txt $dir/chengdu-2025.txt" "$annals" ingest --db "$dir/chengdu"
# negative: no option or value is invented
expect "" "$annals" nosuchcommand --fo
expect "" "$annals" extract --nosuchoption
expect "" "$annals" zz
if ((failures)); then
  echo "bash_completion: $failures failure(s)" >&2
  exit 1
fi
echo "bash_completion: every command, its options, --format values and file names complete"
