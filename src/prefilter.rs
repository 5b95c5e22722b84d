//! Prefilter: one Aho-Corasick automaton of trigger words per file kind. A file with no trigger is
//! never parsed — this is what lets the scan run near I/O speed (design.md, "prefilter").
//!
//! Triggers are deliberately about secrets and secret-based APIs, not about Azure in general: a file
//! that builds a client with `DefaultAzureCredential` and mentions no key, secret, password or
//! connection string has nothing to report.

use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Which trigger set applies to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerSet {
    Code,
    Config,
    Text,
}

/// Trigger words for code (matched ASCII case-insensitively).
pub const CODE_TRIGGERS: &[&str] = &[
    "accountkey",
    "account_key",
    "sharedaccesskey",
    "accesskey",
    "access_key",
    "sig=",
    "connectionstring",
    "connection_string",
    "connstr",
    "conn_str",
    "password",
    "passwd",
    "pwd",
    "secret",
    "apikey",
    "api_key",
    "api-key",
    "keycredential",
    "sascredential",
    "sharedkeycredential",
    "storagecredentials",
    "cloudstorageaccount",
    "blockblobservice",
    "createblobservice",
    "createqueueservice",
    "createtableservice",
    "createfileservice",
    "createservicebusservice",
    "documentclient",
    "subscription_key",
    "subscriptionkey",
    "fromsubscription",
    "subscription=",
    "masterkey",
    "master_key",
    "primarykey",
    "primary_key",
    "authkey",
    "auth_key",
    "q~",
    "azureopenai",
    "azurechatopenai",
    "rediss://",
    // Settings holding a URL with the password in it (`redis.from_url(os.environ["REDIS_URL"])`).
    "redis_url",
    "redisurl",
    "database_url",
    "databaseurl",
    "postgres_url",
    "mysql_url",
    // Cosmos DB for MongoDB URLs carry the account key (`mongoose.connect(process.env.MONGODB_URI)`).
    "mongo_url",
    "mongo_uri",
    "mongodb_url",
    "mongodb_uri",
    "mongourl",
    "mongouri",
    "mongodburl",
    "mongodburi",
    "servicetokenprovider",
    "clientcredential",
    "_key",
    "key=",
    "sastoken",
    "sas_token",
    "search_key",
    "cosmos_key",
    "cosmoskey",
    "storage_key",
    "storagekey",
    "speechconfig",
    "conninfo",
    "dsn",
    // A base64 key literal ends with padding right before its closing quote.
    "==\"",
    "=='",
    "==`",
    // Settings that hold connection strings without saying "ConnectionString".
    "connection\"",
    "connection'",
    "connection)",
    "connection,",
    "connection;",
    "connection]",
    "connection_str",
    "conn\"",
    "conn'",
    "conn)",
    "from_container_url",
    "from_blob_url",
    // A key handed in as a parameter: `CosmosClient(endpoint, credential=key)`.
    "credential=key",
    "appconfiguration",
    // Settings read by a name ending in "Key": `configuration["Cosmos:Key"]`, `getenv("SEARCH_KEY")`.
    "key\"]",
    "key']",
    "key\")",
    "key')",
];

/// Trigger words for config files (appsettings, local.settings, .env, web.config).
pub const CONFIG_TRIGGERS: &[&str] =
    &["accountkey", "sharedaccesskey", "accesskey", "sig=", "password", "pwd", "secret", "key", "q~", "://"];

/// Trigger words for other text files: only the high-confidence shapes are looked for there.
pub const TEXT_TRIGGERS: &[&str] = &[
    "accountkey=",
    "sharedaccesskey=",
    "accesskey=",
    "sig=",
    "q~",
    "appkey=",
    "password=",
    "pwd=",
    ".database.",
    ".redis.cache.",
    ".postgres.",
    ".mysql.",
    "secret=",
    "azureservicebus://",
    "azurestoragequeues://",
];

/// A DFA: the trigger sets are small, and the prefilter runs over every byte of the tree.
fn build<S: AsRef<[u8]>>(words: &[S]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)
        .expect("trigger words compile")
}

static CODE: LazyLock<AhoCorasick> = LazyLock::new(|| build(CODE_TRIGGERS));
static CONFIG: LazyLock<AhoCorasick> = LazyLock::new(|| build(CONFIG_TRIGGERS));
static TEXT: LazyLock<AhoCorasick> = LazyLock::new(|| build(TEXT_TRIGGERS));

/// Words that only secret-based APIs use: a file holding one is always parsed.
const STRONG_CODE: &[&str] = &[
    // Call sites, not declarations or docs: a dot before the factory, a parenthesis after the credential.
    ".fromconnectionstring(",
    ".from_connection_string(",
    "createfromconnectionstring(",
    "keycredential(",
    "sascredential(",
    "sharedkeycredential(",
    "clientsecretcredential(",
    "usernamepasswordcredential(",
    "storagecredentials(",
    "searchcredentials(",
    "cloudstorageaccount.parse",
    "blockblobservice(",
    // node-redis 2/3's password option (`createClient(port, host, { auth_pass })`).
    "auth_pass",
    // azure-servicebus 0.x (Python): only a SAS key or an ACS issuer secret signs it in.
    "servicebusservice(",
    "createblobservice",
    "createqueueservice",
    "createtableservice",
    "createfileservice",
    "createservicebusservice",
    "documentclient",
    "fromsubscription",
    "speechconfig",
    "azureopenai",
    "azurechatopenai",
    "servicetokenprovider",
    "cognitiveservicescredentials(",
    // JS REST-level clients are factories called without `new`: `DocumentIntelligence(endpoint, { key })`.
    "documentintelligence(",
    "texttranslationclient(",
    "imageanalysisclient(",
    // A database URL written in code (`postgresql+psycopg2://user:pw@host/db`): the driver or engine
    // it is given signs in with the password inside.
    "postgresql://",
    "postgresql+",
    "postgres://",
    "mysql://",
    "mysql+",
    "mssql+",
    "rediss://",
    "apikeycredentials(",
    "confidentialclient",
    "clientcredential(",
    "withclientsecret",
    "serviceprincipalcredentials",
    "loginwithserviceprincipalsecret",
    "usecosmos",
    "addazureappconfiguration",
    "addazuresignalr",
    "addazurekeyvault",
    "addstackexchangerediscache",
    // StackExchange.Redis: the configuration string carries `password=` (the access key).
    "connectionmultiplexer.connect",
    // Kafka clients on Event Hubs' Kafka endpoint: SASL user name `$ConnectionString`.
    "\"$connectionstring\"",
    "'$connectionstring'",
    // Entity Framework: `: base("name=IntranetDb")`, `UseSqlServer("name=ConnectionStrings:Db")` open
    // a connection string from the config files.
    "(\"name=",
    // mssql pools given a config object or section (`new sql.ConnectionPool(config.get('sql'))`):
    // the password is in the config files, the code names none.
    "new sql.connectionpool(",
    "new mssql.connectionpool(",
    // Message-bus frameworks over Service Bus (MassTransit, NServiceBus, Rebus) and Orleans' Azure
    // Storage providers: they take the connection string themselves.
    "usingazureservicebus",
    "azureservicebustransport(",
    "useazureservicebus(",
    // Database drivers opened from a helper's value (the settings hold the password): ADO.NET and
    // the Python DB-API drivers.
    "pyodbc.connect(",
    "pymssql.connect(",
    "psycopg2.connect(",
    "psycopg.connect(",
    "pymysql.connect(",
    "mysql.connector.connect(",
    "asyncpg.connect(",
    "asyncpg.create_pool(",
    "new sqlconnection(",
    "new npgsqlconnection(",
    "new mysqlconnection(",
    // Microsoft Kernel Memory's Azure adapters, configured from a settings section.
    ".withazureopenaitext",
    ".withazureaisearchmemorydb(",
    ".withazureblobsdocumentstorage(",
    ".withazurequeuesorchestration(",
    ".withazureaidocintel(",
    // FluentNHibernate database configurations and FluentMigrator runners given a connection string.
    "mssqlconfiguration.",
    "postgresqlconfiguration.",
    "mysqlconfiguration.",
    "withglobalconnectionstring(",
    // SQLAlchemy engines built from a settings file's `sqlalchemy.url` (Pyramid, Alembic).
    "engine_from_config(",
    // ASP.NET Core Data Protection's key ring in a storage account.
    "persistkeystoazureblobstorage(",
    // Serilog's Azure Storage sinks: `.WriteTo.AzureBlobStorage(connectionString: ...)`.
    "writeto.azureblobstorage(",
    "writeto.azuretablestorage(",
    "configuretableserviceclient(",
    "configureblobserviceclient(",
    "configurequeueserviceclient(",
    // Azure Functions bindings whose connection setting may hold a key (analyze::functions): C#
    // attributes (isolated worker, then in-process), Python v2 decorators, Node.js v4 registrations.
    "trigger(\"",
    "blobinput(",
    "bloboutput(",
    "queueoutput(",
    "tableinput(",
    "tableoutput(",
    "servicebusoutput(",
    "eventhuboutput(",
    "cosmosdbinput(",
    "cosmosdboutput(",
    "eventgridoutput(",
    "[blob(",
    "[queue(",
    "[table(",
    "[servicebus(",
    "[eventhub(",
    "[cosmosdb(",
    "[eventgrid(",
    "blob_trigger(",
    "blob_input(",
    "blob_output(",
    "queue_trigger(",
    "queue_output(",
    "table_input(",
    "table_output(",
    "topic_trigger(",
    "topic_output(",
    "message_trigger(",
    "hub_output(",
    "_db_trigger",
    "_db_input",
    "_db_output",
    "grid_output(",
    // Generic bindings, whose `type` names the binding (`input.generic({ type: 'signalRConnectionInfo' })`).
    "generic_trigger(",
    "generic_input_binding(",
    "generic_output_binding(",
    "app.generic(",
    "trigger.generic(",
    "input.generic(",
    "output.generic(",
    "app.storageblob(",
    "app.storagequeue(",
    "app.servicebusqueue(",
    "app.servicebustopic(",
    "app.eventhub(",
    "app.cosmosdb(",
    "input.storageblob(",
    "input.table(",
    "input.cosmosdb(",
    "output.storageblob(",
    "output.storagequeue(",
    "output.table(",
    "output.servicebusqueue(",
    "output.servicebustopic(",
    "output.eventhub(",
    "output.cosmosdb(",
    "output.eventgrid(",
    // REST calls to Azure AI services and Event Grid with the key as a header.
    "ocp-apim-subscription-key",
    "aeg-sas-key",
    // Umbraco's Azure Blob media file system (its connection string is in appsettings).
    "addazureblobmediafilesystem(",
    "addazureblobimagesharpcache(",
    // MongoDB drivers (Cosmos DB for MongoDB when the URI's host is Cosmos), TypeORM data sources.
    "mongoose.connect(",
    "mongoose.createconnection(",
    "mongoclient(",
    // SQLAlchemy engines, whose URL may come from a function of the app's settings module
    // (`create_async_engine(database_url())`).
    "create_engine(",
    "create_async_engine(",
    // Knex's setup module (`knex(app.get('mssqlClient'))`): the file that imports it, not every query
    // (`knex('users')`).
    "from 'knex'",
    "from \"knex\"",
    "require('knex')",
    "require(\"knex\")",
    "typeormmodule.forroot(",
    "new datasource(",
    // adlfs's file system given an account key or SAS read from the app's config module.
    "azureblobfilesystem(",
    // Tortoise ORM (`register_tortoise(app, config=TORTOISE_ORM)`: the settings live in another module)
    // and MikroORM's config, known by its driver package.
    "tortoise.init(",
    "register_tortoise(",
    "registertortoise(",
    "mikroorm.init(",
    "mikroormmodule.forroot",
    "@mikro-orm/postgresql'",
    "@mikro-orm/mysql'",
    "@mikro-orm/mariadb'",
    "@mikro-orm/mssql'",
    // Prisma opens the database URL of its schema (`url = env("DATABASE_URL")`).
    "new prismaclient(",
    // Spark / Databricks storage settings that carry an account key, a SAS or a client secret.
    "fs.azure.account.key.",
    "fs.azure.sas.",
    "fs.azure.account.oauth2.client.secret",
    // Celery/kombu broker URLs with the key in them.
    "azureservicebus://",
    "azurestoragequeues://",
    // Python clients built from a URL that carries a SAS (`ContainerClient.from_container_url(cfg.url)`,
    // the URL in a config file the code reads by a plain name).
    ".from_container_url(",
    ".from_blob_url(",
    ".from_queue_url(",
    ".from_table_url(",
    ".from_share_url(",
    ".from_file_url(",
    ".from_directory_url(",
    // Huey's Redis queue and Web PubSub for Socket.IO, whose URL or connection string comes from settings.
    "redishuey(",
    "useazuresocketio(",
    // Bot Framework: the app registration's password from the configuration, Cosmos DB state storage.
    "configurationbotframeworkauthentication(",
    "cosmosdbpartitionedstorage(",
];

/// Second stage for files that hold only common words (`password`, `secret`, `_key`, `connection`):
/// parse them only when they also hold a secret-shaped literal or read a setting.
const CONFIRM_CODE: &[&str] = &[
    "accountkey=",
    "sharedaccesskey=",
    "accesskey=",
    "secret=",
    "password=",
    "pwd=",
    "appkey=",
    "sig=",
    "q~",
    "==\"",
    "=='",
    "==`",
    "process.env",
    "os.environ",
    "getenv",
    "getenvironmentvariable",
    "configuration[",
    "getconnectionstring",
    // Settings read through a config library or section: node-config, nconf, IConfiguration.
    "config.get('",
    "config.get(\"",
    // python-decouple / environs / django-environ: `config("KEY", default="...")`, `env("KEY")`.
    "config('",
    "config(\"",
    "env('",
    "env(\"",
    "nconf.get(",
    "getsection(",
    "getvalue<",
    "configurationmanager.",
    // Python clients and drivers given a value from an app's config object (`CosmosClient(url,
    // credential=cfg.cosmos_key)`, `asyncpg.create_pool(dsn=cfg.pg_dsn)`).
    "credential=",
    "asyncpg.",
    "psycopg",
    "pymysql.",
    "aiomysql.",
    "pyodbc.",
    // Drivers given an options object (`new Redis({ host, password })`, `new sql.ConnectionPool(...)`).
    "new redis(",
    "new ioredis(",
    "connectionpool(",
    "new pool(",
    "new pg.",
    "new sequelize(",
    // Files importing a Node.js database driver (`new Tedious.Connection({ authentication: … })` built in
    // a factory, with the password read from a validated env module).
    "'tedious'",
    "\"tedious\"",
    "'mssql'",
    "\"mssql\"",
    "'mysql2",
    "\"mysql2",
    "'postgres'",
    "\"postgres\"",
    "'pg-boss'",
    "\"pg-boss\"",
    // Settings from a validated env module (`env.DATABASE_URL` from t3-env, envalid, zod; environs' `env.str(`).
    "env.",
    // Config schemas whose defaults are values: convict's `password: { default: '…' }`, envalid's
    // `cleanEnv(process.env, { SQL_PASSWORD: str({ devDefault: '…' }) })`.
    "convict(",
    "cleanenv(",
    // Nuxt's runtime config (`const { mysql } = useRuntimeConfig()`).
    "useruntimeconfig(",
    "appsettings[",
    // Streamlit: `st.secrets["AZURE_OPENAI_API_KEY"]`, read from `.streamlit/secrets.toml`.
    "secrets[",
    "connectionstrings[",
    "config[",
    "settings.",
    // A settings getter's result: `get_settings().database_url` (pydantic-settings, cached).
    "settings()",
    "options.value",
    // fsspec / pandas: `storage_options={"account_name": ..., "account_key": ...}`.
    "storage_options",
    // IOptionsMonitor / IOptionsSnapshot options, and connection strings assembled by a builder
    // (`new SqlConnectionStringBuilder { Password = o.Password }`).
    ".currentvalue",
    "ioptions",
    "connectionstringbuilder",
    "credential=",
    "rediss://",
    "postgres://",
    "postgresql://",
    "mysql://",
];

/// A secret-named thing given a literal: `password = "..."`, `"apiKey": "..."`, `Key=...` in a literal.
static NAMED_LITERAL: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    // Python class fields may carry a type and wrap the value: `api_key: SecretStr = SecretStr("...")`.
    regex::bytes::Regex::new(
        // ASCII classes and no counted repetition: the lazy DFA stays small (a Unicode `\w{1,40}`
        // made it give up and fall back to the PikeVM, doubling the scan's time).
        r#"(?i-u)(?:key|secret|password|passwd|pwd|token|sas)\w*["'\]]?[ \t]*(?::[ \t]*[\w.\[\] |]+=|[:=])\s*(?:\w+\()?[@$]?[rbfu]?["'`][^"'`\s]{8}"#,
    )
    .unwrap()
});

/// `new ServiceBusClient(`, `new CosmosClient(`...: a client constructed from arguments that may be a
/// connection string read from a config object (`config.eventHubs.connectionString`); and .NET
/// Aspire's `.AddAzureServiceBusClient("` ..., whose connection string is in the settings.
fn constructed_clients() -> Vec<String> {
    let aspire = crate::analyze::catalog::ASPIRE_CLIENT_INTEGRATIONS.iter().map(|(m, _, _)| format!(".{m}(\""));
    crate::analyze::catalog::CLIENT_NAMES.iter().map(|c| format!("new {c}(")).chain(aspire).collect()
}

static STRONG: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut words: Vec<String> = STRONG_CODE.iter().map(|s| s.to_string()).collect();
    words.extend(constructed_clients());
    build(&words)
});

/// Why a code file passed the prefilter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeTrigger {
    /// A secret-based call site (`.from_connection_string(`, `KeyCredential(`...).
    CallSite,
    /// A common word (`password`, `_key`...) confirmed by a literal marker, a setting read or a
    /// secret-named literal (or a call site found after that: the pass stops at the first reason).
    Confirmed,
    /// Generated code ([`is_generated`]) holding a secret's marker ([`generated_may_hold_secret`]): it
    /// gets the pattern pass, not a parse.
    Generated,
}

/// Should a code file be parsed, and why? Generated code is never parsed: it gets the pattern pass
/// when a secret's marker is in it. Elsewhere, any strong word; or a common trigger word confirmed by
/// a literal marker, a setting read or a secret-named literal. Most SDK and library sources stop here.
pub fn code_trigger(text: &[u8], doc_lines: &[&str]) -> Option<CodeTrigger> {
    if is_generated(text) {
        return generated_may_hold_secret(text).then_some(CodeTrigger::Generated);
    }
    // One pass over the file for all three word lists (most files match none of them). It stops at
    // the first reason to parse (what rg -l does at the first match: 17% of the prefilter's time on
    // the benchmark corpus).
    let (mut weak, mut confirm) = (false, false);
    for m in ALL_CODE.0.find_overlapping_iter(text) {
        if on_doc_line(text, m.start(), doc_lines) {
            continue;
        }
        match ALL_CODE.1[m.pattern().as_usize()] {
            Tier::Strong => return Some(CodeTrigger::CallSite),
            Tier::Weak => weak = true,
            Tier::Confirm => confirm = true,
        }
        if weak && confirm {
            return Some(CodeTrigger::Confirmed);
        }
    }
    (weak && NAMED_LITERAL.is_match(text)).then_some(CodeTrigger::Confirmed)
}

/// What a secret the pattern pass finds is written with ([`crate::connstr::find_secrets`]): the
/// keys of connection strings, a SAS's signature, an Entra secret's `Q~`, a database URL's scheme.
/// Each in the spellings code uses, so that a SIMD (Teddy) search can look for them: generated
/// code is 87 % of the benchmark corpus's code bytes, and only its literals can hold a secret.
const GENERATED_MARKER_WORDS: &[&str] = &["AccountKey", "AccessKey", "SharedAccessSignature", "AppKey", "Pwd", "Password=", "Secret="];
const GENERATED_MARKER_LITERALS: &[&str] = &[
    "sig=",
    "Sig=",
    "SIG=",
    "&s=",
    "postgres://",
    "postgresql://",
    "mysql://",
    "redis://",
    "rediss://",
    "mongodb://",
    "mongodb+srv://",
    "amqps://",
    "sqlserver://",
];

/// An Entra client secret's marker, searched on its own: Teddy fingerprints every word by as many
/// leading bytes as its shortest word has, and a two-byte word among them made every `ac`, `Pa` and
/// `si` a candidate to verify (1.0 GB/s over the corpus's generated code, against 5.1 GB/s without
/// it; `~` is rare enough that memmem's own search costs almost nothing).
const ENTRA_SECRET_MARKER: &str = "Q~";

enum MarkerSearch {
    Packed(Box<(aho_corasick::packed::Searcher, memchr::memmem::Finder<'static>)>),
    /// Without SIMD support: the same words, case-insensitively.
    Automaton(AhoCorasick),
}

static GENERATED_MARKERS: LazyLock<MarkerSearch> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    for w in GENERATED_MARKER_WORDS {
        let mut title = w.to_ascii_lowercase();
        title[..1].make_ascii_uppercase();
        for v in [w.to_string(), w.to_ascii_lowercase(), w.to_ascii_uppercase(), title] {
            if !words.contains(&v) {
                words.push(v);
            }
        }
    }
    words.extend(GENERATED_MARKER_LITERALS.iter().map(|w| w.to_string()));
    match aho_corasick::packed::Config::new().builder().extend(&words).build() {
        Some(searcher) => MarkerSearch::Packed(Box::new((searcher, memchr::memmem::Finder::new(ENTRA_SECRET_MARKER)))),
        None => {
            words.push(ENTRA_SECRET_MARKER.to_string());
            MarkerSearch::Automaton(build(&words))
        }
    }
});

/// Might this generated file hold a secret the pattern pass would find?
pub fn generated_may_hold_secret(text: &[u8]) -> bool {
    match &*GENERATED_MARKERS {
        MarkerSearch::Packed(search) => search.0.find(text).is_some() || search.1.find(text).is_some(),
        MarkerSearch::Automaton(ac) => ac.is_match(text),
    }
}

/// How far back from a word its line's start is looked for: a word further into its line is never
/// treated as documentation (and a minified line costs no quadratic scan).
const DOC_LINE_LOOKBACK: usize = 240;

/// Does the line holding `at` begin (after indentation) like a comment or documentation line?
fn on_doc_line(text: &[u8], at: usize, doc_lines: &[&str]) -> bool {
    let from = at.saturating_sub(DOC_LINE_LOOKBACK);
    let start = match text[from..at].iter().rposition(|&b| b == b'\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let line = &text[start..at];
    let body = &line[line.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(line.len())..];
    doc_lines.iter().any(|p| body.starts_with(p.as_bytes()))
}

#[derive(Clone, Copy)]
enum Tier {
    Strong,
    Weak,
    Confirm,
}

/// Every code word with the tier it belongs to.
fn code_words() -> Vec<(String, Tier)> {
    let strong = STRONG_CODE.iter().map(|s| s.to_string()).chain(constructed_clients()).map(|w| (w, Tier::Strong));
    // A client built without `new` (Python: `DataLakeServiceClient(url, credential=settings.LAKE)`):
    // with a confirming word (`credential=`) beside it, worth a parse.
    let called_clients = crate::analyze::catalog::CLIENT_NAMES.iter().map(|c| format!("{c}("));
    let weak = CODE_TRIGGERS.iter().map(|s| s.to_string()).chain(called_clients).map(|w| (w, Tier::Weak));
    let confirm = CONFIRM_CODE.iter().map(|s| (s.to_string(), Tier::Confirm));
    strong.chain(weak).chain(confirm).collect()
}

static ALL_CODE_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| code_words().into_iter().map(|(w, _)| w).collect());

/// Every code word in one automaton, with the tier each belongs to.
static ALL_CODE: LazyLock<(AhoCorasick, Vec<Tier>)> = LazyLock::new(|| {
    let tiers = code_words().into_iter().map(|(_, t)| t).collect();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&*ALL_CODE_WORDS)
        .expect("trigger words compile");
    (ac, tiers)
});

/// What a string holding a secret must contain (`AccountKey=`, `sig=`, `://...@`, `Q~`...):
/// strings without any are not evaluated (docstrings and messages are most strings).
const SECRET_MARKERS: &[&str] =
    &["accountkey", "sharedaccesskey", "accesskey", "secret", "password", "pwd", "appkey", "sig=", "q~", "@", "sharedaccesssignature"];

static MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| build(SECRET_MARKERS));

/// Might this string (or the concatenation it belongs to) hold a secret?
pub fn may_hold_secret(text: &[u8]) -> bool {
    MARKERS.is_match(text)
}

/// A run of whole lines of a file: its bytes, its lines (0-based, end exclusive unless the run ends
/// inside the last line) and the column where it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub bytes: std::ops::Range<usize>,
    pub lines: std::ops::Range<usize>,
    pub end_column: usize,
}

/// The lines to parse in a large file: `context` lines around every code trigger, and the file's
/// first lines (imports and constants). Sorted, disjoint, adjacent runs merged.
pub fn windows(text: &str, context: usize) -> Vec<Window> {
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |at: usize| match starts.binary_search(&at) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    let mut keep = vec![false; starts.len()];
    for k in keep.iter_mut().take(context * 2) {
        *k = true;
    }
    for m in CODE.find_iter(text.as_bytes()).chain(STRONG.find_iter(text.as_bytes())).map(|m| m.start()) {
        let l = line_of(m);
        for k in keep.iter_mut().take((l + context + 1).min(starts.len())).skip(l.saturating_sub(context)) {
            *k = true;
        }
    }
    let mut out: Vec<Window> = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        if !keep[i] {
            i += 1;
            continue;
        }
        let first = i;
        while i < starts.len() && keep[i] {
            i += 1;
        }
        // Lines first..i; the run ends at the start of line i, or at the end of the text.
        let (end, lines, end_column) = match starts.get(i) {
            Some(&e) => (e, first..i, 0),
            None => (text.len(), first..i - 1, text.len() - starts[i - 1]),
        };
        out.push(Window { bytes: starts[first]..end, lines, end_column });
    }
    out
}

/// Headers generators write above their output. Generated code defines APIs (AutoRest clients and
/// models, resource designers, EF migrations, protobuf stubs): it takes credentials as parameters and
/// never holds an application's auth site, so it gets the pattern-only pass (connection strings and
/// keys are still found, e.g. in a `Settings.Designer.cs`) instead of a parse. On the Azure SDK
/// corpus these files are 70% of the code bytes that pass the prefilter.
static GENERATED: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"<auto-generated|AutoRest Code Generator|will be lost if the code is regenerated|Generated by the protocol buffer compiler|(?i:code generated by .{0,80}do not edit)",
    )
    .unwrap()
});

/// Bytes of a file's head searched for a generator's header.
const GENERATED_HEAD: usize = 2048;

/// Was this file written by a code generator (a marker in its header comment)?
pub fn is_generated(text: &[u8]) -> bool {
    GENERATED.is_match(&text[..text.len().min(GENERATED_HEAD)])
}

/// Folders that hold third-party code copied into a repository: front-end libraries an ASP.NET
/// template ships (`wwwroot/lib`), Bower packages, and vendored Python/Go/PHP packages.
const VENDORED_DIRS: &[&str] = &["wwwroot/lib", "bower_components", "node_modules", "vendor", "_vendor", "third_party", "third-party"];

/// Bundled or minified JavaScript: a build's output or a library's distribution, not source.
const BUNDLE_SUFFIXES: &[&str] = &[".min.js", ".min.mjs", ".bundle.js", "-bundle.js", ".bundle.min.js"];

/// Is this file (a `/`-separated path relative to the scan root) third-party code or a bundle?
/// Such code defines APIs rather than calling them with an application's secrets, so it gets the
/// pattern pass (hard-coded keys are still found) instead of a parse. bootstrap.js and jQuery
/// under `wwwroot/lib` alone cost 0.2 s of parsing per ASP.NET app on the benchmark corpus.
pub fn is_vendored(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    let padded = format!("/{lower}");
    VENDORED_DIRS.iter().any(|d| padded.contains(&format!("/{d}/"))) || BUNDLE_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// Does the text hold any trigger of its set?
pub fn triggered(set: TriggerSet, text: &[u8]) -> bool {
    let ac = match set {
        TriggerSet::Code => &*CODE,
        TriggerSet::Config => &*CONFIG,
        TriggerSet::Text => &*TEXT,
    };
    ac.is_match(text)
}

/// Every word the prefilter of one trigger set looks for, lowercased, sorted and deduplicated (for
/// `secretless rules --triggers` and the benchmark's rg baseline). Code files are searched for the
/// common words, the call-site words and the confirming words in one pass, so all of them count.
pub fn triggers(set: TriggerSet) -> Vec<String> {
    let mut words: Vec<String> = match set {
        TriggerSet::Code => ALL_CODE_WORDS.clone(),
        TriggerSet::Config => CONFIG_TRIGGERS.iter().map(|s| s.to_string()).collect(),
        TriggerSet::Text => TEXT_TRIGGERS.iter().map(|s| s.to_string()).collect(),
    };
    words.iter_mut().for_each(|w| w.make_ascii_lowercase());
    words.sort_unstable();
    words.dedup();
    words
}

/// The words of every trigger set together.
pub fn all_triggers() -> Vec<String> {
    let mut all: Vec<String> = [TriggerSet::Code, TriggerSet::Config, TriggerSet::Text].into_iter().flat_map(triggers).collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_keep_offsets_and_lines() {
        let mut text = String::from("import os\n");
        for i in 0..400 {
            text.push_str(&format!("x{i} = 'é'\n"));
        }
        text.push_str("conn = BlobServiceClient.from_connection_string(cs)\n");
        let w = windows(&text, 5);
        let kept: String = w.iter().map(|w| &text[w.bytes.clone()]).collect();
        assert!(kept.contains("from_connection_string(cs)"));
        assert!(kept.starts_with("import os\n"));
        assert!(!kept.contains("x200 ="));
        // Two runs: the head (10 lines) and the trigger's line with 5 lines before it.
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].bytes.start, 0);
        assert_eq!(w[0].lines, 0..10);
        // It runs to the end of the text, which ends with a newline: the end point is (402, 0).
        assert_eq!(w[1].lines, 396..402);
        assert_eq!(w[1].bytes.end, text.len());
        assert_eq!(&text[w[1].bytes.clone()], text.lines().skip(396).map(|l| format!("{l}\n")).collect::<String>());
        assert_eq!(w[1].end_column, 0);
        // A window that ends inside the last line (no newline at the end) ends at its length.
        let short = "a = 1\nkey = password()";
        let w = windows(short, 1);
        assert_eq!(w, vec![Window { bytes: 0..short.len(), lines: 0..1, end_column: "key = password()".len() }]);
    }

    #[test]
    fn words_on_comment_and_doc_lines_do_not_pass_a_file() {
        let py = crate::lang::Lang::Python.doc_line_starts();
        let cs = crate::lang::Lang::CSharp.doc_line_starts();
        // Docs of an SDK method: the common words sit on comment and docstring lines only.
        let doc = b"def f(a):\n    \"\"\"\n    :param str account_key: the key\n    :keyword str password: from os.environ\n    \"\"\"\n    # read settings.KEY\n";
        assert_eq!(code_trigger(doc, py), None);
        // The same words in code pass it.
        let code = b"account_key = os.environ['STORAGE_KEY']\n";
        assert_eq!(code_trigger(code, py), Some(CodeTrigger::Confirmed));
        // A call site after a comment on its own line still counts.
        let cs_code = b"/// <param name=\"connectionString\">...</param>\nvar c = BlobServiceClient.FromConnectionString(cs);\n";
        assert_eq!(code_trigger(cs_code, cs), Some(CodeTrigger::CallSite));
        assert_eq!(code_trigger(b"// var c = new AzureKeyCredential(key);\n", cs), None);
        // A word deep in a very long line is never taken for documentation.
        let long = format!("x = 1; {} account_key = os.environ['K']", " ".repeat(1000));
        assert_eq!(code_trigger(long.as_bytes(), py), Some(CodeTrigger::Confirmed));
    }

    #[test]
    fn the_pass_stops_at_the_first_reason_and_generated_code_gets_the_pattern_pass() {
        let cs = crate::lang::Lang::CSharp.doc_line_starts();
        let settings = "var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\");\n";
        let call = "var c = BlobServiceClient.FromConnectionString(cs);\n";
        // Hand-written code: the confirmed word decides before the call site is reached.
        assert_eq!(code_trigger(format!("{settings}{call}").as_bytes(), cs), Some(CodeTrigger::Confirmed));
        // Generated code is never parsed: a secret's marker earns it the pattern pass.
        let header = "// <auto-generated/>\n";
        assert_eq!(code_trigger(format!("{header}{settings}{call}").as_bytes(), cs), None);
        let designer = "[DefaultSettingValue(\"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k3Jx==\")]\n";
        assert_eq!(code_trigger(format!("{header}{designer}").as_bytes(), cs), Some(CodeTrigger::Generated));
        let url = "const string Db = \"postgres://app:pw@db.postgres.database.azure.com/app\";\n";
        assert_eq!(code_trigger(format!("{header}{url}").as_bytes(), cs), Some(CodeTrigger::Generated));
        // An Entra client secret's marker is searched apart from the other words.
        let entra = "public const string ClientSecret = \"Xq58Q~Jm2vK9pLr4TgYh7WcZb1NfDs3Ae6Uo8Ii0\";\n";
        assert_eq!(code_trigger(format!("{header}{entra}").as_bytes(), cs), Some(CodeTrigger::Generated));
        assert_eq!(code_trigger(format!("{header}public const string Name = \"Q\";\n").as_bytes(), cs), None);
        // A secret-named literal confirms a common word in hand-written code.
        assert_eq!(code_trigger(b"const string Password = \"hunter2-but-longer\";\n", cs), Some(CodeTrigger::Confirmed));
    }

    #[test]
    fn generated_files_are_known_by_their_header_only() {
        assert!(is_generated(b"// <auto-generated/>\nnamespace X {}"));
        assert!(is_generated(b"# Code generated by Microsoft (R) AutoRest Code Generator.\nclass M: pass"));
        assert!(is_generated(b"// Code generated by protoc-gen-go. DO NOT EDIT.\n"));
        assert!(!is_generated(b"import os\nconn = os.environ['AZURE_STORAGE_CONNECTION_STRING']\n"));
        // A marker far below the header is not a header.
        let late = format!("{}\n// <auto-generated/>", "x = 1\n".repeat(1000));
        assert!(!is_generated(late.as_bytes()));
    }

    #[test]
    fn vendored_code_is_known_by_its_folder_or_bundle_name() {
        assert!(is_vendored("src/Web/wwwroot/lib/bootstrap/dist/js/bootstrap.js"));
        assert!(is_vendored("wwwroot/lib/jquery/jquery.js"));
        assert!(is_vendored("azure/eventhub/_vendor/storage/blob/_blob_client.py"));
        assert!(is_vendored("vendor/github.com/x/y.js"));
        assert!(is_vendored("public/js/app.bundle.js"));
        assert!(is_vendored("static/js/site.min.js"));
        // The application's own code, even in folders with similar names.
        assert!(!is_vendored("src/vendors/billing.py"));
        assert!(!is_vendored("wwwroot/js/site.js"));
        assert!(!is_vendored("lib/storage.js"));
        assert!(!is_vendored("app/vendor_api.py"));
    }

    #[test]
    fn triggers_are_case_insensitive_and_selective() {
        assert!(triggered(TriggerSet::Code, b"BlobServiceClient.from_connection_string(cs)"));
        assert!(triggered(TriggerSet::Code, b"var c = new AzureKeyCredential(k);"));
        assert!(!triggered(TriggerSet::Code, b"client = BlobServiceClient(url, credential=DefaultAzureCredential())"));
        assert!(!triggered(TriggerSet::Text, b"# Just a README\nNothing here."));
    }
}
