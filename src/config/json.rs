//! Lenient JSON reader (comments, trailing commas) that yields every string value with its key path.
//! Iterative: a stack of containers, never recursion.

use super::Entry;

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// Read JSON text into entries. Malformed input yields what was read up to the problem.
pub fn read(text: &str) -> Vec<Entry> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'{' => {
                stack.push(Frame::Object { key: None });
                expect_key = true;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key }) => {
                    *key = None;
                    expect_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => expect_key = false,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let end = j.min(bytes.len());
                let raw = &text[start..end];
                let value = unescape(raw);
                if expect_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = Some(value);
                    }
                } else {
                    out.push(Entry { key: path(&stack), value, span: start..end });
                }
                i = end + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn path(stack: &[Frame]) -> String {
    let mut parts = Vec::with_capacity(stack.len());
    for f in stack {
        match f {
            Frame::Object { key: Some(k) } => parts.push(k.clone()),
            Frame::Object { key: None } => parts.push(String::new()),
            Frame::Array { index } => parts.push(index.to_string()),
        }
    }
    parts.join(":")
}

fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paths_comments_and_spans() {
        let t = "{\n // comment\n \"ConnectionStrings\": { \"Db\": \"Server=x;Password=p\\\"w\" },\n \"List\": [\"a\", {\"K\": \"v\"},],\n \"N\": 5 }";
        let e = read(t);
        assert_eq!(e[0].key, "ConnectionStrings:Db");
        assert_eq!(e[0].value, "Server=x;Password=p\"w");
        assert_eq!(&t[e[0].span.clone()], "Server=x;Password=p\\\"w");
        assert_eq!(e[1].key, "List:0");
        assert_eq!(e[2].key, "List:1:K");
        assert_eq!(e.len(), 3);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let t = "[".repeat(20_000) + "\"x\"" + &"]".repeat(20_000);
        assert_eq!(read(&t).len(), 1);
    }
}
