//! The title matcher's fuzzy score without the matcher's costs. `SkimMatcherV2::fuzzy_indices`
//! copies both strings into vectors of chars, allocates its bonuses, first matches and indices
//! on every call, and keeps a cell of 24 bytes per (pattern char, title char); the search only
//! wants the score and how many runs the matched characters form. This is the same dynamic
//! programme (fuzzy-matcher 0.3.7, `skim.rs`: affine gaps, in-place bonuses, the same tie
//! breaks and the same backtrack) over two rolling rows and one bit per move, in buffers each
//! thread keeps.
//!
//! One difference is left to the matcher: it reads a "consecutive bonus" from cells it has
//! not written in this call (whatever an earlier call left in its reused matrix, 0 in a fresh
//! one). That value can only change the outcome when two adjacent pattern characters are equal
//! (`ee` in `coffee`), so [`score_runs`] declines such patterns and the caller runs the matcher
//! as before: results stay exactly what they were. A property test holds this to a fresh
//! matcher on random titles and terms.

/// Longest pattern (in chars) handled here: the moves of one column are bits of a `u32`.
const MAX_PATTERN: usize = 31;

/// The matcher's "minus infinity" (`i16::MIN` as an `i32`; sums with it are plain `i32` sums).
const NEG: i32 = i16::MIN as i32;
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;

/// The matcher's character classes (its `CharType`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

impl Class {
    fn of(ch: char) -> Self {
        match ch {
            '\0' => Class::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Class::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Class::SoftSep,
            '0'..='9' => Class::Number,
            'A'..='Z' => Class::Upper,
            _ => Class::Lower,
        }
    }
}

/// The bonus for matching a character of class `cur` after one of class `prev` (its `CharRole`).
fn in_place_bonus(prev: Class, cur: Class) -> i32 {
    match (prev, cur) {
        (Class::Empty | Class::HardSep, _) => BONUS_HEAD,
        (Class::SoftSep, _) => BONUS_BREAK,
        (Class::Lower | Class::Number, Class::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// What `SkimMatcherV2::default().fuzzy_indices(choice, pattern)` gives, as (score, runs of
/// consecutive indices, number of indices); `Some(None)` where it gives `None` (no match).
/// `None` where this cannot stand in for the matcher: a pattern with an ASCII capital (the
/// matcher then compares case), two equal adjacent pattern characters (see the module
/// comment), an empty pattern, or one longer than [`MAX_PATTERN`].
#[allow(clippy::option_option)]
pub fn score_runs(choice: &str, pattern: &[char]) -> Option<Option<(i64, usize, usize)>> {
    let m = pattern.len();
    if m == 0
        || m > MAX_PATTERN
        || pattern.iter().any(char::is_ascii_uppercase)
        || pattern.windows(2).any(|w| w[0].eq_ignore_ascii_case(&w[1]))
    {
        return None;
    }
    SCRATCH.with_borrow_mut(|scratch| scratch.fill(choice, pattern))
}

thread_local! {
    /// Each thread's buffers, grown to the longest title seen: a title costs no allocation,
    /// and no buffer is cleared beyond the title's length.
    static SCRATCH: std::cell::RefCell<Scratch> = const { std::cell::RefCell::new(Scratch::new()) };
}

/// Per title character (column): its char, its in-place bonus, two rolling rows of the M
/// (match ends here) and P (gap ends here) scores, and the moves of every row as bits.
struct Scratch {
    chars: Vec<char>,
    bonus: Vec<i32>,
    m_prev: Vec<i32>,
    p_prev: Vec<i32>,
    m_cur: Vec<i32>,
    p_cur: Vec<i32>,
    /// Bit i: the move of row i + 1's M cell (set: Match), and of its P cell.
    m_moves: Vec<u32>,
    p_moves: Vec<u32>,
}

impl Scratch {
    const fn new() -> Self {
        Scratch {
            chars: Vec::new(),
            bonus: Vec::new(),
            m_prev: Vec::new(),
            p_prev: Vec::new(),
            m_cur: Vec::new(),
            p_cur: Vec::new(),
            m_moves: Vec::new(),
            p_moves: Vec::new(),
        }
    }

    #[allow(clippy::option_option)]
    fn fill(&mut self, choice: &str, pattern: &[char]) -> Option<Option<(i64, usize, usize)>> {
        let m = pattern.len();
        self.chars.clear();
        self.chars.extend(choice.chars());
        let n = self.chars.len();
        let c = &self.chars[..];
        // Where each pattern character first matches, in order (its `cheap_matches`).
        let mut first = [0usize; MAX_PATTERN];
        let mut k = 0;
        for (j, ch) in c.iter().enumerate() {
            if k == m {
                break;
            }
            if ch.eq_ignore_ascii_case(&pattern[k]) {
                first[k] = j;
                k += 1;
            }
        }
        if k < m {
            return Some(None);
        }
        let cols = n + 1;
        for v in [&mut self.bonus, &mut self.m_prev, &mut self.p_prev, &mut self.m_cur, &mut self.p_cur] {
            v.resize(cols, NEG);
        }
        self.m_moves.resize(cols, 0);
        self.p_moves.resize(cols, 0);
        // bonus[col]: the in-place bonus of c[col - 1], doubled for the first character.
        let bonus = &mut self.bonus[..cols];
        bonus[0] = 0;
        let mut prev = Class::Empty;
        for (j, &ch) in c.iter().enumerate() {
            let cur = Class::of(ch);
            bonus[j + 1] = in_place_bonus(prev, cur);
            prev = cur;
        }
        if cols > 1 {
            bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        // The row before the first is the matcher's row 0 (M = -inf, P = gap extension).
        let (mut m_prev, mut p_prev) = (&mut self.m_prev[..cols], &mut self.p_prev[..cols]);
        let (mut m_cur, mut p_cur) = (&mut self.m_cur[..cols], &mut self.p_cur[..cols]);
        m_prev.fill(NEG);
        p_prev.fill(GAP_EXTENSION);
        let (m_moves, p_moves) = (&mut self.m_moves[..cols], &mut self.p_moves[..cols]);
        for (i, &p_ch) in pattern.iter().enumerate() {
            let skip = first[i];
            let bit = 1u32 << i;
            // The cell before the first column computed is reset (-inf, Skip moves).
            m_cur[skip] = NEG;
            p_cur[skip] = NEG;
            m_moves[skip] &= !bit;
            p_moves[skip] &= !bit;
            for col in skip + 1..cols {
                let c_ch = c[col - 1];
                if c_ch.eq_ignore_ascii_case(&p_ch) {
                    let cur = (SCORE_MATCH + if p_ch != c_ch { PENALTY_CASE_MISMATCH } else { 0 }).max(0);
                    // The bonus the matcher reads from the cell before is 0: it is reset, or no
                    // match (0 written), or a match whose value it has not written in this call;
                    // that last one only counts when p[i - 1] equals p[i], declined above.
                    let consecutive = bonus[col].max(BONUS_CONSECUTIVE);
                    let score_match = m_prev[col - 1] + consecutive;
                    let score_skip = p_prev[col - 1] + bonus[col];
                    if score_match >= score_skip {
                        m_cur[col] = score_match + cur;
                        m_moves[col] |= bit;
                    } else {
                        m_cur[col] = score_skip + cur;
                        m_moves[col] &= !bit;
                    }
                } else {
                    m_cur[col] = NEG;
                    m_moves[col] &= !bit;
                }
                let from_match = GAP_START + GAP_EXTENSION + m_cur[col - 1];
                let from_skip = GAP_EXTENSION + p_cur[col - 1];
                if from_match >= from_skip {
                    p_cur[col] = from_match;
                    p_moves[col] |= bit;
                } else {
                    p_cur[col] = from_skip;
                    p_moves[col] &= !bit;
                }
            }
            std::mem::swap(&mut m_prev, &mut m_cur);
            std::mem::swap(&mut p_prev, &mut p_cur);
        }
        // The best cell of the last row (the last of equal ones, as `max_by_key` picks).
        let last_first = first[m - 1];
        let mut best = last_first;
        for col in last_first..cols {
            if m_prev[col] >= m_prev[best] {
                best = col;
            }
        }
        let score = m_prev[best];
        // Back from there, as the matcher does, counting the indices it would report and the
        // runs they form (they come last to first: a run continues where an index is one less).
        let (mut i, mut j) = (m, best);
        let (mut track_m, mut is_match) = (true, true);
        let (mut indices, mut runs, mut last) = (0usize, 0usize, usize::MAX);
        while i > 0 && j > first[0] {
            if is_match {
                let index = j - 1;
                if last != index + 1 {
                    runs += 1;
                }
                last = index;
                indices += 1;
            }
            let bit = 1u32 << (i - 1);
            is_match = if track_m { m_moves[j] & bit != 0 } else { p_moves[j] & bit != 0 };
            if track_m {
                i -= 1;
            }
            j -= 1;
            track_m = is_match;
        }
        Some(Some((i64::from(score), runs, indices)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    fn runs(indices: &[i64]) -> usize {
        indices.windows(2).filter(|w| w[1] != w[0] + 1).count() + usize::from(!indices.is_empty())
    }

    fn reference(choice: &str, pattern: &str) -> Option<(i64, usize, usize)> {
        // A fresh matcher each time: a reused one carries values from earlier calls (see the
        // module comment), which only the declined patterns can see.
        let (score, idx) = SkimMatcherV2::default().fuzzy_indices(choice, pattern)?;
        let idx: Vec<i64> = idx.iter().map(|&i| i as i64).collect();
        Some((score, runs(&idx), idx.len()))
    }

    fn check(choice: &str, pattern: &str) {
        let p: Vec<char> = pattern.chars().collect();
        if let Some(ours) = score_runs(choice, &p) {
            assert_eq!(ours, reference(choice, pattern), "{pattern:?} in {choice:?}");
        }
    }

    #[test]
    fn examples() {
        for (choice, pattern) in [
            ("this week he", "the"),
            ("tab hex", "the"),
            ("sam altman speaks", "altmn"),
            ("tt hhee", "the"),
            ("axbycz", "abc"),
            ("hello, 世界", "h世"),
            ("", "a"),
            ("abc", "abx"),
            ("a-b_c.d/e", "abcde"),
            ("x\0y", "xy"),
        ] {
            check(choice, pattern);
        }
        assert_eq!(score_runs("the", &['t', 't']), None, "equal adjacent characters are declined");
        assert_eq!(score_runs("The", &['T']), None, "capitals are declined");
        assert_eq!(score_runs("abc", &['x']), Some(None));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// The same score, runs and index count as the matcher, on titles of letters, spaces,
        /// separators, digits, capitals and non-ASCII characters.
        #[test]
        fn same_as_the_matcher(pattern in "[abthé1-]{1,6}", choice in "[abthéAT1 ./(_-]{0,60}") {
            let p: Vec<char> = pattern.chars().collect();
            if let Some(ours) = score_runs(&choice, &p) {
                proptest::prop_assert_eq!(ours, reference(&choice, &pattern), "{:?} in {:?}", pattern, choice);
                // Every pattern character is reported: what lets the title matcher skip its
                // fewest-runs test on this path.
                proptest::prop_assert!(ours.is_none_or(|(_, _, n)| n == p.len()));
            }
        }
    }
}
