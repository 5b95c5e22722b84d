#!/usr/bin/env bash
# How secretless's time and memory grow with the size of the tree and with --threads.
#
# Usage:  bench/scaling.sh [N ...]        (default sizes: 250 500 1000 2000 apps)
#
# For each N, bench/gen_corpus.py writes N synthetic apps (reused when N, SEED and the generator
# are unchanged), then secretless scan --format json runs with default threads, --threads 1 and
# --threads 2: hyperfine (warm-up WARMUP, RUNS counted runs) for the median, one separate run
# under GNU time for peak RSS and the findings. Prints a markdown table.
#
# Environment:
#   SYNTH_ROOT=/work/bench-data/synth   where the generated corpora go (outside the repository)
#   SEED=1  RUNS=3  WARMUP=1  SECRETLESS=PATH (default target/release/secretless, built if missing)
#   OUT=DIR   raw results (default: a new /tmp/secretless-scaling.XXXXXX)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(250 500 1000 2000)
for n in "${SIZES[@]}"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "sizes must be positive numbers of apps (got '$n')"; done
need hyperfine "Debian: apt-get install hyperfine"
need python3 "runs bench/gen_corpus.py"
[ -x /usr/bin/time ] || warn "GNU time (/usr/bin/time) missing: peak RSS will read n/a (Debian: apt-get install time)"
SYNTH_ROOT=${SYNTH_ROOT:-/work/bench-data/synth}; SEED=${SEED:-1}
RUNS=${RUNS:-3}; WARMUP=${WARMUP:-1}
[[ "$RUNS" =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 3 ] || die "RUNS must be a number >= 3 (got '$RUNS')"
case "$(cd "$(dirname "$SYNTH_ROOT")" 2>/dev/null && pwd)/" in "$REPO_ROOT"/*) die "SYNTH_ROOT must be outside the repository";; esac
OUT=${OUT:-$(mktemp -d /tmp/secretless-scaling.XXXXXX)}; mkdir -p "$OUT" "$SYNTH_ROOT"

SL=$(resolve_secretless)
check_pressure "before the run"
GEN="$BENCH_DIR/gen_corpus.py"
GEN_SUM=$(sha1sum "$GEN" | cut -c1-12)
variants=("" "--threads 1" "--threads 2")
labels=("default" "1" "2")

rows=()
for n in "${SIZES[@]}"; do
  dest="$SYNTH_ROOT/apps-$n"; stamp="$dest.stamp"; want="n=$n seed=$SEED gen=$GEN_SUM"
  if [ ! -d "$dest" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "generating $n apps in $dest ..." >&2
    python3 "$GEN" "$n" "$dest" --seed "$SEED" >"$dest.summary" || die "gen_corpus.py failed"
    echo "$want" >"$stamp"
  fi
  summary=$(cat "$dest.summary")
  planted=$(sed -n 's/.*planted_secrets=\([0-9]*\).*/\1/p' <<<"$summary")
  read -r files bytes < <(corpus_size "$dest")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

  hf=(hyperfine --warmup "$WARMUP" --runs "$RUNS" --ignore-failure --shell bash --style basic --export-json "$OUT/hyperfine-$n.json")
  declare -A RSS=() FND=(); FOUND="?"
  for j in "${!variants[@]}"; do
    v=${variants[$j]}; l=${labels[$j]}
    # shellcheck disable=SC2086  # $v is a flag and its value, or nothing
    read -r rss rc < <(peak_rss "$OUT/findings-$n-$l.json" "$OUT/stderr-$n-$l.txt" "$SL" scan --format json $v "$dest")
    RSS[$l]=$rss; FND[$l]=$(count_findings "$OUT/findings-$n-$l.json")
    [ "$l" = default ] && FOUND=$(planted_found "$OUT/findings-$n-$l.json" "$dest.planted.tsv")
    if [ "$rc" -gt 1 ] || [ "${FND[$l]}" = "?" ]; then
      [ "$l" = default ] && die "secretless scan failed on $dest (exit $rc, JSON report: ${FND[$l]} findings): see $OUT/stderr-$n-$l.txt"
      warn "secretless scan $v failed (exit $rc): not timed"; continue
    fi
    hf+=(-n "$l" "$(printf '%q' "$SL") scan --format json $v $(printf '%q' "$dest")")
  done
  echo "timing $n apps ($mb MB) ..." >&2
  "${hf[@]}" >"$OUT/hyperfine-$n.txt" 2>&1 || { cat "$OUT/hyperfine-$n.txt" >&2; die "hyperfine failed"; }
  declare -A MED=() MIN=() MAX=() CPU=()
  while IFS=$'\t' read -r l med mn mx cpu; do MED[$l]=$med; MIN[$l]=$mn; MAX[$l]=$mx; CPU[$l]=$cpu; done < <(hyperfine_medians "$OUT/hyperfine-$n.json")
  same="n/a"
  [ -n "${MED[1]:-}" ] && [ -n "${MED[2]:-}" ] && same=$(same_findings "$OUT/findings-$n-1.json" "$OUT/findings-$n-2.json" | cut -d' ' -f1)
  for l in "${labels[@]}"; do
    [ -n "${MED[$l]:-}" ] || continue
    speedup=""
    [ -n "${MED[1]:-}" ] && speedup=$(awk -v a="${MED[1]}" -v b="${MED[$l]}" 'BEGIN { printf "%.2fx", a / b }')
    rows+=("$(awk -v n="$n" -v f="$files" -v mb="$mb" -v p="$planted" -v l="$l" -v m="${MED[$l]}" -v lo="${MIN[$l]}" \
        -v hi="${MAX[$l]}" -v b="$bytes" -v r="${RSS[$l]}" -v fd="${FND[$l]}" -v su="$speedup" -v same="$same" -v pf="$FOUND" -v c="${CPU[$l]}" \
        'BEGIN { printf "| %d | %d | %s | %s | %s | %s | %.3f | %.3f–%.3f | %.1f | %s | %.2f | %s | %s | %s |", n, f, mb, p, pf, l, m, lo, hi, b / 1e6 / m, su, c, r, fd, same }')")
  done
done

echo
echo "## secretless scaling ($(nproc) cores, median of $RUNS after $WARMUP warm-up, seed $SEED)"
echo
echo "secretless: $SL ($("$SL" --version 2>/dev/null | sed -n 1p || echo '?'))"
echo
echo "| apps | files | MB | planted secrets | planted found | threads | median s | min–max s | MB/s | speed-up vs 1 thread | CPU s | peak RSS MB | findings | t1 = t2 findings |"
echo "| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "Files and MB count every file, hidden ones included. 'planted secrets' is from $SYNTH_ROOT/apps-N.planted.tsv (path, line, column, kind);"
echo "'planted found' counts those inside a finding's lines in the default-threads report; 'findings' also counts auth sites and near misses reported."
pressure_line
echo "raw: $OUT"
