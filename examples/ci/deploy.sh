#!/usr/bin/env bash
# CI deploy job, run when stages/production changes: fetches what production holds of a model,
# every byte checked against its sha256, into <out-dir>, and tells a serving host to reload.
# Usage: deploy.sh <registry-url> <model> [<out-dir>]    GIT_MODEL: the command (default: git-model)
#        SERVING_URL: if set, POST $SERVING_URL/reload after the files are in place
set -euo pipefail
gm="${GIT_MODEL:-git-model}"
[ $# -ge 2 ] || { echo "usage: deploy.sh <registry-url> <model> [<out-dir>]" >&2; exit 2; }
url="$1"
model="$2"
out="${3:-deploy}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$gm" --quiet clone --bare --metadata-only "$url" "$work/registry.git"
ref="$("$gm" -C "$work/registry.git" resolve "$model@production")"   # refused if the change that put it there breaks the policy
"$gm" -C "$work/registry.git" --quiet get "$ref" -o "$out" --force >/dev/null
echo "deployed $ref to $out"
if [ -n "${SERVING_URL:-}" ]; then
  curl -fsS -X POST "$SERVING_URL/reload"
  echo
fi
