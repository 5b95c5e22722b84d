//! The built-in roles secretless can emit, copied row by row from `shared/roles.tsv` (same order,
//! same names, same GUIDs). `tests/roles.rs` checks every row against the TSV, so an edit there
//! that is not mirrored here fails the build's tests instead of emitting a wrong GUID.

use crate::finding::Service;
use serde::Serialize;

/// Where a role is granted: ARM RBAC, or a data plane with its own grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Plane {
    /// `Microsoft.Authorization/roleAssignments` (`az role assignment create`).
    AzureRbac,
    /// Cosmos DB NoSQL data-plane roles (`sqlRoleAssignments`, `az cosmosdb sql role assignment create`).
    CosmosSql,
    /// Azure SQL database roles (`CREATE USER ... FROM EXTERNAL PROVIDER`, `ALTER ROLE`).
    SqlDb,
    /// PostgreSQL flexible server principals and `GRANT`s.
    Postgres,
    /// MySQL flexible server `CREATE AADUSER` and `GRANT`s.
    Mysql,
    /// Azure Cache for Redis data access policies.
    Redis,
}

impl Plane {
    /// The `plane` column spelling of `roles.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Plane::AzureRbac => "azure-rbac",
            Plane::CosmosSql => "cosmos-sql",
            Plane::SqlDb => "sql-db",
            Plane::Postgres => "postgres",
            Plane::Mysql => "mysql",
            Plane::Redis => "redis",
        }
    }
}

impl std::fmt::Display for Plane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of `roles.tsv`: the service it is listed under, the exact role name, the role
/// definition GUID (`None` where the TSV has `-`: database roles and Redis access policies) and
/// the plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleDef {
    pub service: Service,
    pub name: &'static str,
    pub guid: Option<&'static str>,
    pub plane: Plane,
}

/// Every row of `roles.tsv`, in file order (the order roles are reported in).
pub const ROLE_TABLE: &[RoleDef] = &[
    RoleDef {
        service: Service::StorageBlob,
        name: "Storage Blob Data Reader",
        guid: Some("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageBlob,
        name: "Storage Blob Data Contributor",
        guid: Some("ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageBlob,
        name: "Storage Blob Data Owner",
        guid: Some("b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageBlob,
        name: "Storage Blob Delegator",
        guid: Some("db58b8e5-c6ad-4a2a-8342-4190687cbf4a"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageBlob,
        name: "Storage Account Contributor",
        guid: Some("17d1049b-9a84-46fb-8f53-869881c3d3ab"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageDatalake,
        name: "Storage Blob Data Reader",
        guid: Some("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageDatalake,
        name: "Storage Blob Data Contributor",
        guid: Some("ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageDatalake,
        name: "Storage Blob Data Owner",
        guid: Some("b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageQueue,
        name: "Storage Queue Data Reader",
        guid: Some("19e7f393-937e-4f77-808e-94535e297925"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageQueue,
        name: "Storage Queue Data Message Sender",
        guid: Some("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageQueue,
        name: "Storage Queue Data Message Processor",
        guid: Some("8a0f0c08-91a1-4084-bc3d-661d67233fed"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageQueue,
        name: "Storage Queue Data Contributor",
        guid: Some("974c5e8b-45b9-4653-ba55-5f855dd0fb88"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageQueue,
        name: "Storage Queue Delegator",
        guid: Some("7ee386e9-84f0-448e-80a6-f185f6533131"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageTable,
        name: "Storage Table Data Reader",
        guid: Some("76199698-9eea-4c19-bc75-cec21354c6b6"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageTable,
        name: "Storage Table Data Contributor",
        guid: Some("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageTable,
        name: "Storage Table Delegator",
        guid: Some("965033a5-c8eb-4f35-b82f-fef460a3606d"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageFile,
        name: "Storage File Data SMB Share Reader",
        guid: Some("aba4ae5f-2193-4029-9191-0cb91df5e314"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageFile,
        name: "Storage File Data SMB Share Contributor",
        guid: Some("0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageFile,
        name: "Storage File Data SMB Share Elevated Contributor",
        guid: Some("a7264617-510b-434b-a828-9731dc254ea7"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageFile,
        name: "Storage File Data Privileged Reader",
        guid: Some("b8eda974-7b85-4f76-af95-65846b26df6d"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageFile,
        name: "Storage File Data Privileged Contributor",
        guid: Some("69566ab7-960f-475b-8e7c-b3118f30c6bd"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageFile,
        name: "Storage File Delegator",
        guid: Some("765a04e0-5de8-4bb2-9bf6-b2a30bc03e91"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::StorageFile,
        name: "Storage Account Contributor",
        guid: Some("17d1049b-9a84-46fb-8f53-869881c3d3ab"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::ServiceBus,
        name: "Azure Service Bus Data Sender",
        guid: Some("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::ServiceBus,
        name: "Azure Service Bus Data Receiver",
        guid: Some("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::ServiceBus,
        name: "Azure Service Bus Data Owner",
        guid: Some("090c5cfd-751d-490a-894a-3ce6f1109419"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventHubs,
        name: "Azure Event Hubs Data Sender",
        guid: Some("2b629674-e913-4c01-ae53-ef4638d8f975"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventHubs,
        name: "Azure Event Hubs Data Receiver",
        guid: Some("a638d3c7-ab3a-418d-83e6-5f17a39d4fde"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventHubs,
        name: "Azure Event Hubs Data Owner",
        guid: Some("f526a384-b230-433a-b45c-95f59c4a2dec"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventHubs,
        name: "Schema Registry Reader",
        guid: Some("2c56ea50-c6b3-40a6-83c0-9d98858bc7d2"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventHubs,
        name: "Schema Registry Contributor",
        guid: Some("5dffeca3-4936-4216-b2bc-10343a5abb25"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::CosmosDb,
        name: "Cosmos DB Built-in Data Reader",
        guid: Some("00000000-0000-0000-0000-000000000001"),
        plane: Plane::CosmosSql,
    },
    RoleDef {
        service: Service::CosmosDb,
        name: "Cosmos DB Built-in Data Contributor",
        guid: Some("00000000-0000-0000-0000-000000000002"),
        plane: Plane::CosmosSql,
    },
    RoleDef {
        service: Service::CosmosDb,
        name: "Cosmos DB Account Reader Role",
        guid: Some("fbdf93bf-df7d-467e-a4d2-9458aa1360c8"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::CosmosDb,
        name: "Cosmos DB Operator",
        guid: Some("230815da-be43-4aae-9cb4-875f7bd000aa"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::CosmosDb,
        name: "DocumentDB Account Contributor",
        guid: Some("5bd9cd88-fe45-4216-938b-f97437e15450"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Secrets User",
        guid: Some("4633458b-17de-408a-b874-0445c86b69e6"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Secrets Officer",
        guid: Some("b86a8fe4-44ce-4948-aee5-eccb2c155cd7"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Crypto User",
        guid: Some("12338af0-0e69-4776-bea7-57ae8d297424"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Crypto Service Encryption User",
        guid: Some("e147488a-f6f5-4113-8e2d-b22465e65bf6"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Crypto Officer",
        guid: Some("14b46e9e-c2b7-41b4-b07b-48a6ebf60603"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Certificate User",
        guid: Some("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Certificates Officer",
        guid: Some("a4417e6f-fecd-4de8-b567-7b0420556985"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Reader",
        guid: Some("21090545-7ca7-4776-b22c-e363652d74d2"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::KeyVault,
        name: "Key Vault Administrator",
        guid: Some("00482a5a-887f-4fb3-b363-3b7fe8e74483"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AppConfiguration,
        name: "App Configuration Data Reader",
        guid: Some("516239f1-63e1-4d78-a4de-a74fb236a071"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AppConfiguration,
        name: "App Configuration Data Owner",
        guid: Some("5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b"),
        plane: Plane::AzureRbac,
    },
    RoleDef { service: Service::Sql, name: "db_datareader", guid: None, plane: Plane::SqlDb },
    RoleDef { service: Service::Sql, name: "db_datawriter", guid: None, plane: Plane::SqlDb },
    RoleDef { service: Service::Sql, name: "db_ddladmin", guid: None, plane: Plane::SqlDb },
    RoleDef { service: Service::Sql, name: "Microsoft Entra admin (server)", guid: None, plane: Plane::SqlDb },
    RoleDef { service: Service::Postgresql, name: "Microsoft Entra admin", guid: None, plane: Plane::Postgres },
    RoleDef { service: Service::Postgresql, name: "Entra login role for the identity", guid: None, plane: Plane::Postgres },
    RoleDef { service: Service::Postgresql, name: "read-only grants", guid: None, plane: Plane::Postgres },
    RoleDef { service: Service::Postgresql, name: "read-write grants", guid: None, plane: Plane::Postgres },
    RoleDef { service: Service::Mysql, name: "Microsoft Entra admin", guid: None, plane: Plane::Mysql },
    RoleDef { service: Service::Mysql, name: "Entra user for the identity", guid: None, plane: Plane::Mysql },
    RoleDef { service: Service::Mysql, name: "read-only grants", guid: None, plane: Plane::Mysql },
    RoleDef { service: Service::Mysql, name: "read-write grants", guid: None, plane: Plane::Mysql },
    RoleDef { service: Service::Redis, name: "Data Owner", guid: None, plane: Plane::Redis },
    RoleDef { service: Service::Redis, name: "Data Contributor", guid: None, plane: Plane::Redis },
    RoleDef { service: Service::Redis, name: "Data Reader", guid: None, plane: Plane::Redis },
    RoleDef { service: Service::Redis, name: "default (Azure Managed Redis)", guid: None, plane: Plane::Redis },
    RoleDef {
        service: Service::Redis,
        name: "Redis Cache Contributor",
        guid: Some("e0f68234-74aa-48ed-b826-c38b57376e17"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Openai,
        name: "Cognitive Services OpenAI User",
        guid: Some("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Openai,
        name: "Cognitive Services OpenAI Contributor",
        guid: Some("a001fd3d-188f-4b5d-821b-7da978bf7442"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Openai,
        name: "Cognitive Services User",
        guid: Some("a97b65f3-24c7-4388-baec-2e87135dc908"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiServices,
        name: "Cognitive Services User",
        guid: Some("a97b65f3-24c7-4388-baec-2e87135dc908"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiServices,
        name: "Cognitive Services Language Reader",
        guid: Some("7628b7b8-a8b2-4cdc-b46f-e9b35248918e"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiServices,
        name: "Cognitive Services Language Writer",
        guid: Some("f2310ca1-dc64-4889-bb49-c8e0fa3d47a8"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiServices,
        name: "Cognitive Services Language Owner",
        guid: Some("f07febfe-79bc-46b1-8b37-790e26e6e498"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiServices,
        name: "Cognitive Services Speech User",
        guid: Some("f2dc8367-1007-4938-bd23-fe263f013447"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiServices,
        name: "Foundry User (formerly Azure AI User)",
        guid: Some("53ca6127-db72-4b80-b1b0-d745d6d5456d"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiServices,
        name: "Cognitive Services Contributor",
        guid: Some("25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiSearch,
        name: "Search Index Data Reader",
        guid: Some("1407120a-92aa-4202-b7e9-c0e197c71c8f"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiSearch,
        name: "Search Index Data Contributor",
        guid: Some("8ebe5a00-799e-43f5-93ac-243d3dce84a7"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::AiSearch,
        name: "Search Service Contributor",
        guid: Some("7ca78c08-252a-4471-8644-bb5ff32d4ba0"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventGrid,
        name: "EventGrid Data Sender",
        guid: Some("d5a91429-5739-47e2-a06b-3470a27159e7"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventGrid,
        name: "EventGrid Data Receiver",
        guid: Some("78cbd9e7-9798-4e2e-9b5a-547d9ebb31fb"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventGrid,
        name: "EventGrid Data Contributor",
        guid: Some("1d8c3fe3-8864-474b-8749-01e3783e8157"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EventGrid,
        name: "EventGrid Contributor",
        guid: Some("1e241071-0855-49ea-94dc-649edcd759de"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Signalr,
        name: "SignalR App Server",
        guid: Some("420fcaa2-552c-430f-98ca-3264be4806c7"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Signalr,
        name: "SignalR Service Owner",
        guid: Some("7e4f1700-ea5a-4f59-8f37-079cfe29dce3"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Signalr,
        name: "SignalR REST API Owner",
        guid: Some("fd53cd77-2268-407a-8f46-7e7863d0f521"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Signalr,
        name: "SignalR REST API Reader",
        guid: Some("ddde6b66-c0df-4114-a159-3618637b3035"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::Signalr,
        name: "SignalR/Web PubSub Contributor",
        guid: Some("8cf5e20a-e4b2-4e9d-b3a1-5ceb692c2761"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::WebPubsub,
        name: "Web PubSub Service Owner",
        guid: Some("12cf5a90-567b-43ae-8102-96cf46c7d9b4"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::WebPubsub,
        name: "Web PubSub Service Reader",
        guid: Some("bfb1c7d2-fb1a-466b-b2ba-aee63b92deaf"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EntraId,
        name: "Managed Identity Operator",
        guid: Some("f1a07417-d97a-45cb-824c-7a7467783830"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EntraId,
        name: "Role Based Access Control Administrator",
        guid: Some("f58310d9-a9f6-439a-9e8d-f62e7b41a168"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EntraId,
        name: "User Access Administrator",
        guid: Some("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"),
        plane: Plane::AzureRbac,
    },
    RoleDef {
        service: Service::EntraId,
        name: "Monitoring Metrics Publisher",
        guid: Some("3913510d-42f4-4e42-8a64-420c390055eb"),
        plane: Plane::AzureRbac,
    },
];

/// Services whose rows are searched for a finding of `service`: `storage` (account known,
/// sub-service not) looks through every storage sub-service.
fn services_for(service: Service) -> &'static [Service] {
    match service {
        Service::Storage => {
            &[Service::StorageBlob, Service::StorageDatalake, Service::StorageQueue, Service::StorageTable, Service::StorageFile]
        }
        Service::StorageBlob => &[Service::StorageBlob],
        Service::StorageDatalake => &[Service::StorageDatalake],
        Service::StorageQueue => &[Service::StorageQueue],
        Service::StorageTable => &[Service::StorageTable],
        Service::StorageFile => &[Service::StorageFile],
        Service::ServiceBus => &[Service::ServiceBus],
        Service::EventHubs => &[Service::EventHubs],
        Service::CosmosDb => &[Service::CosmosDb],
        Service::KeyVault => &[Service::KeyVault],
        Service::AppConfiguration => &[Service::AppConfiguration],
        Service::Sql => &[Service::Sql],
        Service::Postgresql => &[Service::Postgresql],
        Service::Mysql => &[Service::Mysql],
        Service::Redis => &[Service::Redis],
        Service::Openai => &[Service::Openai],
        Service::AiServices => &[Service::AiServices],
        Service::AiSearch => &[Service::AiSearch],
        Service::EventGrid => &[Service::EventGrid],
        Service::Signalr => &[Service::Signalr],
        Service::WebPubsub => &[Service::WebPubsub],
        Service::EntraId => &[Service::EntraId],
        Service::Unknown => &[],
    }
}

/// The row for `role` under `service` (index into [`ROLE_TABLE`] and the row). Falls back to a
/// row of another service only when the name is unambiguous across the whole table (same GUID
/// and plane everywhere it appears), e.g. a Storage Blob role on an Event Hubs checkpoint store.
pub fn lookup(service: Service, role: &str) -> Option<(usize, &'static RoleDef)> {
    let own = services_for(service);
    if let Some(hit) = ROLE_TABLE.iter().enumerate().find(|(_, r)| r.name == role && own.contains(&r.service)) {
        return Some(hit);
    }
    let mut all = ROLE_TABLE.iter().enumerate().filter(|(_, r)| r.name == role);
    let first = all.next()?;
    all.all(|(_, r)| r.guid == first.1.guid && r.plane == first.1.plane).then_some(first)
}

/// The role definition GUID of `role` as listed for `service` in `roles.tsv`; `None` for
/// unknown roles and for roles that are not ARM role definitions (SQL, PostgreSQL, MySQL, Redis).
pub fn role_guid(service: Service, role: &str) -> Option<&'static str> {
    lookup(service, role).and_then(|(_, r)| r.guid)
}

/// The plane `role` is granted on (the `plane` column of `roles.tsv`).
pub fn role_plane(service: Service, role: &str) -> Option<Plane> {
    lookup(service, role).map(|(_, r)| r.plane)
}

/// Table order of `role` for `service` (roles are reported in `roles.tsv` row order).
pub(crate) fn order(service: Service, role: &str) -> usize {
    lookup(service, role).map_or(usize::MAX, |(i, _)| i)
}
