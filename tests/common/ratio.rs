//! Timing ratios for the tests that check how cost grows with input size.

/// Takes `measure` (10x-input time over 1x-input time) up to three times and passes as soon as
/// one is within `max`: load on a shared machine can slow one measurement, while a super-linear
/// path fails every one.
pub fn assert_within(what: &str, max: f64, mut measure: impl FnMut() -> f64) {
    let mut seen = Vec::new();
    for _ in 0..3 {
        let ratio = measure();
        seen.push(ratio);
        if ratio <= max {
            return;
        }
    }
    panic!("{what}: 10x the input took {seen:.1?}x the time (limit {max}x)");
}
