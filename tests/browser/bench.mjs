// Browser benchmark: sizes of the page's and the worker's wasm, time to first paint and to
// engine ready, and the time to load and show a 1M-row CSV, through Quire's own page and worker.
// Run by `./x bench` (which builds dist/ and writes target/bench/rows_1m.csv first).
import { readdir, readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { serve, launch, open, ROOT, DIST } from "./harness.mjs";

const CSV = join(ROOT, "target", "bench", "rows_1m.csv");
const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

async function sizes() {
  const out = [];
  for (const f of (await readdir(DIST)).filter((f) => f.endsWith(".wasm")).sort()) {
    const bytes = await readFile(join(DIST, f));
    out.push({ file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return out;
}

async function main() {
  await stat(CSV).catch(() => {
    throw new Error(`${CSV} is missing: run the native benchmark first (./x bench does)`);
  });
  for (const s of await sizes()) {
    const role = s.file.startsWith("quire-worker") ? "worker" : "page";
    console.log(`${role} wasm ${s.file}: ${mb(s.raw)} raw, ${mb(s.gzip)} gzip`);
  }
  const server = await serve();
  const browser = await launch();
  const paint = [], ready = [], load = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, context } = await open(browser, server.url);
    const t = await page.evaluate(() => ({
      paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      ready: performance.getEntriesByName("quire-engine-ready")[0]?.startTime ?? NaN,
    }));
    paint.push(t.paint);
    ready.push(t.ready);
    await page.getByTestId("file-input").setInputFiles(CSV);
    await page.waitForFunction(
      () => document.querySelector('.grid-window .grid-row[data-row="0"] .cell:not(.loading)'),
      null,
      { timeout: 120_000, polling: "raf" },
    );
    const shown = await page.evaluate(() => {
      const start = performance.getEntriesByName("quire-load-start").at(-1).startTime;
      return performance.now() - start;
    });
    const rows = await page.getByTestId("row-count").innerText();
    if (rows !== "1,000,000") throw new Error(`expected 1,000,000 rows, the page says ${rows}`);
    load.push(shown);
    await context.close();
  }
  await browser.close();
  await server.close();
  const f = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(", ")})`;
  console.log(`navigation → first contentful paint: ${f(paint)}`);
  console.log(`navigation → engine ready: ${f(ready)}`);
  console.log(`1M-row CSV (${mb((await stat(CSV)).size)}): pick → table shown: ${f(load)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
