#!/usr/bin/env bash
# Mutation scores of the generated modules: generates each blueprint (by default both examples and two of the shared
# JDL samples) into a fresh data directory, measures every module with `./factory mutation --json` (PIT, default
# mutators, in the build sandbox) and prints one Markdown table (the README quotes it).
# Usage: bench/mutation.sh [blueprint-or-jdl ...]   Results are also written to bench/results/mutation-<timestamp>.md.
# About 2-4 minutes per module on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$#" -eq 0 ]; then
  set -- "$ROOT/examples/clinic-booking.blueprint.yaml" "$ROOT/examples/invoicing.blueprint.yaml" \
         "$ROOT/../shared/samples/jdl/blog.jh" "$ROOT/../shared/samples/jdl/simple-online-shop.jh"
fi
DATA="$(mktemp -d "${TMPDIR:-/tmp}/factory-mutation.XXXXXX")"
trap 'rm -rf "$DATA"' EXIT
mkdir -p "$ROOT/bench/results"
out="$ROOT/bench/results/mutation-$(date -u +%Y%m%dT%H%M%SZ).md"
rows=()
for bp in "$@"; do
  name="$(basename "$bp")"
  echo "bench: generating $name..." >&2
  log="$DATA/$name.generate.log"
  if ! "$ROOT/factory" --data-dir "$DATA" generate "$bp" --tenant bench >"$log" 2>&1; then
    tail -20 "$log" >&2
    rows+=("| $name | (generation failed: see above) | | | | | |")
    continue
  fi
  run="$(grep -o 'Run run-[a-z0-9]*' "$log" | head -1 | cut -d' ' -f2)"
  echo "bench: measuring $name ($run)..." >&2
  json="$DATA/$name.mutation.json"
  "$ROOT/factory" --data-dir "$DATA" mutation "$run" --tenant bench --json >"$json" || true
  # one row per module from the pretty-printed JSON ("key" : value lines)
  while IFS= read -r row; do rows+=("| $name $row"); done < <(awk '
    function val(line) { sub(/^[^:]*: */, "", line); gsub(/[",]/, "", line); return line }
    /"classesWithMostSurvivors"/ { nested = 1 }
    nested && /^    \}? ?\]/ { nested = 0; next }
    nested { next }
    /"module" :/ { m = val($0); mut = kil = sur = nc = sc = reason = "" }
    /"mutants" :/ { mut = val($0) } /"killed" :/ { kil = val($0) } /"survived" :/ { sur = val($0) }
    /"noCoverage" :/ { nc = val($0) } /"score" :/ { sc = val($0) } /"reason" :/ { reason = val($0) }
    /^  \}/ { if (m != "") { if (sc != "") printf "| %s | %s | %s | %s | %s | %s%% |\n", m, mut, kil, sur, nc, sc;
                             else printf "| %s | not measured: %s | | | | |\n", m, reason }
              m = "" }
  ' "$json")
done
{
  echo "# Mutation scores $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "PIT $(grep -o 'pitest-maven.version>[^<]*' "$ROOT/pom.xml" | cut -d'>' -f2), default mutators, threads=2; $(nproc) cores."
  echo
  echo "| blueprint | module | mutants | killed | survived | no coverage | score |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$out"
