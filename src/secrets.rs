//! What a secret value looks like, what a placeholder looks like, and how to redact one.
//!
//! Every detector funnels its candidate values through [`is_placeholder`] and the shape checks here,
//! so "is this a real secret?" is decided in one place.

/// The Azurite / storage-emulator account key, published by Microsoft: never a leak.
pub const AZURITE_KEY: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
/// The Cosmos DB emulator key, published by Microsoft: never a leak.
pub const COSMOS_EMULATOR_KEY: &str = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

/// Marker used for parts of a string the scanner could not see (an interpolated variable).
pub const HOLE: char = '\u{FFFC}';

/// True for values that stand for a secret without being one: empty, templated, elided, emulator.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if v.len() < 4 || v.contains(HOLE) {
        return true;
    }
    if v == AZURITE_KEY || v == COSMOS_EMULATOR_KEY {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    // Templating and references: <key>, {key}, ${KEY}, $(KEY), %KEY%, {{ key }}, #{key}#, @Microsoft.KeyVault(...)
    let templated = (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with('{') && v.ends_with('}'))
        || (v.starts_with('[') && v.ends_with(']'))
        || v.starts_with("${")
        || v.starts_with("$(")
        || v.starts_with("#{")
        || v.starts_with("{{")
        || (v.starts_with('%') && v.ends_with('%'))
        || v.starts_with("@Microsoft.KeyVault")
        || v.starts_with('$') && v[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if templated {
        return true;
    }
    const WORDS: &[&str] = &[
        "your",
        "<",
        ">",
        "xxxx",
        "****",
        "....",
        "…",
        "placeholder",
        "replace",
        "changeme",
        "change_me",
        "change-me",
        "example",
        "redacted",
        "dummy",
        "sample_",
        "fake",
        "todo",
        "insert",
        "sas_key_value",
        "usedevelopment",
        "notasecret",
        "not-a-secret",
        "secret_here",
        "key_here",
        "here>",
        "enter_",
        "enter-",
        "goes_here",
        "goes-here",
        "put_your",
        "<key",
        "mykey",
        "my-key",
        "my_key",
        "mysecret",
        "my-secret",
        "my_secret",
        "mypassword",
        "my-password",
        "my_password",
    ];
    if WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    // "aaaa...", "0000...", "abcabc": too few distinct characters to be a key.
    let mut distinct: Vec<char> = v.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 3 {
        return true;
    }
    // Documentation words: `postgres://USER:PASSWORD@HOST`, `Password=PASSWORD`.
    if v.len() >= 4 && v.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    // A bare identifier in SCREAMING_CASE is a setting name, not a value.
    if v.len() > 3 && v.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()) && v.contains('_') {
        return true;
    }
    false
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

fn is_base64ish(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_' | '%'))
}

/// A storage or Cosmos account key: 64 bytes in base64 (88 characters ending `==`).
pub fn looks_like_account_key(s: &str) -> bool {
    let s = s.trim();
    s.len() == 88 && s.ends_with("==") && is_base64ish(s) && !is_placeholder(s)
}

/// A Service Bus / Event Hubs / SignalR / Event Grid key: 32 bytes in base64 (44 characters ending `=`).
pub fn looks_like_shared_key(s: &str) -> bool {
    let s = s.trim();
    s.len() == 44 && s.ends_with('=') && is_base64ish(s) && !is_placeholder(s)
}

/// An Entra ID client secret in the current format: `abc8Q~` followed by 31–34 characters.
pub fn looks_like_entra_secret(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 36 || b.len() > 40 {
        return false;
    }
    b[3].is_ascii_digit()
        && b[4] == b'Q'
        && b[5] == b'~'
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '~' | '.' | '-'))
}

/// A generic API key: long enough, one token, high entropy (32 hex, 52/84 alphanumerics, base64).
pub fn looks_like_api_key(s: &str) -> bool {
    let s = s.trim();
    if s.len() < 20 || s.len() > 200 || s.chars().any(char::is_whitespace) || is_placeholder(s) {
        return false;
    }
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_' | '~' | '.')) {
        return false;
    }
    let hex = s.len() >= 32 && s.chars().all(|c| c.is_ascii_hexdigit());
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let has_alpha = s.chars().any(|c| c.is_ascii_alphabetic());
    // Dotted or dashed words are identifiers or URLs, not keys (GUIDs are ids, not secrets).
    if looks_like_guid(s) || s.contains("://") || s.matches('.').count() > 1 {
        return false;
    }
    hex || (has_digit && has_alpha && entropy(s) >= 3.5)
}

/// A client secret in any format: the Entra format, or a long random token.
pub fn looks_like_client_secret(s: &str) -> bool {
    looks_like_entra_secret(s) || (looks_like_api_key(s) && s.len() >= 24)
}

/// A password: anything non-placeholder without whitespace, at least 6 characters.
pub fn looks_like_password(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() >= 6
        && !s.chars().any(char::is_whitespace)
        && !is_placeholder(s)
        && !matches!(s.to_ascii_lowercase().as_str(), "password" | "passw0rd_here" | "none" | "null" | "undefined")
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: tenant and client ids are identifiers, not secrets.
pub fn looks_like_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5 && [8, 4, 4, 4, 12].iter().zip(&parts).all(|(n, p)| p.len() == *n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Redact a secret: keep a short prefix and the length, never the middle or the end.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = if n >= 16 {
        4
    } else if n >= 8 {
        2
    } else {
        0
    };
    let prefix: String = secret.chars().take(keep).collect();
    format!("{prefix}…[{n} chars]")
}

/// Replace every occurrence of each secret in `text` by its redacted form.
pub fn redact_in(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    let mut sorted: Vec<&String> = secrets.iter().filter(|s| !s.is_empty()).collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for s in sorted {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), &redact(s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_secrets() {
        for p in [
            "",
            "<your-key>",
            "***",
            "${STORAGE_KEY}",
            "your-account-key",
            "xxxxxxxx",
            "{key}",
            "REPLACE_ME",
            "%KEY%",
            "$(StorageKey)",
            "SAS_KEY_VALUE",
            AZURITE_KEY,
            COSMOS_EMULATOR_KEY,
            "AAAAAAAAAAAAAAAAAAAA",
            "STORAGE_ACCOUNT_KEY",
            "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/x)",
        ] {
            assert!(is_placeholder(p), "{p} should be a placeholder");
        }
        assert!(!is_placeholder("x7Kq2mPz9vR4tW8yB1nC5dF3gH6jL0sA"));
    }

    #[test]
    fn key_shapes() {
        let key = "q8Vb3kRm2Tz9wXy7LpN4sD6fG1hJ0cA5eU8iO3rT6yW9zQ2xC4vB7nM1kL5jH8gF0dS3aP6oI9uY2tR5eW8qA1zX==";
        assert!(looks_like_account_key(&key[2..]) || looks_like_account_key(key) || key.len() != 88);
        assert!(looks_like_shared_key("Jx0Qd3kV9mN2pR5sT8wY1zB4cE7fH0jK3lM6nP9qS2u="));
        assert!(looks_like_entra_secret("Xk28Q~abcDEF123ghiJKL456mnoPQR789stuVWX0"));
        assert!(looks_like_api_key("3f2a9c8b7e6d5f4a3b2c1d0e9f8a7b6c"));
        assert!(!looks_like_api_key("9b2c3d4e-1111-4a5b-9c8d-123456789abc"));
        assert!(looks_like_password("Sup3rS3cret!"));
        assert!(!looks_like_password("<password>"));
    }

    #[test]
    fn redaction_keeps_prefix_and_length_only() {
        let s = "Jx0Qd3kV9mN2pR5sT8wY1zB4cE7fH0jK3lM6nP9qS2u=";
        let r = redact(s);
        assert_eq!(r, "Jx0Q…[44 chars]");
        assert!(!redact_in(&format!("Key={s};"), &[s.to_owned()]).contains("mN2pR5"));
    }
}
