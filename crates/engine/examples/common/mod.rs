//! What the native benchmarks share: where their generated files live (`target/bench/`, which
//! the browser benchmark reads too), a deterministic random stream, reading a CSV with the
//! default options, and timing repeated runs.
#![allow(dead_code, reason = "each benchmark uses the part it needs")]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use quire_engine::{Ingested, Limits, read_csv};
use quire_protocol::ParseOptions;

/// `target/bench/{name}`.
pub fn bench_file(name: &str) -> PathBuf {
    [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "target",
        "bench",
        name,
    ]
    .iter()
    .collect()
}

/// The bytes of `target/bench/{name}`, written first by `write` if the file is not there
/// (delete it to regenerate).
pub fn generated(
    name: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<(PathBuf, Vec<u8>)> {
    let path = bench_file(name);
    if !path.exists() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut out = BufWriter::new(File::create(&path)?);
        write(&mut out)?;
        out.flush()?;
    }
    let bytes = std::fs::read(&path)?;
    Ok((path, bytes))
}

/// A deterministic stream of 31-bit numbers (a 64-bit LCG's high bits) from `seed`.
pub fn stream(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    }
}

/// A CSV read as the page reads it, with the default options.
pub fn read(bytes: &[u8]) -> std::io::Result<Ingested> {
    read_csv(
        bytes,
        &ParseOptions::default(),
        &Limits::default(),
        &mut |_, _| {},
    )
    .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Runs `run` `runs` times and prints `{what}: median … ms of [each]`.
pub fn time(
    what: &str,
    runs: usize,
    mut run: impl FnMut() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        run()?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{what}: median {:.0} ms of {:?}",
        times[runs / 2],
        times.iter().map(|t| t.round()).collect::<Vec<_>>()
    );
    Ok(())
}
