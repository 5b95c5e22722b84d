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
}

#[cfg(test)]
mod tests {
    use super::*;

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
