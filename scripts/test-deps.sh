#!/usr/bin/env bash
# Install what the test suite needs beyond cargo, from the package registries by name:
#  - Python: jsonschema (SARIF checker), python-hcl2 (Terraform check), mypy, the real Azure SDKs and the
#    database / cache drivers the fixes target (type checks of rewritten Python code, end-to-end apps);
#  - Node: typescript, the real @azure/* SDKs and azurite (type checks, end-to-end runs), in tests/sdk;
#  - strace (Debian package): tests/fix.rs kills `fix` at its rename system call to prove that a crash
#    between the temp-file write and the rename corrupts nothing.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
PY_PACKAGES=(
  jsonschema python-hcl2 mypy
  azure-identity azure-storage-blob azure-storage-queue azure-storage-file-share azure-storage-file-datalake
  azure-data-tables azure-servicebus azure-eventhub azure-cosmos azure-keyvault-secrets azure-search-documents
  azure-appconfiguration azure-ai-textanalytics openai
  pyodbc redis redis-entraid mysql-connector-python pymysql psycopg2-binary "psycopg[binary]" msal requests types-requests
)
if ! python3 -c 'import jsonschema, hcl2, mypy, azure.identity, azure.storage.blob, azure.storage.queue, azure.cosmos, azure.servicebus, azure.eventhub, openai, redis_entraid, mysql.connector, psycopg, msal, requests' 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check "${PY_PACKAGES[@]}"
fi
if [ ! -d tests/sdk/node_modules/@azure/identity ] || [ ! -d tests/sdk/node_modules/@redis/entraid ] || [ ! -x tests/sdk/node_modules/.bin/tsc ] || [ ! -x tests/sdk/node_modules/.bin/azurite ]; then
  (cd tests/sdk && npm install --no-audit --no-fund --loglevel=error)
fi
if ! command -v strace >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq strace >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq strace >/dev/null; }
  else
    echo "scripts/test-deps.sh: install strace (tests/fix.rs needs it)" >&2
  fi
fi
