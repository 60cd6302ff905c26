
# ---------------------------------------------------------------------------------------------------
# git-model: values from the registry
# ---------------------------------------------------------------------------------------------------
# The build appends this to picocli's script above, which completes the commands and options. This
# part completes the values of arguments and options from the registry, read with git (a few
# milliseconds; no JVM starts):
#   <ref>      fraud@v3, fraud@latest, fraud@production (each model's versions and each stage)
#   <name>     model names
#   <stage>    stages (declared in registry.yaml, or with a stage branch)
#   <remote>   remotes
#   <request>  open promotion requests, as approve and merge take them: fraud@v2:production
#   -C <dir>   directories
# The registry is the directory -C/--registry names on the command line, else $GIT_MODEL_REGISTRY,
# else the repository around the current directory, as for git-model itself.
# In zsh, bashcompinit runs these functions in sh emulation (arrays from 0, words split), as in bash.

# The kinds of a command's arguments, in order; a kind ending in "..." repeats. The command is the
# words that name it ("remote remove"). CompletionIT checks this against the commands' parameters.
_git_model_arguments() {
  case "$1" in
    show|get|resolve|archive|restore|delete|lineage) echo "ref" ;;
    compare) echo "ref..." ;;
    promote|request) echo "ref stage" ;;
    demote|rollback) echo "name stage" ;;
    release) echo "stage ref..." ;;
    register|versions|history) echo "name" ;;
    push|pull|fetch|"remote remove") echo "remote" ;;
    approve|merge|requests) echo "request" ;;
  esac
}

# The kind of value an option takes, where it is one from the registry.
_git_model_option_value() {
  case "$1" in
    --parent) echo "ref" ;;
    --stage) echo "stage" ;;
    --push) echo "remote" ;;
  esac
}

# git in the registry directory ($_git_model_dir, set by _git_model_complete).
_git_model_git() {
  if [ -n "${_git_model_dir:-}" ]; then
    git -C "$_git_model_dir" "$@" 2>/dev/null
  else
    git "$@" 2>/dev/null
  fi
}

# Prints the registry's values of one kind, one a line, each once.
_git_model_values() {
  local kind="$1" ref rest name model stage branch line in_stages=0
  local -a stages models
  local -A seen
  case "$kind" in
    remote)
      _git_model_git remote
      return 0
      ;;
    request)
      # refs/heads/requests/<stage>/<name>@v<N>, and the same fetched from remotes
      while IFS= read -r ref; do
        rest="${ref#refs/heads/requests/}"
        if [ "$rest" = "$ref" ]; then
          rest="${ref#refs/remotes/*/requests/}"
          [ "$rest" = "$ref" ] && continue
        fi
        case "$rest" in */*@v*) ;; *) continue ;; esac
        name="${rest#*/}:${rest%%/*}"
        [ -n "${seen[$name]:-}" ] && continue
        seen[$name]=1
        echo "$name"
      done < <(_git_model_git for-each-ref --format='%(refname)' refs/heads/requests/ refs/remotes/)
      return 0
      ;;
  esac
  if [ "$kind" = stage ] || [ "$kind" = ref ]; then
    # the stages registry.yaml declares: the keys under its top-level "stages:"
    branch="$(_git_model_git config --get gitmodel.branch)" || branch=""
    while IFS= read -r line; do
      case "$line" in
        stages:*) in_stages=1 ;;
        "  "[a-z0-9]*:*)
          if [ "$in_stages" = 1 ]; then
            line="${line#  }"
            stages+=("${line%%:*}")
            seen["@${line%%:*}"]=1
          fi
          ;;
        [!\ \#]*) in_stages=0 ;;
      esac
    done < <(_git_model_git cat-file blob "${branch:-main}:registry.yaml")
  fi
  while IFS= read -r ref; do
    case "$ref" in
      refs/heads/stages/*)
        stage="${ref#refs/heads/stages/}"
        if [ -z "${seen[@$stage]:-}" ]; then
          seen["@$stage"]=1
          stages+=("$stage")
        fi
        ;;
      refs/tags/*@v*)
        name="${ref#refs/tags/}"
        model="${name%%@*}"
        if [ -z "${seen[$model]:-}" ]; then
          seen[$model]=1
          models+=("$model")
        fi
        [ "$kind" = ref ] && echo "$name"
        ;;
    esac
  done < <(_git_model_git for-each-ref --format='%(refname)' refs/tags/ refs/heads/stages/)
  case "$kind" in
    stage)
      for stage in "${stages[@]}"; do echo "$stage"; done
      ;;
    name)
      for model in "${models[@]}"; do echo "$model"; done
      ;;
    ref)
      for model in "${models[@]}"; do
        echo "$model@latest"
        for stage in "${stages[@]}"; do echo "$model@$stage"; done
      done
      ;;
  esac
  return 0
}

# The names of the options that take a value, as picocli's function for a command lists them.
_git_model_arg_opts() {
  local line
  while IFS= read -r line; do
    case "$line" in
      *"local arg_opts="*)
        line="${line#*arg_opts=}"
        line="${line#\"}"
        echo "${line%\"*}"
        return 0
        ;;
    esac
  done < <(typeset -f "$1")
}

# The completion function: picocli's for commands and options, then the registry's values.
_git_model_complete() {
  local _git_model_dir="${GIT_MODEL_REGISTRY:-}"
  local cur="${COMP_WORDS[COMP_CWORD]}" fn="_picocli_git-model" command="" arg_opts="" pending=""
  local word prev="" kind="" value i index=0
  local -a kinds picocli_reply
  _complete_git-model "$@"
  picocli_reply=("${COMPREPLY[@]}")
  COMPREPLY=()

  # the command (the words naming it), the registry, and the index of the current argument
  arg_opts="$(_git_model_arg_opts "$fn")"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    prev="$word"
    case "$pending" in
      registry) _git_model_dir="$word"; pending=""; continue ;;
      value) pending=""; continue ;;
    esac
    case "$word" in
      -C|--registry) pending=registry ;;
      -C?*) _git_model_dir="${word#-C}"; _git_model_dir="${_git_model_dir#=}" ;;
      --registry=*) _git_model_dir="${word#--registry=}" ;;
      --*=*) ;;
      -*) case " $arg_opts " in *" '$word' "*) pending=value ;; esac ;;
      *)
        if typeset -f "${fn}_$word" >/dev/null 2>&1; then
          fn="${fn}_$word"
          command="${command:+$command }$word"
          arg_opts="$(_git_model_arg_opts "$fn")"
          index=0
        else
          index=$((index + 1))
        fi
        ;;
    esac
  done
  case "$_git_model_dir" in "~/"*) _git_model_dir="$HOME/${_git_model_dir#\~/}" ;; esac

  if [ "$pending" = registry ]; then
    [ -n "${BASH_VERSION:-}" ] && compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$cur"))
    return 0
  elif [ "$pending" = value ]; then
    kind="$(_git_model_option_value "$prev")"
  elif [ -n "$command" ] && [ "${cur#-}" = "$cur" ]; then
    kinds=($(_git_model_arguments "$command"))
    if [ "$index" -lt "${#kinds[@]}" ]; then
      kind="${kinds[index]}"
    elif [ "${#kinds[@]}" -gt 0 ]; then
      kind="${kinds[${#kinds[@]} - 1]}"
      case "$kind" in *...) ;; *) kind="" ;; esac
    fi
    kind="${kind%...}"
  fi
  if [ -n "$kind" ]; then
    while IFS= read -r value; do
      case "$value" in "$cur"*) COMPREPLY+=("$value") ;; esac
    done < <(_git_model_values "$kind")
  fi
  if [ "${#COMPREPLY[@]}" = 0 ]; then
    COMPREPLY=("${picocli_reply[@]}")
  fi
  return 0
}

# `git model <TAB>`: git's bash completion calls _git_model; complete as `git-model` would.
_git_model() {
  local -a all=("${COMP_WORDS[@]}")
  local i at=-1 dir="" offset
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${all[i]}" in
      model) at=$i; break ;;
      -C) dir="${all[i + 1]}" ;;
    esac
  done
  [ "$at" -lt 0 ] && return 0
  # git -C <dir> model ...: git-model runs in <dir>
  local -a COMP_WORDS=(git-model)
  [ -n "$dir" ] && COMP_WORDS+=(-C "$dir")
  offset=${#COMP_WORDS[@]}
  COMP_WORDS+=("${all[@]:at + 1}")
  local COMP_CWORD=$((COMP_CWORD - at - 1 + offset))
  local COMP_LINE="${COMP_WORDS[*]}"
  local COMP_POINT=${#COMP_LINE}
  _git_model_complete git-model "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
}

complete -F _git_model_complete -o default git-model
