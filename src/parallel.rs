//! Order-preserving work splitting over the machine's cores, for loading and searching.
//! Scoped threads and no dependency: the work is coarse and the cores are few.

/// Runs `f` on consecutive chunks of `items`, one chunk per core, and concatenates the results
/// in order. Below `min_parallel` items (or on one core) it runs on the calling thread.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    min_parallel: usize,
    f: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    map_ranges(items.len(), min_parallel, |range| f(&items[range]))
}

/// [`map_chunks`] over the positions `0..len`: `f` is given consecutive ranges of them.
pub fn map_ranges<R: Send>(
    len: usize,
    min_parallel: usize,
    f: impl Fn(std::ops::Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if len < min_parallel.max(2) || threads == 1 {
        return f(0..len);
    }
    let size = len.div_ceil(threads);
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> =
            (0..len).step_by(size).map(|start| s.spawn(move || f(start..(start + size).min(len)))).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_serial_and_parallel() {
        let items: Vec<u32> = (0..1000).collect();
        let double = |c: &[u32]| c.iter().map(|x| x * 2).collect::<Vec<_>>();
        let expected: Vec<u32> = items.iter().map(|x| x * 2).collect();
        assert_eq!(super::map_chunks(&items, 10, double), expected);
        assert_eq!(super::map_chunks(&items, 10_000, double), expected);
        assert!(super::map_chunks(&[] as &[u32], 0, double).is_empty());
    }
}
