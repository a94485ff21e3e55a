//! Performance marks that the benchmark reads (`performance.getEntriesByName`).

pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
