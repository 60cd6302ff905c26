#!/usr/bin/env bash
# CI check of a pull request into a stage branch (the request branch requests/<stage>/<name>@v<N>):
# the whole registry verifies (every stage change against the policy of its time, tags, versions)
# and the request is ready to merge (enough valid approvals, gates, required stage first, signers).
# Exit 0: merge it; 1: one line per reason on stderr.
# Usage: check-request.sh <registry-url> <request-branch>    GIT_MODEL: the command (default: git-model)
set -euo pipefail
gm="${GIT_MODEL:-git-model}"
[ $# -ge 2 ] || { echo "usage: check-request.sh <registry-url> <request-branch>" >&2; exit 2; }
url="$1"
request="${2#refs/heads/}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# a bare metadata-only clone: every branch and tag as the registry has them, no artifact bytes
"$gm" --quiet clone --bare --metadata-only "$url" "$work/registry.git"
"$gm" -C "$work/registry.git" verify --no-artifacts
"$gm" -C "$work/registry.git" requests "$request" --check
