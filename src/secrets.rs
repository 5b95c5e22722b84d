//! What a secret value looks like, what a placeholder looks like, and how to redact one.
//!
//! Every detector funnels its candidate values through [`is_placeholder`] and the shape checks here,
//! so "is this a real secret?" is decided in one place.

use aho_corasick::{AhoCorasick, MatchKind};

/// The Azurite / storage-emulator account key, published by Microsoft: never a leak.
pub const AZURITE_KEY: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
/// The Cosmos DB emulator key, published by Microsoft: never a leak.
pub const COSMOS_EMULATOR_KEY: &str = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

/// The Azure SignalR local emulator's access key (`asrs-emulator`), published with it: never a leak.
pub const SIGNALR_EMULATOR_KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

/// Marker used for parts of a string the scanner could not see (an interpolated variable).
pub const HOLE: char = '\u{FFFC}';

/// True for values that stand for a secret without being one: empty, templated, elided, emulator.
/// Tokens whose prefix names a service outside Azure (Stripe, Slack, GitHub, GitLab, SendGrid,
/// npm, Hugging Face, LangSmith, AWS and Google keys): a secret, but not one this tool migrates, and
/// a name like `SecretKey` or `BOT_TOKEN` beside it says nothing about Azure.
pub fn is_third_party_token(value: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "sk_live_",
        "sk_test_",
        "rk_live_",
        "rk_test_",
        "pk_live_",
        "pk_test_",
        "whsec_",
        "xoxb-",
        "xoxp-",
        "xoxa-",
        "xoxs-",
        "xapp-",
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "github_pat_",
        "glpat-",
        "npm_",
        "hf_",
        "lsv2_",
        "sk-ant-",
        "AKIA",
        "ASIA",
        "AIza",
    ];
    let v = value.trim();
    PREFIXES.iter().any(|p| v.starts_with(p))
        || v.starts_with("SG.") && v.matches('.').count() == 2
        // OpenAI platform keys (`sk-proj-...`, `sk-svcacct-...`, legacy `sk-` + 48): Azure OpenAI keys
        // are 32 hex digits or 84 characters and never start with `sk-`.
        || v.starts_with("sk-") && v.len() >= 40
        // Mailgun's private API keys: `key-` and 32 hex digits.
        || v.strip_prefix("key-").is_some_and(|k| k.len() == 32 && k.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The shape of a current Azure AI services / Azure OpenAI key: 84 characters of base62 with the
/// fixed `JQQJ99` marker after the first 52 and `ACOG` near the end (a little slack for hand-made
/// examples).
pub fn looks_like_azure_ai_key(value: &str) -> bool {
    let v = value.trim();
    (84..=88).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric()) && v[52..58] == *"JQQJ99" && v[58..].contains("ACOG")
}

pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if v.len() < 4 || v.contains(HOLE) {
        return true;
    }
    if v == AZURITE_KEY || v == COSMOS_EMULATOR_KEY || v == SIGNALR_EMULATOR_KEY {
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
        // A test run's own value (`env: { PGPASSWORD: 'test-password' }` in vitest.config.ts).
        "test-password",
        "test_password",
        "testpassword",
        "test-secret",
        "test_secret",
        "test-key",
        "test_key",
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
///
/// Entra ID never issues hex-only secrets (the old format was base64, the current one has `Q~`):
/// a hex string under a `secret` name is the app's own (`crypto.randomBytes(16).toString('hex')` for
/// a session secret).
pub fn looks_like_client_secret(s: &str) -> bool {
    let hex_only = s.trim().chars().all(|c| c.is_ascii_hexdigit());
    looks_like_entra_secret(s) || (looks_like_api_key(s) && s.len() >= 24 && !hex_only)
}

/// A password: anything non-placeholder without whitespace, at least 6 characters.
pub fn looks_like_password(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() >= 6
        && !s.chars().any(char::is_whitespace)
        && !is_placeholder(s)
        && !matches!(s.to_ascii_lowercase().as_str(), "password" | "passw0rd_here" | "none" | "null" | "undefined")
        // The default passwords of local database containers and tutorials.
        && !matches!(s, "postgres" | "root" | "localdev" | "mysecretpassword" | "docker" | "guest" | "airflow" | "example")
        && !looks_like_word_name(s)
        // A lone lowercase word (`orders`, the user and database's name too) is a local default.
        && !(s.len() <= 8 && s.chars().all(|c| c.is_ascii_lowercase()))
        // A value that says it is for local development only (`Local_dev_only_1`).
        && !["dev_only", "devonly", "local_dev", "localdev", "not_a_real", "notreal"].iter().any(|w| s.to_ascii_lowercase().contains(w))
}

/// `newsroom-smtp-password`, `db_admin_password`: lowercase words joined by dashes or underscores
/// name a thing (a Key Vault secret, a setting) rather than being the secret.
fn looks_like_word_name(s: &str) -> bool {
    let words: Vec<&str> = s.split(['-', '_']).collect();
    words.len() >= 3 && words.iter().all(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()))
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
///
/// Builds a [`Redactor`] for one use; a caller that redacts many texts with the same secrets (every
/// snippet of a file, every line of a diff) builds the `Redactor` once.
pub fn redact_in(text: &str, secrets: &[String]) -> String {
    Redactor::new(secrets).redact(text)
}

/// Redacts a fixed set of secrets in any number of texts, in one pass per text.
///
/// Every occurrence of every secret is found with one Aho-Corasick automaton (overlapping matches,
/// so a secret that starts inside another is found too); the occurrences are sorted and merged into
/// the regions they cover, and each region is replaced by [`redact`] of its text. A secret inside a
/// longer one (an account key inside its connection string) is covered by the longer one's region,
/// and two secrets that overlap without one holding the other become one region: no character of
/// any secret is left in the output. The cost is the text's length plus the number of occurrences;
/// the old replace-each-secret-in-turn loop copied the text once per secret, which for a minified
/// line of 40,000 signatures was quadratic.
pub struct Redactor {
    secrets: Vec<String>,
    /// `None` when there is nothing to redact, or when the automaton would exceed aho-corasick's size
    /// limits: then each secret is searched for in turn, which is slower but finds the same occurrences.
    automaton: Option<AhoCorasick>,
}

impl Redactor {
    pub fn new(secrets: &[String]) -> Redactor {
        let secrets: Vec<String> = secrets.iter().filter(|s| !s.is_empty()).cloned().collect();
        // Standard match semantics: the only kind that reports overlapping matches.
        let automaton = if secrets.is_empty() { None } else { AhoCorasick::builder().match_kind(MatchKind::Standard).build(&secrets).ok() };
        Redactor { secrets, automaton }
    }

    /// Every occurrence of every secret, overlapping ones included, as byte ranges.
    fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        if let Some(ac) = &self.automaton {
            return ac.find_overlapping_iter(text).map(|m| (m.start(), m.end())).collect();
        }
        let mut found = Vec::new();
        for s in &self.secrets {
            let mut from = 0;
            while let Some(at) = text.get(from..).and_then(|t| t.find(s.as_str())) {
                let start = from + at;
                found.push((start, start + s.len()));
                from = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        found
    }

    /// `text` with every region covered by a secret replaced by its redacted form.
    pub fn redact(&self, text: &str) -> String {
        let mut found = self.occurrences(text);
        if found.is_empty() {
            return text.to_owned();
        }
        found.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut i = 0;
        while i < found.len() {
            let (start, mut end) = found[i];
            i += 1;
            // Merge what overlaps this region (occurrences that only touch it stay separate).
            while i < found.len() && found[i].0 < end {
                end = end.max(found[i].1);
                i += 1;
            }
            out.push_str(&text[at..start]);
            out.push_str(&redact(&text[start..end]));
            at = end;
        }
        out.push_str(&text[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn third_party_tokens_are_not_azure_secrets() {
        for t in [
            "sk_test_51Hx8kQ2eZvKYlo2CTr0bB7dQ",
            "xoxb-2481-99012-Zr8QvW",
            "ghp_7aB9cD1eF3gH5iJ7kL9mN1oP3qR5sT7uV9wX",
            "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",
        ] {
            assert!(is_third_party_token(t), "{t}");
        }
        // Azure shapes stay secrets: a 32-hex key, an account key, an Entra client secret.
        for t in ["0ef5dad24090d263717ef11aef7adbe1", "abc8Q~Zr8QvWx1yT5uV9wX3yZ5aB7cD9eF1gH3iJ", "SG-prod-key"] {
            assert!(!is_third_party_token(t), "{t}");
        }
    }

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
            SIGNALR_EMULATOR_KEY,
            "AAAAAAAAAAAAAAAAAAAA",
            "STORAGE_ACCOUNT_KEY",
            "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/x)",
        ] {
            assert!(is_placeholder(p), "{p} should be a placeholder");
        }
        assert!(!is_placeholder("x7Kq2mPz9vR4tW8yB1nC5dF3gH6jL0sA"));
    }

    /// A Key Vault secret's name is not a password, even on a password-named constant.
    #[test]
    fn passwords_are_not_word_names() {
        assert!(!looks_like_password("newsroom-smtp-password"));
        assert!(!looks_like_password("db_admin_password"));
        assert!(looks_like_password("1ya7fr8799woMqAxQ-co"));
        assert!(looks_like_password("Summer-2024-Rain"));
        assert!(looks_like_password("vxtvp!T4F_ocr*.3uPj."));
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

    /// A deterministic stream of base64-ish secrets (xorshift), distinct from each other.
    fn secrets_like(n: usize, len: usize) -> Vec<String> {
        let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".chars().collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut out = Vec::with_capacity(n);
        let mut seen = std::collections::HashSet::new();
        while out.len() < n {
            let s: String = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    alphabet[(x % alphabet.len() as u64) as usize]
                })
                .collect();
            if seen.insert(s.clone()) {
                out.push(s);
            }
        }
        out
    }

    /// Issue 10: a minified line of 40,000 signatures (1 MB) is redacted in one pass. Asserts the
    /// exact output: each secret replaced by its own redacted form, everything else as it was.
    #[test]
    fn issue_10_a_line_of_40000_secrets_is_redacted_exactly() {
        let secrets = secrets_like(40_000, 20);
        let mut line = String::from("u=\"https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sr=b");
        let mut want = line.clone();
        for (i, s) in secrets.iter().enumerate() {
            line.push_str(&format!("&sig{i}={s}"));
            want.push_str(&format!("&sig{i}={}", redact(s)));
        }
        line.push('"');
        want.push('"');
        let got = redact_in(&line, &secrets);
        assert_eq!(got.len(), want.len());
        assert!(got == want, "the redacted line differs from the expected one");
        // The reverse order of the list and duplicates in it change nothing.
        let mut shuffled: Vec<String> = secrets.iter().rev().cloned().collect();
        shuffled.extend(secrets[..100].iter().cloned());
        assert!(redact_in(&line, &shuffled) == want);
    }

    #[test]
    fn nested_and_overlapping_secrets_leave_nothing_behind() {
        let key = "q8Vb3kRm2Tz9wXy7LpN4sD6fG1hJ0cA5";
        let conn = format!("AccountName=a;AccountKey={key}");
        // The key inside its connection string, and alone: the longer region wins where they nest.
        let text = format!("x={conn}; y={key}");
        assert_eq!(redact_in(&text, &[key.to_owned(), conn.clone()]), format!("x={}; y={}", redact(&conn), redact(key)));
        // Two secrets that overlap without either holding the other: one region covers both.
        let (a, b) = ("ABCDEFGH12wxyz", "GH12wxyz34567890");
        let redacted = redact_in("--ABCDEFGH12wxyz34567890--", &[a.to_owned(), b.to_owned()]);
        assert_eq!(redacted, format!("--{}--", redact("ABCDEFGH12wxyz34567890")));
        // A secret that overlaps itself (periodic) is covered to its last occurrence's end.
        assert_eq!(redact_in("[abcdabcdabcd]", &["abcdabcd".to_owned()]), format!("[{}]", redact("abcdabcdabcd")));
        // Occurrences that only touch stay two redactions; multibyte text around them is kept.
        assert_eq!(
            redact_in("é{key}{key}é".replace("{key}", key).as_str(), &[key.to_owned()]),
            format!("é{}{}é", redact(key), redact(key))
        );
        assert_eq!(redact_in("nothing here", &[String::new()]), "nothing here");
    }

    #[test]
    fn the_fallback_search_finds_what_the_automaton_finds() {
        let mut secrets = secrets_like(50, 12);
        secrets.push(format!("{}{}", &secrets[0][6..], &secrets[1][..6])); // overlaps both neighbours
        secrets.push(secrets[2][3..9].to_owned()); // inside another
        let text: String = secrets.iter().map(|s| format!("{s}:")).collect::<String>() + &secrets[0] + &secrets[1] + "é";
        let fast = Redactor::new(&secrets);
        assert!(fast.automaton.is_some());
        let slow = Redactor { secrets: fast.secrets.clone(), automaton: None };
        let mut a = fast.occurrences(&text);
        let mut b = slow.occurrences(&text);
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        assert_eq!(fast.redact(&text), slow.redact(&text));
    }
}
