//! Bytes to text: byte-order marks, binary and empty files, invalid UTF-8, line endings.

use super::BINARY_SNIFF;
use crate::LoadError;

/// Decoded text, and whether invalid UTF-8 had to be replaced.
pub struct Decoded {
    pub text: String,
    pub lossy: bool,
}

/// Bytes to text: BOMs honoured (UTF-8, UTF-16 LE/BE), binary and empty files refused,
/// invalid UTF-8 replaced, line endings normalised to `\n`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    decode_owned(bytes.to_vec())
}

/// [`decode`] taking the bytes, so that UTF-8 (nearly every file) is not copied.
pub(super) fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let (text, lossy) = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        utf8(bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        utf8(bytes)?
    };
    if text.trim().is_empty() {
        return Err(LoadError::Blank);
    }
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    Ok(Decoded { text, lossy })
}

fn utf8(bytes: Vec<u8>) -> Result<(String, bool), LoadError> {
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(LoadError::Binary);
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut lossy = bytes.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_handles_boms_and_line_endings() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi\r\nthere\rnow").unwrap().text, "hi\nthere\nnow");
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("hé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le).unwrap().text, "hé");
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("hé".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&be).unwrap().text, "hé");
    }

    #[test]
    fn decode_refuses_binary_and_empty_and_replaces_bad_utf8() {
        assert!(matches!(decode(b"ab\0cd"), Err(LoadError::Binary)));
        assert!(matches!(decode(b""), Err(LoadError::Empty)));
        assert!(matches!(decode(b" \n\t "), Err(LoadError::Blank)));
        let d = decode(b"caf\xE9 ok").unwrap();
        assert!(d.lossy);
        assert_eq!(d.text, "caf\u{FFFD} ok");
    }
}
