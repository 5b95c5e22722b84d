//! Roles (issue 6): least-privilege inference per operation pattern, the role table against
//! `shared/roles.tsv`, and the az / Bicep / Terraform / JSON emitters on hand-built findings.
//!
//! The Terraform output is parsed with python-hcl2 and the Bicep output with the tree-sitter
//! Bicep grammar; both are real parsers, and a missing python3 or `hcl2` module fails the test
//! (CI installs python-hcl2 in `.ci/run`).

use secretless::Finding;
use secretless::finding::Service;
use secretless::roles::{Identity, Plane, ROLE_TABLE, RolesFormat, emit, infer, known_operations, role_guid, role_plane};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

// ---- roles.tsv --------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct TsvRow {
    service: String,
    role: String,
    guid: String,
    plane: String,
}

/// `shared/roles.tsv`, beside the checkout (CI clones main with shared/ next to it).
fn tsv() -> Vec<TsvRow> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/roles.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e} (shared/ must sit beside the checkout)", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    assert_eq!(&header[..4], ["service", "role", "guid", "plane"], "roles.tsv columns changed");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            TsvRow { service: c[0].into(), role: c[1].into(), guid: c[2].into(), plane: c[3].into() }
        })
        .collect()
}

fn tsv_has(rows: &[TsvRow], role: &str, guid: Option<&str>, plane: Option<Plane>) -> bool {
    rows.iter().any(|r| r.role == role && r.guid == guid.unwrap_or("-") && plane.is_none_or(|p| r.plane == p.as_str()))
}

#[test]
fn role_table_is_roles_tsv_row_for_row() {
    let rows = tsv();
    let table: Vec<TsvRow> = ROLE_TABLE
        .iter()
        .map(|r| TsvRow {
            service: r.service.as_str().into(),
            role: r.name.into(),
            guid: r.guid.unwrap_or("-").into(),
            plane: r.plane.as_str().into(),
        })
        .collect();
    for (i, r) in table.iter().enumerate() {
        assert!(rows.contains(r), "table row {i} {r:?} is not in roles.tsv with the same pairing");
    }
    assert_eq!(table, rows, "the role table must copy roles.tsv in order");
}

fn ops(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// Every (role, GUID) inference can produce, for every service and any one or two operations
/// the tables know, is a roles.tsv row of that service with the same GUID and plane.
#[test]
fn every_role_and_guid_inference_can_emit_is_in_roles_tsv() {
    let rows = tsv();
    let mut seen = BTreeSet::new();
    for s in Service::ALL {
        let known = known_operations(*s);
        let mut sets = vec![vec![]];
        for a in &known {
            sets.push(ops(&[a]));
            for b in &known {
                sets.push(ops(&[a, b]));
            }
        }
        for set in &sets {
            for role in infer(*s, set).roles {
                if !seen.insert((*s, role)) {
                    continue;
                }
                let guid = role_guid(*s, role);
                let plane = role_plane(*s, role).unwrap_or_else(|| panic!("{s}: {role} has no plane"));
                // A storage finding's roles are granted on its account: a Functions blob trigger's
                // connection also needs the account's queues.
                let services: Vec<&str> = if s.is_storage() {
                    vec!["storage-blob", "storage-datalake", "storage-queue", "storage-table", "storage-file"]
                } else {
                    vec![s.as_str()]
                };
                assert!(
                    rows.iter().any(|r| services.contains(&r.service.as_str())
                        && r.role == role
                        && r.guid == guid.unwrap_or("-")
                        && r.plane == plane.as_str()),
                    "{s}: ({role}, {guid:?}, {plane}) from {set:?} is not a roles.tsv row of that service"
                );
            }
        }
    }
    assert!(seen.len() > 40, "inference should reach most of the table, reached {}", seen.len());
}

// ---- narrower role per pattern ----------------------------------------------------------------

#[test]
fn download_only_blob_gets_reader_not_contributor() {
    for set in [
        ops(&["get_container_client", "get_blob_client", "download_blob", "readall"]),
        ops(&["GetBlobContainerClient", "GetBlobClient", "DownloadContentAsync", "ExistsAsync"]),
        ops(&["getContainerClient", "getBlobClient", "download", "listBlobsFlat"]),
    ] {
        let r = infer(Service::StorageBlob, &set);
        assert_eq!(r.roles, ["Storage Blob Data Reader"], "{set:?}");
    }
    let r = infer(Service::StorageBlob, &ops(&["getBlockBlobClient", "downloadToBuffer", "uploadData"]));
    assert_eq!(r.roles, ["Storage Blob Data Contributor"]);
    let r = infer(Service::StorageBlob, &ops(&["set_blob_tags", "upload_blob"]));
    assert_eq!(r.roles, ["Storage Blob Data Owner"]);
}

#[test]
fn send_only_queue_gets_message_sender() {
    for set in [ops(&["send_message"]), ops(&["SendMessageAsync"]), ops(&["getQueueClient", "sendMessage"])] {
        assert_eq!(infer(Service::StorageQueue, &set).roles, ["Storage Queue Data Message Sender"], "{set:?}");
    }
    assert_eq!(
        infer(Service::StorageQueue, &ops(&["ReceiveMessagesAsync", "DeleteMessageAsync"])).roles,
        ["Storage Queue Data Message Processor"]
    );
    assert_eq!(infer(Service::StorageQueue, &ops(&["peek_messages"])).roles, ["Storage Queue Data Reader"]);
    assert_eq!(infer(Service::StorageQueue, &ops(&["send_message", "update_message"])).roles, ["Storage Queue Data Contributor"]);
}

#[test]
fn service_bus_send_and_receive_gets_sender_and_receiver() {
    assert_eq!(infer(Service::ServiceBus, &ops(&["get_queue_sender", "send_messages"])).roles, ["Azure Service Bus Data Sender"]);
    assert_eq!(
        infer(Service::ServiceBus, &ops(&["get_queue_receiver", "receive_messages", "complete_message"])).roles,
        ["Azure Service Bus Data Receiver"]
    );
    assert_eq!(
        infer(Service::ServiceBus, &ops(&["CreateSender", "SendMessageAsync", "CreateProcessor", "StartProcessingAsync"])).roles,
        ["Azure Service Bus Data Sender", "Azure Service Bus Data Receiver"]
    );
    assert_eq!(infer(Service::ServiceBus, &ops(&["createQueue", "createSender", "sendMessages"])).roles, ["Azure Service Bus Data Owner"]);
}

#[test]
fn key_vault_get_gets_secrets_user() {
    for set in [ops(&["get_secret"]), ops(&["GetSecretAsync"]), ops(&["getSecret"])] {
        assert_eq!(infer(Service::KeyVault, &set).roles, ["Key Vault Secrets User"], "{set:?}");
    }
    assert_eq!(infer(Service::KeyVault, &ops(&["getSecret", "setSecret"])).roles, ["Key Vault Secrets Officer"]);
    assert_eq!(infer(Service::KeyVault, &ops(&["UnwrapKeyAsync"])).roles, ["Key Vault Crypto Service Encryption User"]);
}

#[test]
fn other_patterns_choose_the_narrow_role() {
    let cases: &[(Service, &[&str], &[&str])] = &[
        (Service::StorageTable, &["query_entities"], &["Storage Table Data Reader"]),
        (Service::StorageTable, &["createEntity"], &["Storage Table Data Contributor"]),
        (Service::StorageFile, &["download_file", "readall"], &["Storage File Data Privileged Reader"]),
        (Service::StorageDatalake, &["get_file_system_client", "get_file_client", "download_file"], &["Storage Blob Data Reader"]),
        (Service::EventHubs, &["create_batch", "send_batch", "add"], &["Azure Event Hubs Data Sender"]),
        (Service::EventHubs, &["receive"], &["Azure Event Hubs Data Receiver"]),
        (
            Service::CosmosDb,
            &["get_database_client", "get_container_client", "read_item", "query_items"],
            &["Cosmos DB Built-in Data Reader"],
        ),
        (Service::CosmosDb, &["read_item", "upsert_item"], &["Cosmos DB Built-in Data Contributor"]),
        (Service::AppConfiguration, &["getConfigurationSetting"], &["App Configuration Data Reader"]),
        (Service::AppConfiguration, &["set_configuration_setting"], &["App Configuration Data Owner"]),
        (Service::Sql, &["ExecuteReaderAsync"], &["db_datareader"]),
        (Service::Sql, &["ExecuteReaderAsync", "ExecuteNonQueryAsync"], &["db_datareader", "db_datawriter"]),
        (Service::Redis, &["get"], &["Data Reader"]),
        (Service::Redis, &["get", "set"], &["Data Contributor"]),
        (Service::Openai, &["chat.completions.create"], &["Cognitive Services OpenAI User"]),
        (Service::AiServices, &["analyze_sentiment"], &["Cognitive Services Language Reader"]),
        (Service::AiSearch, &["SearchAsync", "GetResultsAsync"], &["Search Index Data Reader"]),
        (Service::AiSearch, &["uploadDocuments"], &["Search Index Data Contributor"]),
        (Service::AiSearch, &["create_or_update_index"], &["Search Service Contributor"]),
        (Service::EventGrid, &["send"], &["EventGrid Data Sender"]),
        (Service::WebPubsub, &["groupExists"], &["Web PubSub Service Reader"]),
        (Service::WebPubsub, &["sendToAll"], &["Web PubSub Service Owner"]),
        (Service::Signalr, &[], &["SignalR App Server"]),
    ];
    for (s, o, want) in cases {
        assert_eq!(infer(*s, &ops(o)).roles, *want, "{s} {o:?}");
    }
}

#[test]
fn unseen_operations_give_no_roles_and_a_reason() {
    let r = infer(Service::StorageBlob, &[]);
    assert!(r.roles.is_empty());
    assert!(r.note.is_some_and(|n| n.contains("no operations")));
    let r = infer(Service::ServiceBus, &ops(&["close"]));
    assert!(r.roles.is_empty());
    assert!(r.note.is_some_and(|n| n.contains("`close`")));
    let r = infer(Service::EntraId, &ops(&["acquireTokenByClientCredential"]));
    assert!(r.roles.is_empty() && r.note.is_some());
}

// ---- emitters -----------------------------------------------------------------------------------

/// A hand-built auth finding (through serde, so fields added to `Finding` later keep defaults).
fn finding(service: Service, path: &str, line: usize, resource: Option<&str>, source: &str, ops: &[&str]) -> Finding {
    let mut v = serde_json::json!({
        "rule": "SL000",
        "category": "auth",
        "service": service.as_str(),
        "credentialKind": "connection-string",
        "path": path,
        "start": {"line": line, "column": 1},
        "end": {"line": line, "column": 2},
        "message": "test",
        "source": source,
        "fingerprint": format!("fp{line}"),
        "redacted": "",
        "operations": ops,
    });
    if let Some(r) = resource {
        v["resource"] = r.into();
    }
    serde_json::from_value(v).expect("a valid finding")
}

fn sample() -> Vec<Finding> {
    vec![
        finding(
            Service::StorageBlob,
            "web/blobs.py",
            10,
            Some("contosoassets"),
            "env:AZURE_STORAGE_CONNECTION_STRING",
            &["get_container_client", "download_blob"],
        ),
        finding(
            Service::StorageBlob,
            "worker/upload.js",
            5,
            Some("contosoassets"),
            "env:AZURE_STORAGE_CONNECTION_STRING",
            &["getContainerClient", "uploadData"],
        ),
        finding(Service::StorageQueue, "web/queue.py", 3, Some("contosoassets"), "literal", &["send_message"]),
        finding(Service::StorageTable, "web/table.py", 4, None, "env:TABLES_CONNECTION", &["query_entities"]),
        finding(
            Service::ServiceBus,
            "worker/bus.py",
            7,
            Some("contoso-orders.servicebus.windows.net"),
            "env:SB",
            &["get_queue_sender", "send_messages", "get_queue_receiver", "receive_messages"],
        ),
        finding(
            Service::CosmosDb,
            "web/cosmos.py",
            8,
            Some("contoso-db.documents.azure.com"),
            "env:COSMOS",
            &["create_container_if_not_exists", "upsert_item"],
        ),
        finding(Service::KeyVault, "web/vault.py", 9, None, "config:KeyVault:Uri", &["get_secret"]),
        finding(
            Service::Sql,
            "web/db.cs",
            11,
            Some("contoso-sql.database.windows.net"),
            "config:Db",
            &["ExecuteReaderAsync", "ExecuteNonQueryAsync"],
        ),
        finding(Service::Postgresql, "worker/pg.py", 12, Some("contoso-pg.postgres.database.azure.com"), "env:PG", &["execute"]),
        finding(Service::Mysql, "worker/my.js", 13, Some("contoso-my.mysql.database.azure.com"), "env:MY", &["query"]),
        finding(Service::Redis, "web/cache.js", 14, Some("contoso-cache.redis.cache.windows.net:6380"), "literal", &["get", "set"]),
        finding(Service::Redis, "web/amr.py", 15, Some("contoso-amr.westeurope.redis.azure.net:10000"), "literal", &["get"]),
        finding(Service::Openai, "web/ai.ts", 16, Some("contoso-ai.openai.azure.com"), "env:AOAI", &["chat.completions.create"]),
        finding(Service::AiSearch, "web/search.ts", 17, Some("contoso-search.search.windows.net"), "env:SEARCH", &["search"]),
        finding(Service::StorageBlob, "web/di.cs", 18, Some("contosoassets"), "config:Blob", &[]),
        finding(Service::EntraId, "web/msal.js", 19, None, "env:SECRET", &["acquireTokenByClientCredential"]),
    ]
}

fn render(findings: &[Finding], format: RolesFormat, identity: &Identity) -> String {
    let mut out = Vec::new();
    emit(findings, format, identity, &mut out).expect("emit");
    String::from_utf8(out).expect("utf-8")
}

fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

/// Every GUID in `text` that follows `marker` is a roles.tsv GUID.
fn guids_after<'t>(text: &'t str, marker: &str) -> Vec<&'t str> {
    text.match_indices(marker)
        .map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            &rest[..36.min(rest.len())]
        })
        .collect()
}

#[test]
fn az_script_is_valid_bash_and_scoped_to_resources() {
    let rows = tsv();
    let text = render(&sample(), RolesFormat::Az, &Identity::System);
    let (_d, path) = write_temp("roles.sh", &text);
    let out = Command::new("bash").arg("-n").arg(&path).output().expect("bash must be installed");
    assert!(out.status.success(), "bash -n failed: {}\n{text}", String::from_utf8_lossy(&out.stderr));

    let creates: Vec<&str> = text.lines().filter(|l| l.starts_with("az role assignment create")).collect();
    assert!(!creates.is_empty(), "{text}");
    for l in &creates {
        assert!(l.contains("--assignee-object-id \"$PRINCIPAL_ID\""), "{l}");
        assert!(l.contains("--assignee-principal-type ServicePrincipal"), "{l}");
        assert!(l.contains("--scope \"$"), "scope must be a resource id: {l}");
    }
    for g in guids_after(&text, "--role \"") {
        assert!(rows.iter().any(|r| r.guid == g && r.plane == "azure-rbac"), "unknown role GUID {g}");
    }
    assert!(!text.contains("--scope \"/subscriptions"), "{text}");
    assert!(!text.contains("resourceGroups/"), "never a resource-group scope: {text}");
    // Blob read + upload on one account: Contributor alone, once.
    assert_eq!(text.matches("# Storage Blob Data Contributor (for").count(), 1, "{text}");
    assert!(!text.contains("# Storage Blob Data Reader"), "{text}");
    // Data planes with their own grants.
    assert!(text.contains("az cosmosdb sql role assignment create --account-name \"contoso-db\""), "{text}");
    assert!(
        text.contains("--role-definition-id \"00000000-0000-0000-0000-000000000002\" --principal-id \"$PRINCIPAL_ID\" --scope \"/\""),
        "{text}"
    );
    assert!(text.contains("CREATE USER [<app-name>] FROM EXTERNAL PROVIDER;"), "{text}");
    assert!(text.contains("ALTER ROLE db_datareader ADD MEMBER [<app-name>];"), "{text}");
    assert!(text.contains("ALTER ROLE db_datawriter ADD MEMBER [<app-name>];"), "{text}");
    assert!(text.contains("pgaadauth_create_principal('<app-name>', false, false)"), "{text}");
    assert!(text.contains("CREATE AADUSER '<app-name>'"), "{text}");
    assert!(text.contains("az redis access-policy-assignment create --name \"contoso-cache\""), "{text}");
    assert!(text.contains("--access-policy-name \"Data Contributor\""), "{text}");
    // Placeholders, shared resources, unresolved sites.
    assert!(text.contains("TODO: replace <key-vault>"), "{text}");
    assert!(text.contains("id-<app>-<env>-<region>-<nn>"), "{text}");
    assert!(text.contains("web/msal.js:19"), "{text}");
    assert!(text.contains("web/di.cs:18"), "{text}");
}

#[test]
fn az_exact_output_for_one_resource() {
    let fs = vec![finding(Service::StorageQueue, "app/queue.py", 14, Some("contosojobs"), "env:Q", &["send_message"])];
    let text = render(&fs, RolesFormat::Az, &Identity::System);
    let want = r#"#!/usr/bin/env bash
# Role assignments for the app's managed identity, generated by secretless from the operations the code performs.
# One assignment per (identity, resource, role), scoped to the resource itself: never a subscription or resource group.
set -euo pipefail
: "${RESOURCE_GROUP:?set RESOURCE_GROUP to the resource group of the resources below}"
# Identity: the app's system-assigned managed identity.
# PRINCIPAL_ID is its object (principal) id, e.g. az webapp identity assign --resource-group "$RESOURCE_GROUP" --name <app> --query principalId --output tsv
: "${PRINCIPAL_ID:?set PRINCIPAL_ID to the object id of the managed identity of the app}"

# ---- storage account contosojobs ----
# Used by app/queue.py:14 (storage-queue)
STORAGE_CONTOSOJOBS_ID="$(az resource show --resource-group "$RESOURCE_GROUP" --name "contosojobs" --resource-type "Microsoft.Storage/storageAccounts" --query id --output tsv)"
# Storage Queue Data Message Sender (for app/queue.py:14)
az role assignment create --assignee-object-id "$PRINCIPAL_ID" --assignee-principal-type ServicePrincipal --role "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a" --scope "$STORAGE_CONTOSOJOBS_ID"
"#;
    assert_eq!(text, want);
}

#[test]
fn user_assigned_identity_says_azure_client_id_must_be_set() {
    let id = Identity::User("id-shop-prod-weu-01".into());
    for format in [RolesFormat::Az, RolesFormat::Bicep, RolesFormat::Terraform] {
        let text = render(&sample(), format, &id);
        assert!(text.contains("AZURE_CLIENT_ID"), "{format:?}:\n{text}");
        assert!(text.contains("id-shop-prod-weu-01"), "{format:?}:\n{text}");
    }
    let az = render(&sample(), RolesFormat::Az, &id);
    assert!(
        az.contains("az identity show --resource-group \"$RESOURCE_GROUP\" --name \"id-shop-prod-weu-01\" --query principalId"),
        "{az}"
    );
    assert!(az.contains("CREATE USER [id-shop-prod-weu-01] FROM EXTERNAL PROVIDER;"), "{az}");
}

// ---- Bicep: parsed with the tree-sitter Bicep grammar ----------------------------------------

fn bicep_tree(text: &str) -> tree_sitter::Tree {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_bicep::LANGUAGE.into()).expect("the Bicep grammar loads with this tree-sitter");
    parser.parse(text, None).expect("a tree")
}

fn error_nodes(node: tree_sitter::Node<'_>, out: &mut Vec<String>) {
    if node.is_error() || node.is_missing() {
        out.push(format!("{} at {:?}", node.kind(), node.start_position()));
    }
    let mut c = node.walk();
    for child in node.children(&mut c) {
        error_nodes(child, out);
    }
}

/// Keys of an `object` node, with their value nodes.
fn props<'t>(obj: tree_sitter::Node<'t>, src: &str) -> Vec<(String, tree_sitter::Node<'t>)> {
    let mut v = Vec::new();
    let mut c = obj.walk();
    for p in obj.named_children(&mut c).filter(|n| n.kind() == "object_property") {
        let mut pc = p.walk();
        let kids: Vec<_> = p.named_children(&mut pc).collect();
        if let (Some(k), Some(val)) = (kids.first(), kids.last()) {
            let key = k.utf8_text(src.as_bytes()).unwrap_or("").trim_matches('\'').to_owned();
            v.push((key, *val));
        }
    }
    v
}

/// (type string, body object) of every resource declaration.
fn resources<'t>(root: tree_sitter::Node<'t>, src: &str) -> Vec<(String, bool, tree_sitter::Node<'t>)> {
    let mut v = Vec::new();
    let mut c = root.walk();
    for n in root.named_children(&mut c).filter(|n| n.kind() == "resource_declaration") {
        let mut nc = n.walk();
        let kids: Vec<_> = n.children(&mut nc).collect();
        let ty =
            kids.iter().find(|k| k.kind() == "string").map(|k| k.utf8_text(src.as_bytes()).unwrap_or("").to_owned()).unwrap_or_default();
        let existing = kids.iter().any(|k| k.kind() == "existing");
        if let Some(body) = kids.iter().find(|k| k.kind() == "object") {
            v.push((ty, existing, *body));
        }
    }
    v
}

fn check_bicep(text: &str) {
    let rows = tsv();
    let tree = bicep_tree(text);
    let mut errors = Vec::new();
    error_nodes(tree.root_node(), &mut errors);
    assert!(errors.is_empty(), "Bicep syntax errors {errors:?} in:\n{text}");
    let res = resources(tree.root_node(), text);
    let mut assignments = 0;
    for (ty, existing, body) in &res {
        let p = props(*body, text);
        let get = |k: &str| p.iter().find(|(key, _)| key == k).map(|(_, v)| *v);
        assert!(get("name").is_some(), "{ty} has no name:\n{text}");
        if ty.starts_with("'Microsoft.Authorization/roleAssignments@") {
            assignments += 1;
            assert!(!existing);
            let scope = get("scope").unwrap_or_else(|| panic!("roleAssignment without scope:\n{text}"));
            assert_eq!(scope.kind(), "identifier", "scope must be an existing resource symbol:\n{text}");
            let name = get("name").unwrap().utf8_text(text.as_bytes()).unwrap();
            assert!(name.starts_with("guid("), "{name}");
            let pr = get("properties").unwrap_or_else(|| panic!("no properties:\n{text}"));
            let pp = props(pr, text);
            let pget = |k: &str| pp.iter().find(|(key, _)| key == k).map(|(_, v)| v.utf8_text(text.as_bytes()).unwrap().to_owned());
            let rd = pget("roleDefinitionId").unwrap_or_else(|| panic!("no roleDefinitionId:\n{text}"));
            assert!(rd.starts_with("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '"), "{rd}");
            let guid = &rd[rd.len() - 38..rd.len() - 2];
            assert!(rows.iter().any(|r| r.guid == guid), "unknown GUID {guid}");
            assert!(name.contains(guid), "the assignment name must include the role GUID: {name}");
            assert_eq!(pget("principalId").as_deref(), Some("principalId"));
            assert_eq!(pget("principalType").as_deref(), Some("'ServicePrincipal'"));
        }
        if ty.starts_with("'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@") {
            assignments += 1;
            assert!(get("parent").is_some(), "sqlRoleAssignment without parent:\n{text}");
            let pr = get("properties").expect("properties");
            let pp = props(pr, text);
            for k in ["roleDefinitionId", "principalId", "scope"] {
                assert!(pp.iter().any(|(key, _)| key == k), "sqlRoleAssignment without {k}:\n{text}");
            }
        }
    }
    assert!(assignments > 0, "no role assignments in:\n{text}");
}

#[test]
fn bicep_parses_and_every_assignment_is_complete() {
    for id in [Identity::System, Identity::User("id-shop-prod-weu-01".into())] {
        let text = render(&sample(), RolesFormat::Bicep, &id);
        check_bicep(&text);
        assert!(text.contains("param principalId string"), "{text}");
        assert!(text.contains("existing = {"), "{text}");
        assert!(text.contains("param keyVaultName string"), "placeholder resources become parameters:\n{text}");
        assert!(text.contains("'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@"), "{text}");
        assert!(text.contains("'Microsoft.Cache/redis/accessPolicyAssignments@"), "{text}");
        assert!(!text.contains("subscription()"), "{text}");
    }
}

#[test]
fn bicep_grammar_rejects_broken_input() {
    // The check above is only worth something if the grammar reports errors.
    let mut errors = Vec::new();
    let tree = bicep_tree("resource x 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {\n  name: \n");
    error_nodes(tree.root_node(), &mut errors);
    assert!(!errors.is_empty());
}

// ---- Terraform: parsed with python-hcl2 -----------------------------------------------------

/// Parses `path` with python-hcl2 and returns the parsed document as JSON. Panics (never skips)
/// when python3 or the `hcl2` module is missing.
fn hcl2_json(path: &std::path::Path) -> serde_json::Value {
    let script = "import hcl2, json, sys\nwith open(sys.argv[1]) as f:\n    doc = hcl2.load(f)\nprint(json.dumps(doc))";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 is required for the Terraform test (pip install python-hcl2)");
    assert!(
        out.status.success(),
        "python-hcl2 could not parse the Terraform output (is python-hcl2 installed? `python3 -m pip install python-hcl2`):\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(path).unwrap_or_default()
    );
    serde_json::from_slice(&out.stdout).expect("hcl2 JSON")
}

fn tf_blocks<'v>(doc: &'v serde_json::Value, kind: &str, ty: &str) -> Vec<&'v serde_json::Map<String, serde_json::Value>> {
    let mut v = Vec::new();
    for block in doc[kind].as_array().into_iter().flatten() {
        if let Some(by_name) = block.get(ty).or_else(|| block.get(format!("\"{ty}\"").as_str())) {
            for body in by_name.as_object().into_iter().flat_map(|m| m.values()) {
                if let Some(o) = body.as_object() {
                    v.push(o);
                }
            }
        }
    }
    v
}

fn s(v: Option<&serde_json::Value>) -> String {
    v.and_then(|v| v.as_str()).unwrap_or("").trim_matches('"').to_owned()
}

#[test]
fn terraform_parses_with_python_hcl2_and_is_scoped_to_resources() {
    let rows = tsv();
    for id in [Identity::System, Identity::User("id-shop-prod-weu-01".into())] {
        let text = render(&sample(), RolesFormat::Terraform, &id);
        let (_d, path) = write_temp("roles.tf", &text);
        let doc = hcl2_json(&path);
        let ras = tf_blocks(&doc, "resource", "azurerm_role_assignment");
        assert!(!ras.is_empty(), "no azurerm_role_assignment:\n{text}");
        for ra in &ras {
            let scope = s(ra.get("scope"));
            assert!(scope.starts_with("${data.azurerm_"), "scope must be a resource: {scope}");
            assert_eq!(s(ra.get("principal_id")), "${var.principal_id}");
            let rd = s(ra.get("role_definition_id"));
            let guid = rd.rsplit('/').next().unwrap_or("");
            assert!(rows.iter().any(|r| r.guid == guid && r.plane == "azure-rbac"), "unknown GUID in {rd}");
        }
        let cosmos = tf_blocks(&doc, "resource", "azurerm_cosmosdb_sql_role_assignment");
        assert_eq!(cosmos.len(), 1, "{text}");
        assert!(s(cosmos[0].get("role_definition_id")).ends_with("/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"));
        assert!(s(cosmos[0].get("scope")).starts_with("${data.azurerm_cosmosdb_account."));
        let redis = tf_blocks(&doc, "resource", "azurerm_redis_cache_access_policy_assignment");
        assert_eq!(redis.len(), 1, "{text}");
        assert_eq!(s(redis[0].get("access_policy_name")), "Data Contributor");
        assert!(!tf_blocks(&doc, "data", "azurerm_storage_account").is_empty(), "{text}");
        assert!(!tf_blocks(&doc, "data", "azurerm_key_vault").is_empty(), "{text}");
        let vars: Vec<String> =
            doc["variable"].as_array().into_iter().flatten().filter_map(|v| v.as_object()).flat_map(|o| o.keys().cloned()).collect();
        assert!(vars.iter().any(|v| v.trim_matches('"') == "key_vault_name"), "{vars:?}");
    }
}

// ---- JSON --------------------------------------------------------------------------------------

#[test]
fn json_lists_assignments_with_roles_tsv_pairs() {
    let rows = tsv();
    let text = render(&sample(), RolesFormat::Json, &Identity::System);
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let list = v.as_array().expect("a list");
    assert!(!list.is_empty());
    let mut keys = BTreeSet::new();
    for a in list {
        let role = a["role"].as_str().unwrap();
        let guid = a["roleDefinitionId"].as_str();
        let plane = a["plane"].as_str().unwrap();
        assert!(
            rows.iter().any(|r| r.role == role && r.guid == guid.unwrap_or("-") && r.plane == plane),
            "({role}, {guid:?}, {plane}) is not a roles.tsv row"
        );
        assert_eq!(a["identity"], "system");
        let scope = a["scope"].as_str().unwrap();
        assert!(scope == "/" || scope.contains("/providers/"), "{scope}");
        assert!(!a["findings"].as_array().unwrap().is_empty());
        assert!(keys.insert((a["identity"].to_string(), a["resource"].to_string(), role.to_owned())), "duplicate assignment {a}");
    }
    let find = |role: &str| list.iter().find(|a| a["role"] == role).unwrap_or_else(|| panic!("{role} missing from {text}"));
    assert_eq!(find("Storage Blob Data Contributor")["findings"], serde_json::json!(["web/blobs.py:10", "worker/upload.js:5"]));
    assert_eq!(find("Storage Blob Data Contributor")["apps"], serde_json::json!(["web", "worker"]));
    assert_eq!(find("Cosmos DB Built-in Data Contributor")["scope"], "/");
    assert_eq!(find("Cosmos DB Operator")["plane"], "azure-rbac");
    assert_eq!(find("default (Azure Managed Redis)")["resource"], "contoso-amr");
    assert_eq!(find("Storage Table Data Reader")["resource"], "<storage-account>");
    assert!(tsv_has(&rows, "db_datawriter", None, Some(Plane::SqlDb)));
}

#[test]
fn nothing_to_assign_still_writes_valid_output() {
    let fs = vec![finding(Service::StorageBlob, "a.py", 1, Some("x"), "literal", &[])];
    let json = render(&fs, RolesFormat::Json, &Identity::System);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap(), serde_json::json!([]));
    let bicep = render(&fs, RolesFormat::Bicep, &Identity::System);
    let mut errors = Vec::new();
    error_nodes(bicep_tree(&bicep).root_node(), &mut errors);
    assert!(errors.is_empty(), "{bicep}");
    let tf = render(&fs, RolesFormat::Terraform, &Identity::System);
    let (_d, path) = write_temp("empty.tf", &tf);
    hcl2_json(&path);
    assert!(tf.contains("a.py:1"), "{tf}");
}

/// Issue 6: the role assignments for the sample apps, per output format, as snapshots.
#[test]
fn roles_output_for_the_sample_apps() {
    let apps = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/apps");
    for format in ["az", "bicep", "terraform", "json"] {
        let out =
            std::process::Command::new(env!("CARGO_BIN_EXE_secretless")).args(["roles", "--format", format]).arg(&apps).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.lines().any(|l| l.contains("--scope \"/subscriptions/")), "never a subscription or resource-group scope");
        insta::assert_snapshot!(format!("roles_apps_{format}"), text);
    }
}

/// The SQL a query call runs decides read or write: `pool.query("INSERT ...")` needs db_datawriter.
#[test]
fn sql_statements_say_read_or_write() {
    use secretless::roles::{is_query_call, sql_verb};
    assert_eq!(sql_verb("  SELECT OnHand FROM dbo.Stock"), Some("select"));
    assert_eq!(sql_verb("insert into orders (id) values (@id)"), Some("insert"));
    assert_eq!(sql_verb("\nUPDATE dbo.Stock SET OnHand = 1"), Some("update"));
    assert_eq!(sql_verb("MERGE dbo.Stock AS t USING ..."), Some("merge"));
    assert_eq!(sql_verb("WITH recent AS (SELECT 1) DELETE FROM dbo.Log WHERE Id IN (SELECT Id FROM recent)"), Some("delete"));
    assert_eq!(sql_verb("WITH recent AS (SELECT 1) SELECT * FROM recent"), Some("select"));
    // A stored procedure's effect is unknown; an updated_at column is not an UPDATE.
    assert_eq!(sql_verb("EXEC dbo.ArchiveOrders"), None);
    assert_eq!(sql_verb("SELECT updated_at FROM t"), Some("select"));
    assert!(is_query_call("ExecuteScalarAsync") && is_query_call("query") && !is_query_call("connect"));
}
