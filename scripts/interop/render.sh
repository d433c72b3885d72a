#!/usr/bin/env bash
# ip_render TEMPLATE OUT NAME=VALUE...: copies TEMPLATE to OUT with every @NAME@ replaced by
# VALUE (plain text replacement, no shell or sed expansion of the value). Sourced, never run.
ip_render() {
  local template=$1 out=$2 text pair
  shift 2
  text=$(<"$template")
  for pair in "$@"; do
    text=${text//"@${pair%%=*}@"/"${pair#*=}"}
  done
  printf '%s\n' "$text" >"$out"
}
