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
