//! The json config reader, then the config analysis, the redacted snippets and the config index.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let entries = secretless::config::json::read(&text);
    for e in &entries {
        // An entry's span is the raw value in the file text (fixes and findings slice it).
        assert!(text.get(e.span.clone()).is_some(), "entry span {:?} is not a slice of the text", e.span);
    }
    let hits = secretless::analyze::analyze_config(&entries);
    let _ = secretless::scan::assemble("fuzz", &text, hits, false, None);
    let mut index = secretless::config::ConfigIndex::default();
    index.add("", &entries);
    for e in &entries {
        let _ = index.get(&e.key);
    }
});
