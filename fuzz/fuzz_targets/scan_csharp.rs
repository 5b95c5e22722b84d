//! Whole-file analysis of CSharp code, as the scan runs it: parse (time-bounded), analyze with an empty
//! config index, assemble the findings (positions, redacted snippets, fingerprints), and the
//! pattern-only pass used for minified or unparsable files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretless::lang::Lang;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let index = secretless::config::ConfigIndex::default();
    if let Some(tree) = secretless::scan::parse(Lang::CSharp, &text, Duration::from_secs(2)) {
        let hits = secretless::analyze::code::analyze(Lang::CSharp, &tree, &text, index.scope("f"));
        let _ = secretless::scan::assemble("fuzz", &text, hits, false, Some(Lang::CSharp));
    }
    let hits = secretless::analyze::analyze_text(&text);
    let _ = secretless::scan::assemble("fuzz", &text, hits, false, None);
});
