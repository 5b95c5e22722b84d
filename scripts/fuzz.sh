#!/usr/bin/env bash
# Fuzz secretless for a bounded time per target (issue 10). Not part of `cargo test` or CI's default
# path: run it by hand or in a scheduled job.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 60), all targets by default
#
# Needs a nightly Rust toolchain (libFuzzer instrumentation and AddressSanitizer use unstable rustc
# flags) and cargo-fuzz; installs cargo-fuzz from crates.io if it is missing. Each target's corpus is
# fuzz/corpus/<target> (seeded once from fixtures/). A crashing, leaking or timing-out input is copied
# to tests/regressions/<target>/, where `cargo test --test hostile` replays it.
#
# Exit status: 0 no target failed, 1 at least one target found a crash (inputs saved), 2 the fuzzing
# tools are not available here (nothing was run).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SECONDS_PER_TARGET=${1:-60}
shift || true
if ! [[ $SECONDS_PER_TARGET =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi
ALL_TARGETS=(connstr config_json config_dotenv config_xml decode scan_python scan_csharp scan_javascript scan_typescript scan_tsx)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

# 1. A nightly toolchain.
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz.sh: installing the nightly toolchain (libFuzzer needs it)..." >&2
  if ! rustup toolchain install nightly --profile minimal >&2; then
    cat >&2 <<'EOF'
fuzz.sh: no nightly Rust toolchain, and `rustup toolchain install nightly` failed.
cargo-fuzz builds with -Zsanitizer and libFuzzer's coverage flags, which only nightly rustc accepts:
install nightly (rustup toolchain install nightly) where the network allows, then run this again.
Nothing was fuzzed.
EOF
    exit 2
  fi
fi

# 2. cargo-fuzz.
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: installing cargo-fuzz from crates.io..." >&2
  if ! cargo install --locked cargo-fuzz >&2; then
    echo "fuzz.sh: \`cargo install cargo-fuzz\` failed (no access to crates.io?). Nothing was fuzzed." >&2
    exit 2
  fi
fi

# 3. Seed corpora from the fixtures (once: the corpus grows across runs).
seed() {
  local target=$1
  shift
  local dir=fuzz/corpus/$target
  if [ -d "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then return; fi
  mkdir -p "$dir"
  local n=0
  while IFS= read -r -d '' f; do
    cp "$f" "$dir/seed-$n"
    n=$((n + 1))
  done < <(find fixtures tests/regressions -type f \( "$@" \) -size -64k -print0 2>/dev/null)
}
for t in "${TARGETS[@]}"; do
  case $t in
    connstr) seed "$t" -name '*.env' -o -name '.env*' -o -name '*.config' -o -name '*.json' -o -name '*.md' -o -name '*.txt' ;;
    config_json) seed "$t" -name '*.json' ;;
    config_dotenv) seed "$t" -name '*.env' -o -name '.env*' ;;
    config_xml) seed "$t" -name '*.config' -o -name '*.csproj' ;;
    decode) seed "$t" -name '*.config' -o -name '*.py' -o -name '*.md' ;;
    scan_python) seed "$t" -name '*.py' ;;
    scan_csharp) seed "$t" -name '*.cs' ;;
    scan_javascript) seed "$t" -name '*.js' -o -name '*.mjs' -o -name '*.cjs' ;;
    scan_typescript) seed "$t" -name '*.ts' ;;
    scan_tsx) seed "$t" -name '*.tsx' -o -name '*.ts' ;;
    *)
      echo "fuzz.sh: unknown target $t (targets: ${ALL_TARGETS[*]})" >&2
      exit 2
      ;;
  esac
done

# 4. Run each target for a bounded time; keep what it finds.
mkdir -p fuzz/logs
failed=()
printf '%-16s %12s %s\n' target execs result
for t in "${TARGETS[@]}"; do
  log=fuzz/logs/$t.log
  mkdir -p "fuzz/artifacts/$t"
  before=$(ls "fuzz/artifacts/$t" | sort)
  # -fork=1 -ignore_*: one finding does not end the run; each crashing, timing-out (-timeout: over
  # 10 s for one input, a hang) or memory-hungry (-rss_limit_mb) input is kept as an artifact.
  # Default cargo-fuzz build: release, debug assertions, overflow checks, AddressSanitizer (which also
  # covers the tree-sitter grammars' C code).
  (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1) >"$log" 2>&1
  status=$?
  # Fork mode reports "#<execs>: cov: ... crash: ..." lines; the last one is the total.
  execs=$(grep -oE '^#[0-9]+: cov' "$log" | tail -1 | grep -oE '[0-9]+')
  [ -n "$execs" ] || execs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+')
  new=$(comm -13 <(echo "$before") <(ls "fuzz/artifacts/$t" | sort) | grep -v '^$' || true)
  # An input that fails again keeps its artifact name (a hash): count failures in the log too.
  hits=$(grep -cE 'panicked at|ERROR: AddressSanitizer|ERROR: libFuzzer|ERROR: LeakSanitizer' "$log")
  if [ $status -eq 0 ] && [ -z "$new" ] && [ "$hits" -eq 0 ]; then
    result=ok
  else
    result="FAILED (exit $status, $hits failures in $log)"
    failed+=("$t")
    mkdir -p "tests/regressions/$t"
    for a in $new; do
      cp "fuzz/artifacts/$t/$a" "tests/regressions/$t/$a"
      result="$result; saved tests/regressions/$t/$a"
    done
  fi
  printf '%-16s %12s %s\n' "$t" "${execs:-?}" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${#failed[@]} target(s) failed: ${failed[*]}. Reproduce one with" >&2
  echo "  (cd fuzz && cargo +nightly fuzz run <target> ../tests/regressions/<target>/<file>)" >&2
  echo "and replay all of them with: cargo test --test hostile fuzz_regressions" >&2
  exit 1
fi
