# bash completion for annals (installed as share/bash-completion/completions/annals).
# Reads the tool's own help at completion time, so it always offers the commands and options of
# the annals on PATH: `annals --help` lists the commands, `annals <command> --help` the options,
# and an option shown as `--format TEXT:{table,csv,json,jsonl,md}` completes to those values. Other
# words complete to file names.

_annals_commands() {
  "$1" --help 2>/dev/null | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z0-9-]*\)  .*/\1/p'
}

_annals_options() {
  # every --long option of `annals <command> --help` (also from "-h,--help")
  "$1" "$2" --help 2>/dev/null | sed -n 's/^  \(-[a-zA-Z],\)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\2/p'
}

_annals_option_values() {
  # the {a,b,c} set shown after an option, if any
  "$1" "$2" --help 2>/dev/null |
    sed -n "s/^  \\(-[a-zA-Z],\\)\\{0,1\\}$3 [A-Z:]*{\\([^}]*\\)}.*/\\2/p" | head -n 1 | tr ',' ' '
}

_annals() {
  local cur prev tool command i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  tool=${COMP_WORDS[0]}
  command=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -*) ;;
      *) command=${COMP_WORDS[i]}; break ;;
    esac
  done
  COMPREPLY=()
  if [[ -z $command ]]; then
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "--help --version" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "$(_annals_commands "$tool")" -- "$cur")
    fi
    return 0
  fi
  if [[ $prev == --* ]]; then
    local values
    values=$(_annals_option_values "$tool" "$command" "$prev")
    if [[ -n $values ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
      return 0
    fi
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_annals_options "$tool" "$command")" -- "$cur")
    return 0
  fi
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  compopt -o filenames 2>/dev/null
  return 0
}

complete -F _annals annals
