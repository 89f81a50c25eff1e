//! Terminal-safe text. Untrusted article text must never drive the terminal:
//! escape sequences, C0/C1 controls and bidi overrides are removed or made visible here,
//! once, when articles are loaded. Everything downstream (TUI and CLI) prints clean text.
//! This module must never drop printable text that is not part of a control sequence, with one
//! exception: the parts of emoji sequences that terminals draw at different widths (skin-tone
//! modifiers, variation selectors, the joiners of ZWJ sequences) are removed, leaving each
//! emoji drawn alone, so that what the reader measures is what every terminal draws.

use std::borrow::Cow;

/// Shown in place of a removed escape sequence.
pub const ESCAPE_MARK: char = '␛';
const TAB_STOP: usize = 4;

/// Returns `s` with every control sequence removed or replaced by a visible mark.
/// Newlines are kept, CR and CRLF become newlines, tabs expand to spaces.
pub fn clean(s: &str) -> Cow<'_, str> {
    if is_inert(s, false) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut col = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                col = 0;
                continue;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    col = 0;
                }
                continue;
            }
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                continue;
            }
            '\x1b' => {
                skip_escape(&mut chars);
                out.push(ESCAPE_MARK);
            }
            '\u{9b}' => {
                skip_csi_body(&mut chars);
                out.push(ESCAPE_MARK);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                skip_string(&mut chars);
                out.push(ESCAPE_MARK);
            }
            c if is_bidi_control(c) || c == '\u{feff}' => continue,
            c if is_emoji_width_modifier(c) => continue,
            '\u{200d}'
                if out.chars().next_back().is_some_and(is_pictographic)
                    || chars.peek().is_some_and(|&n| is_pictographic(n)) =>
            {
                continue
            }
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('␡'),
            c if ('\u{80}'..='\u{9f}').contains(&c) => out.push('�'),
            c => out.push(c),
        }
        col += 1;
    }
    Cow::Owned(out)
}

/// `s` cleaned and made one tidy line: white space runs (newlines included) become one space,
/// none at either end. Paragraphs, titles and labels are stored this way.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if is_inert(s, true) {
        return Cow::Borrowed(s);
    }
    let cleaned = clean(s);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// A paragraph cleaned: one tidy line ([`clean_line`]) unless it holds line breaks, which make
/// it preformatted (a Markdown code block or table): then each line keeps its indentation and
/// inner spacing, loses trailing white space, and blank lines at either end go. One line whose
/// spacing inside matters (a one-line code block, `code  line`) ends in a line break that
/// keeps it preformatted.
pub fn clean_paragraph(s: &str) -> Cow<'_, str> {
    if !s.trim().contains('\n') {
        let line = s.trim_start_matches('\n');
        return match line.strip_suffix('\n').filter(|l| !l.contains('\n') && spaced_inside(l)) {
            Some(l) if s == line && l == l.trim_end() && matches!(clean(l), Cow::Borrowed(_)) => {
                Cow::Borrowed(s)
            }
            Some(l) => Cow::Owned(format!("{}\n", clean(l).trim_end())),
            None => clean_line(s),
        };
    }
    let cleaned = clean(s);
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).skip_while(|l| l.trim().is_empty()).collect();
    let end = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(0, |i| i + 1);
    let tidy = lines[..end].join("\n");
    match tidy.contains('\n') {
        true if tidy == s => Cow::Borrowed(s),
        true => Cow::Owned(tidy),
        false => Cow::Owned(clean_line(&tidy).into_owned()),
    }
}

/// Whether `line` holds a run of white space between its words, which [`clean_line`] would
/// close up.
fn spaced_inside(line: &str) -> bool {
    let words = line.trim();
    words.contains("  ") || words.contains('\t')
}

/// Lead bytes of the UTF-8 encodings of every non-ASCII character `clean` or `clean_line`
/// changes (C1 controls, U+061C, bidi controls, the BOM, Unicode white space, the joiner,
/// variation selectors and emoji modifiers).
const SUSPECT_LEAD_BYTES: [u8; 7] = [0xC2, 0xD8, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0];

/// A byte-level check that `s` needs no change, so that clean text (nearly all of it) is
/// neither decoded char by char nor copied. With `line`, white space must also be tidy.
fn is_inert(s: &str, line: bool) -> bool {
    let bytes = s.as_bytes();
    if line
        && (bytes.first() == Some(&b' ')
            || bytes.last() == Some(&b' ')
            || memchr::memmem::find(bytes, b"  ").is_some())
    {
        return false;
    }
    let mut offset = 0;
    // Chunks of printable ASCII are checked without early exit, which the compiler vectorises;
    // only chunks holding anything else are looked at byte by byte.
    for chunk in bytes.chunks(64) {
        let plain = chunk.iter().fold(true, |acc, &b| acc & (0x20..0x7f).contains(&b));
        if !plain {
            for (i, &b) in chunk.iter().enumerate() {
                let ok = match b {
                    0x20..=0x7e => true,
                    b'\n' => !line,
                    0..=0x1f | 0x7f => false,
                    _ if SUSPECT_LEAD_BYTES.contains(&b) => s[offset + i..].chars().next().is_some_and(|c| {
                        is_safe(c)
                            && !(line && c.is_whitespace())
                            && !is_emoji_width_modifier(c)
                            && c != '\u{200d}'
                    }),
                    _ => true,
                };
                if !ok {
                    return false;
                }
            }
        }
        offset += chunk.len();
    }
    true
}

/// True when `c` can be printed as is (newline included).
pub fn is_safe(c: char) -> bool {
    c == '\n' || !(c.is_control() || is_bidi_control(c) || c == '\u{feff}')
}

/// True when `c` may be typed into a one-line prompt as is: no controls, no newline, no emoji
/// width modifiers, and no zero-width joiner at all. That is stricter than `clean_line`, which
/// keeps a joiner between letters (Malayalam, Sinhala) and drops it only beside a pictograph:
/// a character typed alone cannot tell which it will stand beside, so a query typed with a
/// joiner loses it and may not match text that keeps one.
pub fn is_prompt_char(c: char) -> bool {
    c != '\n' && is_safe(c) && !is_emoji_width_modifier(c) && c != '\u{200d}'
}

/// Characters that change an emoji's width in some terminals and not others: skin-tone
/// modifiers (`👍🏽` is 2 columns to one terminal, 4 to another) and variation selectors
/// (`☃️` is 1 or 2).
fn is_emoji_width_modifier(c: char) -> bool {
    matches!(c, '\u{1f3fb}'..='\u{1f3ff}' | '\u{fe0e}' | '\u{fe0f}')
}

/// Emoji and pictographs: a zero-width joiner beside one makes a ZWJ sequence, drawn as one
/// glyph by some terminals and as its parts by others.
fn is_pictographic(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{2bff}' | '\u{1f000}'..='\u{1faff}')
}

/// Explicit directional embeddings, overrides and isolates (Trojan Source), and the marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, a string command (OSC, DCS, APC, PM, SOS) or one final byte.
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes then a final byte, e.g. `ESC ( B` or `ESC c`.
        Some(_) => {
            while let Some(&c) = chars.peek() {
                if ('\x20'..='\x2f').contains(&c) {
                    chars.next();
                } else {
                    if ('\x30'..='\x7e').contains(&c) {
                        chars.next();
                    }
                    break;
                }
            }
        }
        None => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte. Stops early at anything else.
fn skip_csi_body(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\x20'..='\x3f' => {
                chars.next();
            }
            '\x40'..='\x7e' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// A control string ends at BEL, ST (`ESC \` or U+009C) or, if unterminated, at the end of the
/// line, so that an unterminated OSC cannot swallow the rest of the article.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\x07' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\x1b' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_with_line_breaks_keeps_its_lines_and_indentation() {
        assert_eq!(clean_paragraph("\nfn main() {\n\tx();  \n\n}\n\n"), "fn main() {\n    x();\n\n}");
        assert!(matches!(clean_paragraph("a | b\n1 | 2"), Cow::Borrowed(_)));
        assert_eq!(clean_paragraph("  one \n  "), "one");
        // One line that needs its spacing keeps it, and the line break that says so.
        assert_eq!(clean_paragraph("code  line\n"), "code  line\n");
        assert!(matches!(clean_paragraph("code  line\n"), Cow::Borrowed(_)));
        assert_eq!(clean_paragraph("\ncode\t line  \n"), "code     line\n");
        assert_eq!(clean_paragraph("code line\n"), "code line");
        assert_eq!(clean_paragraph("code  line"), "code line", "without the line break it is text");
        assert_eq!(clean_paragraph("x\x1b]0;t\x07\ny"), "x␛\ny");
    }

    #[test]
    fn clean_line_tidies_white_space_and_borrows_tidy_text() {
        assert!(matches!(clean_line("a b, 洞察 é"), Cow::Borrowed(_)));
        assert_eq!(clean_line(" a  b\n c\u{a0}d\u{3000}e "), "a b c d e");
        assert_eq!(clean_line("x\x1b[31my\tz"), "x␛y z");
        assert_eq!(clean_line("a\u{202e}b"), "ab");
        assert_eq!(clean_line("   "), "");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(clean("Héllo 世界 👩💻\nok"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_one_mark() {
        assert_eq!(clean("a\x1b]0;PWNED\x07b"), "a␛b");
        assert_eq!(clean("a\x1b[2Jb"), "a␛b");
        assert_eq!(clean("a\x1b[1;31mred\x1b[0m"), "a␛red␛");
        assert_eq!(clean("x\x1b]52;c;aGk=\x1b\\y"), "x␛y");
        assert_eq!(clean("\x1b]8;;http://e.vil\x1b\\link\x1b]8;;\x1b\\"), "␛link␛");
        assert_eq!(clean("a\u{9b}31mb"), "a␛b");
        assert_eq!(clean("a\x1bcb"), "a␛b");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(clean("a\x1b]0;title\nnext line"), "a␛\nnext line");
    }

    #[test]
    fn controls_are_made_visible_and_bidi_removed() {
        assert_eq!(clean("bell\x07 nul\0 del\x7f"), "bell␇ nul␀ del␡");
        assert_eq!(clean("abc\u{202e}fed\u{2066}x"), "abcfedx");
        assert_eq!(clean("a\u{85}b"), "a�b");
    }

    #[test]
    fn emoji_sequences_terminals_disagree_on_are_taken_apart() {
        assert_eq!(clean("ok 👍🏽!"), "ok 👍!");
        assert_eq!(clean("👨\u{200d}👩\u{200d}👧"), "👨👩👧");
        assert_eq!(clean("☃\u{fe0f} 1\u{fe0f}\u{20e3}"), "☃ 1\u{20e3}");
        // Joiners in scripts that need them stay.
        assert_eq!(clean("क्\u{200d}ष"), "क्\u{200d}ष");
        // What is left measures the same per grapheme as per character, as terminals count.
        use unicode_segmentation::UnicodeSegmentation;
        use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
        let cleaned = clean("a👍🏽b👨\u{200d}👩\u{200d}👧\u{200d}👦c☃\u{fe0f}d🏳\u{fe0f}\u{200d}🌈");
        for g in cleaned.graphemes(true) {
            let per_char: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(g.width(), per_char, "{g:?}");
        }
    }

    #[test]
    fn tabs_expand_and_carriage_returns_become_newlines() {
        assert_eq!(clean("a\tb\n\tc"), "a   b\n    c");
        assert_eq!(clean("one\r\ntwo\rthree"), "one\ntwo\nthree");
    }
}
