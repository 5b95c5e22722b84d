//! The connection-string / SAS / credential-URL parser: every string the scanner sees goes through
//! `find_secrets`, so it must never panic, and what it returns must point into the text it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretless::connstr;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let hits = connstr::find_secrets(&text);
    for h in &hits {
        // A hit's span is "its span in that text": a slice of the text holding the value.
        assert_eq!(text.get(h.span.clone()), Some(h.value.as_str()), "span {:?} of {:?}", h.span, h.value);
    }
    let _ = connstr::classify(&text);
    let _ = connstr::classify_url(&text);
    for sub in ["blob", "queue", "table", "file", "dfs"] {
        let _ = connstr::storage_endpoint(&text, sub);
    }
    // Redaction of whatever the parser calls a secret never panics and hides every value it found.
    let known: Vec<String> = hits.iter().map(|h| h.value.clone()).collect();
    let redacted = secretless::scan::redact_all(&text, &known);
    for v in &known {
        if v.chars().count() >= 16 {
            assert!(!redacted.contains(v.as_str()), "{v:?} survives redaction: {redacted:?}");
        }
    }
});
