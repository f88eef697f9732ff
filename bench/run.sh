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
  FACTORY_JAVA_OPTS="-XX:+UseSerialGC" "$ROOT/bench/bench" --data-dir "$(mktemp -d)" runs "$ROOT"/examples/*.blueprint.yaml "$@"
  echo
  echo "## Local host: GET /api/v1/runs/{id} under 50 concurrent clients (loopback, 200 requests each after warm-up)"
  echo
  FACTORY_JAVA_OPTS="-XX:+UseSerialGC" "$ROOT/bench/bench" api --clients 50 --requests 200
  echo
  echo "## Function app: Spring context start (cold-start proxy), one fresh JVM per sample"
  echo
  APP="$ROOT/functions/target/azure-functions/connectsoft-factory"
  if [ ! -d "$APP/lib" ]; then
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never package -DskipTests -pl durable-orchestrations,factory-core,functions) >&2
  fi
  # the Functions worker provides the Java library at run time; the packaged app leaves it out, so add it from Maven
  M2="${MAVEN_REPO:-$HOME/.m2/repository}/com/microsoft/azure/functions"
  WORKER="$(ls "$M2"/azure-functions-java-library/3.2.3/*.jar "$M2"/azure-functions-java-core-library/1.3.0/*.jar | tr '\n' ':')"
  samples=()
  for i in 1 2 3 4 5; do
    line="$(java -XX:+UseSerialGC -cp "$APP/*:$APP/lib/*:$WORKER" -DFACTORY_HOME="$ROOT" com.connectsoft.factory.functions.StartupBenchmark 2>/dev/null | grep spring-context-start-ms)"
    samples+=("$(sed -E 's/.*spring-context-start-ms=([0-9]+).*/\1/' <<<"$line")")
    echo "- sample $i: $line"
  done
  median="$(printf '%s\n' "${samples[@]}" | sort -n | sed -n 3p)"
  echo
  echo "| measure | median of 5 |"
  echo "|---|---|"
  echo "| Spring context start (all capability beans, factory on embedded adapters) | ${median} ms |"
} | tee "$out"
echo "written to $out" >&2
