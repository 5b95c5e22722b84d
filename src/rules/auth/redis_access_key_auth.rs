//! SL212 `redis-access-key-auth`: Redis connection authenticates with an access key.
//!
//! ## What it finds
//! `redis.Redis(password=...)`, `rediss://:<key>@host`, `ConnectionMultiplexer.Connect("...,password=...")`, node-redis / ioredis with a password, and a framework integration named for Redis given such a string (`RedisProducerRegistryFactory`, `RedisStorage`, `KeyvRedis`).
//!
//! ## Why it matters
//! The cache access key gives every command on every key, including FLUSHALL.

use crate::finding::Category;
use crate::rules::Rule;

/// SL212
pub const RULE: Rule = Rule {
    id: "SL212",
    name: "redis-access-key-auth",
    category: Category::Auth,
    summary: "Redis connection authenticates with an access key",
    what: "`redis.Redis(password=...)`, `rediss://:<key>@host`, `ConnectionMultiplexer.Connect(\"...,password=...\")`, node-redis / ioredis with a password, and a framework integration named for Redis given such a string (`RedisProducerRegistryFactory`, `RedisStorage`, `KeyvRedis`).",
    why: "The cache access key gives every command on every key, including FLUSHALL.",
    example: "r = redis.Redis(host=host, port=6380, password=os.environ[\"REDIS_KEY\"], ssl=True)",
    use_instead: "r = redis.Redis(host=host, port=6380, ssl=True, credential_provider=create_from_default_azure_credential((\"https://redis.azure.com/.default\",)))",
    fix_safety: "Review: needs Entra ID enabled on the cache and an access policy assignment.",
    fix_title: Some("Use Entra ID (redis-entraid credential provider)"),
    severity: 7.0,
    precision: "high",
};
