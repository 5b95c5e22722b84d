#!/usr/bin/env bash
# Run every test with its set-up. Used by newcomers and by CI (.ci/run), unchanged.
set -euo pipefail
cd "$(dirname "$0")"

# Python tools the tests call: the SARIF checker needs jsonschema; the roles tests parse Terraform.
python3 -c 'import jsonschema, hcl2' 2>/dev/null || python3 -m pip install --quiet jsonschema python-hcl2

cargo test --all-targets --locked -- --test-threads=2
