//! The triptych binary: parses arguments and hands over to the library.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use triptych::cli::{self, say, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some((typed, meant)) = cli::mistyped_command(&args.input) {
        say(format_args!("error: no such command '{typed}', did you mean '{meant}'?"));
        return ExitCode::from(2);
    }
    if args.command.is_none() && io::stdout().is_terminal() {
        let mut opened = match args.input.open(cli::Loading::Reader) {
            Ok(o) => o,
            Err(code) => return code,
        };
        // The list from the index now, the texts when they are read.
        let texts = match opened.texts.take() {
            Some(stream) => Some(stream),
            None => opened.outline.then(|| args.input.text_loader(&opened.config)),
        };
        opened.save_index_in_background();
        let warnings = opened.warnings.iter().map(|w| format!("warning: {w}")).collect();
        // `e` reads the edited article's file again, as it was loaded.
        let options = opened.load_options.clone();
        let reload: triptych::tui::Reload = Box::new(move |a| triptych::load::text_of(a, &options));
        let start = triptych::tui::Start { texts, peek: opened.peek, warnings, reload: Some(reload) };
        let result = triptych::tui::run(opened.corpus, start, opened.library, &opened.config, opened.shown);
        return match result {
            Ok(triptych::tui::Ended::Quit) => ExitCode::SUCCESS,
            // SIGTERM: 143, as a shell reports a process the signal ended.
            Ok(triptych::tui::Ended::Signal(n)) => ExitCode::from(u8::try_from(128 + n).unwrap_or(1)),
            Err(e) => {
                say(format_args!("error: terminal: {e}"));
                ExitCode::from(1)
            }
        };
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match &args.resolved_command() {
        Some(command) => cli::run(command, &mut out),
        // Not a terminal (piped or redirected): print the list instead of drawing.
        None => cli::run(
            &cli::Command::List {
                input: args.input.clone(),
                json: false,
                unread: false,
                starred: false,
                sort: Default::default(),
                group: Default::default(),
                grounding_below: None,
            },
            &mut out,
        ),
    };
    let result = result.and_then(|code| out.flush().map(|_| code).map_err(Into::into));
    match result {
        Ok(code) => code,
        // A closed pipe (`triptych list | head`) is not an error.
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            say(format_args!("error: {e:#}"));
            ExitCode::from(1)
        }
    }
}
