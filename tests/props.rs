//! Property tests: no input makes a parser or the sanitiser panic, and sanitised text is inert.

use proptest::prelude::*;
use triptych::{parse, sanitize, Format};

proptest! {
    #[test]
    fn parsers_never_panic(text in "\\PC*|[\\x00-\\x7f\u{80}-\u{9f}\u{202e}#:\\-\\[\\]{}\"\n]*") {
        for format in [Format::Seed, Format::Markdown, Format::Json, Format::Jsonl] {
            let _ = parse::parse(format, &text);
        }
    }

    #[test]
    fn sanitised_text_has_no_controls(text in any::<String>()) {
        let clean = sanitize::clean(&text);
        prop_assert!(clean.chars().all(sanitize::is_safe), "{:?}", clean);
    }

    #[test]
    fn sanitising_keeps_plain_printable_text(text in "[a-zA-Z0-9 .,;:!?'\u{4e00}-\u{4e20}\u{e9}\n]*") {
        prop_assert_eq!(sanitize::clean(&text), text.as_str());
    }

    #[test]
    fn seed_parse_keeps_every_word_of_a_well_formed_article(
        title in "[A-Z][a-z]{2,8}( [a-z]{2,8}){1,4}",
        paras in prop::collection::vec("[A-Z][a-z]{1,8}( [a-z]{1,8}){2,10}\\.", 1..6),
    ) {
        let text = format!("{title}\n{}\n", paras.join("\n"));
        let a = parse::seed::parse(&text).unwrap();
        prop_assert_eq!(a.title, title);
        prop_assert_eq!(a.body, paras);
    }
}

/// Text with what the comparison reads specially: numbers, times of day (晚上十点半, "11pm",
/// "9:30 am"), negations (不, 并非, "not"), phrasal verbs and look-ahead words.
fn paragraphs() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        "([A-Za-z0-9\u{4e00}-\u{4e30}点半分十九晚午到关门并非将é\"“”:;,.!?。；' -]{0,60}| 11pm| 9:30 am| 23:00| 晚上十点半| went up| not| will){1,4}",
        0..5,
    )
}

proptest! {
    #[test]
    fn comparison_is_total_stable_and_well_formed(body in paragraphs(), insight in paragraphs()) {
        let a = triptych::Article { title: "t".into(), body, insight, ..Default::default() };
        let cmp = triptych::compare::Comparer::default();
        let c = cmp.compare(&a);
        prop_assert_eq!(&c, &cmp.compare(&a));
        // The conflict signal (off by default) reads the same text: it must be total too, and
        // only adds flags.
        let params = triptych::compare::Params { conflicts: true, ..Default::default() };
        let flagged = triptych::compare::Comparer::alone(params).compare(&a);
        prop_assert_eq!(flagged.insights.len(), c.insights.len());
        for (x, y) in flagged.insights.iter().zip(&c.insights) {
            prop_assert_eq!(&x.links, &y.links);
        }
        for f in &c.facts {
            let p = &a.body[f.paragraph];
            prop_assert!(p.is_char_boundary(f.range.start) && p.is_char_boundary(f.range.end));
            prop_assert_eq!(&p[f.range.clone()], f.text.as_str());
        }
        for s in &c.insights {
            let p = &a.insight[s.paragraph];
            prop_assert!(p.is_char_boundary(s.range.start) && p.is_char_boundary(s.range.end));
            for l in &s.links {
                prop_assert!(l.fact < c.facts.len());
                prop_assert!((0.0..=1.0).contains(&l.score));
                prop_assert!(c.facts[l.fact].used_by.contains(&s.id));
            }
        }
    }
}
