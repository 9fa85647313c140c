#!/usr/bin/env bash
# Makes the Pulumi CLI and the dynamic-provider plugin available, and prints the directory that
# holds them (put it first on PATH).
#
# Uses `pulumi` from PATH when there is one. Otherwise builds the CLI once per machine from the
# Go module proxy (a wrapper module that requires github.com/pulumi/pulumi/pkg/v3 and sdk/v3 at
# the same release) and caches it outside the clone, so a fresh clone reuses it.
set -euo pipefail

PULUMI_VERSION="${PULUMI_ENGINE_VERSION:-v3.274.1}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-ip-pool-service"
ENGINE_DIR="$CACHE_ROOT/pulumi-$PULUMI_VERSION"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<USAGE
Usage: scripts/pulumi-engine.sh [--help] [--rebuild]

Makes the Pulumi CLI (\`pulumi\`) and the dynamic-provider plugin
(\`pulumi-resource-pulumi-nodejs\`) available and prints the directory holding them on stdout.
Progress goes to stderr.

  --rebuild   build the CLI again even if a cached build exists
  --help      show this text

Environment:
  PULUMI_ENGINE_VERSION  release to build when pulumi is not on PATH (default v3.274.1)
  XDG_CACHE_HOME         cache root (default ~/.cache); the build lives in
                         \$XDG_CACHE_HOME/pulumi-alicloud-ip-pool-service/pulumi-<version>
USAGE
}

rebuild=false
for arg in "$@"; do
  case "$arg" in
    --help|-h) usage; exit 0 ;;
    --rebuild) rebuild=true ;;
    *) echo "pulumi-engine: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf 'pulumi-engine: %s\n' "$*" >&2; }

# The dynamic-provider plugin: the engine starts it for every pulumi-nodejs:dynamic resource.
# It runs the host that ships with the program's own @pulumi/pulumi, so it never goes stale.
write_plugin() {
  local dir="$1"
  mkdir -p "$dir"
  cat >"$dir/pulumi-resource-pulumi-nodejs" <<'PLUGIN'
#!/bin/sh
exec node "$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')")" "$@"
PLUGIN
  chmod +x "$dir/pulumi-resource-pulumi-nodejs"
}

if ! $rebuild && command -v pulumi >/dev/null 2>&1 && [ "$(command -v pulumi)" != "$ENGINE_DIR/bin/pulumi" ]; then
  existing="$(dirname "$(command -v pulumi)")"
  log "using pulumi from PATH: $existing/pulumi ($(pulumi version 2>/dev/null || echo 'unknown version'))"
  if ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
    write_plugin "$ENGINE_DIR/bin"
    log "dynamic-provider plugin written to $ENGINE_DIR/bin"
    echo "$ENGINE_DIR/bin:$existing"
  else
    echo "$existing"
  fi
  exit 0
fi

if ! $rebuild && [ -x "$ENGINE_DIR/bin/pulumi" ]; then
  log "using cached build $ENGINE_DIR/bin/pulumi"
  write_plugin "$ENGINE_DIR/bin"
  echo "$ENGINE_DIR/bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || {
  log "pulumi is not on PATH and Go is not installed: install the Pulumi CLI, or Go 1.26+, and run again"
  exit 1
}

start=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log "building the Pulumi CLI $PULUMI_VERSION from the Go module proxy (one time per machine; ~10 minutes on 2 cores)"
mkdir -p "$work/wrapper"
cat >"$work/wrapper/go.mod" <<GOMOD
module local/pulumi-engine

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 $PULUMI_VERSION
)

// Copied from pkg/v3's own go.mod: replace lines are ignored in dependencies.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
cat >"$work/wrapper/tools.go" <<'GOSRC'
//go:build tools

// Package tools pins the Pulumi CLI so that `go mod tidy` resolves its dependencies.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GOSRC
cd "$work/wrapper"
log "resolving modules"
GOFLAGS=-mod=mod go mod tidy >&2
log "compiling (progress: one line per package group)"
mkdir -p "$ENGINE_DIR/bin.partial"
GOFLAGS=-mod=mod go build -v -trimpath \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
  -o "$ENGINE_DIR/bin.partial/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi 2>&1 \
  | awk '{ n++; if (n % 200 == 0) { printf "pulumi-engine: compiled %d packages\n", n > "/dev/stderr"; fflush("/dev/stderr") } }'
test -x "$ENGINE_DIR/bin.partial/pulumi"
rm -rf "$ENGINE_DIR/bin"
mv "$ENGINE_DIR/bin.partial" "$ENGINE_DIR/bin"
write_plugin "$ENGINE_DIR/bin"
log "built $("$ENGINE_DIR/bin/pulumi" version) in $(( $(date +%s) - start ))s: $ENGINE_DIR/bin"
cd "$REPO_DIR"
echo "$ENGINE_DIR/bin"
