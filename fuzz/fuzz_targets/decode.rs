//! Decoding file bytes (BOMs, UTF-16, lossy UTF-8), encoding them back, and line/column lookups.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretless::text;

fuzz_target!(|data: &[u8]| {
    let _ = text::looks_binary(data);
    let d = text::decode(data);
    if let Some(bytes) = text::encode(&d.text, d.encoding) {
        assert_eq!(text::decode(&bytes).text, d.text, "decode(encode(text)) round-trips");
    }
    let idx = text::LineIndex::new(&d.text);
    for off in (0..=d.text.len()).step_by(d.text.len() / 16 + 1) {
        let p = idx.position(&d.text, off);
        let _ = idx.line_text(&d.text, p.line);
    }
    let _ = secretless::analyze::analyze_text(&d.text);
});
