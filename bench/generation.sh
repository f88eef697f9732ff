#!/usr/bin/env bash
# The factory's generation time on a JDL or blueprint, measured as bench/jhipster-peer.sh measures it: the wall time
# of `factory generate` minus its validate (build and tests) and publish stages. With --against <git ref>, the same
# is measured for that commit (built in a temporary worktree), alternating runs of the two in this one invocation,
# and the ratio is printed: machines are noisy, so compare only figures from one run.
# Usage: bench/generation.sh [file] [--runs N] [--against REF]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INPUT="$ROOT/../shared/samples/jdl/blog.jh"
RUNS=5
AGAINST=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --against) AGAINST="$2"; shift 2 ;;
    *) INPUT="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift ;;
  esac
done
[ -f "$INPUT" ] || { echo "no input file at $INPUT" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

declare -a HOMES=("$ROOT")
declare -a NAMES=("this tree")
if [ -n "$AGAINST" ]; then
  git -C "$ROOT" worktree add --detach "$WORK/against" "$AGAINST" >/dev/null 2>&1 \
    || { echo "cannot check out $AGAINST" >&2; exit 2; }
  trap 'git -C "$ROOT" worktree remove --force "$WORK/against" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
  HOMES+=("$WORK/against")
  NAMES+=("$AGAINST")
fi
for home in "${HOMES[@]}"; do
  "$home/factory" templates >/dev/null   # builds each factory if needed, outside the timings
done

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
stage_ms() { # report stage
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(next((s["durationMs"] for s in r["stages"] if s["name"]==sys.argv[2]), 0))' "$1" "$2"
}

declare -A SAMPLES
for i in $(seq 0 "$RUNS"); do          # run 0 of each warms the build repository and the page cache; not counted
  for k in "${!HOMES[@]}"; do
    home="${HOMES[$k]}"; data="$WORK/data-$k-$i"; report="$WORK/report-$k-$i.json"
    t0=$(now)
    "$home/factory" --data-dir "$data" generate "$INPUT" --tenant bench --out "$WORK/out-$k-$i" --report "$report" \
      >"$WORK/log-$k-$i" 2>&1 || true
    t1=$(now)
    [ -f "$report" ] || { echo "${NAMES[$k]}: the run wrote no report; see $WORK/log-$k-$i" >&2; tail -5 "$WORK/log-$k-$i" >&2; exit 1; }
    gen=$(( (t1 - t0) / 1000000 - $(stage_ms "$report" validate) - $(stage_ms "$report" publish) ))
    [ "$i" -gt 0 ] && SAMPLES[$k]+="$gen "
    rm -rf "$data" "$WORK/out-$k-$i"
  done
done

echo "## Generation of $(basename "$INPUT") (wall time of factory generate minus validate and publish; median of $RUNS, $(nproc) cores)"
echo
echo "| factory | generation ms | samples |"
echo "|---|---:|---|"
declare -a MED
for k in "${!HOMES[@]}"; do
  MED[$k]=$(printf '%s\n' ${SAMPLES[$k]} | median)
  echo "| ${NAMES[$k]} | ${MED[$k]} | ${SAMPLES[$k]}|"
done
if [ -n "$AGAINST" ]; then
  echo
  awk -v a="${MED[1]}" -v b="${MED[0]}" -v ref="$AGAINST" 'BEGIN {printf "This tree generates %.2fx as fast as %s.\n", a/b, ref}'
fi
