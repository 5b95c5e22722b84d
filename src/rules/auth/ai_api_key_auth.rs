//! SL207 `ai-api-key-auth`: Azure OpenAI, AI services or AI Search client authenticates with an API key.
//!
//! ## What it finds
//! `AzureOpenAI(api_key=...)`, `AzureKeyCredential` passed to an AI services or Search client, `SpeechConfig` with a subscription key.
//!
//! ## Why it matters
//! API keys give full data-plane access and cannot be scoped; Entra ID roles (Cognitive Services OpenAI User, Search Index Data Reader) can.

use crate::finding::Category;
use crate::rules::Rule;

/// SL207
pub const RULE: Rule = Rule {
    id: "SL207",
    name: "ai-api-key-auth",
    category: Category::Auth,
    summary: "Azure OpenAI, AI services or AI Search client authenticates with an API key",
    what: "`AzureOpenAI(api_key=...)`, `AzureKeyCredential` passed to an AI services or Search client, `SpeechConfig` with a subscription key.",
    why: "API keys give full data-plane access and cannot be scoped; Entra ID roles (Cognitive Services OpenAI User, Search Index Data Reader) can.",
    example: "client = AzureOpenAI(api_key=os.environ[\"AZURE_OPENAI_API_KEY\"], azure_endpoint=endpoint, api_version=\"2024-10-21\")",
    use_instead: "client = AzureOpenAI(azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), \"https://cognitiveservices.azure.com/.default\"), azure_endpoint=endpoint, api_version=\"2024-10-21\")",
    fix_safety: "Entra ID needs the resource's custom-subdomain endpoint; regional endpoints only take keys (review).",
    fix_title: Some("Use DefaultAzureCredential (a bearer token provider for OpenAI)"),
    severity: 7.0,
    precision: "high",
};
