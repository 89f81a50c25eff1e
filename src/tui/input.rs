//! The input thread, and the gate that parks it while another program (editor, pager,
//! terminal browser) has the terminal: two readers of one terminal would split the keys.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crossterm::event;

/// How long the input thread waits for a key before looking at the gate again.
const POLL: Duration = Duration::from_millis(50);
/// How long `pause` waits for the input thread to park (it may have ended).
const PARK_PATIENCE: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct InputGate {
    state: Mutex<Gate>,
    changed: Condvar,
}

#[derive(Default)]
struct Gate {
    /// Asked for by the event loop.
    pause: bool,
    /// The input thread is waiting, not reading.
    parked: bool,
}

impl InputGate {
    /// Returns once the input thread is parked (or has not answered within a second).
    pub fn pause(&self) {
        let mut g = self.state.lock().unwrap_or_else(|e| e.into_inner());
        g.pause = true;
        let _ = self.changed.wait_timeout_while(g, PARK_PATIENCE, |g| !g.parked);
    }

    pub fn resume(&self) {
        let mut g = self.state.lock().unwrap_or_else(|e| e.into_inner());
        g.pause = false;
        self.changed.notify_all();
    }

    /// Called by the input thread between reads: parks while a pause is asked for.
    fn checkpoint(&self) {
        let mut g = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if g.pause {
            g.parked = true;
            self.changed.notify_all();
            g = self.changed.wait_while(g, |g| g.pause).unwrap_or_else(|e| e.into_inner());
            g.parked = false;
        }
    }
}

/// Reads terminal events and hands each to `send` until it returns false or reading fails;
/// a failure is handed over as `Err` and ends the thread.
pub fn read_events(gate: &InputGate, mut send: impl FnMut(std::io::Result<event::Event>) -> bool) {
    loop {
        gate.checkpoint();
        let ready = match event::poll(POLL) {
            Ok(ready) => ready,
            Err(e) => {
                send(Err(e));
                return;
            }
        };
        if !ready {
            continue;
        }
        let event = event::read();
        let failed = event.is_err();
        if !send(event) || failed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn pause_parks_the_reader_between_reads_until_resumed() {
        let gate = Arc::new(InputGate::default());
        let reads = Arc::new(AtomicUsize::new(0));
        let (g, r) = (Arc::clone(&gate), Arc::clone(&reads));
        let reader = std::thread::spawn(move || {
            // Stands for the input loop: a checkpoint, then a "read".
            while r.load(Ordering::SeqCst) < 1_000_000 {
                g.checkpoint();
                r.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        gate.pause();
        let parked_at = reads.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(reads.load(Ordering::SeqCst), parked_at, "no read while paused");
        gate.resume();
        let start = std::time::Instant::now();
        while reads.load(Ordering::SeqCst) == parked_at {
            assert!(start.elapsed() < Duration::from_secs(10), "reads resume");
            std::thread::yield_now();
        }
        reads.store(1_000_000, Ordering::SeqCst);
        reader.join().unwrap();
    }
}
