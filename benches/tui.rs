//! Per-frame and per-keystroke costs of the reader (issue "Three-pane reader TUI"):
//! drawing a frame of a 1 MB article with a warm wrap cache, re-wrapping it on resize, and
//! moving the selection in a 10- versus a 100,000-article list, and a frame with an overlay open.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::hint::black_box;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::update::update;
use triptych::tui::view::render;
use triptych::tui::wrap::Wrapped;
use triptych::{synth, Corpus};

const MB: usize = 1 << 20;

fn frame_and_rewrap(c: &mut Criterion) {
    let article = synth::long_article(MB, 42);
    let mut app = App::new(Corpus::new(vec![article.clone()]), Rect::new(0, 0, 120, 40));
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::HalfPageDown);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("draw_frame_1mb_article_120x40", |b| {
        b.iter(|| term.draw(|f| render(black_box(&app), f)).unwrap().area)
    });
    c.bench_function("rewrap_1mb_article", |b| b.iter(|| Wrapped::body(black_box(&article), 44).len()));
}

fn select_next(c: &mut Criterion) {
    let mut group = c.benchmark_group("select_next_and_draw");
    for n in [10, 100_000] {
        let mut app = App::new(synth::corpus(n, 7), Rect::new(0, 0, 120, 40));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                // Alternate down and up so the selection stays in range whatever the count.
                let action = if app.selected == 0 { Action::Down } else { Action::Up };
                update(&mut app, action);
                term.draw(|f| render(&app, f)).unwrap().area
            })
        });
    }
    group.finish();
}

/// A frame with an overlay open: drawing the text kept since it opened, against making it on
/// every frame as the view once did (the kept text dropped before each frame).
fn overlay_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("draw_frame_with_overlay");
    for (name, open) in [("help", Action::ToggleHelp), ("warnings_2000", Action::ShowWarnings)] {
        let mut app = App::new(synth::corpus(100, 7), Rect::new(0, 0, 120, 40));
        app.warnings = (0..2000)
            .map(|i| {
                format!("warning: skipped /data/feeds/{i:05}.json: line 1: {}", "expected value ".repeat(8))
            })
            .collect();
        update(&mut app, open);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        group.bench_function(BenchmarkId::new(name, "kept"), |b| {
            b.iter(|| term.draw(|f| render(black_box(&app), f)).unwrap().area)
        });
        group.bench_function(BenchmarkId::new(name, "made_per_frame"), |b| {
            b.iter(|| {
                app.overlays = Default::default();
                term.draw(|f| render(black_box(&app), f)).unwrap().area
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frame_and_rewrap, select_next, overlay_frames);
criterion_main!(benches);
