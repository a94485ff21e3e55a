// Browser benchmark: sizes of the page's and the worker's wasm, time to first paint and to
// engine ready, the time to load and show a 1M-row CSV, to profile it, to chart it, and to
// analyse a 1M-unit experiment and to fit a 1M-row regression, through Quire's own page and
// worker.
// Run by `./x bench` (which builds dist/ and writes the CSVs under target/bench first).
// `node bench.mjs experiment` (or load, profile, charts, model) runs one part only.
import { readdir, readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { serve, launch, open, settle, setField, addCell, ROOT, DIST } from "./harness.mjs";

const CSV = join(ROOT, "target", "bench", "rows_1m.csv");
const WIDE = join(ROOT, "target", "bench", "wide_1m.csv");
const AB = join(ROOT, "target", "bench", "ab_1m.csv");
const OLS = join(ROOT, "target", "bench", "ols_1m.csv");
const ONLY = process.argv[2];
const part = (name) => !ONLY || ONLY === name;
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
  for (const file of [CSV, WIDE, AB, OLS]) {
    await stat(file).catch(() => {
      throw new Error(`${file} is missing: run the native benchmarks first (./x bench does)`);
    });
  }
  for (const s of await sizes()) {
    const role = s.file.startsWith("quire-worker") ? "worker" : "page";
    console.log(`${role} wasm ${s.file}: ${mb(s.raw)} raw, ${mb(s.gzip)} gzip`);
  }
  const server = await serve();
  const browser = await launch();
  const paint = [], ready = [], load = [];
  for (let i = 0; i < (part("load") ? RUNS : 0); i++) {
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
  // Profile of 1M rows × 10 columns: click → profile table shown.
  const profile = [];
  if (part("profile")) {
    const { page, context } = await open(browser, server.url);
    await page.getByTestId("file-input").setInputFiles(WIDE);
    await page.getByTestId("row-count").filter({ hasText: "1,000,000" }).waitFor({ timeout: 180_000 });
    await page.waitForFunction(() => document.querySelector("main")?.dataset.busy === "false", null, { timeout: 60_000 });
    for (let i = 0; i < RUNS; i++) {
      const toggle = page.getByTestId("profile-toggle").first();
      await page.evaluate(() => performance.mark("bench-profile-click"));
      await toggle.click();
      // Polled every frame in the page: a locator's waitFor backs off to 500 ms between looks,
      // which would count up to half a second that the page did not take.
      const shown = await page.waitForFunction(
        () =>
          document.querySelector("[data-testid=profile]") &&
          performance.now() - performance.getEntriesByName("bench-profile-click").at(-1).startTime,
        null,
        { timeout: 60_000, polling: "raf" },
      );
      profile.push(await shown.jsonValue());
      const columns = await page.getByTestId("profile-column").count();
      if (columns !== 10) throw new Error(`expected 10 profiled columns, found ${columns}`);
      await toggle.click(); // close; the next open asks the worker again
      await page.getByTestId("profile").waitFor({ state: "detached" });
      // Forget the profile so the next run computes it again.
      await page.getByTestId("table-name").first().fill(`wide${i}`);
      await page.getByTestId("table-name").first().press("Enter");
      await page.waitForFunction(() => document.querySelector("main")?.dataset.busy === "false", null, { timeout: 60_000 });
    }
    await context.close();
  }
  // Charts of 1M rows: a spec change committed → the canvas drawn (worker prepares and
  // downsamples, the page paints).
  const charts = {};
  if (part("charts")) {
    const { page, context } = await open(browser, server.url);
    await page.getByTestId("file-input").setInputFiles(CSV);
    await page.getByTestId("row-count").filter({ hasText: "1,000,000" }).waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector("main")?.dataset.busy === "false", null, { timeout: 60_000 });
    await page.getByTestId("add-chart").click();
    const chart = page.getByTestId("cell").last();
    const busy = () => page.waitForFunction(() => document.querySelector("main")?.dataset.busy === "false", null, { timeout: 60_000 });
    await busy();
    const kinds = [
      ["kind_line", "user_id", "amount"],
      ["kind_scatter", "user_id", "amount"],
      ["kind_roc", "amount", "paid"],
      ["kind_bar", "store", "amount"],
    ];
    for (const [kind, x, y] of kinds) {
      await chart.getByTestId("field-chart_kind").selectOption(kind);
      await busy();
      await chart.getByTestId("field-x").fill(x);
      await chart.getByTestId("field-x").press("Enter");
      await busy();
      await chart.getByTestId("field-y").fill(y);
      await chart.getByTestId("field-y").press("Enter");
      await busy();
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        // A new title changes the spec, so the worker prepares all 1M rows again.
        await chart.getByTestId("field-chart_title").fill(`${kind} ${i}`);
        const start = await page.evaluate(() => performance.now());
        await chart.getByTestId("field-chart_title").press("Enter");
        await page.waitForFunction((t) => (performance.getEntriesByName("quire-chart-drawn").at(-1)?.startTime ?? 0) > t, start, { timeout: 60_000, polling: "raf" });
        times.push(await page.evaluate((t) => performance.getEntriesByName("quire-chart-drawn").at(-1).startTime - t, start));
        await busy();
      }
      charts[kind] = times;
    }
    await context.close();
  }
  const experiment = part("experiment") ? await analyse(browser, server.url) : [];
  const ols = part("model") ? await regress(browser, server.url) : [];
  await browser.close();
  await server.close();
  const f = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(", ")})`;
  if (part("load")) {
    console.log(`navigation → first contentful paint: ${f(paint)}`);
    console.log(`navigation → engine ready: ${f(ready)}`);
    console.log(`1M-row CSV (${mb((await stat(CSV)).size)}): pick → table shown: ${f(load)}`);
  }
  if (part("charts")) {
    console.log(`line chart of 1M rows (min/max buckets, 2,000 points): spec changed → drawn: ${f(charts.kind_line)}`);
    console.log(`scatter of 1M rows (binned to a 128×80 grid, least-squares line from every row): spec changed → drawn: ${f(charts.kind_scatter)}`);
    console.log(`ROC of 1M scores against a boolean label (curve thinned to 2,000 points): spec changed → drawn: ${f(charts.kind_roc)}`);
    console.log(`bars of 1M rows summed over 50 categories: spec changed → drawn: ${f(charts.kind_bar)}`);
  }
  if (part("profile")) {
    console.log(`profile of 1M rows × 10 columns (${mb((await stat(WIDE)).size)} CSV): click → profile shown: ${f(profile)}`);
  }
  if (part("experiment")) {
    console.log(`experiment of 1M units × 5 metrics × 2 variants: setting changed → results shown: ${f(experiment)}`);
  }
  if (part("model")) {
    console.log(`OLS on 1M rows × 10 features (fit, inference, predictions, charts): setting changed → coefficients shown: ${f(ols)}`);
  }
}

/** The 1M-row regression of `bench_model`: a linear Model cell on every row over ten
 * features; the confidence level is changed and the time runs until the coefficient table's
 * interval header shows the new level. Every change makes the worker fit all 1M rows again. */
async function regress(browser, url) {
  const { page, context } = await open(browser, url);
  await page.getByTestId("file-input").setInputFiles(OLS);
  await page.getByTestId("row-count").filter({ hasText: "1,000,000" }).waitFor({ timeout: 180_000 });
  await settle(page);
  const cell = await addCell(page, "model");
  await setField(page, cell, "model_target", "y");
  await setField(page, cell, "model_split", "none");
  for (let j = 1; j <= 10; j++) {
    await cell.getByTestId(`feature-x${j}`).setChecked(true);
    await settle(page);
  }
  const rows = cell.getByTestId("model-coefficients").locator("tbody tr");
  if ((await rows.count()) !== 11) throw new Error(`expected 11 coefficients, found ${await rows.count()}`);
  const used = await cell.getByTestId("model-rows").innerText();
  if (!/1,000,000 of 1,000,000 rows used/.test(used)) throw new Error(`expected every row used, the cell says ${used}`);
  const times = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const level = i % 2 === 0 ? "90%" : "95%";
    const field = cell.getByTestId("field-confidence");
    await field.fill(i % 2 === 0 ? "0.9" : "0.95");
    const start = await page.evaluate(() => performance.now());
    await field.press("Enter");
    const shown = await page.waitForFunction(
      ([start, level]) => {
        const head = document.querySelector("[data-testid=model-coefficients] thead th:last-child");
        return head && head.innerText.endsWith(level) && performance.now() - start;
      },
      [start, level],
      { timeout: 60_000, polling: "raf" },
    );
    times.push(await shown.jsonValue());
    await settle(page);
  }
  await context.close();
  return times;
}

/** The 1M-unit experiment of `bench_experiment` (same five metrics): the confidence level is
 * changed, and the time runs until the results table shows intervals at the new level. Every
 * change makes the worker analyse all 1M units again. */
async function analyse(browser, url) {
  const { page, context } = await open(browser, url);
  await page.getByTestId("file-input").setInputFiles(AB);
  await page.getByTestId("row-count").filter({ hasText: "1,000,000" }).waitFor({ timeout: 180_000 });
  await settle(page);
  const cell = await addCell(page, "experiment");
  for (const [key, value] of [["unit", "user_id"], ["variant", "variant"], ["control", "control"]]) {
    await setField(page, cell, key, value);
  }
  const metrics = [
    { kind: "binomial", column: "converted", role: "goal" },
    { kind: "binomial", column: "retained", role: "guardrail" },
    { kind: "mean", column: "revenue", role: "goal", covariate: "pre_revenue" },
    { kind: "ratio", numerator: "clicks", denominator: "sessions", role: "secondary" },
    { kind: "mean", column: "latency_ms", role: "guardrail", direction: "lower" },
  ];
  for (const [i, fields] of metrics.entries()) {
    await cell.getByTestId("add-metric").click();
    await settle(page);
    for (const [key, value] of Object.entries(fields)) await setField(page, cell, `metric-${i}-${key}`, value);
  }
  const rows = cell.locator("[data-testid=experiment-result]");
  if ((await rows.count()) !== 5) throw new Error(`expected 5 result rows, found ${await rows.count()}`);
  const units = await cell.getByTestId("experiment-units").innerText();
  if (!/1,000,000/.test(units)) throw new Error(`expected 1,000,000 units, the cell says ${units}`);
  const times = [];
  const interval = () => rows.first().locator("td").nth(5).innerText();
  for (let i = 0; i < RUNS * 2; i++) {
    const before = await interval();
    const field = cell.getByTestId("field-confidence");
    await field.fill(i % 2 === 0 ? "0.9" : "0.95");
    const start = await page.evaluate(() => performance.now());
    await field.press("Enter");
    const shown = await page.waitForFunction(
      ([start, before]) => {
        const cell = document.querySelector("[data-testid=experiment-result] td:nth-child(6)");
        return cell && cell.innerText !== before && performance.now() - start;
      },
      [start, before],
      { timeout: 60_000, polling: "raf" },
    );
    times.push(await shown.jsonValue());
    await settle(page);
  }
  await context.close();
  return times;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
