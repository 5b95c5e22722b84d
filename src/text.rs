//! Source text: decoding the bytes of a file and mapping byte offsets to lines and columns.
//!
//! Repositories hold UTF-8 with and without BOM, and Visual Studio saves `web.config` as UTF-16.
//! Everything downstream works on a `String`; `Decoded` remembers how it was encoded so that the
//! fix engine can write the file back the same way.

/// How the bytes on disk were encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8: decoded lossily (invalid sequences became U+FFFD); never written back.
    Lossy,
}

/// A decoded source file.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Decode file bytes: BOMs first, then UTF-8, then a lossy fallback.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, encoding) = match std::str::from_utf8(rest) {
            Ok(s) => (s.to_owned(), Encoding::Utf8Bom),
            Err(_) => (String::from_utf8_lossy(rest).into_owned(), Encoding::Lossy),
        };
        return Decoded { text, encoding };
    }
    if bytes.starts_with(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
        return Decoded { text: text.into_owned(), encoding: Encoding::Utf16Le };
    }
    if bytes.starts_with(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
        return Decoded { text: text.into_owned(), encoding: Encoding::Utf16Be };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded { text: s.to_owned(), encoding: Encoding::Utf8 },
        Err(_) => Decoded { text: String::from_utf8_lossy(bytes).into_owned(), encoding: Encoding::Lossy },
    }
}

/// [`decode`] for bytes the caller owns: UTF-8 text (most files) becomes the `String` without a copy.
pub fn decode_vec(mut bytes: Vec<u8>) -> Decoded {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode(&bytes);
    }
    if bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, encoding: if bom { Encoding::Utf8Bom } else { Encoding::Utf8 } },
        Err(e) => Decoded { text: String::from_utf8_lossy(e.as_bytes()).into_owned(), encoding: Encoding::Lossy },
    }
}

/// Encode text back into the file's original encoding (used by the fix engine).
pub fn encode(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Utf8 => Some(text.as_bytes().to_vec()),
        Encoding::Utf8Bom => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend_from_slice(text.as_bytes());
            Some(out)
        }
        Encoding::Utf16Le => {
            let mut out = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_le_bytes());
            }
            Some(out)
        }
        Encoding::Utf16Be => {
            let mut out = vec![0xFE, 0xFF];
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_be_bytes());
            }
            Some(out)
        }
        Encoding::Lossy => None,
    }
}

/// True when the first 8 KiB hold a NUL byte (and no UTF-16 BOM explains it).
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// A 1-based line and column (column counted in characters, as editors and SARIF do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Byte offset → line/column lookups for one text.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based position of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text[start..end].chars().count() + 1;
        Position { line: line + 1, column }
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based line `line` starts (the text's length past the last line).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        self.starts.get(line - 1).copied().unwrap_or(text.len())
    }
}

/// Longest snippet line, in characters (the cut marks `…` come on top).
pub const SNIPPET_WIDTH: usize = 160;
/// Characters kept before the focus when a snippet line is cut around it.
const SNIPPET_LEAD: usize = 40;

/// One snippet line cut to [`SNIPPET_WIDTH`] characters around `focus` (a range of characters of
/// `line`: what the finding points at), with `…` where it was cut. One rule for every snippet, so
/// that a 12 MB minified line never becomes a 12 MB snippet:
/// - a line that fits is kept whole;
/// - when the focus starts within the first `SNIPPET_WIDTH - SNIPPET_LEAD` characters, the line's
///   start is kept (the cut that snippets always had);
/// - otherwise the window starts [`SNIPPET_LEAD`] characters before the focus (less at the line's end).
///
/// With `whole_focus` (`--show-secrets`, which promises the secret in full) the window is widened
/// to hold the whole focus, however long; without it the window never exceeds the width.
pub fn window(line: &str, focus: std::ops::Range<usize>, whole_focus: bool) -> String {
    let n = line.chars().count();
    if n <= SNIPPET_WIDTH {
        return line.to_owned();
    }
    let (mut from, mut to) = if focus.start <= SNIPPET_WIDTH - SNIPPET_LEAD {
        (0, SNIPPET_WIDTH)
    } else {
        let from = focus.start.min(n).saturating_sub(SNIPPET_LEAD);
        (from, from + SNIPPET_WIDTH)
    };
    if whole_focus {
        to = to.max(focus.end);
    }
    if to >= n {
        to = n;
        // Spend the unused width before the focus.
        from = from.min(n.saturating_sub(SNIPPET_WIDTH));
    }
    let mut out = String::with_capacity(4 * (to - from) + 6);
    if from > 0 {
        out.push('…');
    }
    out.extend(line.chars().skip(from).take(to - from));
    if to < n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn decode_vec_agrees_with_decode() {
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("a=b".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        for bytes in
            [b"plain".to_vec(), b"\xEF\xBB\xBFbom".to_vec(), b"bad \xFF byte".to_vec(), b"\xEF\xBB\xBFbad \xFF".to_vec(), utf16, Vec::new()]
        {
            let (a, b) = (super::decode(&bytes), super::decode_vec(bytes.clone()));
            assert_eq!((a.text, a.encoding), (b.text, b.encoding), "{bytes:?}");
        }
    }

    use super::*;

    #[test]
    fn snippet_windows_are_bounded_and_hold_the_focus() {
        let short = "x".repeat(SNIPPET_WIDTH);
        assert_eq!(window(&short, 10..20, false), short);
        // 1,000 characters, the focus (`SECRET…`) at 600..650.
        let line: String = "a".repeat(600) + &"S".repeat(50) + &"b".repeat(350);
        // A focus that starts early: the line's start, as snippets always were.
        assert_eq!(window(&line, 5..9, false), format!("{}…", &line[..SNIPPET_WIDTH]));
        assert_eq!(window(&line, 100..300, false), format!("{}…", &line[..SNIPPET_WIDTH]));
        assert_eq!(window(&line, 100..300, true), format!("{}…", &line[..300]));
        // Further on: from SNIPPET_LEAD before the focus, cut on both sides.
        let w = window(&line, 600..650, false);
        assert_eq!(w, format!("…{}…", &line[600 - SNIPPET_LEAD..600 - SNIPPET_LEAD + SNIPPET_WIDTH]));
        // At the line's end: the unused width goes before the focus.
        let w = window(&line, 990..1000, false);
        assert_eq!(w, format!("…{}", &line[1000 - SNIPPET_WIDTH..]));
        // A focus longer than the width: cut at the width, unless it must be shown whole.
        let long: String = "a".repeat(300) + &"S".repeat(500) + &"b".repeat(300);
        assert_eq!(window(&long, 300..800, false).chars().count(), SNIPPET_WIDTH + 2);
        assert_eq!(window(&long, 300..800, true), format!("…{}…", &long[300 - SNIPPET_LEAD..800]));
        // Characters, not bytes.
        let wide: String = "é".repeat(500) + "KEY" + &"ü".repeat(500);
        assert_eq!(
            window(&wide, 500..503, false),
            format!("…{}KEY{}…", "é".repeat(SNIPPET_LEAD), "ü".repeat(SNIPPET_WIDTH - SNIPPET_LEAD - 3))
        );
    }

    #[test]
    fn decodes_boms_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFab").encoding, Encoding::Utf8Bom);
        let le: Vec<u8> = [0xFF, 0xFE, b'h', 0, b'i', 0].to_vec();
        let d = decode(&le);
        assert_eq!((d.text.as_str(), d.encoding), ("hi", Encoding::Utf16Le));
        assert_eq!(encode("hi", Encoding::Utf16Le).unwrap(), le);
        let be: Vec<u8> = [0xFE, 0xFF, 0, b'h', 0, b'i'].to_vec();
        assert_eq!(decode(&be).text, "hi");
        assert_eq!(decode(b"a\xFFb").encoding, Encoding::Lossy);
    }

    #[test]
    fn positions_are_one_based_in_chars() {
        let t = "ab\né x\n";
        let idx = LineIndex::new(t);
        assert_eq!(idx.position(t, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(t, 6), Position { line: 2, column: 3 });
        assert_eq!(idx.line_text(t, 2), "é x");
    }
}
