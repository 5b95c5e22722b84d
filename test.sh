#!/usr/bin/env bash
# Run every test with its set-up. Used by newcomers and by CI (.ci/run), unchanged.
set -euo pipefail
cd "$(dirname "$0")"

# Python and Node packages the tests call (SARIF checker, Terraform parser, real Azure SDKs, Azurite).
scripts/test-deps.sh

# Release: the hostile-input and end-to-end tests run the binary on large inputs.
cargo test --release --all-targets --locked -- --test-threads=2
