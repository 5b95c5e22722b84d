//! The Azure SDK surface secretless recognises, as data: client classes and their services, credential
//! types (secret-based and passwordless), DI registrations and database drivers. The per-service
//! reference is `shared/catalog.md`; keep this table in step with it.

use crate::finding::{CredentialKind, Service};

/// Client classes → service. Class names are shared by the Python, .NET and JS SDKs.
const CLIENTS: &[(&str, Service)] = &[
    ("BlobServiceClient", Service::StorageBlob),
    ("BlobContainerClient", Service::StorageBlob),
    ("ContainerClient", Service::StorageBlob),
    ("BlobClient", Service::StorageBlob),
    ("BlockBlobClient", Service::StorageBlob),
    ("AppendBlobClient", Service::StorageBlob),
    ("PageBlobClient", Service::StorageBlob),
    ("BlobCheckpointStore", Service::StorageBlob),
    ("BlockBlobService", Service::StorageBlob),
    ("PageBlobService", Service::StorageBlob),
    ("AppendBlobService", Service::StorageBlob),
    ("BaseBlobService", Service::StorageBlob),
    ("QueueServiceClient", Service::StorageQueue),
    ("QueueClient", Service::StorageQueue),
    ("QueueService", Service::StorageQueue),
    ("TableServiceClient", Service::StorageTable),
    ("TableClient", Service::StorageTable),
    ("TableService", Service::StorageTable),
    ("ShareServiceClient", Service::StorageFile),
    ("ShareClient", Service::StorageFile),
    ("ShareFileClient", Service::StorageFile),
    ("ShareDirectoryClient", Service::StorageFile),
    ("FileService", Service::StorageFile),
    ("DataLakeServiceClient", Service::StorageDatalake),
    ("DataLakeFileSystemClient", Service::StorageDatalake),
    ("FileSystemClient", Service::StorageDatalake),
    ("DataLakeDirectoryClient", Service::StorageDatalake),
    ("DataLakeFileClient", Service::StorageDatalake),
    ("CloudStorageAccount", Service::Storage),
    // WindowsAzure.Storage / Microsoft.Azure.Storage clients built from a SAS URI or `StorageCredentials`.
    ("CloudBlobContainer", Service::StorageBlob),
    ("CloudBlockBlob", Service::StorageBlob),
    ("CloudBlobClient", Service::StorageBlob),
    ("CloudQueue", Service::StorageQueue),
    ("CloudQueueClient", Service::StorageQueue),
    ("CloudTable", Service::StorageTable),
    ("CloudTableClient", Service::StorageTable),
    ("CloudFileShare", Service::StorageFile),
    ("ServiceBusClient", Service::ServiceBus),
    ("ServiceBusAdministrationClient", Service::ServiceBus),
    ("ServiceBusService", Service::ServiceBus),
    ("TopicClient", Service::ServiceBus),
    ("SubscriptionClient", Service::ServiceBus),
    ("MessagingFactory", Service::ServiceBus),
    ("NamespaceManager", Service::ServiceBus),
    ("MessageSender", Service::ServiceBus),
    ("MessageReceiver", Service::ServiceBus),
    ("SessionClient", Service::ServiceBus),
    ("EventHubProducerClient", Service::EventHubs),
    ("EventHubConsumerClient", Service::EventHubs),
    ("EventHubBufferedProducerClient", Service::EventHubs),
    ("EventProcessorClient", Service::EventHubs),
    ("EventHubClient", Service::EventHubs),
    ("EventProcessorHost", Service::EventHubs),
    ("CosmosClient", Service::CosmosDb),
    ("CosmosClientBuilder", Service::CosmosDb),
    // ServiceStack: its Service Bus MQ server and Azure Blob virtual file system take a connection string.
    ("ServiceBusMqServer", Service::ServiceBus),
    ("AzureBlobVirtualFiles", Service::StorageBlob),
    // adlfs (fsspec) `AzureBlobFileSystem(account_name=..., account_key=...)`: the ADLS Gen2 / Blob filesystem.
    ("AzureBlobFileSystem", Service::StorageDatalake),
    ("DocumentClient", Service::CosmosDb),
    ("SecretClient", Service::KeyVault),
    ("KeyClient", Service::KeyVault),
    ("CertificateClient", Service::KeyVault),
    ("CryptographyClient", Service::KeyVault),
    ("KeyVaultClient", Service::KeyVault),
    ("AzureAppConfigurationClient", Service::AppConfiguration),
    ("ConfigurationClient", Service::AppConfiguration),
    ("AppConfigurationClient", Service::AppConfiguration),
    ("AzureOpenAI", Service::Openai),
    ("AsyncAzureOpenAI", Service::Openai),
    ("AzureOpenAIClient", Service::Openai),
    ("OpenAIClient", Service::Openai),
    ("AzureChatOpenAI", Service::Openai),
    ("AzureOpenAIEmbeddings", Service::Openai),
    ("AzureChatCompletion", Service::Openai),
    // pydantic-ai's provider for Azure OpenAI (`AzureProvider(azure_endpoint=..., api_key=...)`).
    ("AzureProvider", Service::Openai),
    // LangChain's Azure AI Search vector stores (Python `AzureSearch`, JS `AzureAISearchVectorStore`).
    ("AzureSearch", Service::AiSearch),
    ("AzureAISearchVectorStore", Service::AiSearch),
    // Haystack's Azure AI Search document store and Document Intelligence converter (`api_key=Secret...`).
    ("AzureAISearchDocumentStore", Service::AiSearch),
    ("AzureOCRDocumentConverter", Service::AiServices),
    ("AzureTextEmbedding", Service::Openai),
    ("TextAnalyticsClient", Service::AiServices),
    ("TextAnalysisClient", Service::AiServices),
    ("ConversationAnalysisClient", Service::AiServices),
    ("QuestionAnsweringClient", Service::AiServices),
    ("DocumentAnalysisClient", Service::AiServices),
    ("DocumentIntelligenceClient", Service::AiServices),
    ("DocumentIntelligence", Service::AiServices),
    ("FormRecognizerClient", Service::AiServices),
    ("FormTrainingClient", Service::AiServices),
    ("DocumentModelAdministrationClient", Service::AiServices),
    ("ImageAnalysisClient", Service::AiServices),
    ("ContentSafetyClient", Service::AiServices),
    ("ChatCompletionsClient", Service::AiServices),
    ("EmbeddingsClient", Service::AiServices),
    ("TextTranslationClient", Service::AiServices),
    ("ComputerVisionClient", Service::AiServices),
    ("FaceClient", Service::AiServices),
    ("SpeechConfig", Service::AiServices),
    ("SearchClient", Service::AiSearch),
    ("SearchIndexClient", Service::AiSearch),
    ("SearchIndexerClient", Service::AiSearch),
    ("SearchIndexingBufferedSender", Service::AiSearch),
    ("SearchServiceClient", Service::AiSearch),
    ("EventGridPublisherClient", Service::EventGrid),
    ("EventGridSenderClient", Service::EventGrid),
    ("EventGridReceiverClient", Service::EventGrid),
    ("EventGridConsumerClient", Service::EventGrid),
    ("EventGridClient", Service::EventGrid),
    ("WebPubSubServiceClient", Service::WebPubsub),
    ("ServiceManagerBuilder", Service::Signalr),
];

/// Every client class name the catalog knows.
pub static CLIENT_NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| CLIENTS.iter().map(|(c, _)| *c).collect());

/// Service of a client class; `imports` (the file's import lines) disambiguates reused names.
/// Framework wrappers around Azure OpenAI that take `api_key` / `apiKey` themselves: the openai SDK's
/// `AzureOpenAI`, LangChain's `AzureChatOpenAI` / `AzureOpenAIEmbeddings`, LlamaIndex's
/// `AzureOpenAIEmbedding`, Haystack's `AzureOpenAIChatGenerator`, AutoGen's
/// `AzureOpenAIChatCompletionClient`, Semantic Kernel's `AzureChatCompletion`. (`AzureOpenAIClient`
/// is the .NET SDK client: it takes a credential object.)
pub fn is_openai_wrapper(class: &str) -> bool {
    let azure_named = class.strip_prefix("Async").unwrap_or(class).starts_with("Azure") && class.contains("OpenAI");
    azure_named && class != "AzureOpenAIClient"
        || matches!(class, "AzureChatCompletion" | "AzureTextEmbedding" | "AzureTextCompletion" | "AzureTextToImage" | "AzureAudioToText")
}

pub fn client_service(class: &str, imports: &str) -> Option<Service> {
    let known = CLIENTS.iter().find(|(c, _)| *c == class).map(|(_, s)| *s);
    let service = known.or_else(|| is_openai_wrapper(class).then_some(Service::Openai)).or_else(|| rest_client_factory(class, imports))?;
    let servicebus = imports.contains("ServiceBus") || imports.contains("servicebus") || imports.contains("service-bus");
    let storage_queue = imports.contains("Storage.Queues") || imports.contains("storage.queue") || imports.contains("storage-queue");
    Some(match class {
        "QueueClient" if servicebus && !storage_queue => Service::ServiceBus,
        "OpenAIClient" if imports.contains("openai") || imports.contains("OpenAI") => Service::Openai,
        "ConfigurationClient" if !imports.contains("AppConfiguration") => return None,
        "AzureProvider" if !imports.contains("pydantic_ai") => return None,
        _ => service,
    })
}

/// JS REST-level clients: the default export of an `@azure-rest/ai-*` package, whatever the app
/// names it (`createImageAnalysisClient`, `DocumentIntelligence`), is a client factory of Azure AI
/// services taking `(endpoint, credential)`.
fn rest_client_factory(name: &str, imports: &str) -> Option<Service> {
    const AI_REST: &[&str] = &[
        "@azure-rest/ai-vision-image-analysis",
        "@azure-rest/ai-document-intelligence",
        "@azure-rest/ai-translation-text",
        "@azure-rest/ai-translation-document",
        "@azure-rest/ai-content-safety",
        "@azure-rest/ai-inference",
    ];
    imports_name_from(imports, name, AI_REST).then_some(Service::AiServices)
}

/// The storage sub-service of a legacy `CloudStorageAccount`, when the file creates clients of one
/// kind only from it (`CreateCloudBlobClient()`); `None` for none or several kinds.
pub fn legacy_account_clients(src: &str) -> Option<Service> {
    let kinds = [
        ("CreateCloudBlobClient", Service::StorageBlob),
        ("CreateCloudQueueClient", Service::StorageQueue),
        ("CreateCloudTableClient", Service::StorageTable),
        ("CreateCloudFileClient", Service::StorageFile),
    ];
    let mut used = kinds.iter().filter(|(method, _)| src.contains(method)).map(|(_, s)| *s);
    let one = used.next()?;
    used.next().is_none().then_some(one)
}

/// DI registrations (`Microsoft.Extensions.Azure`, EF Core, SignalR, App Configuration) that take a
/// connection string as their first argument.
pub fn registration_service(name: &str) -> Option<Service> {
    Some(match name {
        "AddBlobServiceClient" => Service::StorageBlob,
        "AddQueueServiceClient" => Service::StorageQueue,
        "AddTableServiceClient" => Service::StorageTable,
        // Orleans' Azure Storage clustering, grain storage and streams: `options.ConfigureTableServiceClient(cs)`.
        "ConfigureTableServiceClient" => Service::StorageTable,
        "ConfigureBlobServiceClient" => Service::StorageBlob,
        "ConfigureQueueServiceClient" => Service::StorageQueue,
        // Rebus: `t.UseAzureServiceBus(connectionString, "queue")`.
        "UseAzureServiceBus" => Service::ServiceBus,
        "AddFileServiceClient" | "AddShareServiceClient" => Service::StorageFile,
        "AddDataLakeServiceClient" => Service::StorageDatalake,
        "AddServiceBusClient" | "AddServiceBusAdministrationClient" => Service::ServiceBus,
        "AddEventHubProducerClient" | "AddEventHubConsumerClient" | "AddEventProcessorClient" | "AddEventHubBufferedProducerClient" => {
            Service::EventHubs
        }
        "AddConfigurationClient" | "AddAzureAppConfiguration" => Service::AppConfiguration,
        "AddWebPubSubServiceClient" => Service::WebPubsub,
        "AddAzureSignalR" | "MapAzureSignalR" => Service::Signalr,
        "UseCosmos" => Service::CosmosDb,
        "AddSearchClient" | "AddSearchIndexClient" => Service::AiSearch,
        "AddAzureOpenAIChatCompletion" | "AddAzureOpenAITextEmbeddingGeneration" | "AddAzureOpenAIClient" => Service::Openai,
        "AddAzureKeyVault" => Service::KeyVault,
        // `AddStackExchangeRedisCache(o => o.Configuration = "host:6380,password=…")`: the distributed cache.
        "AddStackExchangeRedisCache" => Service::Redis,
        // ASP.NET Core Data Protection's key ring: `PersistKeysToAzureBlobStorage(cs, container, blob)`.
        "PersistKeysToAzureBlobStorage" => Service::StorageBlob,
        // AspNetCore.HealthChecks.Azure*: `AddHealthChecks().AddAzureBlobStorage(cs)` opens its own client.
        "AddAzureBlobStorage" => Service::StorageBlob,
        "AddAzureQueueStorage" => Service::StorageQueue,
        "AddAzureTableStorage" => Service::StorageTable,
        "AddAzureFileShare" => Service::StorageFile,
        "AddAzureServiceBusQueue" | "AddAzureServiceBusTopic" | "AddAzureServiceBusSubscription" => Service::ServiceBus,
        "AddAzureEventHub" => Service::EventHubs,
        "AddAzureCosmosDB" => Service::CosmosDb,
        _ => return None,
    })
}

/// The operations a client's type implies when none of its calls is visible in the file (it is
/// returned, injected or exported): a producer only sends, an inference client only infers, an app's
/// database connection reads and writes. `None` where the type leaves the role open (Storage, Search,
/// Service Bus clients).
/// What an Event Hubs processor does with its checkpoint container.
pub const CHECKPOINT_STORE_WHY: &str = "the Event Hubs processor lists, reads and writes its checkpoint and ownership blobs";

/// The .NET client type a client's factory method returns (`CreateSender` → `ServiceBusSender`): a
/// registration that hands it out (`sp.GetRequiredService<ServiceBusClient>().CreateSender("q")`) makes
/// it injectable by that type.
pub fn derived_client(method: &str) -> Option<&'static str> {
    Some(match method {
        "CreateSender" => "ServiceBusSender",
        "CreateReceiver" => "ServiceBusReceiver",
        "CreateProcessor" => "ServiceBusProcessor",
        "CreateSessionProcessor" => "ServiceBusSessionProcessor",
        "GetBlobContainerClient" => "BlobContainerClient",
        "GetBlobClient" => "BlobClient",
        "GetQueueClient" => "QueueClient",
        "GetTableClient" => "TableClient",
        "GetShareClient" => "ShareClient",
        "GetFileSystemClient" => "DataLakeFileSystemClient",
        "GetContainer" => "Container",
        "GetChatClient" => "ChatClient",
        "GetEmbeddingClient" => "EmbeddingClient",
        _ => return None,
    })
}

/// The calls that take a blob container client as an Event Hubs checkpoint store:
/// `new BlobCheckpointStore(containerClient)` (JS, Python), `new EventProcessorClient(containerClient, ...)` (.NET).
pub fn takes_checkpoint_container(name: &str) -> bool {
    matches!(name, "BlobCheckpointStore" | "EventProcessorClient")
}

pub fn implied_operations(service: Service, what: &str) -> Option<Implied> {
    // Frameworks that use the client themselves, with what they do.
    let framework = |ops, why| Some(Implied { ops, why: Some(why) });
    match service {
        // MassTransit's `cfg.Host(cs)`, NServiceBus's transport, Rebus's and Wolverine's `UseAzureServiceBus(cs)`.
        Service::ServiceBus if matches!(what, "Host" | "UseAzureServiceBus") || what.ends_with("AzureServiceBusTransport") => {
            return framework(
                &["create_queue", "send_messages", "receive_messages"],
                "the framework creates its queues, topics and subscriptions at start-up, then sends and receives \
                 (with the topology created beforehand, Data Sender and Data Receiver suffice)",
            );
        }
        Service::ServiceBus if what == "ServiceBusMqServer" => {
            return framework(
                &["create_queue", "send_messages", "receive_messages"],
                "ServiceStack's MQ server creates its queues, then sends and receives",
            );
        }
        // Python's `BlobCheckpointStore.from_connection_string(cs, container_name)`.
        Service::StorageBlob if what.starts_with("BlobCheckpointStore") => {
            return framework(&["checkpoint_store"], CHECKPOINT_STORE_WHY);
        }
        Service::StorageBlob if what == "AzureBlobVirtualFiles" => {
            return framework(&["upload_blob", "download_blob"], "ServiceStack's virtual file system reads and writes its files");
        }
        Service::StorageBlob if what == "azureBlobStorageAdapter" => {
            return framework(&["upload_blob", "delete_blob"], "Payload CMS's storage adapter uploads and deletes the media files");
        }
        Service::StorageBlob | Service::StorageTable if matches!(what, "AzureBlobStorage" | "AzureTableStorage") => {
            let ops: &'static [&'static str] = if service == Service::StorageBlob { &["upload_blob"] } else { &["upsert_entity"] };
            return framework(ops, "a Serilog sink writes its log blobs or rows itself");
        }
        // A framework's own integration keeps its data in the account (Akka.Persistence.Azure's
        // `WithAzureTableJournal(cs)` and `WithAzureBlobsSnapshotStore(cs)`): it reads and writes.
        Service::StorageBlob | Service::StorageTable | Service::StorageQueue
            if !is_catalogued_call(what) && framework_integration(what).is_some() =>
        {
            let ops: &'static [&'static str] = match service {
                Service::StorageBlob => &["upload_blob", "download_blob"],
                Service::StorageTable => &["upsert_entity", "query_entities"],
                _ => &["send_message", "receive_messages"],
            };
            return framework(ops, "a framework keeps its own data in the account: it reads and writes it");
        }
        // DbUp: `DeployChanges.To.SqlDatabase(cs)` applies the migration scripts.
        Service::Sql | Service::Postgresql | Service::Mysql
            if ["SqlDatabase", "PostgresqlDatabase", "MySqlDatabase"].iter().any(|d| what.ends_with(d)) =>
        {
            return framework(&["migrate", "select", "insert"], "DbUp applies the migration scripts (schema changes and data)");
        }
        // FluentMigrator's runner: `rb.AddSqlServer2016().WithGlobalConnectionString(cs)`.
        Service::Sql | Service::Postgresql | Service::Mysql if what.ends_with("WithGlobalConnectionString") => {
            return framework(
                &["migrate", "select", "insert"],
                "FluentMigrator applies the migrations at start-up (run them from a pipeline identity to drop db_ddladmin)",
            );
        }
        // Kernel Memory creates its index, queues and container itself and writes and deletes what it ingests.
        _ if kernel_memory_service(what).is_some() => {
            return match service {
                Service::AiSearch => {
                    framework(&["create_index", "upload_documents", "search"], "Kernel Memory creates the index, writes and searches it")
                }
                Service::StorageBlob => framework(
                    &["create_container", "upload_blob", "download_blob", "delete_blob"],
                    "Kernel Memory stores and deletes the documents it ingests",
                ),
                Service::StorageQueue => framework(
                    &["create_queue", "send_message", "receive_messages", "delete_message"],
                    "Kernel Memory creates its queues and runs the ingestion pipeline on them",
                ),
                Service::AiServices => framework(&["begin_analyze_document"], "Kernel Memory extracts the text of scanned documents"),
                _ => framework(&["create"], "Kernel Memory generates text and embeddings"),
            };
        }
        _ => {}
    }
    let ops: &'static [&'static str] = match service {
        Service::EventHubs if what.contains("Producer") => &["send_batch"],
        Service::EventHubs if what.contains("Consumer") || what.contains("Processor") => &["receive"],
        Service::EventGrid if what.contains("Publisher") || what.contains("Sender") => &["send"],
        Service::Openai => &["create"],
        Service::WebPubsub => &["send_to_all"],
        Service::Redis => &["get", "set"],
        // An app reads its configuration store; writing settings is an operator's job.
        Service::AppConfiguration if what.contains("ConfigurationClient") => &["get_configuration_setting"],
        Service::KeyVault if what.contains("SecretClient") || what.contains("AddAzureKeyVault") => &["get_secret"],
        // Cosmos DB for MongoDB has no data-plane roles of the NoSQL API.
        Service::CosmosDb if !what.to_ascii_lowercase().contains("mongo") && !what.contains("Motor") => &["upsert_item"],
        Service::Sql | Service::Postgresql | Service::Mysql => &["select", "insert"],
        Service::AiServices if ["TextAnalytics", "ConversationAnalysis", "QuestionAnswering"].iter().any(|c| what.contains(c)) => {
            &["analyze_sentiment"]
        }
        // A Speech SDK config serves only recognizers, synthesizers and translators.
        Service::AiServices if what.starts_with("SpeechConfig") || what.starts_with("SpeechTranslationConfig") => &["recognize_once"],
        // (Haystack's `AzureOCRDocumentConverter` analyzes documents too; a REST call with the key header,
        // Translator or Vision, is a Cognitive Services User call.)
        Service::AiServices
            if what.contains("Client")
                || what.contains("Credential")
                || what.ends_with("Converter")
                || what == "subscription key header" =>
        {
            &["analyze"]
        }
        _ => return None,
    };
    Some(Implied { ops, why: None })
}

/// Operations a client's type or the framework that uses it implies, and why when a framework says so.
/// NServiceBus SQL persistence (`persistence.ConnectionBuilder(() => new SqlConnection(cs))`): the
/// endpoint reads and writes its saga, outbox and subscription tables; with `EnableInstallers()` it
/// creates them at start-up.
pub fn nservicebus_sql_persistence(installers: bool) -> Implied {
    if installers {
        Implied {
            ops: &["select", "insert", "migrate"],
            why: Some(
                "NServiceBus SQL persistence keeps sagas, outbox and subscriptions in tables that EnableInstallers() creates at start-up (run the installers from a deployment identity to drop db_ddladmin)",
            ),
        }
    } else {
        Implied {
            ops: &["select", "insert"],
            why: Some("NServiceBus SQL persistence reads and writes its saga, outbox and subscription tables"),
        }
    }
}

pub struct Implied {
    pub ops: &'static [&'static str],
    pub why: Option<&'static str>,
}

/// AspNetCore.HealthChecks registrations for Azure services (`AddHealthChecks().AddAzureBlobStorage(cs)`).
pub fn is_health_check(name: &str) -> bool {
    name.starts_with("AddAzure")
        && !matches!(name, "AddAzureAppConfiguration" | "AddAzureKeyVault" | "AddAzureSignalR")
        && !name.starts_with("AddAzureOpenAI")
        && registration_service(name).is_some()
}

/// A credential type that carries a secret: kind, default service, and where the secret argument is.
pub struct SecretCredential {
    pub kind: CredentialKind,
    pub service: Option<Service>,
    pub secret_index: usize,
    pub secret_keywords: &'static [&'static str],
}

pub fn secret_credential(name: &str) -> Option<SecretCredential> {
    let c = |kind, service, secret_index, secret_keywords| SecretCredential { kind, service, secret_index, secret_keywords };
    Some(match name {
        "StorageSharedKeyCredential" => c(CredentialKind::AccountKey, Some(Service::Storage), 1, &["account_key", "accountKey"]),
        "TableSharedKeyCredential" => c(CredentialKind::AccountKey, Some(Service::StorageTable), 1, &["account_key"]),
        "StorageCredentials" => c(CredentialKind::AccountKey, Some(Service::Storage), 1, &["keyValue"]),
        "AzureNamedKeyCredential" => c(CredentialKind::AccountKey, None, 1, &["key"]),
        "AzureSasCredential" | "AzureSASCredential" => c(CredentialKind::SasToken, None, 0, &["signature"]),
        "AzureKeyCredential" => c(CredentialKind::ApiKey, None, 0, &["key"]),
        "ApiKeyCredential" => c(CredentialKind::ApiKey, Some(Service::Openai), 0, &["key"]),
        // Preview SDKs named their own key credential (`TextAnalyticsApiKeyCredential`,
        // `SearchApiKeyCredential`): the client it is passed to says which service.
        n if n.ends_with("ApiKeyCredential") && n.len() > "ApiKeyCredential".len() => {
            // ... or, when the client is not in view, the credential's own name.
            let service = match n {
                "SearchApiKeyCredential" => Some(Service::AiSearch),
                "TextAnalyticsApiKeyCredential" | "FormRecognizerApiKeyCredential" => Some(Service::AiServices),
                _ => None,
            };
            c(CredentialKind::ApiKey, service, 0, &["key", "api_key"])
        }
        "SearchCredentials" => c(CredentialKind::ApiKey, Some(Service::AiSearch), 0, &[]),
        "ApiKeyServiceClientCredentials" | "CognitiveServicesCredentials" => c(CredentialKind::ApiKey, Some(Service::AiServices), 0, &[]),
        "ClientSecretCredential" => c(CredentialKind::ClientSecret, Some(Service::EntraId), 2, &["client_secret", "clientSecret"]),
        "UsernamePasswordCredential" => c(CredentialKind::Password, Some(Service::EntraId), 3, &["password"]),
        "ServicePrincipalCredentials" => c(CredentialKind::ClientSecret, Some(Service::EntraId), 1, &["secret"]),
        "ClientCredential" => c(CredentialKind::ClientSecret, Some(Service::EntraId), 1, &[]),
        "WithClientSecret" => c(CredentialKind::ClientSecret, Some(Service::EntraId), 0, &[]),
        "CreateSharedAccessSignatureTokenProvider" => c(CredentialKind::ConnectionString, Some(Service::ServiceBus), 1, &[]),
        "loginWithServicePrincipalSecret" | "loginWithServicePrincipalSecretWithAuthResponse" => {
            c(CredentialKind::ClientSecret, Some(Service::EntraId), 1, &[])
        }
        _ => return None,
    })
}

/// Credential types and helpers that carry no secret.
pub fn is_passwordless_credential(name: &str) -> bool {
    matches!(
        name,
        "DefaultAzureCredential"
            | "ManagedIdentityCredential"
            | "WorkloadIdentityCredential"
            | "AzureCliCredential"
            | "AzureDeveloperCliCredential"
            | "AzurePowerShellCredential"
            | "VisualStudioCredential"
            | "VisualStudioCodeCredential"
            | "InteractiveBrowserCredential"
            | "ChainedTokenCredential"
            | "EnvironmentCredential"
            | "DeviceCodeCredential"
            | "SharedTokenCacheCredential"
            | "ClientAssertionCredential"
            | "ClientCertificateCredential"
            | "CertificateCredential"
            | "AzurePipelinesCredential"
            | "get_bearer_token_provider"
            | "getBearerTokenProvider"
            | "DefaultAzureCredentialBuilder"
            | "ManagedIdentityCredentialBuilder"
            | "TokenCredential"
    )
}

/// Database and cache drivers: callee → service.
pub fn driver_service(callee: &str, name: &str, is_new: bool, imports: &str) -> Option<Service> {
    let lower = callee.to_ascii_lowercase();
    let by_callee = match lower.as_str() {
        "pyodbc.connect"
        | "pymssql.connect"
        | "mssql_python.connect"
        | "sql.connect"
        | "mssql.connect"
        | "sql.connectionpool"
        | "mssql.connectionpool"
        | "aioodbc.connect"
        | "aioodbc.create_pool" => Some(Service::Sql),
        "psycopg2.connect"
        | "psycopg.connect"
        | "psycopg.asyncconnection.connect"
        | "psycopg.connection.connect"
        | "asyncpg.connect"
        | "asyncpg.create_pool"
        | "psycopg2.pool.simpleconnectionpool"
        | "psycopg2.pool.threadedconnectionpool"
        | "psycopg_pool.connectionpool"
        | "pool.simpleconnectionpool"
        | "pool.threadedconnectionpool"
        | "aiopg.connect"
        | "aiopg.create_pool" => Some(Service::Postgresql),
        "mysql.connector.connect"
        | "pymysql.connect"
        | "mysqldb.connect"
        | "aiomysql.connect"
        | "aiomysql.create_pool"
        | "mysql.createconnection"
        | "mysql.createpool"
        | "mysql2.createconnection"
        | "mysql2.createpool"
        | "mysql.connector.pooling.mysqlconnectionpool" => Some(Service::Mysql),
        "redis.redis"
        | "redis.strictredis"
        | "redis.from_url"
        | "redis.redis.from_url"
        | "redis.asyncio.redis"
        | "redis.asyncio.from_url"
        | "aioredis.from_url"
        | "redis.rediscluster"
        | "rediscluster"
        | "connectionmultiplexer.connect"
        | "connectionmultiplexer.connectasync" => Some(Service::Redis),
        _ => None,
    };
    if by_callee.is_some() {
        return by_callee;
    }
    let has = |m: &str| imports.contains(m);
    match name {
        // A builder only holds the string: the connection that uses it is the auth site.
        "SqlConnection" | "UseSqlServer" | "UseAzureSql" => Some(Service::Sql),
        // `services.AddNpgsqlDataSource(cs)` (Npgsql.DependencyInjection, MySqlConnector's) takes the
        // connection string itself; Aspire's method of the same name, a connection name (code.rs).
        "NpgsqlConnection" | "NpgsqlDataSourceBuilder" | "UseNpgsql" | "AddNpgsqlDataSource" | "AddMultiHostNpgsqlDataSource" => {
            Some(Service::Postgresql)
        }
        "Create" if lower.contains("npgsqldatasource") => Some(Service::Postgresql),
        "MySqlConnection" | "UseMySql" | "UseMySQL" | "AddMySqlDataSource" => Some(Service::Mysql),
        "Redis" | "StrictRedis" if has("redis") => Some(Service::Redis),
        "from_url" if lower.contains("redis") => Some(Service::Redis),
        // node-redis: `redis.createClient`, or a `createClient` imported from it. Without such an
        // import, only a file that uses no Azure SDK (whose clients have factories of that name).
        "createClient" if lower == "redis.createclient" || imports_name_from(imports, "createClient", &["redis", "@redis/client"]) => {
            Some(Service::Redis)
        }
        "createClient" if has("redis") && !has("@azure") => Some(Service::Redis),
        // ioredis's default export, under the names its users give it (`import IORedis from "ioredis"`, as BullMQ's docs do).
        "Redis" | "Cluster" | "IORedis" | "IoRedis" | "Ioredis" if is_new && has("ioredis") => Some(Service::Redis),
        "Pool" | "Client" if is_new && (has("'pg'") || has("\"pg\"")) => Some(Service::Postgresql),
        "ConnectionPool" | "AsyncConnectionPool" | "NullConnectionPool" if has("psycopg_pool") => Some(Service::Postgresql),
        "ConnectionPool" if is_new && has("mssql") => Some(Service::Sql),
        "Connection" if is_new && has("tedious") => Some(Service::Sql),
        "createConnection" | "createPool" if has("mysql") => Some(Service::Mysql),
        "connect" if (has("'pg'") || has("\"pg\"")) && lower == "connect" => None,
        "create_engine" | "create_async_engine" => Some(Service::Unknown),
        // SQLAlchemy `URL.create("mssql+pyodbc", password=...)`: the dialect names the service.
        "create" if lower == "url.create" || lower == "sqlalchemy.url.create" => Some(Service::Unknown),
        // Celery's broker and result backend: `Celery("app", broker="rediss://:<key>@host:6380/0")`.
        "Celery" if has("celery") => Some(Service::Unknown),
        // Flask-Caching's `Cache(config={"CACHE_REDIS_URL": ...})`, Flask-Limiter's `storage_uri=`.
        "Cache" if has("flask_caching") => Some(Service::Unknown),
        "Limiter" if has("flask_limiter") => Some(Service::Unknown),
        // Tortoise ORM: `Tortoise.init(db_url=..., modules=...)`, `register_tortoise(app, config=TORTOISE_ORM)`
        // (the URL's scheme, or the connection's host, names the database).
        "init" if lower == "tortoise.init" => Some(Service::Unknown),
        "register_tortoise" | "RegisterTortoise" if has("tortoise") => Some(Service::Unknown),
        // MikroORM: `MikroORM.init({ clientUrl, password })`, `defineConfig({...})`,
        // `MikroOrmModule.forRoot({...})`: the driver package imported names the database.
        "init" | "defineConfig" | "forRoot" | "forRootAsync"
            if lower.starts_with("mikroorm") || name == "defineConfig" && has("@mikro-orm/") =>
        {
            mikro_orm_service(imports)
        }
        // Payload CMS's Postgres adapter: `postgresAdapter({ pool: { connectionString } })`.
        "postgresAdapter" if has("db-postgres") => Some(Service::Postgresql),
        // Peewee: `MySQLDatabase("db", host=..., user=..., password=...)`.
        "MySQLDatabase" | "PooledMySQLDatabase" if has("peewee") => Some(Service::Mysql),
        "PostgresqlDatabase" | "PooledPostgresqlDatabase" if has("peewee") => Some(Service::Postgresql),
        // Huey's Redis-backed queues: `RedisHuey("app", url="rediss://:<key>@host:6380/0")`.
        "RedisHuey" | "PriorityRedisHuey" | "RedisExpireHuey" if has("huey") => Some(Service::Redis),
        "Sequelize" if is_new => Some(Service::Unknown),
        // Knex: `knex({ client: 'pg', connection: { host, user, password } })`.
        "knex" | "Knex" if has("knex") => Some(Service::Unknown),
        // MongoDB drivers on Cosmos DB for MongoDB (the URI's host decides): Mongoose, pymongo, motor,
        // the Node.js driver.
        "connect" | "createConnection" if has("mongoose") => Some(Service::Unknown),
        "MongoClient" | "AsyncIOMotorClient" if has("mongo") || has("motor") => Some(Service::Unknown),
        // TypeORM: `TypeOrmModule.forRoot({ type: 'mssql', password })`, `new DataSource({ type, ... })`.
        "forRoot" | "forRootAsync" if callee.contains("TypeOrmModule") => Some(Service::Unknown),
        // postgres.js (`postgres(url, { ssl })`) and pg-boss (`new PgBoss({ connectionString })`).
        "postgres" if has("'postgres'") || has("\"postgres\"") => Some(Service::Postgresql),
        "PgBoss" if is_new && has("pg-boss") => Some(Service::Postgresql),
        // FluentNHibernate's `MsSqlConfiguration.MsSql2012.ConnectionString(cs)` and FluentMigrator's
        // `rb.AddSqlServer2016().WithGlobalConnectionString(cs)`: the database is in the chain.
        "ConnectionString" | "WithGlobalConnectionString" => {
            let db = lower.rsplit_once('.').map_or("", |(chain, _)| chain);
            if db.contains("mssqlconfiguration") || db.contains("addsqlserver") {
                Some(Service::Sql)
            } else if db.contains("postgresqlconfiguration") || db.contains("addpostgres") {
                Some(Service::Postgresql)
            } else if db.contains("mysqlconfiguration") || db.contains("addmysql") {
                Some(Service::Mysql)
            } else {
                None
            }
        }
        // taskiq-redis brokers, result backends and schedule sources: `ListQueueBroker(url=...)`.
        "ListQueueBroker"
        | "PubSubBroker"
        | "RedisStreamBroker"
        | "RedisAsyncResultBackend"
        | "RedisScheduleSource"
        | "ListRedisScheduleSource"
            if has("taskiq_redis") =>
        {
            Some(Service::Redis)
        }
        "DataSource" | "createConnection" if is_new && has("typeorm") || name == "createConnection" && has("typeorm") => {
            Some(Service::Unknown)
        }
        // Litestar's Redis store: `RedisStore.with_client(url="rediss://:<key>@host:6380/0")`.
        "with_client" if callee.contains("RedisStore") => Some(Service::Redis),
        // Dramatiq's Redis broker: `RedisBroker(url="rediss://:<key>@host:6380/0")`.
        "RedisBroker" if has("dramatiq") => Some(Service::Redis),
        // arq's worker and pool settings: `RedisSettings(host=..., password=..., ssl=True)`, `RedisSettings.from_dsn(url)`.
        "RedisSettings" if has("arq") => Some(Service::Redis),
        // dlt's SQL source: `sql_database(credentials="mssql+pyodbc://user:pw@host/db")`.
        "sql_database" | "sql_table" if has("dlt") => Some(Service::Unknown),
        "from_dsn" if callee.contains("RedisSettings") => Some(Service::Redis),
        // Hangfire's SQL Server storage: `UseSqlServerStorage(connectionString, options)`.
        // ServiceStack: OrmLite's connection factory (the dialect or the string names the database) and
        // ServiceStack.Redis's client managers.
        "OrmLiteConnectionFactory" => Some(Service::Unknown),
        "RedisManagerPool" | "PooledRedisClientManager" | "BasicRedisClientManager" if has("ServiceStack") => Some(Service::Redis),
        "UseSqlServerStorage" => Some(Service::Sql),
        "UsePostgreSqlStorage" => Some(Service::Postgresql),
        // DbUp migrations: `DeployChanges.To.SqlDatabase(connectionString)`, `EnsureDatabase.For.SqlDatabase(...)`.
        "SqlDatabase" if has("DbUp") => Some(Service::Sql),
        "PostgresqlDatabase" if has("DbUp") => Some(Service::Postgresql),
        "MySqlDatabase" if has("DbUp") => Some(Service::Mysql),
        _ => None,
    }
}

/// The database an ADO.NET connection-string builder is for: `new NpgsqlConnectionStringBuilder(cs)
/// { Password = ... }`.
pub fn connection_builder_service(name: &str) -> Option<Service> {
    match name {
        "SqlConnectionStringBuilder" => Some(Service::Sql),
        "NpgsqlConnectionStringBuilder" => Some(Service::Postgresql),
        "MySqlConnectionStringBuilder" => Some(Service::Mysql),
        _ => None,
    }
}

/// MikroORM's database, from the driver package the file imports (`@mikro-orm/postgresql`).
fn mikro_orm_service(imports: &str) -> Option<Service> {
    Some(if imports.contains("@mikro-orm/postgresql") {
        Service::Postgresql
    } else if imports.contains("@mikro-orm/mysql") || imports.contains("@mikro-orm/mariadb") {
        Service::Mysql
    } else if imports.contains("@mikro-orm/mssql") {
        Service::Sql
    } else {
        Service::Unknown
    })
}

/// Integrations given an options object whose `connectionString` the service's SDK opens: the call,
/// the service, and the position of the options argument. Web PubSub for Socket.IO's
/// `useAzureSocketIO(io, { hub, connectionString })`, Payload CMS's `azureBlobStorageAdapter({ connectionString })`.
pub const OPTIONS_CONNECTION_STRING: &[(&str, Service, usize)] =
    &[("useAzureSocketIO", Service::WebPubsub, 1), ("azureBlobStorageAdapter", Service::StorageBlob, 0)];

/// EF Core's `UseCosmos(accountEndpoint, accountKey, databaseName)` (the database name perhaps named,
/// the key perhaps `accountKey:`): the key argument. `None` for `UseCosmos(connectionString,
/// databaseName)`.
pub fn ef_cosmos_key_argument<'t>(call: &crate::lang::CallInfo<'t>) -> Option<tree_sitter::Node<'t>> {
    let positional: Vec<tree_sitter::Node<'t>> = call.positional().collect();
    call.keyword(&["accountKey", "tokenCredential"])
        .or_else(|| (positional.len() >= 3 || positional.len() == 2 && call.keyword(&["databaseName"]).is_some()).then(|| positional[1]))
}

/// .NET Aspire client integrations: `builder.AddAzureServiceBusClient("messaging")` reads
/// `ConnectionStrings:messaging` and registers the client for injection. The service and the type
/// consumers receive.
pub fn aspire_client_integration(name: &str) -> Option<(Service, &'static str)> {
    ASPIRE_CLIENT_INTEGRATIONS.iter().find(|(n, _, _)| *n == name).map(|(_, s, t)| (*s, *t))
}

/// [`aspire_client_integration`]'s table: method, service, the type consumers receive.
pub const ASPIRE_CLIENT_INTEGRATIONS: &[(&str, Service, &str)] = &[
    ("AddNpgsqlDataSource", Service::Postgresql, "NpgsqlDataSource"),
    ("AddNpgsqlDbContext", Service::Postgresql, "NpgsqlDataSource"),
    ("AddSqlServerClient", Service::Sql, "SqlConnection"),
    ("AddSqlServerDbContext", Service::Sql, "SqlConnection"),
    ("AddMySqlDataSource", Service::Mysql, "MySqlDataSource"),
    ("AddMySqlDbContext", Service::Mysql, "MySqlDataSource"),
    ("AddRedisClient", Service::Redis, "IConnectionMultiplexer"),
    ("AddRedisDistributedCache", Service::Redis, "IConnectionMultiplexer"),
    ("AddRedisOutputCache", Service::Redis, "IConnectionMultiplexer"),
    ("AddAzureServiceBusClient", Service::ServiceBus, "ServiceBusClient"),
    ("AddAzureBlobClient", Service::StorageBlob, "BlobServiceClient"),
    ("AddAzureBlobServiceClient", Service::StorageBlob, "BlobServiceClient"),
    ("AddAzureQueueClient", Service::StorageQueue, "QueueServiceClient"),
    ("AddAzureQueueServiceClient", Service::StorageQueue, "QueueServiceClient"),
    ("AddAzureTableClient", Service::StorageTable, "TableServiceClient"),
    ("AddAzureTableServiceClient", Service::StorageTable, "TableServiceClient"),
    ("AddAzureCosmosClient", Service::CosmosDb, "CosmosClient"),
    ("AddCosmosDbContext", Service::CosmosDb, "CosmosClient"),
    ("AddAzureEventHubProducerClient", Service::EventHubs, "EventHubProducerClient"),
    ("AddAzureEventHubBufferedProducerClient", Service::EventHubs, "EventHubBufferedProducerClient"),
    ("AddAzureEventHubConsumerClient", Service::EventHubs, "EventHubConsumerClient"),
    ("AddAzureEventProcessorClient", Service::EventHubs, "EventProcessorClient"),
    ("AddAzureSearchClient", Service::AiSearch, "SearchIndexClient"),
    ("AddAzureOpenAIClient", Service::Openai, "AzureOpenAIClient"),
    ("AddAzureWebPubSubServiceClient", Service::WebPubsub, "WebPubSubServiceClient"),
];

/// Registrations that read a connection string from a fixed configuration key, with none in the code:
/// Umbraco's Azure Blob media file system and ImageSharp cache.
pub fn implicit_config_registration(name: &str) -> Option<(&'static str, Service)> {
    Some(match name {
        "AddAzureBlobMediaFileSystem" => ("Umbraco:Storage:AzureBlob:Media:ConnectionString", Service::StorageBlob),
        "AddAzureBlobImageSharpCache" => ("Umbraco:Storage:AzureBlob:Cache:ConnectionString", Service::StorageBlob),
        _ => return None,
    })
}

/// Python storage helpers that sign a SAS with the account key (`account_key=`), and the service of
/// the SAS. `generate_table_sas` takes an `AzureNamedKeyCredential`, which is found on its own.
pub fn key_signed_sas_service(name: &str, imports: &str) -> Option<Service> {
    Some(match name {
        "generate_blob_sas" | "generate_container_sas" => Service::StorageBlob,
        "generate_file_system_sas" | "generate_directory_sas" => Service::StorageDatalake,
        "generate_file_sas" if imports.contains("filedatalake") => Service::StorageDatalake,
        "generate_share_sas" | "generate_file_sas" => Service::StorageFile,
        "generate_queue_sas" => Service::StorageQueue,
        "generate_account_sas" => Service::Storage,
        _ => return None,
    })
}

/// Does an import line bind `name` from one of `modules`? (`import { createClient } from "redis"`,
/// `{ createClient } = require('redis')`.)
fn imports_name_from(imports: &str, name: &str, modules: &[&str]) -> bool {
    imports.lines().any(|line| {
        line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).any(|w| w == name)
            && modules.iter().any(|m| [format!("'{m}'"), format!("\"{m}\"")].iter().any(|q| line.contains(q.as_str())))
    })
}

/// Static factories whose receiver is the client class (`BlobServiceClient.from_connection_string`).
pub fn is_factory(name: &str) -> bool {
    let n: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    matches!(
        n.as_str(),
        "fromconnectionstring"
            | "createfromconnectionstring"
            | "parse"
            | "tryparse"
            | "frombloburl"
            | "fromcontainerurl"
            | "fromqueueurl"
            | "fromtableurl"
            | "fromshareurl"
            | "fromfileurl"
            | "fromsubscription"
    )
}

/// Can a call with this name be an auth site? (A cheap filter before building the call's shape.)
pub fn is_candidate_call(name: &str) -> bool {
    is_catalogued_call(name) || framework_integration(name).is_some()
}

/// A framework's own integration for a service, known only by its name: `PersistMessagesWithSqlServer(cs)`
/// (Wolverine), `UseRedis(cs)`, `RedisProducerRegistryFactory(config, ...)` (Brighter). The service the
/// name says; the analysis asks more of its arguments than of a catalogued call's (a connection string
/// that holds a secret), since the name alone proves nothing.
pub fn framework_integration(name: &str) -> Option<Service> {
    let n = name.to_ascii_lowercase().replace('_', "");
    // The app's own helpers get, build or log a string; the client they open is the auth site.
    const HELPER_VERBS: &[&str] = &[
        "get", "build", "create", "make", "new", "parse", "read", "load", "log", "print", "validate", "check", "mask", "redact", "format",
        "is", "has", "set", "to", "try", "ensure", "test", "from",
    ];
    // Builders and options only hold the string (`ServiceBusConnectionStringBuilder(cs)`).
    const HOLDERS: &[&str] = &["builder", "connectionstring", "configuration", "options", "settings", "config"];
    if HELPER_VERBS.iter().any(|v| n.starts_with(v)) || HOLDERS.iter().any(|h| n.ends_with(h)) {
        return None;
    }
    const TOKENS: &[(&[&str], Service)] = &[
        (&["sqlserver", "azuresql", "mssql"], Service::Sql),
        // Marten is a document store on PostgreSQL only.
        (&["postgres", "npgsql", "pgsql", "marten"], Service::Postgresql),
        (&["mysql", "mariadb"], Service::Mysql),
        (&["redis"], Service::Redis),
        (&["servicebus"], Service::ServiceBus),
        (&["eventhub"], Service::EventHubs),
        (&["cosmos"], Service::CosmosDb),
        // ABP's `AbpBlobStoringOptions`.
        (&["azureblob", "blobstorage", "blobstoring"], Service::StorageBlob),
        (&["azurequeue", "queuestorage"], Service::StorageQueue),
        (&["azuretable", "tablestorage"], Service::StorageTable),
    ];
    TOKENS.iter().find(|(words, _)| words.iter().any(|w| n.contains(w))).map(|(_, s)| *s)
}

/// Microsoft Kernel Memory's builder methods for Azure services, each given the adapter's config
/// object (`AzureOpenAIConfig`, `AzureBlobsConfig`...), whose `Auth` says how it signs in.
pub fn kernel_memory_service(name: &str) -> Option<Service> {
    Some(match name {
        "WithAzureOpenAITextGeneration" | "WithAzureOpenAITextEmbeddingGeneration" => Service::Openai,
        "WithAzureAISearchMemoryDb" => Service::AiSearch,
        "WithAzureBlobsDocumentStorage" => Service::StorageBlob,
        "WithAzureQueuesOrchestration" => Service::StorageQueue,
        "WithAzureAIDocIntel" | "WithAzureAIContentSafetyModeration" => Service::AiServices,
        _ => return None,
    })
}

/// Calls the catalog names: client constructors, factories, registrations, drivers and credentials.
pub fn is_catalogued_call(name: &str) -> bool {
    if name == "new"
        || kernel_memory_service(name).is_some()
        || client_service(name, "AppConfiguration servicebus").is_some()
        || secret_credential(name).is_some()
        || registration_service(name).is_some()
        || aspire_client_integration(name).is_some()
        || super::functions::is_binding_name(name)
    {
        return true;
    }
    // An Entity Framework 6 context given its connection string: `new DealerContext(cs)`.
    if is_factory(name) || name.ends_with("Context") {
        return true;
    }
    let n: String = name.chars().filter(|c| *c != '_').collect::<String>().to_ascii_lowercase();
    matches!(
        n.as_str(),
        "fromdirectoryurl"
            | "fromsubscription"
            | "connect"
            | "connectasync"
            | "redis"
            | "ioredis"
            | "strictredis"
            | "rediscluster"
            | "cluster"
            | "fromurl"
            | "sqlconnection"
            | "npgsqlconnection"
            | "npgsqldatasourcebuilder"
            | "create"
            | "mysqlconnection"
            | "usesqlserver"
            | "useazuresql"
            | "usenpgsql"
            | "usemysql"
            | "configurationbotframeworkauthentication"
            | "cosmosdbpartitionedstorage"
            | "redisbroker"
            | "redissettings"
            | "sqltable"
            | "fromdsn"
            | "withclient"
            | "createazure"
            | "addazureblobmediafilesystem"
            | "addazureblobimagesharpcache"
            | "mongoclient"
            | "asynciomotorclient"
            | "forroot"
            | "forrootasync"
            | "connectionstring"
            | "withglobalconnectionstring"
            | "postgres"
            | "pgboss"
            | "listqueuebroker"
            | "pubsubbroker"
            | "redisstreambroker"
            | "redisasyncresultbackend"
            | "redisschedulesource"
            | "listredisschedulesource"
            | "datasource"
            | "azureprovider"
            // LoopBack 4: a `juggler.DataSource` subclass's `super(dsConfig)`.
            | "super"
            | "prismaclient"
            // Serilog's Azure Storage sinks: `.WriteTo.AzureBlobStorage(connectionString: ...)`.
            | "azureblobstorage"
            | "azuretablestorage"
            | "usesqlserverstorage"
            | "usepostgresqlstorage"
            | "sqldatabase"
            | "postgresqldatabase"
            | "mysqldatabase"
            // MassTransit `cfg.Host(cs)` in `UsingAzureServiceBus`, NServiceBus `new AzureServiceBusTransport(cs)`.
            | "host"
            | "azureservicebustransport"
            | "createclient"
            | "pool"
            | "client"
            | "ormliteconnectionfactory"
            | "redismanagerpool"
            | "pooledredisclientmanager"
            | "basicredisclientmanager"
            | "connectionpool"
            | "asyncconnectionpool"
            | "nullconnectionpool"
            | "connection"
            | "createconnection"
            | "createpool"
            | "createengine"
            | "createasyncengine"
            | "sequelize"
            | "knex"
            | "enginefromconfig"
            | "asyncenginefromconfig"
            | "celery"
            // Flask-Caching's `Cache`, Flask-Limiter's `Limiter`.
            | "cache"
            | "limiter"
            | "redishuey"
            // Tortoise ORM and MikroORM (`Tortoise.init`, `MikroORM.init`: the receiver decides).
            | "init"
            | "registertortoise"
            | "defineconfig"
            | "pooledmysqldatabase"
            | "pooledpostgresqldatabase"
            | "priorityredishuey"
            | "redisexpirehuey"
            | "useazuresocketio"
            | "azureblobstorageadapter"
            | "postgresadapter"
            | "simpleconnectionpool"
            | "threadedconnectionpool"
            | "createblobservice"
            | "createqueueservice"
            | "createtableservice"
            | "createfileservice"
            | "createservicebusservice"
            | "createblobservicewithsas"
            | "createqueueservicewithsas"
            | "createtableservicewithsas"
            | "createfileservicewithsas"
            | "azureservicetokenprovider"
            | "confidentialclientapplication"
            | "openai"
            | "asyncopenai"
            | "generateblobsas"
            | "generatecontainersas"
            | "generatefilesystemsas"
            | "generatedirectorysas"
            | "generatefilesas"
            | "generatesharesas"
            | "generatequeuesas"
            | "generateaccountsas"
            | "load"
            | "uri"
    ) || name.ends_with("Client") && (name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) || name.starts_with("create"))
}

/// Which storage sub-service a connection string serves for a client class (for endpoint fixes).
pub fn storage_sub(service: Service) -> Option<&'static str> {
    Some(match service {
        Service::StorageBlob => "blob",
        Service::StorageQueue => "queue",
        Service::StorageTable => "table",
        Service::StorageFile => "file",
        Service::StorageDatalake => "dfs",
        _ => return None,
    })
}
