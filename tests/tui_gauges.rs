//! The list's grounding gauges on ratatui's TestBackend: nothing until computed, then the gauge
//! on each article's second row, and the list title counting progress meanwhile.

use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use triptych::compare::Comparer;
use triptych::grounding::Grounding;
use triptych::load::load_seeds;
use triptych::tui::app::App;
use triptych::tui::theme::Theme;
use triptych::tui::view::render;

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| render(app, f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn gauges_appear_as_they_are_computed_and_the_title_counts_progress() {
    let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, 140, 40));
    app.theme = Theme::monochrome();
    let before = screen(&app);
    assert!(!before.contains('●') && !before.contains('○'), "no gauge before it is computed:\n{before}");

    let cmp = Comparer::per_article();
    let first =
        Grounding::of_article(&cmp, &app.corpus.articles()[0]).expect("the first sample has an insight");
    app.gauges.set(0, Some(first));
    let partial = screen(&app);
    assert!(partial.contains(&first.gauge()), "{}:\n{partial}", first.gauge());
    assert!(partial.contains("· grounding "), "progress in the list title:\n{partial}");

    for (i, a) in app.corpus.articles().iter().enumerate().skip(1) {
        app.gauges.set(i, Grounding::of_article(&cmp, a));
    }
    let done = screen(&app);
    assert!(!done.contains("· grounding "), "no progress once done:\n{done}");
    let gauges = done.lines().filter(|l| l.contains('●') || l.contains('○')).count();
    assert!(gauges >= 2, "a gauge on every visible article with an insight:\n{done}");
}
