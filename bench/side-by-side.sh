#!/usr/bin/env bash
# Times `factory generate` of this tree and, with --against <git ref>, of that commit (built in a temporary
# worktree), alternating their runs in this one invocation: machines are noisy, so compare only figures of one run.
# Per factory, as medians: the whole run (wall time of the process, JVM start included), generation (the wall time
# less the validate and publish stages, as bench/jhipster-peer.sh counts it), the validate stage, the sum of the
# module builds, and validate / sum (below 1 when modules build side by side).
# With --templates DIR, this tree's factory renders from that catalog (for example one holding only the template version
# the other commit had), so that both sides generate the same work.
# Usage: bench/side-by-side.sh [blueprint-or-jdl] [--runs N] [--against REF] [--templates DIR]
#        (default: ../shared/samples/jdl/blog.jh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INPUT="$ROOT/../shared/samples/jdl/blog.jh"
RUNS=3
AGAINST=""
TEMPLATES=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --against) AGAINST="$2"; shift 2 ;;
    --templates) TEMPLATES="$(cd "$2" && pwd)" || { echo "no templates directory $2" >&2; exit 2; }; shift 2 ;;
    -h|--help) sed -n 2,10p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) INPUT="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift ;;
  esac
done
[ -f "$INPUT" ] || { echo "no input file at $INPUT" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "--runs takes a positive number, not $RUNS" >&2; exit 2; }
WORK="$(mktemp -d)"
cleanup() {
  [ -n "$AGAINST" ] && git -C "$ROOT" worktree remove --force "$WORK/against" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

HOMES=("$ROOT")
NAMES=("this tree ($(git -C "$ROOT" rev-parse --short HEAD))")
if [ -n "$AGAINST" ]; then
  git -C "$ROOT" worktree add --detach "$WORK/against" "$AGAINST" >/dev/null 2>&1 \
    || { echo "cannot check out $AGAINST" >&2; exit 2; }
  HOMES+=("$WORK/against")
  NAMES+=("$AGAINST")
fi
[ -n "${TEMPLATES:-}" ] && NAMES[0]="${NAMES[0]} with the templates of $TEMPLATES"
for k in "${!HOMES[@]}"; do
  home="${HOMES[$k]}"; catalog=(); [ "$k" -eq 0 ] && [ -n "${TEMPLATES:-}" ] && catalog=(--templates "$TEMPLATES")
  "$home/factory" "${catalog[@]}" templates >/dev/null   # builds each factory if needed, outside the timings
done

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
figures() { # report wall-ms -> "whole generation validate builds"
  python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); wall = int(sys.argv[2])
stage = {s["name"]: s["durationMs"] for s in r["stages"]}
builds = sum(m.get("buildMs", 0) for m in r["modules"])
print(wall, wall - stage.get("validate", 0) - stage.get("publish", 0), stage.get("validate", 0), builds)
PY
}

declare -A WHOLE GEN VALIDATE BUILDS STATUS
for i in $(seq 0 "$RUNS"); do          # run 0 of each warms the build repository and the page cache; not counted
  for k in "${!HOMES[@]}"; do
    home="${HOMES[$k]}"; data="$WORK/data-$k-$i"; report="$WORK/report-$k-$i.json"
    t0=$(now)
    catalog=(); [ "$k" -eq 0 ] && [ -n "${TEMPLATES:-}" ] && catalog=(--templates "$TEMPLATES")
    "$home/factory" "${catalog[@]}" --data-dir "$data" generate "$INPUT" --tenant bench --out "$WORK/out-$k-$i" --report "$report" \
      >"$WORK/log-$k-$i" 2>&1 || true
    t1=$(now)
    [ -f "$report" ] || { echo "${NAMES[$k]}: the run wrote no report; its output:" >&2; tail -5 "$WORK/log-$k-$i" >&2; exit 1; }
    read -r whole gen validate builds <<<"$(figures "$report" $(( (t1 - t0) / 1000000 )))"
    STATUS[$k]="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$report")"
    if [ "$i" -gt 0 ]; then
      WHOLE[$k]+="$whole "; GEN[$k]+="$gen "; VALIDATE[$k]+="$validate "; BUILDS[$k]+="$builds "
    fi
    rm -rf "$data" "$WORK/out-$k-$i"
  done
done

echo "## \`factory generate $(basename "$INPUT")\` side by side (median of $RUNS alternating runs, $(nproc) cores)"
echo
echo "| factory | run status | whole run ms | generation ms | validate ms | sum of module builds ms | validate / sum | whole-run samples |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
declare -a MW MG
for k in "${!HOMES[@]}"; do
  MW[$k]=$(printf '%s\n' ${WHOLE[$k]} | median); MG[$k]=$(printf '%s\n' ${GEN[$k]} | median)
  v=$(printf '%s\n' ${VALIDATE[$k]} | median); b=$(printf '%s\n' ${BUILDS[$k]} | median)
  ratio=$(awk -v v="$v" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", v / b; else print "-" }')
  echo "| ${NAMES[$k]} | ${STATUS[$k]} | ${MW[$k]} | ${MG[$k]} | $v | $b | $ratio | ${WHOLE[$k]}|"
done
if [ -n "$AGAINST" ]; then
  echo
  awk -v w0="${MW[0]}" -v w1="${MW[1]}" -v g0="${MG[0]}" -v g1="${MG[1]}" -v ref="$AGAINST" \
    'BEGIN { printf "Against %s, this tree runs the whole %.2fx as fast and generates %.2fx as fast.\n", ref, w1 / w0, g1 / g0 }'
fi
