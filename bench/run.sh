#!/usr/bin/env bash
# Benchmarks the production line on the example blueprints and prints Markdown tables (the README quotes them).
# Usage: bench/run.sh [--runs N] [--renders N]   Results are also written to bench/results/<timestamp>.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$ROOT/bench/results"
out="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Factory benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo
  # steady-state rendering is measured with the full JIT (the launcher's default is tuned for short CLI runs)
  FACTORY_JAVA_OPTS="-XX:+UseSerialGC" "$ROOT/factory" --data-dir "$(mktemp -d)" bench "$ROOT"/examples/*.blueprint.yaml "$@"
  echo
  echo "## Local host: GET /api/v1/runs/{id} under 50 concurrent clients (loopback, 200 requests each after warm-up)"
  echo
  FACTORY_JAVA_OPTS="-XX:+UseSerialGC" "$ROOT/factory" bench-api --clients 50 --requests 200
} | tee "$out"
echo "written to $out" >&2
