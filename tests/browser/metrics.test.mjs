// Metrics and dashboards in a real browser, on tests/fixtures/csv/activity.csv (whose values
// are counted by hand in make.py): two Metric cells, a two-tile dashboard whose tiles show the
// latest complete week against the one before, coloured by what is good news (a fall too, when
// lower is better), open onto their definition, SQL and source, say what is partial, follow a
// rename, export as PNG, and read in Korean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, open, upload, settle, SHOTS, setField, addCell, inked } from "./harness.mjs";

const env = useBrowser();

test("a two-tile dashboard shows each metric's change, definition, SQL and source", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "activity.csv");

  // Weekly active users: the new metric starts from the latest table and its date column.
  const wau = await addCell(page, "metric-cell");
  assert.equal(await wau.getByTestId("field-m_table").inputValue(), "activity");
  assert.equal(await wau.getByTestId("field-m_time").inputValue(), "day");
  await setField(page, wau, "m_name", "wau");
  await setField(page, wau, "m_grain", "week");
  await setField(page, wau, "m_aggregation", "count(distinct user_id)");
  await setField(page, wau, "unit", "users");
  await setField(page, wau, "m_format", "integer");
  assert.equal(await wau.getByTestId("cell-error").count(), 0);
  const headline = wau.getByTestId("metric-headline");
  assert.equal(await headline.innerText(), "2024-W02: 4 users · ▲ +1 (+33.3%) vs 2024-W01");
  assert.equal(await headline.getAttribute("data-trend"), "good");
  const periods = await wau.getByTestId("metric-series").locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => [r.dataset.period, Number(r.dataset.value), r.dataset.complete]),
  );
  assert.deepEqual(periods, [["2024-W02", 4, "true"], ["2024-W01", 3, "true"]]);
  assert.match(await wau.getByTestId("metric-sql").textContent(), /count\(distinct user_id\) AS value[\s\S]*GROUP BY period/);
  assert.ok((await inked(wau.getByTestId("metric-chart"))) > 0.002, "the line is drawn");

  // Revenue, where less is bad news; a new metric reads the latest table that is not a metric.
  const revenue = await addCell(page, "metric-cell");
  assert.equal(await revenue.getByTestId("field-m_table").inputValue(), "activity");
  await setField(page, revenue, "m_name", "revenue");
  await setField(page, revenue, "m_grain", "week");
  await setField(page, revenue, "m_aggregation", "sum(amount)");
  await setField(page, revenue, "m_format", "currency");
  assert.equal(await revenue.getByTestId("field-m_symbol").inputValue(), "₩");
  assert.equal(await revenue.getByTestId("metric-headline").getAttribute("data-trend"), "bad");

  // The dashboard starts with every metric of the notebook.
  const dash = await addCell(page, "dashboard");
  await setField(page, dash, "m_title", "Weekly review");
  assert.equal(await dash.getByTestId("field-m_tiles").inputValue(), "wau, revenue");
  const tiles = dash.getByTestId("tile");
  assert.equal(await tiles.count(), 2);
  const wauTile = dash.locator("[data-testid=tile][data-metric=wau]");
  const revenueTile = dash.locator("[data-testid=tile][data-metric=revenue]");
  assert.equal(await wauTile.getByTestId("tile-value").innerText(), "4 users");
  assert.equal(await wauTile.getByTestId("tile-change").innerText(), "▲ +1 (+33.3%) vs 2024-W01");
  assert.equal(await wauTile.getAttribute("data-trend"), "good");
  assert.equal(await revenueTile.getByTestId("tile-value").innerText(), "₩30");
  assert.equal(await revenueTile.getByTestId("tile-change").innerText(), "▼ −₩6 (−16.7%) vs 2024-W01");
  assert.equal(await revenueTile.getAttribute("data-trend"), "bad");
  // Good and bad news differ in colour, not only in the arrow.
  const colour = (tile) => tile.getByTestId("tile-change").evaluate((e) => getComputedStyle(e).color);
  assert.notEqual(await colour(wauTile), await colour(revenueTile));
  for (const tile of [wauTile, revenueTile]) {
    assert.ok((await inked(tile.getByTestId("tile-spark"))) > 0.002, "the sparkline is drawn");
  }

  // A tile opens onto its definition, the SQL that ran and its source table.
  await revenueTile.getByTestId("tile-open").click();
  const details = revenueTile.getByTestId("tile-details");
  await details.waitFor();
  assert.match(await details.getByTestId("tile-sql").textContent(), /SELECT period, sum\(amount\) AS value/);
  const source = details.getByTestId("tile-source");
  assert.equal(await source.getAttribute("data-table"), "activity");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await source.click();
  const dataCell = page.getByTestId("cell").first();
  await page.waitForFunction(() => {
    const r = document.querySelector("[data-testid=cell]").getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
  });
  assert.equal(await dataCell.getAttribute("data-kind"), "data");
  await page.screenshot({ path: join(SHOTS, "50-dashboard.png"), fullPage: true });

  // Printed, the dashboard keeps its tiles and drops the controls.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByTestId("add-dashboard").isVisible(), false);
  assert.equal(await dash.getByTestId("export-dashboard-png").isVisible(), false);
  assert.equal(await wauTile.getByTestId("tile-value").isVisible(), true);
  await page.emulateMedia({ media: "screen" });

  // The picture of the dashboard.
  const [png] = await Promise.all([page.waitForEvent("download"), dash.getByTestId("export-dashboard-png").click()]);
  assert.equal(png.suggestedFilename(), "Weekly review.png");
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.length > 5_000, `a real picture (${bytes.length} bytes)`);

  // Renaming a metric updates the dashboard that shows it.
  await setField(page, wau, "m_name", "weekly_users");
  assert.equal(await dash.getByTestId("field-m_tiles").inputValue(), "weekly_users, revenue");
  await dash.locator("[data-testid=tile][data-metric=weekly_users]").waitFor();

  // In Korean.
  await page.getByTestId("lang-ko").click();
  await page.waitForFunction(() =>
    /대비/.test(document.querySelector("[data-metric=revenue] [data-testid=tile-change]")?.innerText ?? ""),
  );
  assert.equal(await revenueTile.getByTestId("tile-change").innerText(), "▼ −₩6 (−16.7%), 2024-W01 대비");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a monthly metric marks the incomplete month instead of comparing it, and bad SQL is said", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "activity.csv");
  const m = await addCell(page, "metric-cell");
  await setField(page, m, "m_name", "mau");
  await setField(page, m, "m_grain", "month");
  await setField(page, m, "m_aggregation", "count(distinct user_id)");
  assert.match(await m.getByTestId("metric-headline").innerText(), /no two complete periods/);
  assert.match(await m.getByTestId("metric-partial").innerText(), /^2024-01 so far \(incomplete, not compared\): 4$/);
  const row = m.getByTestId("metric-series").locator("tbody tr");
  assert.equal(await row.getAttribute("data-complete"), "false");

  // A rolling 7-day window on days: 14 January's users against 7 January's.
  await setField(page, m, "m_grain", "day");
  await setField(page, m, "m_rolling", "7");
  assert.equal(await m.getByTestId("metric-headline").innerText(), "2024-01-14: 4 · ▲ +1 (+33.3%) vs 2024-01-07");

  await setField(page, m, "m_aggregation", "sum(amount");
  assert.match(await m.getByTestId("cell-error").innerText(), /SQL error/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an A/B cell compares a metric defined once, by name, per user", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "activity.csv");
  const revenue = await addCell(page, "metric-cell");
  await setField(page, revenue, "m_name", "revenue");
  await setField(page, revenue, "m_aggregation", "sum(amount)");

  // Who saw what: u1 and u3 in control, u2 and u4 in treatment.
  const sql = await addCell(page, "sql");
  await sql.getByTestId("sql-source").fill(
    "select user_id, case when user_id in ('u1', 'u3') then 'control' else 'treatment' end as variant\n" +
      "from activity group by user_id",
  );
  await sql.getByTestId("sql-source").press("Shift+Enter");
  await settle(page);
  await sql.getByTestId("sql-table").fill("assignments");
  await sql.getByTestId("sql-table").press("Enter");
  await settle(page);

  const ab = await addCell(page, "experiment");
  await ab.getByTestId("experiment-input").fill("assignments");
  await ab.getByTestId("experiment-input").press("Enter");
  await settle(page);
  assert.equal(await ab.getByTestId("experiment-input").inputValue(), "assignments");
  await setField(page, ab, "unit", "user_id");
  await setField(page, ab, "variant", "variant");
  await setField(page, ab, "control", "control");
  await ab.getByTestId("add-metric").click();
  await settle(page);
  await setField(page, ab, "metric-0-kind", "defined");
  await setField(page, ab, "metric-0-metric", "revenue");
  // Revenue per user, from the metric's own definition: u1 19 and u3 8; u2 27 and u4 12.
  const row = ab.locator("[data-testid=experiment-result][data-metric=revenue]");
  await row.waitFor();
  assert.match(await row.innerText(), /13\.5 \/ 19\.5/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a lower-is-better metric's drop is good news in colour, and a tile links to its definition and says what is partial", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "activity.csv");
  // Weekly spend where less is better (a cost): 36 → 30 is good news.
  const cost = await addCell(page, "metric-cell");
  await setField(page, cost, "m_name", "cost");
  await setField(page, cost, "m_owner", "finance");
  await setField(page, cost, "m_grain", "week");
  await setField(page, cost, "m_aggregation", "sum(amount)");
  await setField(page, cost, "metric_direction", "lower");
  assert.equal(await cost.getByTestId("metric-headline").getAttribute("data-trend"), "good");
  // The same fall where more is better: bad news.
  const revenue = await addCell(page, "metric-cell");
  await setField(page, revenue, "m_name", "revenue");
  await setField(page, revenue, "m_grain", "week");
  await setField(page, revenue, "m_aggregation", "sum(amount)");
  assert.equal(await revenue.getByTestId("metric-headline").getAttribute("data-trend"), "bad");
  // Monthly users: January is incomplete (data to the 14th), so it is only "so far".
  const monthly = await addCell(page, "metric-cell");
  await setField(page, monthly, "m_name", "monthly_users");
  await setField(page, monthly, "m_grain", "month");
  await setField(page, monthly, "m_aggregation", "count(distinct user_id)");

  const dash = await addCell(page, "dashboard");
  assert.equal(await dash.getByTestId("field-m_tiles").inputValue(), "cost, revenue, monthly_users");
  const tile = (name) => dash.locator(`[data-testid=tile][data-metric=${name}]`);
  assert.equal(await tile("cost").getAttribute("data-trend"), "good");
  assert.equal(await tile("cost").getByTestId("tile-change").innerText(), "▼ −6 (−16.7%) vs 2024-W01");
  assert.equal(await tile("revenue").getAttribute("data-trend"), "bad");
  const colour = (name) => tile(name).getByTestId("tile-change").evaluate((e) => getComputedStyle(e).color);
  // The stylesheet's good green (#008c64) and bad orange (#d55e00), whatever the arrow says.
  assert.equal(await colour("cost"), "rgb(0, 140, 100)");
  assert.equal(await colour("revenue"), "rgb(213, 94, 0)");

  // The partial month is said on its tile, apart from the (missing) comparison.
  const partial = tile("monthly_users").getByTestId("tile-partial");
  assert.equal(await partial.innerText(), "2024-01 so far (incomplete, not compared): 4");
  assert.match(await tile("monthly_users").getByTestId("tile-change").innerText(), /no two complete periods/);

  // Opened, the tile lists its definition, the SQL and what the SQL is on its own, and links
  // back to the Metric cell that defines it.
  await tile("cost").getByTestId("tile-open").click();
  const details = tile("cost").getByTestId("tile-details");
  await details.waitFor();
  const lines = await details.locator("ul.rules li").allInnerTexts();
  assert.deepEqual(lines.map((l) => l.replace(/\s+/g, " ").trim()), [
    "Aggregation (SQL) sum(amount)",
    "Grain ISO week",
    "Time column day",
    "Owner finance",
  ]);
  assert.match(await details.getByTestId("tile-sql").textContent(), /^WITH with_period AS \(/);
  assert.match(await details.getByTestId("tile-sql-note").innerText(), /pasted into an SQL cell it gives the same value/);
  const link = details.getByTestId("tile-definition");
  assert.equal(await link.innerText(), "Defined in");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await link.click();
  const anchor = await cost.getAttribute("id");
  await page.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
  }, anchor);

  // A rolling metric says that the windows are counted after its SQL.
  await setField(page, monthly, "m_grain", "day");
  await setField(page, monthly, "m_rolling", "7");
  await monthly.getByTestId("metric-definition").locator("summary").click();
  assert.match(
    await monthly.getByTestId("metric-sql-note").innerText(),
    /The engine then counts, for each day, the distinct units active in the 7 days ending that day/,
  );
  await page.getByTestId("lang-ko").click();
  await page.waitForFunction(
    (id) => /엔진이/.test(document.getElementById(id)?.querySelector("[data-testid=metric-sql-note]")?.innerText ?? ""),
    await monthly.getAttribute("id"),
  );
  assert.match(await monthly.getByTestId("metric-sql-note").innerText(), /7일 동안 활동한 고유 유닛 수/);
  await page.screenshot({ path: join(SHOTS, "52-dashboard-direction.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
