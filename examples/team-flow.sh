#!/usr/bin/env bash
# The team flow, end to end, with real keys and one shared repository (docs: README, "From training
# job to production"). Everyone has their own clone, HOME and SSH signing key:
#   ada  admin and ML lead: makes the shared registry, names the team, sets the rule (1 approval)
#   dan  data scientist: registers two versions, requests production for each
#   bo   reviewer: approves; dan merges
#   srv  the serving host: a metadata-only clone that pulls and reads fraud@production
# then a rollback, which needs no review (it puts back what was approved before), and the serving
# host follows it.
# Needs git, ssh-keygen and bash. Usage: examples/team-flow.sh [<work-dir>]   (default: a new temp dir)
# GIT_MODEL names the command to run (default: bin/git-model of this checkout).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gm_cmd="${GIT_MODEL:-$here/bin/git-model}"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
step() { printf '\n== %s\n' "$*"; }

# a person: HOME with a git identity and an ed25519 key that signs commits
person() {
  local name="$1"
  mkdir -p "home-$name"
  ssh-keygen -q -t ed25519 -N "" -C "$name@example.com" -f "home-$name/id_ed25519"
  HOME="$PWD/home-$name" git config --global user.name "$name"
  HOME="$PWD/home-$name" git config --global user.email "$name@example.com"
  HOME="$PWD/home-$name" git config --global gpg.format ssh
  HOME="$PWD/home-$name" git config --global user.signingKey "$PWD/home-$name/id_ed25519"
}
# as <person> <git-model arguments...>: runs git-model in that person's clone, as them
as() {
  local name="$1"
  shift
  HOME="$PWD/home-$name" GIT_CONFIG_NOSYSTEM=1 "$gm_cmd" -C "$PWD/$name" "$@"
}
for p in ada dan bo srv; do person "$p"; done

step "ada makes the shared registry, guards it with the pre-receive hook, and names the team"
HOME="$PWD/home-ada" GIT_CONFIG_NOSYSTEM=1 "$gm_cmd" init --bare shared.git
HOME="$PWD/home-ada" GIT_CONFIG_NOSYSTEM=1 "$gm_cmd" install-hook shared.git
HOME="$PWD/home-ada" GIT_CONFIG_NOSYSTEM=1 "$gm_cmd" clone shared.git ada
as ada signers add dan@example.com home-dan/id_ed25519.pub --role ds -m "data scientist"
as ada signers add bo@example.com home-bo/id_ed25519.pub --role ml-lead -m "reviewer"
git -C ada show main:registry.yaml \
  | sed '/^  production:/,/^  [a-z]/ s/approvals: 0/approvals: 1/' >registry.yaml
as ada policy set registry.yaml -m "production needs one approval"
as ada push

step "dan trains and registers two versions, and puts v1 in staging"
HOME="$PWD/home-dan" GIT_CONFIG_NOSYSTEM=1 "$gm_cmd" clone shared.git dan
echo "weights of the first model" >model-v1.bin
echo "weights of the second model" >model-v2.bin
as dan register fraud --artifact model.bin="$PWD/model-v1.bin" --metric auc=0.91 --no-source
as dan register fraud --artifact model.bin="$PWD/model-v2.bin" --metric auc=0.94 --no-source
as dan promote fraud@v1 staging -m "offline evaluation passed"
as dan push

# request, approve (bo), merge (dan), push: one promotion through review
through_review() {
  local ref="$1" why="$2"
  as dan request "$ref" production -m "$why" --push origin
  if [ -d bo ]; then as bo pull; else HOME="$PWD/home-bo" GIT_CONFIG_NOSYSTEM=1 "$gm_cmd" clone shared.git bo; fi
  as bo requests
  as bo approve "$ref:production" -m "checked the holdout metrics" --push origin
  as dan pull
  as dan merge "$ref:production" -m "approved by bo" --push origin
}

step "fraud@v1 to production: dan requests, bo approves, dan merges"
through_review fraud@v1 "beats the rules engine on the holdout"

step "the serving host clones without artifact bytes and reads production"
HOME="$PWD/home-srv" GIT_CONFIG_NOSYSTEM=1 "$gm_cmd" clone --metadata-only shared.git srv
test "$(as srv resolve fraud@production)" = "fraud@v1"
as srv resolve fraud@production

step "fraud@v2: staging, then production through review; the serving host pulls and switches"
as dan promote fraud@v2 staging -m "shadow traffic looked good"
as dan push
through_review fraud@v2 "higher auc on the holdout"
as srv pull
test "$(as srv resolve fraud@production)" = "fraud@v2"
as srv resolve fraud@production

step "a bad day: dan rolls production back to fraud@v1 at once; a rollback needs no approval (it restores what was approved before)"
as dan pull
as dan rollback fraud production -m "v2 misbehaves on live traffic"
as dan push
as srv pull
test "$(as srv resolve fraud@production)" = "fraud@v1"
as srv resolve fraud@production

step "anyone can audit it: the production history, and verify"
as srv log --stage production
as srv verify --no-artifacts
echo
echo "team flow done in $work"
