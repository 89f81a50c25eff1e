//! Giving freed heap memory back to the system at the reader's few big turns (the texts
//! swapped in for the outlines, the search index built, the gauges filled).
//!
//! glibc keeps what a thread frees in that thread's arena for reuse, and returns it to the
//! system only from the top of the heap: the outlines, the loader's buffers and the search
//! index's temporaries (each body joined before it is folded), freed in the middle of heaps
//! of 100,000 live articles, stay resident. `malloc_trim` releases every whole free page of
//! every arena (42 MB when called from gdb in a reader at 100,000 articles; README,
//! Benchmarks). Sharing one arena ([`share_arenas`]) is what saved most.

/// Returns free heap pages to the system; true when any were released. A no-op elsewhere
/// than glibc (other allocators have their own policy). It walks every arena, taking each
/// one's lock: call it off the input thread and only after a big release, not per keystroke.
pub fn give_back() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only reads and rewrites the allocator's own bookkeeping, under
        // its locks; it is safe to call from any thread at any time.
        unsafe { libc::malloc_trim(0) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

/// Makes every thread started from now on allocate from the arenas that exist already instead
/// of one arena each. The reader's threads (loader, search, compare, related, gauges, and the
/// loader's and the index's parallel chunks) each built part of the same long-lived corpus and
/// index in an arena of their own, and each arena kept its own free pages between them:
/// 1,025 MB resident against 1,179 MB at 100,000 articles (`MALLOC_ARENA_MAX=1`; README,
/// Benchmarks). The threads share arenas' locks instead; glibc's per-thread cache still serves
/// most small allocations without one. A no-op elsewhere than glibc; an `MALLOC_ARENA_MAX`
/// set in the environment is left as it is.
pub fn share_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter, under the allocator's lock.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
}

/// [`give_back`] on a thread of its own, so that the caller (the event loop) does not wait
/// for the walk over a heap of a gigabyte.
pub fn give_back_soon() {
    std::thread::spawn(give_back);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn freed_small_allocations_are_given_back() {
        // Many small blocks (below the mmap threshold, so in an arena), the last one kept so
        // the freed ones are not at the top of the heap where free() itself would trim them.
        // Tried three times: another test's thread (the gauges') may trim them first.
        let released = (0..3).any(|_| {
            let mut blocks: Vec<Vec<u8>> = (0..40_000).map(|i| vec![i as u8; 1000]).collect();
            let kept = blocks.pop();
            drop(blocks);
            let released = give_back();
            assert!(kept.is_some_and(|k| k.len() == 1000));
            released
        });
        assert!(released, "40 MB freed in the middle of the heap: some pages go back");
    }
}
