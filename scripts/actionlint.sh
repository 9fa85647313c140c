#!/usr/bin/env bash
# Checks .github/workflows/*.yml with actionlint: from PATH, else built once per machine from the
# Go module proxy (github.com/rhysd/actionlint) into the cache, as CI does on a fresh machine.
set -euo pipefail

ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE_BIN="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-ip-pool-service/actionlint-$ACTIONLINT_VERSION"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  cat <<USAGE
Usage: scripts/actionlint.sh [--help] [FILE...]

Runs actionlint on the workflows of .github/workflows (or on FILE...), and fails on any finding.
actionlint comes from PATH, else it is built once per machine with \`go install\` from the Go
module proxy into $CACHE_BIN (about 20 s).

Environment:
  ACTIONLINT_VERSION  the release to build when actionlint is not on PATH (default v1.7.12)
  XDG_CACHE_HOME      cache root (default ~/.cache)
USAGE
  exit 0
fi

if command -v actionlint >/dev/null 2>&1; then
  actionlint=actionlint
else
  actionlint="$CACHE_BIN/actionlint"
  if [ ! -x "$actionlint" ]; then
    echo "actionlint: building $ACTIONLINT_VERSION into $CACHE_BIN (once per machine)" >&2
    mkdir -p "$CACHE_BIN"
    (cd "$REPO_DIR" && GOBIN="$CACHE_BIN" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION")
  fi
fi

cd "$REPO_DIR"
if [ "$#" -gt 0 ]; then
  "$actionlint" "$@"
else
  "$actionlint"
fi
echo "actionlint: $(ls .github/workflows/*.yml | wc -l | tr -d ' ') workflows pass" >&2
