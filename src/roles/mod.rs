//! Operations → least-privilege built-in roles, and the role assignments as az CLI, Bicep,
//! Terraform or JSON (design.md "Roles", issue 6).
//!
//! [`infer`] takes a finding's service and the method names the code calls on that client (raw,
//! as written: `upload_blob`, `UploadAsync`, `uploadData`) and returns the narrowest built-in
//! roles of `shared/roles.tsv` that cover them, following `shared/catalog.md`: read-only calls get
//! a Reader role, any write or delete gets the Contributor role alone, queue send-only gets
//! Message Sender, Service Bus send + receive gets Sender + Receiver, and so on. Roles come back in
//! `roles.tsv` row order. When nothing maps (no operations visible, or none the catalog knows),
//! the roles are empty and the note says why.
//!
//! [`emit`] groups `auth` findings by resource and writes one assignment per (identity, resource,
//! role), always scoped to the resource itself.

mod az;
mod bicep;
mod emit;
mod ops;
mod table;
mod terraform;

pub use emit::{Identity, RolesFormat, emit};
pub use ops::{is_query_call, known_operations, normalise, runs_statement, sql_verb};
pub use table::{Plane, ROLE_TABLE, RoleDef, lookup, role_guid, role_plane};

use crate::finding::{Category, Finding, Service};
use ops::{Act, Op};
use std::collections::BTreeSet;

/// The roles for one client and, when they are empty or rest on an assumption, why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inferred {
    /// Exact `roles.tsv` names, in `roles.tsv` row order.
    pub roles: Vec<&'static str>,
    pub note: Option<String>,
}

/// Least-privilege built-in roles for `operations` (method names called on a client of
/// `service`, raw as written in the code). Sub-client getters and unrelated calls (`close`,
/// `readall`, `on`) are ignored; if no call maps to a role the result is empty with a note.
pub fn infer(service: Service, operations: &[String]) -> Inferred {
    let ops: Vec<Op> = operations.iter().map(|o| Op::new(o)).filter(|o| !o.last.is_empty()).collect();
    let mut notes: Vec<String> = Vec::new();
    let mut roles = match service {
        Service::EntraId => {
            notes.push(
                "an app registration's client secret: the roles depend on the APIs the app calls with the token, which the credential does not tell"
                    .into(),
            );
            Vec::new()
        }
        Service::Unknown => {
            notes.push("the service is not known, so no built-in role can be chosen".into());
            Vec::new()
        }
        Service::Storage => storage_account(&ops, &mut notes),
        _ => {
            let acts = acts(service, &ops);
            resolve(service, &acts, ops.is_empty(), &mut notes)
        }
    };
    // A Functions blob trigger keeps its receipts and poison messages in queues of the same account
    // (catalog.md §17: Blob Data Owner + Queue Data Contributor on the connection).
    if service == Service::StorageBlob && ops.iter().any(|o| o.chain == "functions.blobtrigger") {
        roles.push("Storage Queue Data Contributor");
    }
    roles.sort_by_key(|r| table::order(service, r));
    roles.dedup();
    // A resolver that left a note (share management, migrations) already says why.
    if roles.is_empty() && notes.is_empty() {
        notes.insert(0, why_empty(service, &ops));
    }
    notes.dedup();
    Inferred { roles, note: (!notes.is_empty()).then(|| notes.join("; ")) }
}

/// Sets `roles` and `roles_note` of an `auth` finding from its service and operations. A note
/// the scanner already wrote (e.g. "registered for dependency injection") is kept when no role
/// could be chosen, since it says more than "no operations".
pub fn annotate(finding: &mut Finding) {
    if finding.category != Category::Auth {
        return;
    }
    let inferred = infer(finding.service, &finding.operations);
    finding.roles = inferred.roles.iter().map(|r| (*r).to_owned()).collect();
    // A role chosen from the client's type alone, or from calls in other files, keeps the note that
    // says so.
    let assumed =
        finding.roles_note.as_deref().is_some_and(|n| n.starts_with("assumed from") || n.starts_with(crate::follow::OPERATIONS_ELSEWHERE));
    finding.roles_note = if finding.roles.is_empty() {
        finding.roles_note.take().or(inferred.note)
    } else {
        inferred.note.or(finding.roles_note.take().filter(|_| assumed))
    };
}

fn why_empty(service: Service, ops: &[Op]) -> String {
    if ops.is_empty() {
        return "no operations on this client are visible, so no role can be chosen".into();
    }
    let list = |v: &[&Op]| v.iter().map(|o| format!("`{}`", o.raw)).collect::<Vec<_>>().join(", ");
    let known: Vec<&Op> = ops.iter().filter(|o| classify_any(service, o).is_some()).collect();
    if !known.is_empty() && known.iter().all(|o| classify_any(service, o) == Some(Act::Getter)) {
        return format!(
            "only sub-client getters or connection calls are visible ({}); the operations on those clients cannot be seen",
            list(&known)
        );
    }
    let all: Vec<&Op> = ops.iter().collect();
    format!("none of the operations seen ({}) maps to a {service} role in the catalog; choose the role by hand", list(&all))
}

fn classify_any(service: Service, op: &Op) -> Option<Act> {
    if service == Service::Storage {
        ops::STORAGE_SUBSERVICES.iter().find_map(|s| ops::classify(*s, op))
    } else {
        ops::classify(service, op)
    }
}

fn acts(service: Service, ops: &[Op]) -> BTreeSet<Act> {
    ops.iter().filter_map(|o| ops::classify(service, o)).collect()
}

/// An account-level `storage` finding: tell the sub-services apart by their getters and by the
/// calls only one sub-service has, then resolve each sub-service on its own.
fn storage_account(ops: &[Op], notes: &mut Vec<String>) -> Vec<&'static str> {
    let mut subs: BTreeSet<usize> = BTreeSet::new();
    for op in ops {
        let hits: Vec<usize> =
            ops::STORAGE_SUBSERVICES.iter().enumerate().filter(|(_, s)| ops::classify(**s, op).is_some()).map(|(i, _)| i).collect();
        // Blob (0) and Data Lake (1) share their roles, so a call both know still tells the
        // sub-service; a call several others know (`exists`, `delete`) does not.
        let families: BTreeSet<usize> = hits.iter().map(|i| if *i == 1 { 0 } else { *i }).collect();
        if families.len() == 1 {
            subs.insert(hits[0]);
        }
    }
    if subs.is_empty() {
        if ops.iter().any(|o| classify_any(Service::Storage, o).is_some()) {
            notes.push(format!(
                "the storage sub-service (blob, queue, table, file) cannot be told from the operations ({})",
                ops.iter().map(|o| format!("`{}`", o.raw)).collect::<Vec<_>>().join(", ")
            ));
        }
        return Vec::new();
    }
    let mut roles = Vec::new();
    for i in subs {
        let s = ops::STORAGE_SUBSERVICES[i];
        roles.extend(resolve(s, &acts(s, ops), false, notes));
    }
    roles
}

/// The roles a set of acts needs on `service`.
fn resolve(service: Service, acts: &BTreeSet<Act>, no_ops: bool, notes: &mut Vec<String>) -> Vec<&'static str> {
    use Act::*;
    let has = |a: Act| acts.contains(&a);
    let mut r: Vec<&'static str> = Vec::new();
    match service {
        Service::StorageBlob | Service::StorageDatalake => {
            if has(Owner) {
                r.push("Storage Blob Data Owner");
            } else if has(Write) {
                r.push("Storage Blob Data Contributor");
            } else if has(Read) {
                r.push("Storage Blob Data Reader");
            }
        }
        Service::StorageQueue => {
            if has(Write) {
                r.push("Storage Queue Data Contributor");
                if has(BindingSend) {
                    r.push("Storage Queue Data Message Sender");
                }
            } else {
                if has(Send) || has(BindingSend) {
                    r.push("Storage Queue Data Message Sender");
                }
                if has(Receive) {
                    r.push("Storage Queue Data Message Processor");
                }
                // Message Processor already peeks; queue metadata and listing need Reader.
                if has(Read) || (has(Peek) && !has(Receive)) {
                    r.push("Storage Queue Data Reader");
                }
            }
            if has(Acl) {
                notes.push("queue access policies (set/get_queue_access_policy) are in no data role: keep them out of the app or use a custom role".into());
            }
        }
        Service::StorageTable => {
            if has(Write) {
                r.push("Storage Table Data Contributor");
            } else if has(Read) {
                r.push("Storage Table Data Reader");
            }
            if has(Acl) {
                notes.push("table access policies are in no data role: keep them out of the app".into());
            }
        }
        Service::StorageFile => {
            if has(Write) {
                r.push("Storage File Data Privileged Contributor");
            } else if has(Read) {
                r.push("Storage File Data Privileged Reader");
            }
            if !r.is_empty() {
                notes.push("Azure Files with a token credential: the client must declare token intent backup (Python token_intent=\"backup\", .NET ShareClientOptions.ShareTokenIntent = ShareTokenIntent.Backup, JS { fileRequestIntent: \"backup\" })".into());
            }
            if has(Manage) {
                notes.push("creating, deleting or listing shares is a control-plane operation in no data role: create the shares in IaC (Storage Account Contributor would allow it but can read the account keys)".into());
            }
        }
        Service::ServiceBus => {
            if has(Owner) {
                r.push("Azure Service Bus Data Owner");
            } else {
                if has(Send) {
                    r.push("Azure Service Bus Data Sender");
                }
                if has(Receive) {
                    r.push("Azure Service Bus Data Receiver");
                }
            }
        }
        Service::EventHubs => {
            if has(Send) {
                r.push("Azure Event Hubs Data Sender");
            }
            if has(Receive) {
                r.push("Azure Event Hubs Data Receiver");
            }
            if has(SchemaWrite) {
                r.push("Schema Registry Contributor");
            } else if has(SchemaRead) {
                r.push("Schema Registry Reader");
            }
            if has(Checkpoint) {
                notes.push("checkpointing also needs Storage Blob Data Contributor on the checkpoint container".into());
            }
        }
        Service::CosmosDb => {
            if has(Write) {
                r.push("Cosmos DB Built-in Data Contributor");
            } else if has(Read) {
                r.push("Cosmos DB Built-in Data Reader");
            }
            if has(Manage) {
                r.push("Cosmos DB Operator");
                notes.push("creating databases/containers or changing throughput is refused with Entra tokens on the data plane: move those calls to IaC or the ARM SDK (azure-mgmt-cosmosdb, Azure.ResourceManager.CosmosDB, @azure/arm-cosmosdb), which need Cosmos DB Operator".into());
            }
        }
        Service::KeyVault => {
            if has(SecretWrite) {
                r.push("Key Vault Secrets Officer");
            } else if has(SecretRead) {
                r.push("Key Vault Secrets User");
            }
            if has(KeyManage) {
                r.push("Key Vault Crypto Officer");
            } else if has(KeyUse) {
                r.push("Key Vault Crypto User");
            } else if has(KeyWrap) {
                r.push("Key Vault Crypto Service Encryption User");
            }
            if has(CertManage) {
                r.push("Key Vault Certificates Officer");
                // Certificates Officer cannot read the secret that holds the private key.
                if has(CertDownload) {
                    r.push("Key Vault Certificate User");
                }
            } else if has(CertRead) || has(CertDownload) {
                r.push("Key Vault Certificate User");
            }
        }
        Service::AppConfiguration => {
            if has(Write) {
                r.push("App Configuration Data Owner");
            } else if has(Read) || has(KvReference) {
                r.push("App Configuration Data Reader");
            }
            if has(KvReference) {
                notes.push("Key Vault references also need Key Vault Secrets User on the vault".into());
            }
        }
        Service::Sql | Service::Postgresql | Service::Mysql => {
            let write = has(Write);
            let read = write || has(Read) || has(QueryCall);
            // Rows only appended (`INSERT ... VALUES`): the writer role needs no reader beside it.
            let append_only = has(Append) && !read;
            // The identity's login (`CREATE USER … FROM EXTERNAL PROVIDER`, `pgaadauth_create_principal`,
            // `CREATE AADUSER`) is a prerequisite of every grant, not a role of its own: the database
            // script creates it, and the role list names what the code's operations need, alike for the
            // three engines.
            let (ro, rw) = match service {
                Service::Sql => ("db_datareader", "db_datawriter"),
                _ => ("read-only grants", "read-write grants"),
            };
            if append_only {
                r.push(rw);
            } else if read {
                let write = write || has(Append);
                if service == Service::Sql {
                    r.push(ro);
                    if write {
                        r.push(rw);
                    }
                } else {
                    r.push(if write { rw } else { ro });
                }
                if !write && !has(Read) {
                    notes.push("the SQL text is not analysed: query/execute calls are taken as reads".into());
                }
            }
            if has(Ddl) {
                if service == Service::Sql {
                    r.push("db_ddladmin");
                }
                notes
                    .push("the app changes the schema at run time (migrations): prefer running migrations from a pipeline identity".into());
            }
        }
        Service::Redis => {
            if has(Owner) {
                r.push("Data Owner");
            } else if has(Write) {
                r.push("Data Contributor");
            } else if has(Read) {
                r.push("Data Reader");
            }
        }
        Service::Openai => {
            if has(Manage) {
                r.push("Cognitive Services OpenAI Contributor");
            } else if has(Read) {
                r.push("Cognitive Services OpenAI User");
            }
        }
        Service::AiServices => {
            if has(AiOther) || (has(Language) && has(Speech)) {
                r.push("Cognitive Services User");
            } else if has(Language) {
                r.push("Cognitive Services Language Reader");
            } else if has(Speech) {
                r.push("Cognitive Services Speech User");
            }
            if has(Foundry) {
                r.push("Foundry User (formerly Azure AI User)");
            }
        }
        Service::AiSearch => {
            if has(Write) {
                r.push("Search Index Data Contributor");
            } else if has(Read) {
                r.push("Search Index Data Reader");
            }
            if has(Manage) {
                r.push("Search Service Contributor");
            }
        }
        Service::EventGrid => {
            if has(Send) {
                r.push("EventGrid Data Sender");
            }
            if has(Receive) {
                r.push("EventGrid Data Receiver");
                notes.push("the EventGrid Data Receiver GUID is marked unverified in roles.tsv: confirm with az role definition list --name \"EventGrid Data Receiver\"".into());
            }
            // Only the Functions output binding: its identity docs list EventGrid Contributor too.
            if has(Manage) {
                r.push("EventGrid Contributor");
            }
        }
        Service::WebPubsub => {
            if has(Owner) {
                r.push("Web PubSub Service Owner");
            } else if has(Read) {
                r.push("Web PubSub Service Reader");
            }
        }
        Service::Signalr => {
            // The server SDK registration (AddAzureSignalR) opens server connections by itself,
            // so a SignalR auth site needs App Server even when no call on it is visible.
            if has(Manage) {
                r.push("SignalR Service Owner");
            } else {
                r.push("SignalR App Server");
                if no_ops {
                    notes.push("the server registration (AddAzureSignalR) opens the server connections: SignalR App Server".into());
                }
            }
        }
        Service::Storage | Service::EntraId | Service::Unknown => {}
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn normalise_covers_the_three_languages() {
        assert_eq!(normalise("upload_blob"), "uploadblob");
        assert_eq!(normalise("UploadBlobAsync"), "uploadblob");
        assert_eq!(normalise("uploadBlob"), "uploadblob");
        assert_eq!(normalise("GetValue<string>"), "getvalue");
        assert_eq!(normalise("chat.completions.create"), "chat.completions.create");
        assert_eq!(normalise("Async"), "async");
    }

    #[test]
    fn every_table_key_is_normalised() {
        for s in Service::ALL {
            for k in known_operations(*s) {
                assert_eq!(normalise(k), k, "{s}: table key {k:?} is not normalised");
            }
        }
    }

    /// Every role the resolvers can name is a row of the table for that service, whatever the
    /// operations: try each known operation alone and in pairs.
    #[test]
    fn every_inferable_role_is_in_the_table() {
        for s in Service::ALL {
            let known = known_operations(*s);
            let mut sets: Vec<Vec<String>> = vec![vec![]];
            for a in &known {
                sets.push(ops(&[a]));
                for b in &known {
                    sets.push(ops(&[a, b]));
                }
            }
            for set in sets {
                for role in infer(*s, &set).roles {
                    assert!(lookup(*s, role).is_some(), "{s}: {role:?} from {set:?} is not in the role table");
                }
            }
        }
    }

    #[test]
    fn blob_read_only_gets_reader() {
        let r = infer(Service::StorageBlob, &ops(&["get_container_client", "download_blob", "readall"]));
        assert_eq!(r.roles, ["Storage Blob Data Reader"]);
        assert_eq!(r.note, None);
    }

    #[test]
    fn blob_any_write_gets_contributor_alone() {
        let r =
            infer(Service::StorageBlob, &ops(&["getContainerClient", "getBlockBlobClient", "exists", "downloadToBuffer", "uploadData"]));
        assert_eq!(r.roles, ["Storage Blob Data Contributor"]);
    }

    #[test]
    fn queue_patterns() {
        assert_eq!(infer(Service::StorageQueue, &ops(&["send_message"])).roles, ["Storage Queue Data Message Sender"]);
        assert_eq!(
            infer(Service::StorageQueue, &ops(&["getQueueClient", "receiveMessages", "deleteMessage"])).roles,
            ["Storage Queue Data Message Processor"]
        );
        assert_eq!(infer(Service::StorageQueue, &ops(&["PeekMessagesAsync"])).roles, ["Storage Queue Data Reader"]);
        assert_eq!(infer(Service::StorageQueue, &ops(&["send_message", "clear_messages"])).roles, ["Storage Queue Data Contributor"]);
    }

    #[test]
    fn storage_account_splits_by_sub_service() {
        let r = infer(Service::Storage, &ops(&["get_container_client", "download_blob", "get_queue_client", "send_message"]));
        assert_eq!(r.roles, ["Storage Blob Data Reader", "Storage Queue Data Message Sender"]);
        let r = infer(Service::Storage, &ops(&["exists"]));
        assert!(r.roles.is_empty());
        assert!(r.note.unwrap().contains("sub-service"));
    }

    #[test]
    fn empty_and_unknown_operations_explain_themselves() {
        let r = infer(Service::StorageBlob, &[]);
        assert!(r.roles.is_empty());
        assert!(r.note.unwrap().contains("no operations"));
        let r = infer(Service::StorageBlob, &ops(&["frobnicate"]));
        assert!(r.roles.is_empty());
        assert!(r.note.unwrap().contains("`frobnicate`"));
        let r = infer(Service::StorageBlob, &ops(&["get_container_client"]));
        assert!(r.roles.is_empty());
        assert!(r.note.unwrap().contains("getters"));
    }

    #[test]
    fn service_bus_and_event_hubs() {
        assert_eq!(infer(Service::ServiceBus, &ops(&["createSender", "close", "sendMessages"])).roles, ["Azure Service Bus Data Sender"]);
        assert_eq!(
            infer(Service::ServiceBus, &ops(&["get_queue_sender", "send_messages", "get_queue_receiver", "complete_message"])).roles,
            ["Azure Service Bus Data Sender", "Azure Service Bus Data Receiver"]
        );
        assert_eq!(infer(Service::ServiceBus, &ops(&["CreateQueueAsync"])).roles, ["Azure Service Bus Data Owner"]);
        assert_eq!(infer(Service::ServiceBus, &ops(&["Send"])).roles, ["Azure Service Bus Data Sender"]);
        assert_eq!(infer(Service::EventHubs, &ops(&["CreateBatchAsync", "SendAsync", "TryAdd"])).roles, ["Azure Event Hubs Data Sender"]);
    }

    #[test]
    fn cosmos_reads_writes_and_management() {
        assert_eq!(infer(Service::CosmosDb, &ops(&["container", "database", "read", "item"])).roles, ["Cosmos DB Built-in Data Reader"]);
        assert_eq!(
            infer(Service::CosmosDb, &ops(&["ReadDocumentAsync", "UpsertDocumentAsync"])).roles,
            ["Cosmos DB Built-in Data Contributor"]
        );
        let r = infer(Service::CosmosDb, &ops(&["create_database_if_not_exists", "create_container_if_not_exists", "read_item"]));
        assert_eq!(r.roles, ["Cosmos DB Built-in Data Reader", "Cosmos DB Operator"]);
        assert!(r.note.unwrap().contains("IaC"));
        let r = infer(Service::CosmosDb, &ops(&["databases.createIfNotExists", "items.create"]));
        assert_eq!(r.roles, ["Cosmos DB Built-in Data Contributor", "Cosmos DB Operator"]);
    }

    #[test]
    fn key_vault() {
        assert_eq!(infer(Service::KeyVault, &ops(&["GetSecretAsync"])).roles, ["Key Vault Secrets User"]);
        assert_eq!(infer(Service::KeyVault, &ops(&["get_secret", "set_secret"])).roles, ["Key Vault Secrets Officer"]);
        assert_eq!(infer(Service::KeyVault, &ops(&["wrapKey", "unwrapKey"])).roles, ["Key Vault Crypto Service Encryption User"]);
        assert_eq!(infer(Service::KeyVault, &ops(&["encrypt", "wrap_key"])).roles, ["Key Vault Crypto User"]);
        assert_eq!(infer(Service::KeyVault, &ops(&["get_certificate"])).roles, ["Key Vault Certificate User"]);
    }

    #[test]
    fn databases() {
        assert_eq!(infer(Service::Sql, &ops(&["OpenAsync", "ExecuteReaderAsync"])).roles, ["db_datareader"]);
        assert_eq!(infer(Service::Sql, &ops(&["ExecuteReaderAsync", "ExecuteNonQueryAsync"])).roles, ["db_datareader", "db_datawriter"]);
        assert_eq!(infer(Service::Sql, &ops(&["cursor", "execute", "fetchall"])).roles, ["db_datareader"]);
        assert!(infer(Service::Sql, &ops(&["OpenAsync"])).roles.is_empty());
        assert_eq!(infer(Service::Postgresql, &ops(&["query"])).roles, ["read-only grants"]);
        // A Functions blob trigger also needs the account's queues (receipts, poison messages).
        assert_eq!(
            infer(Service::StorageBlob, &ops(&["functions.blobtrigger"])).roles,
            ["Storage Blob Data Owner", "Storage Queue Data Contributor"]
        );
        assert_eq!(infer(Service::Mysql, &ops(&["executemany"])).roles, ["read-write grants"]);
        // `INSERT ... VALUES` appends without reading; `INSERT ... SELECT` and UPDATE read too.
        let verb = |sql: &str| ops::sql_verb(sql).unwrap();
        assert_eq!(infer(Service::Sql, &ops(&["OpenAsync", verb("INSERT INTO t (a) VALUES (@a)")])).roles, ["db_datawriter"]);
        assert_eq!(infer(Service::Sql, &ops(&[verb("INSERT INTO t SELECT * FROM s")])).roles, ["db_datareader", "db_datawriter"]);
        assert_eq!(infer(Service::Sql, &ops(&["insert", "select"])).roles, ["db_datareader", "db_datawriter"]);
        assert_eq!(infer(Service::Postgresql, &ops(&["insert"])).roles, ["read-write grants"]);
    }

    #[test]
    fn functions_queue_output_lists_sender_beside_contributor() {
        // catalog.md §17: queue output — Queue Data Contributor + Message Sender.
        let r = infer(Service::StorageQueue, &ops(&["functions.queueOutput", "functions.queueOutput.send"]));
        assert_eq!(r.roles, ["Storage Queue Data Message Sender", "Storage Queue Data Contributor"]);
    }

    #[test]
    fn redis_and_ai() {
        assert_eq!(infer(Service::Redis, &ops(&["on", "connect", "get", "set"])).roles, ["Data Contributor"]);
        assert_eq!(infer(Service::Redis, &ops(&["StringGetAsync"])).roles, ["Data Reader"]);
        assert_eq!(infer(Service::Openai, &ops(&["chat.completions.create"])).roles, ["Cognitive Services OpenAI User"]);
        assert_eq!(infer(Service::Openai, &ops(&["fine_tuning.jobs.create"])).roles, ["Cognitive Services OpenAI Contributor"]);
        assert_eq!(infer(Service::AiServices, &ops(&["analyze_sentiment"])).roles, ["Cognitive Services Language Reader"]);
        assert_eq!(infer(Service::AiServices, &ops(&["recognizeOnceAsync"])).roles, ["Cognitive Services Speech User"]);
        assert_eq!(infer(Service::AiServices, &ops(&["begin_analyze_document"])).roles, ["Cognitive Services User"]);
        assert_eq!(infer(Service::AiSearch, &ops(&["SearchAsync", "GetResultsAsync"])).roles, ["Search Index Data Reader"]);
        assert_eq!(infer(Service::AiSearch, &ops(&["uploadDocuments", "mergeOrUploadDocuments"])).roles, ["Search Index Data Contributor"]);
        assert_eq!(infer(Service::EventGrid, &ops(&["send"])).roles, ["EventGrid Data Sender"]);
        assert_eq!(infer(Service::WebPubsub, &ops(&["getClientAccessToken", "sendToAll", "group"])).roles, ["Web PubSub Service Owner"]);
        assert_eq!(infer(Service::Signalr, &[]).roles, ["SignalR App Server"]);
        assert_eq!(infer(Service::AppConfiguration, &ops(&["getConfigurationSetting"])).roles, ["App Configuration Data Reader"]);
        assert_eq!(
            infer(Service::StorageDatalake, &ops(&["get_file_system_client", "create_directory", "upload_data"])).roles,
            ["Storage Blob Data Contributor"]
        );
        assert_eq!(infer(Service::StorageFile, &ops(&["download_file", "readall"])).roles, ["Storage File Data Privileged Reader"]);
        assert_eq!(infer(Service::StorageTable, &ops(&["AddEntityAsync"])).roles, ["Storage Table Data Contributor"]);
    }

    #[test]
    fn annotate_keeps_the_scanner_note_when_nothing_maps() {
        let mut f = crate::roles::emit::tests::finding(Service::StorageBlob, "a/b.py", 1, None, &[]);
        f.roles_note = Some("the client is registered for dependency injection".into());
        annotate(&mut f);
        assert!(f.roles.is_empty());
        assert_eq!(f.roles_note.as_deref(), Some("the client is registered for dependency injection"));
        let mut f = crate::roles::emit::tests::finding(Service::KeyVault, "a/b.py", 1, None, &["get_secret"]);
        annotate(&mut f);
        assert_eq!(f.roles, ["Key Vault Secrets User"]);
        assert_eq!(f.roles_note, None);
        // A role chosen from the client's type says so.
        let mut f = crate::roles::emit::tests::finding(Service::Openai, "a/b.py", 1, None, &["create"]);
        f.roles_note = Some("assumed from `AzureOpenAI` (create): the client is returned by `client`".into());
        annotate(&mut f);
        assert_eq!(f.roles, ["Cognitive Services OpenAI User"]);
        assert!(f.roles_note.as_deref().is_some_and(|n| n.starts_with("assumed from `AzureOpenAI`")));
    }
}
