#!/usr/bin/env bash
# The commit → preview → apply loop on a scratch repository.
# Usage: Examples/walkthrough.sh [path-to-berth]   (default: berth on the PATH)
set -euo pipefail

berth=${1:-berth}
case "$berth" in
  */*) berth="$(cd "$(dirname "$berth")" && pwd)/$(basename "$berth")" ;;
  *) berth=$(command -v "$berth") || { echo "berth is not on the PATH: run make install, or pass its path" >&2; exit 1; } ;;
esac
here=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
step() { printf '\n%s$ %s%s\n' "$bold" "${*/#$berth/berth}" "$plain"; }
run() { step "$*"; set +e; "$@"; local rc=$?; set -e; echo "(exit $rc)"; }

export GIT_AUTHOR_NAME="Ada Lovelace" GIT_AUTHOR_EMAIL="ada@example.com"
export GIT_COMMITTER_NAME="Ada Lovelace" GIT_COMMITTER_EMAIL="ada@example.com"
export BERTH_STATE="$scratch/state"

cd "$scratch"
git init -q -b main app && cd app
mkdir manifests
cp "$here"/manifests/*.yaml manifests/
git add manifests && git commit -q -m "shop: first version"

step "a quick cluster for the demo: pods start in a second, a silent node is Unknown after 3s"
"$berth" cluster init --pod-accept 0s --pod-start 1s --heartbeat 1s --node-grace 3s --toleration 2s

run "$berth" reconcile --dry-run
run "$berth" reconcile
run "$berth" reconcile --dry-run
run "$berth" get pods -n shop -o wide

step "edit web's image and replicas, commit"
sed -i 's/image: nginx:1.27/image: nginx:1.28/; s/replicas: 3/replicas: 5/' manifests/web.yaml
git commit -q -am "web: nginx 1.28, 5 replicas"
run "$berth" reconcile --dry-run
run "$berth" reconcile

step "an uncommitted edit does not leak in"
echo "  extra: field" >> manifests/web.yaml
run "$berth" reconcile --dry-run
git checkout -q manifests/web.yaml

step "a bad commit is refused whole"
sed -i 's/replicas: 5/replicas: "five"/' manifests/web.yaml
git commit -q -am "web: a typo"
run "$berth" reconcile
git revert --no-edit HEAD >/dev/null
run "$berth" reconcile

run "$berth" get deployments -n shop
run "$berth" get services -n shop -o wide
run "$berth" get secret db-credentials -n shop -o yaml
run "$berth" rollout history deployment/web -n shop
run "$berth" rollout undo deployment/web -n shop
run "$berth" rollout status deployment/web -n shop

step "a node crashes: its pods are evicted and replaced on the others"
run "$berth" node fail node-2 --wait --timeout 1m
run "$berth" node list
run "$berth" get endpoints -n shop
run "$berth" node recover node-2 --wait

step "git is the truth: the undo shows as drift, and reconcile puts git's template back"
run "$berth" reconcile
run "$berth" history
