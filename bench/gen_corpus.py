#!/usr/bin/env python3
"""Write a synthetic corpus of small apps for secretless's scaling benchmark.

Usage:  bench/gen_corpus.py N DEST [--seed S]

Writes N small apps (Python, C#, JavaScript, TypeScript, with their config files) under DEST,
one folder each (DEST/app-00001-python/ ...). Most files are ordinary code with no Azure
trigger word; about 10 % of the files use Azure SDKs. Of those, about half hold planted fake
secrets of realistic shape (storage/Cosmos account keys, Service Bus shared access keys, Entra
client secrets, API keys, SQL passwords), the rest are near misses: values from environment
variables or configuration, placeholders, the storage emulator, Key Vault references.

The output is a function of (N, seed) only, and app i is the same for every N >= i, so a
larger corpus contains every smaller one. DEST is emptied first. The planted secrets are listed
in DEST.planted.tsv (path, line, column, kind), beside DEST and not inside it. All secrets are
random bytes made at run time: none is, or was ever, a live credential.

Prints one line:  files=.. bytes=.. MB=.. apps=.. azure_files=.. planted_secrets=.. manifest=..
"""
from __future__ import annotations

import argparse
import base64
import os
import random
import shutil
import string
import sys
import uuid
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# vocabulary: neutral words only, so ordinary code never contains a trigger literal
WORDS = (
    "order customer invoice item product price total batch record event session payload report "
    "cache queue retry window page cursor region shipment parcel route driver vehicle ticket "
    "booking seat flight hotel review rating comment author article draft tag label metric sample "
    "reading sensor device gateway firmware schedule slot shift employee team project task "
    "milestone budget ledger entry balance currency rate discount coupon cart wishlist stock "
    "warehouse supplier contract clause document folder image thumbnail upload download "
    "summary digest notice alert rule threshold score level badge profile avatar locale message "
    "thread channel member invite survey answer question quiz lesson course grade student"
).split()
VERBS = "get load build compute render parse validate update merge filter collect sync apply format resolve refresh count".split()
SENTENCE = (
    "Handles {a} and {b} for the {c} service.",
    "Utilities to {v} {a} records before they reach the {b} store.",
    "Keeps the {a} and {b} views of a {c} consistent.",
    "Reads {a} data and turns it into {b} summaries.",
)

# words that make secretless treat a value as a placeholder (mirror of src/secrets.rs): a random
# secret that happens to contain one is drawn again, so every planted value is secret-shaped
PLACEHOLDER_WORDS = (
    "your xxxx **** .... placeholder replace changeme change_me change-me example redacted dummy "
    "sample_ fake todo insert notasecret not-a-secret secret_here key_here enter_ enter- goes_here "
    "goes-here put_your mykey my-key my_key mysecret my-secret my_secret mypassword my-password my_password"
).split()


def camel(ws): return "".join(w.capitalize() for w in ws)
def snake(ws): return "_".join(ws)
def lower_camel(ws): return ws[0] + camel(ws[1:])


class Gen:
    """All randomness of one app comes from its own Random, seeded by (seed, app index)."""

    def __init__(self, rng: random.Random):
        self.r = rng
        self.n = 0

    def uniq(self) -> int:   # suffix that keeps names unique within an app
        self.n += 1
        return self.n

    def words(self, n=2): return [self.r.choice(WORDS) for _ in range(n)]
    def sentence(self):
        return self.r.choice(SENTENCE).format(a=self.r.choice(WORDS), b=self.r.choice(WORDS),
                                              c=self.r.choice(WORDS), v=self.r.choice(VERBS))
    def guid(self): return str(uuid.UUID(int=self.r.getrandbits(128), version=4))
    def name(self): return self.r.choice(WORDS) + str(self.r.randint(1, 99))

    # --- secret shapes -----------------------------------------------------------------------
    def _clean(self, make):
        while True:
            v = make()
            low = v.lower()
            if not any(w in low for w in PLACEHOLDER_WORDS) and len(set(v)) > 8:
                return v

    def account_key(self): return self._clean(lambda: base64.b64encode(self.r.randbytes(64)).decode())   # 88 chars, ends ==
    def shared_key(self): return self._clean(lambda: base64.b64encode(self.r.randbytes(32)).decode())    # 44 chars, ends =
    def api_key(self): return self._clean(lambda: self.r.randbytes(16).hex())                            # 32 hex

    def entra_secret(self):   # abc8Q~ + 34 characters, 40 in all
        al = string.ascii_letters + string.digits
        tail = al + "_~.-"
        return self._clean(lambda: "".join(self.r.choice(al) for _ in range(3)) + self.r.choice(string.digits)
                           + "Q~" + "".join(self.r.choice(tail) for _ in range(34)))

    def password(self):
        al = string.ascii_letters + string.digits + "!#%*-_"
        return self._clean(lambda: "".join(self.r.choice(al) for _ in range(self.r.randint(14, 22))))


# ---------------------------------------------------------------------------------------------
# ordinary code, one renderer per language; bodies are random but always syntactically valid

def py_function(g: Gen) -> str:
    name = snake([g.r.choice(VERBS)] + g.words(2))
    args = [snake(g.words(1)) + "s", snake(g.words(1))]
    acc, it = snake(g.words(1)) + "_total", "entry"
    lines = [f"def {name}({args[0]}, {args[1]}=None, limit={g.r.randint(2, 500)}):",
             f'    """{g.sentence()}"""', f"    {acc} = 0", "    seen = set()",
             f"    for {it} in {args[0]}:"]
    for _ in range(g.r.randint(1, 4)):
        k = g.r.choice(WORDS)
        lines += g.r.choice([
            [f'        if {it}.get("{k}") in seen:', "            continue", f'        seen.add({it}.get("{k}"))'],
            [f'        {acc} += {it}.get("{k}", 0) * {g.r.randint(1, 9)}'],
            [f"        if {acc} > limit:", f'            logger.debug("{k} over limit: %s", {acc})', "            break"],
            [f'        {k}_value = str({it}.get("{k}", "")).strip().lower()',
             f"        if {k}_value and {k}_value not in seen:", f"            seen.add({k}_value)"],
        ])
    lines += [f"    if {args[1]} is not None:", f"        {acc} = min({acc}, {args[1]})",
              f'    logger.info("{name} done: %d items", len(seen))', f"    return {acc}", ""]
    return "\n".join(lines)


def py_class(g: Gen) -> str:
    cls = camel(g.words(2))
    fields = list(dict.fromkeys(snake(g.words(1)) for _ in range(g.r.randint(2, 5))))
    lines = ["@dataclass", f"class {cls}:", f'    """{g.sentence()}"""', ""]
    lines += [f"    {f}: {g.r.choice(['int', 'str', 'float', 'Optional[str]'])} = None" for f in fields]
    lines += ["", "    def to_dict(self) -> dict:", "        return {"]
    lines += [f'            "{f}": self.{f},' for f in fields]
    lines += ["        }", "", "    def describe(self) -> str:",
              f'        return f"{cls}(' + ", ".join(f"{f}={{self.{f}!r}}" for f in fields) + ')"', ""]
    return "\n".join(lines)


def py_module(g: Gen, target: int, extra: str = "") -> str:
    parts = [f'"""{g.sentence()}"""', "import logging", "from dataclasses import dataclass",
             "from typing import Optional", "", "logger = logging.getLogger(__name__)",
             f"DEFAULT_{g.r.choice(WORDS).upper()}_LIMIT = {g.r.randint(10, 1000)}", "", ""]
    body: list[str] = []
    size = 0
    while size < target:
        block = py_class(g) if g.r.random() < 0.3 else py_function(g)
        body.append(block); size += len(block)
    if extra:
        body.insert(g.r.randint(0, len(body)), extra)
    return "\n".join(parts) + "\n\n".join(body)


def cs_method(g: Gen) -> str:
    name = camel([g.r.choice(VERBS)] + g.words(2)) + str(g.uniq())
    coll, acc = lower_camel(g.words(1)) + "s", lower_camel(g.words(1)) + "Total"
    lines = [f"        public async Task<int> {name}Async(IReadOnlyList<{camel(g.words(1))}> {coll}, CancellationToken cancellationToken = default)",
             "        {", f"            var {acc} = 0;", "            var seen = new HashSet<string>();",
             f"            foreach (var entry in {coll})", "            {"]
    for _ in range(g.r.randint(1, 4)):
        k = camel(g.words(1))
        lines += g.r.choice([
            [f"                if (!seen.Add(entry.{k}?.ToString() ?? string.Empty))", "                {", "                    continue;", "                }"],
            [f"                {acc} += entry.{k} * {g.r.randint(1, 9)};"],
            [f"                if ({acc} > {g.r.randint(10, 900)})", "                {",
             f'                    _logger.LogDebug("{k} over limit: {{Total}}", {acc});', "                    break;", "                }"],
            ["                await Task.Yield();", "                cancellationToken.ThrowIfCancellationRequested();"],
        ])
    lines += ["            }", f'            _logger.LogInformation("{name} done: {{Count}} items", seen.Count);',
              f"            return {acc};", "        }", ""]
    return "\n".join(lines)


def cs_file(g: Gen, ns: str, target: int, extra: str = "", usings: str = "") -> str:
    cls = camel(g.words(2)) + g.r.choice(["Service", "Handler", "Manager", "Processor", "Repository"])
    head = ["using System;", "using System.Collections.Generic;", "using System.Linq;", "using System.Threading;",
            "using System.Threading.Tasks;", "using Microsoft.Extensions.Logging;"] + ([usings] if usings else []) + [
            "", f"namespace {ns}", "{", "    /// <summary>", f"    /// {g.sentence()}", "    /// </summary>",
            f"    public class {cls}", "    {", f"        private readonly ILogger<{cls}> _logger;", "",
            f"        public {cls}(ILogger<{cls}> logger)", "        {", "            _logger = logger;", "        }", ""]
    body: list[str] = []
    size = 0
    while size < target:
        m = cs_method(g); body.append(m); size += len(m)
    if extra:
        body.insert(g.r.randint(0, len(body)), extra)
    return "\n".join(head) + "\n".join(body) + "    }\n}\n"


def js_function(g: Gen, ts: bool) -> str:
    name = lower_camel([g.r.choice(VERBS)] + g.words(2)) + str(g.uniq())
    coll, acc = lower_camel(g.words(1)) + "s", lower_camel(g.words(1)) + "Total"
    sig = f"{coll}: Array<Record<string, any>>, limit: number = {g.r.randint(5, 900)}): number" if ts \
        else f"{coll}, limit = {g.r.randint(5, 900)})"
    lines = [f"/** {g.sentence()} */", f"export function {name}({sig} {{",
             f"  let {acc} = 0;", "  const seen = new Set();", f"  for (const entry of {coll}) {{"]
    for _ in range(g.r.randint(1, 4)):
        k = g.r.choice(WORDS)
        lines += g.r.choice([
            [f"    if (seen.has(entry.{k})) {{", "      continue;", "    }", f"    seen.add(entry.{k});"],
            [f"    {acc} += (entry.{k} ?? 0) * {g.r.randint(1, 9)};"],
            [f"    if ({acc} > limit) {{", f"      console.debug(`{k} over limit: ${{{acc}}}`);", "      break;", "    }"],
            [f"    const {k}Value{g.uniq()} = String(entry.{k} ?? '').trim().toLowerCase();", f"    if ({k}Value{g.n}) seen.add({k}Value{g.n});"],
        ])
    lines += ["  }", f"  return Math.min({acc}, limit);", "}", ""]
    return "\n".join(lines)


def ts_interface(g: Gen) -> str:
    fields = list(dict.fromkeys(lower_camel(g.words(2)) for _ in range(g.r.randint(2, 6))))
    return "\n".join([f"export interface {camel(g.words(2))}{g.uniq()} {{"]
                     + [f"  {f}{g.r.choice(['', '?'])}: {g.r.choice(['string', 'number', 'boolean', 'string[]'])};" for f in fields]
                     + ["}", ""])


def js_module(g: Gen, target: int, ts: bool, extra: str = "", imports: str = "") -> str:
    head = [f"// {g.sentence()}", imports, ""] if imports else [f"// {g.sentence()}", ""]
    body: list[str] = []
    size = 0
    while size < target:
        b = ts_interface(g) if ts and g.r.random() < 0.25 else js_function(g, ts)
        body.append(b); size += len(b)
    if extra:
        body.insert(g.r.randint(0, len(body)), extra)
    return "\n".join(head) + "\n".join(body)


# ---------------------------------------------------------------------------------------------
# Azure snippets: (imports, code, [(secret, kind), ...]); planted=False gives a near miss

def acct(g): return g.r.choice(WORDS) + "store" + str(g.r.randint(1, 999))
def ns(g): return g.r.choice(WORDS) + "-bus-" + str(g.r.randint(1, 99))


def storage_cs(g, key): return f"DefaultEndpointsProtocol=https;AccountName={acct(g)};AccountKey={key};EndpointSuffix=core.windows.net"
def bus_cs(g, key): return f"Endpoint=sb://{ns(g)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={key}"
def cosmos_cs(g, key): return f"AccountEndpoint=https://{acct(g)}.documents.azure.com:443/;AccountKey={key};"
def sql_cs(g, pw): return f"Server=tcp:{acct(g)}.database.windows.net,1433;Database={g.r.choice(WORDS)};User ID=sqladmin;Password={pw};Encrypt=True;"


def near_miss_value(g: Gen) -> str:
    return g.r.choice([
        "UseDevelopmentStorage=true",
        f"DefaultEndpointsProtocol=https;AccountName={acct(g)};AccountKey=<your-account-key>;EndpointSuffix=core.windows.net",
        "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/storage)",
        f"Endpoint=sb://{ns(g)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${{SERVICEBUS_KEY}}",
    ])


def py_azure(g: Gen, planted: bool):
    k = g.r.randrange(5)
    fn = snake([g.r.choice(VERBS)] + g.words(1)) + "_client"
    if k == 0:
        key = g.account_key()
        val = f'"{storage_cs(g, key)}"' if planted else g.r.choice(['os.environ["AZURE_STORAGE_CONNECTION_STRING"]', f'"{near_miss_value(g)}"'])
        return ("import os\nfrom azure.storage.blob import BlobServiceClient",
                f"def {fn}():\n    return BlobServiceClient.from_connection_string({val})\n",
                [(key, "storage-account-key")] if planted else [])
    if k == 1:
        sec = g.entra_secret()
        val = f'"{sec}"' if planted else 'os.getenv("AZURE_CLIENT_SECRET")'
        return ("import os\nfrom azure.identity import ClientSecretCredential",
                f'def {fn}():\n    return ClientSecretCredential(\n        tenant_id="{g.guid()}",\n'
                f'        client_id="{g.guid()}",\n        client_secret={val},\n    )\n',
                [(sec, "entra-client-secret")] if planted else [])
    if k == 2:
        key = g.shared_key()
        val = f'"{bus_cs(g, key)}"' if planted else 'os.environ["SERVICEBUS_CONNECTION_STRING"]'
        return ("import os\nfrom azure.servicebus import ServiceBusClient",
                f"CONNECTION_STR = {val}\n\n\ndef {fn}():\n    return ServiceBusClient.from_connection_string(conn_str=CONNECTION_STR)\n",
                [(key, "servicebus-shared-access-key")] if planted else [])
    if k == 3:
        key = g.api_key()
        val = f'"{key}"' if planted else 'os.environ["AZURE_SEARCH_API_KEY"]'
        return ("import os\nfrom azure.core.credentials import AzureKeyCredential\nfrom azure.search.documents import SearchClient",
                f'def {fn}():\n    credential = AzureKeyCredential({val})\n'
                f'    return SearchClient("https://{acct(g)}.search.windows.net", "{g.r.choice(WORDS)}-index", credential)\n',
                [(key, "api-key")] if planted else [])
    pw = g.password()
    val = f'"{sql_cs(g, pw)}"' if planted else 'os.environ["SQL_CONNECTION_STRING"]'
    return ("import os\nimport pyodbc",
            f"def {fn}():\n    connection_string = {val}\n    return pyodbc.connect(connection_string)\n",
            [(pw, "sql-password")] if planted else [])


def cs_azure(g: Gen, planted: bool):
    k = g.r.randrange(4)
    m = camel([g.r.choice(VERBS)] + g.words(1)) + "Client"
    if k == 0:
        key = g.account_key()
        val = f'"{storage_cs(g, key)}"' if planted else g.r.choice(['_configuration.GetConnectionString("Storage")', f'"{near_miss_value(g)}"'])
        return ("using Azure.Storage.Blobs;",
                f"        public BlobServiceClient {m}()\n        {{\n            return new BlobServiceClient({val});\n        }}\n",
                [(key, "storage-account-key")] if planted else [])
    if k == 1:
        sec = g.entra_secret()
        val = f'"{sec}"' if planted else 'Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET")'
        return ("using Azure.Identity;",
                f'        public ClientSecretCredential {m}()\n        {{\n            return new ClientSecretCredential("{g.guid()}", "{g.guid()}", {val});\n        }}\n',
                [(sec, "entra-client-secret")] if planted else [])
    if k == 2:
        key = g.account_key()
        val = f'"{cosmos_cs(g, key)}"' if planted else '_configuration["CosmosDb:ConnectionString"]'
        return ("using Microsoft.Azure.Cosmos;",
                f"        public CosmosClient {m}()\n        {{\n            var connectionString = {val};\n            return new CosmosClient(connectionString);\n        }}\n",
                [(key, "cosmos-account-key")] if planted else [])
    pw = g.password()
    val = f'"{sql_cs(g, pw)}"' if planted else '_configuration.GetConnectionString("Sql")'
    return ("using Microsoft.Data.SqlClient;",
            f"        public SqlConnection {m}()\n        {{\n            return new SqlConnection({val});\n        }}\n",
            [(pw, "sql-password")] if planted else [])


def js_azure(g: Gen, planted: bool, ts: bool):
    k = g.r.randrange(4)
    fn = lower_camel([g.r.choice(VERBS)] + g.words(1)) + "Client" + str(g.uniq())
    if k == 0:
        key = g.account_key()
        val = f'"{storage_cs(g, key)}"' if planted else g.r.choice(["process.env.AZURE_STORAGE_CONNECTION_STRING", f'"{near_miss_value(g)}"'])
        return ('import { BlobServiceClient } from "@azure/storage-blob";',
                f"export function {fn}() {{\n  return BlobServiceClient.fromConnectionString({val}{'!' if ts and not planted and val.startswith('process') else ''});\n}}\n",
                [(key, "storage-account-key")] if planted else [])
    if k == 1:
        sec = g.entra_secret()
        val = f'"{sec}"' if planted else "process.env.AZURE_CLIENT_SECRET"
        return ('import { ClientSecretCredential } from "@azure/identity";',
                f'export function {fn}() {{\n  const clientSecret = {val};\n  return new ClientSecretCredential("{g.guid()}", "{g.guid()}", clientSecret{"!" if ts and not planted else ""});\n}}\n',
                [(sec, "entra-client-secret")] if planted else [])
    if k == 2:
        key = g.shared_key()
        val = f'"{bus_cs(g, key)}"' if planted else "process.env.SERVICEBUS_CONNECTION_STRING"
        return ('import { ServiceBusClient } from "@azure/service-bus";',
                f'const connectionString = {val};\n\nexport function {fn}() {{\n  return new ServiceBusClient(connectionString{"!" if ts and not planted else ""});\n}}\n',
                [(key, "servicebus-shared-access-key")] if planted else [])
    key = g.api_key()
    val = f'"{key}"' if planted else "process.env.AZURE_OPENAI_API_KEY"
    return ('import { AzureKeyCredential } from "@azure/core-auth";',
            f'export function {fn}() {{\n  return new AzureKeyCredential({val}{"!" if ts and not planted else ""});\n}}\n',
            [(key, "api-key")] if planted else [])


# ---------------------------------------------------------------------------------------------
# config files

def appsettings(g: Gen, azure: bool, planted: bool):
    secrets = []
    conn = ""
    if azure:
        if planted:
            key = g.account_key(); secrets.append((key, "storage-account-key"))
            conn = f'  "ConnectionStrings": {{\n    "Storage": "{storage_cs(g, key)}"\n  }},\n'
        else:
            conn = f'  "ConnectionStrings": {{\n    "Storage": "{near_miss_value(g)}"\n  }},\n'
    body = ("{\n" + conn + '  "Logging": {\n    "LogLevel": {\n      "Default": "Information",\n'
            '      "Microsoft.AspNetCore": "Warning"\n    }\n  },\n'
            f'  "{camel(g.words(1))}": {{\n    "PageSize": {g.r.randint(10, 200)},\n    "Region": "{g.r.choice(["westeurope", "eastus", "northeurope"])}"\n  }},\n'
            '  "AllowedHosts": "*"\n}\n')
    return body, secrets


def local_settings(g: Gen, azure: bool, planted: bool):
    secrets = []
    store = '"UseDevelopmentStorage=true"'
    if azure and planted:
        key = g.account_key(); secrets.append((key, "storage-account-key"))
        store = f'"{storage_cs(g, key)}"'
    return ('{\n  "IsEncrypted": false,\n  "Values": {\n' f'    "AzureWebJobsStorage": {store},\n'
            '    "FUNCTIONS_WORKER_RUNTIME": "node"\n  }\n}\n'), secrets


def env_file(g: Gen, azure: bool, planted: bool):
    lines = [f"# {g.sentence()}", f"APP_{g.r.choice(WORDS).upper()}_PAGE_SIZE={g.r.randint(10, 99)}", "LOG_LEVEL=info"]
    secrets = []
    if azure:
        if planted:
            sec = g.entra_secret(); secrets.append((sec, "entra-client-secret"))
            lines += [f"AZURE_TENANT_ID={g.guid()}", f"AZURE_CLIENT_ID={g.guid()}", f"AZURE_CLIENT_SECRET={sec}"]
        else:
            lines += [f"AZURE_STORAGE_CONNECTION_STRING={near_miss_value(g)}"]
    return "\n".join(lines) + "\n", secrets


def web_config(g: Gen, azure: bool, planted: bool):
    secrets = []
    add = ""
    if azure:
        if planted:
            pw = g.password(); secrets.append((pw, "sql-password"))
            add = f'    <add name="Sql" connectionString="{sql_cs(g, pw)}" providerName="System.Data.SqlClient" />\n'
        else:
            add = '    <add name="Storage" connectionString="UseDevelopmentStorage=true" />\n'
    return ('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <connectionStrings>\n' + add
            + '  </connectionStrings>\n  <appSettings>\n' f'    <add key="PageSize" value="{g.r.randint(10, 90)}" />\n'
            '  </appSettings>\n</configuration>\n'), secrets


# ---------------------------------------------------------------------------------------------

P_AZURE_CODE = 0.12     # share of code files that use an Azure SDK
P_AZURE_CONFIG = 0.30    # share of settings files that hold a connection string or secret
P_PLANTED = 0.5          # of those, share with a real-shaped secret


def size_target(g: Gen) -> int:
    return int(min(30000, max(400, g.r.lognormvariate(8.1, 0.8))))   # median ~3.3 KB


def make_app(g: Gen, idx: int):
    """Returns (folder name, [(relative path, text, [(secret, kind)], azure?)])."""
    stack = g.r.choices(["python", "csharp", "javascript", "typescript"], weights=[35, 35, 18, 12])[0]
    app = f"app-{idx:05d}-{stack}"
    files = []

    def code(path, azure_fn, render):
        azure = g.r.random() < P_AZURE_CODE
        planted = azure and g.r.random() < P_PLANTED
        imports, extra, secrets = azure_fn(planted) if azure else ("", "", [])
        files.append((path, render(extra, imports), secrets, azure))

    def config(path, fn):
        azure = g.r.random() < P_AZURE_CONFIG
        text, secrets = fn(g, azure, azure and g.r.random() < P_PLANTED)
        files.append((path, text, secrets, azure))

    def plain(path, text):
        files.append((path, text, [], False))

    pkg = snake(g.words(1))
    if stack == "python":
        plain(f"{pkg}/__init__.py", f'"""{g.sentence()}"""\n')
        for _ in range(g.r.randint(4, 12)):
            mod = snake(g.words(2))
            code(f"{pkg}/{mod}.py", lambda p: py_azure(g, p),
                 lambda extra, imports: (imports + "\n" if imports else "") + py_module(g, size_target(g), extra))
        for _ in range(g.r.randint(1, 3)):
            code(f"tests/test_{snake(g.words(1))}.py", lambda p: py_azure(g, p),
                 lambda extra, imports: (imports + "\n" if imports else "") + py_module(g, size_target(g) // 2, extra))
        plain("requirements.txt", "\n".join(sorted({g.r.choice(["flask", "requests", "pydantic", "pytest", "azure-identity", "azure-storage-blob", "sqlalchemy"]) for _ in range(4)})) + "\n")
        config("settings.env", env_file)
    elif stack == "csharp":
        ns_ = camel(g.words(2))
        for folder in ("Services", "Controllers", "Models"):
            for _ in range(g.r.randint(1, 5)):
                cls = camel(g.words(2))
                code(f"src/{folder}/{cls}.cs", lambda p: cs_azure(g, p),
                     lambda extra, imports: cs_file(g, f"{ns_}.{folder}", size_target(g), extra, imports))
        plain(f"src/{ns_}.csproj", '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n')
        config("src/appsettings.json", appsettings)
        config("src/appsettings.Development.json", appsettings)
        if g.r.random() < 0.3:
            config("src/web.config", web_config)
    else:
        ts = stack == "typescript"
        ext = "ts" if ts else "js"
        for folder in ("src", "src/services", "src/routes", "test"):
            for _ in range(g.r.randint(1, 4)):
                mod = lower_camel(g.words(2))
                code(f"{folder}/{mod}.{ext}", lambda p: js_azure(g, p, ts),
                     lambda extra, imports: js_module(g, size_target(g), ts, extra, imports))
        plain("package.json", '{\n  "name": "%s",\n  "version": "1.0.%d",\n  "private": true,\n  "scripts": {\n    "start": "node src/index.%s"\n  }\n}\n'
              % (app, g.r.randint(0, 9), "js"))
        if ts:
            plain("tsconfig.json", '{\n  "compilerOptions": {\n    "target": "ES2022",\n    "module": "commonjs",\n    "strict": true\n  }\n}\n')
            config("local.settings.json", local_settings)
        else:
            config("production.env", env_file)
    plain("README.md", f"# {app}\n\n{g.sentence()}\n\n{g.sentence()}\n")
    plain(".gitignore", "node_modules/\nbin/\nobj/\n__pycache__/\n")
    plain(".env.example", "AZURE_CLIENT_ID=\nAZURE_CLIENT_SECRET=<your-client-secret>\n")
    # the same path may have been drawn twice: keep the first
    seen, unique = set(), []
    for f in files:
        if f[0] not in seen:
            seen.add(f[0]); unique.append(f)
    return app, unique


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of apps")
    ap.add_argument("dest", type=Path, help="output folder (emptied first)")
    ap.add_argument("--seed", default="1", help="seed (default 1)")
    a = ap.parse_args()
    if a.n < 1:
        ap.error("N must be >= 1")
    dest = a.dest.resolve()
    if dest == Path("/") or (dest / ".git").exists() or (dest / "Cargo.toml").exists():
        ap.error(f"refusing DEST={dest}")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    manifest = dest.parent / (dest.name + ".planted.tsv")
    n_files = n_bytes = n_azure = 0
    rows = []
    for i in range(1, a.n + 1):
        g = Gen(random.Random(f"secretless-bench:{a.seed}:{i}"))
        app, files = make_app(g, i)
        for rel, text, secrets, azure in files:
            path = dest / app / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode()
            path.write_bytes(data)
            n_files += 1; n_bytes += len(data); n_azure += azure
            lines = text.split("\n")
            for secret, kind in secrets:
                ln = next(j for j, l in enumerate(lines) if secret in l)
                rows.append(f"{app}/{rel}\t{ln + 1}\t{lines[ln].index(secret) + 1}\t{kind}")
    manifest.write_text("path\tline\tcolumn\tkind\n" + "".join(r + "\n" for r in rows))
    print(f"files={n_files} bytes={n_bytes} MB={n_bytes / 1e6:.1f} apps={a.n} azure_files={n_azure} "
          f"planted_secrets={len(rows)} manifest={manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
