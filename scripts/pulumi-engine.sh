#!/usr/bin/env bash
# Makes the Pulumi CLI, its language hosts (Node.js, YAML, Python, Go, Java) and the dynamic-provider
# plugin available, and prints the directory that holds them (put it first on PATH).
#
# Uses `pulumi` from PATH when there is one. Otherwise builds the CLI once per machine from the
# Go module proxy (a wrapper module that requires github.com/pulumi/pulumi/pkg/v3 and sdk/v3 at
# the same release) and caches it outside the clone, so a fresh clone reuses it. Each language
# host (`pulumi-language-<lang>`, needed by `pulumi up` in a project directory of that language)
# comes from PATH when a regular Pulumi install has it, or is built beside the cached CLI from the
# sources kept in ../shared/tools (no registry serves them).
set -euo pipefail

PULUMI_VERSION="${PULUMI_ENGINE_VERSION:-v3.274.1}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-ip-pool-service"
ENGINE_DIR="$CACHE_ROOT/pulumi-$PULUMI_VERSION"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<USAGE
Usage: scripts/pulumi-engine.sh [--help] [--rebuild]

Makes the Pulumi CLI (\`pulumi\`), its language hosts for Node.js, YAML, Python, Go and Java
(\`pulumi-language-nodejs\`, \`-yaml\`, \`-python\`, \`-go\`, \`-java\`) and the dynamic-provider plugin
(\`pulumi-resource-pulumi-nodejs\`) available and prints the directory (or directories, joined by
':') holding them on stdout: put it first on PATH. Progress goes to stderr.

The CLI comes from PATH, else from a build cached per machine (the first build takes minutes).
Each language host comes from PATH (a regular Pulumi install ships them), else it is built beside
the cached CLI with the build script of its kept source (seconds once the CLI is built; the YAML
host about 30 s). When one can be neither found nor built, a warning says so and the script still
succeeds: the demo and inline Automation API programs need no language host, only \`pulumi up\`
in a project directory of that language.

  --rebuild   build the CLI again even if a cached build exists
  --help      show this text

Environment:
  PULUMI_ENGINE_VERSION  release to build when pulumi is not on PATH (default v3.274.1)
  PULUMI_LANGUAGE_NODEJS_BUILD
                         build script of the Node.js language host (default: the first
                         shared/tools/pulumi-language-nodejs/build.sh found in a parent
                         directory of this repository)
  PULUMI_JAVA_VERSION    release of github.com/pulumi/pulumi-java/pkg the Java host is built from
                         (default v1.16.0; built through a wrapper module, about a minute)
  PULUMI_LANGUAGE_HOSTS_BUILD
                         build script of the YAML, Python and Go hosts, called as
                         \`SCRIPT DIR LANG\` (default: the first
                         shared/tools/pulumi-language-hosts/build.sh found likewise)
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
# It runs the host that ships with the program's own @pulumi/pulumi, so it never goes stale; when
# that cannot be found from the program's directory it says so and exits, as Pulumi's own does
# (`node ""` would wait on stdin for ever).
write_plugin() {
  local dir="$1"
  mkdir -p "$dir"
  cat >"$dir/pulumi-resource-pulumi-nodejs" <<'PLUGIN'
#!/bin/sh
host=$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))" 2>/dev/null)
if [ -z "$host" ]; then
  echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi cannot be found from $(pwd): run \`npm install @pulumi/pulumi\` in the program's directory." >&2
  exit 1
fi
exec node "$host" "$@"
PLUGIN
  chmod +x "$dir/pulumi-resource-pulumi-nodejs"
}

# The build script of a language host's kept source, for nodejs or for yaml, python and go: the
# environment's override, or the first such script in a parent directory of this repository.
language_host_build_script() {
  local lang="$1" override tool
  if [ "$lang" = nodejs ]; then
    override="${PULUMI_LANGUAGE_NODEJS_BUILD:-}"
    tool=shared/tools/pulumi-language-nodejs/build.sh
  else
    override="${PULUMI_LANGUAGE_HOSTS_BUILD:-}"
    tool=shared/tools/pulumi-language-hosts/build.sh
  fi
  if [ -n "$override" ]; then
    if [ -x "$override" ]; then echo "$override"; fi
    return 0
  fi
  local dir="$REPO_DIR"
  while [ "$dir" != "/" ]; do
    dir="$(dirname "$dir")"
    if [ -x "$dir/$tool" ]; then
      echo "$dir/$tool"
      return
    fi
  done
}

PULUMI_JAVA_VERSION="${PULUMI_JAVA_VERSION:-v1.16.0}"

# Builds the Java language host into $1 from the Go module proxy: pulumi-java's go.mod has replace
# directives, which `go install` refuses, so a wrapper module repeats them. About a minute.
build_java_host() {
  local dir="$1" wrapper
  wrapper="$(mktemp -d)"
  cat >"$wrapper/go.mod" <<GOMOD
module local/pulumi-language-java

go 1.26

require github.com/pulumi/pulumi-java/pkg $PULUMI_JAVA_VERSION

// Copied from pulumi-java/pkg's own go.mod: replace lines are ignored in dependencies.
replace github.com/Sirupsen/logrus => github.com/sirupsen/logrus v1.5.0

replace github.com/gogo/protobuf => github.com/gogo/protobuf v1.3.2
GOMOD
  cat >"$wrapper/tools.go" <<'GOSRC'
//go:build tools

// Package tools pins the Java language host so that `go mod tidy` resolves its dependencies.
package tools

import _ "github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java"
GOSRC
  (
    cd "$wrapper" &&
      GOFLAGS=-mod=mod go mod tidy >&2 &&
      GOFLAGS=-mod=mod go build -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi-java/pkg/version.Version=${PULUMI_JAVA_VERSION#v}" \
        -o "$dir/pulumi-language-java" github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java
  )
  local status=$?
  rm -rf "$wrapper"
  return $status
}

# Makes pulumi-language-$2 available in $1 unless PATH already has one. When it can be neither
# found nor built, warns in one line naming what to install and goes on: the demo, inline
# Automation API programs and the tests that use them need no language host; only `pulumi up` in a
# project directory of that language does.
provide_language_host() {
  local dir="$1" lang="$2" host="pulumi-language-$2"
  if command -v "$host" >/dev/null 2>&1 && [ "$(command -v "$host")" != "$dir/$host" ]; then
    log "using $host from PATH: $(command -v "$host")"
    return 0
  fi
  if [ -x "$dir/$host" ] && ! $rebuild; then
    log "using cached build $dir/$host"
    return 0
  fi
  local started script
  if [ "$lang" = java ]; then
    started=$(date +%s)
    log "building $host $PULUMI_JAVA_VERSION from the Go module proxy"
    if ! command -v go >/dev/null 2>&1 || ! build_java_host "$dir" >/dev/null || [ ! -x "$dir/$host" ]; then
      log "warning: building $host failed: \`pulumi up\` in a Java project directory and \`npm run sdk\` need it"
      return 0
    fi
    log "built $host in $(( $(date +%s) - started ))s: $dir/$host"
    return 0
  fi
  script="$(language_host_build_script "$lang")"
  if [ -z "$script" ] || ! command -v go >/dev/null 2>&1; then
    log "warning: $host is not on PATH and cannot be built here (no ${script:-build script} or no Go): \`pulumi up\` in a $lang project directory needs it; install the Pulumi CLI from https://www.pulumi.com/docs/install/, which ships it"
    return 0
  fi
  started=$(date +%s)
  log "building $host with $script"
  local args=("$dir")
  if [ "$lang" != nodejs ]; then args+=("$lang"); fi
  if ! "$script" "${args[@]}" >/dev/null || [ ! -x "$dir/$host" ]; then
    log "warning: building $host with $script failed: \`pulumi up\` in a $lang project directory needs it"
    return 0
  fi
  log "built $host in $(( $(date +%s) - started ))s: $dir/$host"
}

# Every language host this package's examples use: Node.js, YAML, Python, Go and Java.
provide_language_hosts() {
  local lang
  for lang in nodejs yaml python go java; do provide_language_host "$1" "$lang"; done
}

if ! $rebuild && command -v pulumi >/dev/null 2>&1 && [ "$(command -v pulumi)" != "$ENGINE_DIR/bin/pulumi" ]; then
  existing="$(dirname "$(command -v pulumi)")"
  log "using pulumi from PATH: $existing/pulumi ($(pulumi version 2>/dev/null || echo 'unknown version'))"
  extra=false
  if ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
    write_plugin "$ENGINE_DIR/bin"
    log "dynamic-provider plugin written to $ENGINE_DIR/bin"
    extra=true
  fi
  for lang in nodejs yaml python go java; do
    if ! command -v "pulumi-language-$lang" >/dev/null 2>&1; then
      provide_language_host "$ENGINE_DIR/bin" "$lang"
      extra=true
    fi
  done
  if $extra; then echo "$ENGINE_DIR/bin:$existing"; else echo "$existing"; fi
  exit 0
fi

if ! $rebuild && [ -x "$ENGINE_DIR/bin/pulumi" ]; then
  log "using cached build $ENGINE_DIR/bin/pulumi"
  write_plugin "$ENGINE_DIR/bin"
  provide_language_hosts "$ENGINE_DIR/bin"
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
provide_language_hosts "$ENGINE_DIR/bin"
echo "$ENGINE_DIR/bin"
