// The ETL flow in a real browser: a raw orders export with the usual problems is cleaned in
// typed steps (the ledger's numbers asserted), joined with customers in SQL, profiled, checked,
// exported, and still the same after a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, open, upload, settle, SHOTS, setField, addCell } from "./harness.mjs";

const env = useBrowser();

/** Adds a step (or check) from the cell's menu and sets its fields in order. */
async function add(page, cell, menu, item, name, fields = {}) {
  const before = await cell.getByTestId(item).count();
  await cell.getByTestId(menu).selectOption(name);
  await settle(page);
  await cell.getByTestId(item).nth(before).waitFor();
  for (const [key, value] of Object.entries(fields)) {
    await setField(page, cell.getByTestId(item).nth(before), key, value);
  }
}

/** The ledger of step `n` as numbers: rows in and out, and each column's changes. */
async function ledger(cell, n) {
  const el = cell.getByTestId("step").nth(n).getByTestId("ledger");
  const rows = await el.evaluate((e) => ({
    ran: e.dataset.ran === "true",
    in: Number(e.dataset.rowsIn),
    out: Number(e.dataset.rowsOut),
  }));
  const changes = await el.getByTestId("change").evaluateAll((els) =>
    Object.fromEntries(
      els.map((e) => [e.dataset.column, [e.dataset.changed, e.dataset.nulled, e.dataset.filled].map(Number)]),
    ),
  );
  return { ...rows, changes };
}

test("raw orders → clean → SQL join → profile → quality checks → export", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "raw_orders.csv");
  await upload(page, "customers.csv");

  // Clean: it starts from the latest table; point it at the raw orders.
  const clean = await addCell(page, "clean");
  await clean.getByTestId("clean-input").fill("raw_orders");
  await clean.getByTestId("clean-input").press("Enter");
  await settle(page);
  await clean.getByTestId("clean-table").fill("orders_clean");
  await clean.getByTestId("clean-table").press("Enter");
  await settle(page);

  const step = (name, fields) => add(page, clean, "add-step", "step", name, fields);
  await step("dedup");
  await step("cast", { column: "amount", type: "float" });
  await step("parse_date", { column: "order_date", formats: "%Y-%m-%d, %m/%d/%Y" });
  await step("case", { columns: "city", text_case: "title" });
  await step("fill_null", { column: "amount", fill: "median" });
  await step("outliers", { column: "amount", action: "drop_rows" });
  await step("drop_nulls", { columns: "city" });
  // Loading keeps "  busan " as written; trimming is a step of its own.
  await step("trim", { columns: "city" });
  assert.equal(await clean.getByTestId("cell-error").count(), 0, "every step runs");

  const expected = [
    { ran: true, in: 12, out: 10, changes: {} },
    { ran: true, in: 10, out: 10, changes: { amount: [0, 1, 0] } },
    { ran: true, in: 10, out: 10, changes: { order_date: [3, 1, 0] } },
    { ran: true, in: 10, out: 10, changes: { city: [3, 0, 0] } },
    { ran: true, in: 10, out: 10, changes: { amount: [0, 0, 3] } },
    { ran: true, in: 10, out: 9, changes: {} },
    { ran: true, in: 9, out: 8, changes: {} },
    { ran: true, in: 8, out: 8, changes: { city: [1, 0, 0] } },
  ];
  for (const [n, want] of expected.entries()) {
    assert.deepEqual(await ledger(clean, n), want, `step ${n + 1}`);
  }
  assert.equal(await clean.getByTestId("step").nth(4).getByTestId("ledger-detail").innerText(), "· filled with 18");
  assert.match(await clean.getByTestId("cell-state").innerText(), /8 rows/);
  // The dropped outlier is shown as an example: input row 11, amount 1500.
  const outlier = clean.getByTestId("step").nth(5);
  await outlier.locator("details.examples summary").click();
  assert.match(await outlier.locator("details.examples").innerText(), /11: .*1500/);

  // Turning the dedup step off keeps the duplicates: 12 → 10 rows at the end instead of 8.
  await clean.getByTestId("step").nth(0).getByTestId("step-enabled").setChecked(false);
  await settle(page);
  assert.equal((await ledger(clean, 0)).ran, false);
  assert.match(await clean.getByTestId("cell-state").innerText(), /10 rows/);
  await clean.getByTestId("step").nth(0).getByTestId("step-enabled").setChecked(true);
  await settle(page);
  assert.match(await clean.getByTestId("cell-state").innerText(), /8 rows/);

  // SQL over the warehouse: join the cleaned orders with customers.
  const sql = await addCell(page, "sql");
  await sql.getByTestId("sql-source").fill(
    "SELECT c.segment, count(*) AS orders, sum(o.amount) AS revenue\n" +
      "FROM orders_clean o JOIN customers c ON o.customer_id = c.customer_id\n" +
      "GROUP BY c.segment ORDER BY c.segment",
  );
  await sql.getByTestId("sql-source").press("Shift+Enter");
  await settle(page);
  await sql.getByTestId("sql-table").fill("by_segment");
  await sql.getByTestId("sql-table").press("Enter");
  await settle(page);
  await sql.getByTestId("grid").getByText("wholesale").waitFor();
  const grid = await sql.getByTestId("grid").innerText();
  assert.match(grid, /retail\s+5\s+101\.25/);
  assert.match(grid, /wholesale\s+2\s+16\.75/);

  // Profile of the cleaned table.
  await clean.getByTestId("profile-toggle").click();
  await clean.getByTestId("profile").waitFor();
  const profile = await clean.getByTestId("profile-column").evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.dataset.column, [e.dataset.count, e.dataset.nulls, e.dataset.distinct].map(Number)])),
  );
  assert.deepEqual(profile.amount, [8, 0, 6], "12.5, 7.25, 18 (×3), 30, 22.75, 9.5");
  assert.deepEqual(profile.order_id, [8, 0, 8]);
  assert.deepEqual(profile.city, [8, 0, 4], "Seoul, Busan, Daegu, Incheon");
  assert.match(await clean.getByTestId("profile").innerText(), /2024-03-01 … 2024-03-08/);
  assert.equal(await clean.getByTestId("histogram").count(), 4, "order_id, customer_id, amount, order_date");

  // Quality checks on the cleaned table.
  const quality = await addCell(page, "quality");
  await quality.getByTestId("quality-input").fill("orders_clean");
  await quality.getByTestId("quality-input").press("Enter");
  await settle(page);
  const check = (name, fields) => add(page, quality, "add-check", "check", name, fields);
  await check("not_null", { column: "amount" });
  await check("unique", { columns: "order_id" });
  await check("referential", { column: "customer_id", other_table: "customers", other_column: "customer_id" });
  await check("fresh", { column: "order_date", days: 7, reference: "2024-03-10" });
  await check("row_count", { rows_min: 10 });
  const outcomes = await quality.getByTestId("check").evaluateAll((els) =>
    els.map((e) => [e.dataset.check, e.dataset.outcome, Number(e.dataset.failing)]),
  );
  assert.deepEqual(outcomes, [
    ["not_null", "pass", 0],
    ["unique", "pass", 0],
    ["referential", "fail", 1],
    ["fresh", "pass", 0],
    ["row_count", "fail", 0],
  ]);
  assert.match(await quality.getByTestId("check").nth(2).getByTestId("failing-sample").innerText(), /\b99\b/);
  assert.match(await quality.getByTestId("check").nth(4).getByTestId("check-result").innerText(), /= 8/);
  assert.equal(await quality.getAttribute("data-failed-checks"), "2");
  assert.equal(await page.getByTestId("quality-summary").getAttribute("data-failed"), "2");
  assert.match(await page.getByTestId("quality-summary").innerText(), /2 checks failed on “orders_clean”/);
  await page.screenshot({ path: join(SHOTS, "20-etl-flow.png"), fullPage: true });

  // Export the cleaned table as CSV for Excel: UTF-8 with a byte-order mark.
  const [download] = await Promise.all([page.waitForEvent("download"), clean.getByTestId("export-excel").click()]);
  assert.equal(download.suggestedFilename(), "orders_clean.csv");
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trim().split("\n");
  assert.equal(lines[0], "order_id,customer_id,amount,order_date,city");
  assert.equal(lines.length, 9);
  const [parquet] = await Promise.all([page.waitForEvent("download"), clean.getByTestId("export-parquet").click()]);
  assert.equal(parquet.suggestedFilename(), "orders_clean.parquet");
  const pq = await readFile(await parquet.path());
  assert.equal(pq.subarray(0, 4).toString(), "PAR1");
  assert.equal(pq.subarray(pq.length - 4).toString(), "PAR1");

  // The file keeps the steps; the ledger is recomputed on opening.
  await page.reload();
  await page.getByTestId("engine-status").and(page.locator(".ready")).waitFor();
  await page.getByTestId("cell").nth(4).waitFor();
  await settle(page);
  const again = page.getByTestId("cell").nth(2);
  await again.getByTestId("ledger").nth(6).waitFor();
  for (const [n, want] of expected.entries()) {
    assert.deepEqual(await ledger(again, n), want, `step ${n + 1} after reload`);
  }
  assert.equal(await page.getByTestId("quality-summary").getAttribute("data-failed"), "2");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a step that cannot run names itself, in Korean too, and the rest of the notebook works", async () => {
  const { page, context } = await open(env.browser, env.server.url, { lang: "ko" });
  await upload(page, "raw_orders.csv");
  const clean = await addCell(page, "clean");
  await add(page, clean, "add-step", "step", "fill_null", { column: "city", fill: "mean" });
  assert.match(await clean.getByTestId("cell-error").innerText(), /1단계를 실행할 수 없습니다: .*city/);
  assert.match(await clean.getByTestId("cell-state").innerText(), /오류/);
  await add(page, clean, "add-step", "step", "filter", { predicate: "amount >" });
  await clean.getByTestId("step").nth(0).getByTestId("step-remove").click();
  await settle(page);
  assert.match(await clean.getByTestId("cell-error").innerText(), /1단계/);
  await setField(page, clean.getByTestId("step").nth(0), "predicate", "customer_id = 10");
  assert.equal(await clean.getByTestId("cell-error").count(), 0);
  assert.equal(await clean.getByTestId("ledger").getAttribute("data-rows-out"), "3");
  await context.close();
});

test("ranking windows in SQL, and SQL errors that name their line and column", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "raw_orders.csv");
  await upload(page, "customers.csv");
  const sql = await addCell(page, "sql");
  const run = async (query) => {
    await sql.getByTestId("sql-source").fill(query);
    await sql.getByTestId("sql-source").press("Shift+Enter");
    await settle(page);
  };
  // The latest order of each customer: ROW_NUMBER in a CTE, kept where rn = 1 (12 has order 8
  // twice; 99 is no customer, so the join drops it).
  await run(
    "WITH ranked AS (\n" +
      "  SELECT customer_id, order_id,\n" +
      "         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id DESC) AS rn\n" +
      "  FROM raw_orders)\n" +
      "SELECT ranked.customer_id, ranked.order_id, c.name\n" +
      "FROM ranked JOIN customers c ON ranked.customer_id = c.customer_id\n" +
      "WHERE rn = 1 ORDER BY customer_id",
  );
  await sql.getByTestId("grid").getByText("정하늘").waitFor();
  assert.equal(await sql.getByTestId("cell-error").count(), 0);
  assert.match(await sql.getByTestId("cell-state").innerText(), /5 rows/);
  const grid = await sql.getByTestId("grid").innerText();
  for (const row of [/10\s+9\s+Kim Minji/, /11\s+7\s+Lee Joon/, /12\s+8\s+Park Seo/, /13\s+5\s+Choi Ara/, /14\s+10\s+정하늘/]) {
    assert.match(grid, row);
  }

  // A parser error past the end of the text points just after it: line 3, column 15.
  await run("SELECT order_id\nFROM raw_orders\nWHERE amount >");
  assert.match(await sql.getByTestId("cell-error").innerText(), /^SQL error at line 3, column 15: .*EOF/);
  // A window function beside GROUP BY is refused where it stands: line 2, column 3.
  await run("SELECT customer_id, count(*) AS n,\n  RANK() OVER (ORDER BY customer_id) AS r\nFROM raw_orders GROUP BY customer_id");
  assert.match(await sql.getByTestId("cell-error").innerText(), /^SQL error at line 2, column 3: RANK\(\) … OVER cannot be used beside GROUP BY/);
  assert.deepEqual(errors, []);
  await context.close();
});
