// Chart cells in a real browser: the canvas is drawn (not blank) at the page's width, hovering
// names a value, and PNG and SVG exports carry the Korean title; on a 2× screen the canvas's
// backing store is twice its CSS size; a sampled chart says so, in the page's language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, open, upload, settle, SHOTS, setField, inked } from "./harness.mjs";

const env = useBrowser();

test("a chart cell draws bars and a line, crisp at the page width, and exports PNG and SVG", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "raw_orders.csv");
  const n = await page.getByTestId("cell").count();
  await page.getByTestId("add-chart").click();
  await settle(page);
  const chart = page.getByTestId("cell").nth(n);
  await setField(page, chart, "chart_kind", "kind_bar");
  await setField(page, chart, "x", "city");
  await setField(page, chart, "aggregate", "agg_count");
  await setField(page, chart, "chart_title", "도시별 주문");
  const canvas = chart.getByTestId("chart-canvas");
  await canvas.waitFor();
  const size = await canvas.evaluate((c) => ({
    width: c.width,
    height: c.height,
    css: c.getBoundingClientRect().width,
    cell: c.closest("[data-testid=cell]").getBoundingClientRect().width,
    ratio: devicePixelRatio,
  }));
  assert.equal(size.height, Math.round(360 * size.ratio));
  assert.equal(size.width, Math.round(size.css * size.ratio));
  assert.ok(size.css > size.cell * 0.8, `the chart follows the page width (${size.css} of ${size.cell})`);
  const ink = await inked(canvas);
  assert.ok(ink > 0.02 && ink < 0.9, `drawn, not blank (${ink})`);

  // Hovering over the first bar names its category and count.
  const box = await canvas.boundingBox();
  let said = null;
  for (let fx = 0.1; fx < 0.5 && !said; fx += 0.02) {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.8);
    said = await chart.getByTestId("chart-tip").textContent({ timeout: 200 }).catch(() => null);
  }
  assert.match(said ?? "", /^[A-Za-z ]+: count \d+$/, `tooltip: ${said}`);
  await page.screenshot({ path: join(SHOTS, "30-chart.png"), fullPage: true });

  const [png] = await Promise.all([page.waitForEvent("download"), chart.getByTestId("export-png").click()]);
  assert.equal(png.suggestedFilename(), "도시별_주문.png");
  const pngBytes = await readFile(await png.path());
  assert.deepEqual([...pngBytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  const [svg] = await Promise.all([page.waitForEvent("download"), chart.getByTestId("export-svg").click()]);
  const svgText = await readFile(await svg.path(), "utf8");
  assert.match(svgText, /^<svg/);
  assert.ok(svgText.includes("도시별 주문"), "the Korean title is in the SVG");

  // It follows the page width.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.waitForFunction(
    () => {
      const c = document.querySelector("[data-testid=chart-canvas]");
      return c && Math.abs(c.width - Math.round(c.getBoundingClientRect().width * devicePixelRatio)) <= 1;
    },
    null,
    { timeout: 5_000 },
  );
  assert.ok((await canvas.evaluate((c) => c.width)) < size.width, "narrower after the window narrowed");
  // The x field offers only what a line can put on its axis; y offers numbers.
  const options = (id) => chart.locator(`datalist[id^=${id}] option`).evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(await options("y-cols"), ["order_id", "customer_id"]);

  // A line over time, per month.
  await setField(page, chart, "chart_kind", "kind_line");
  await setField(page, chart, "x", "order_id");
  await setField(page, chart, "y", "customer_id");
  await setField(page, chart, "aggregate", "agg_none");
  assert.equal(await chart.getByTestId("cell-error").count(), 0);
  assert.ok((await inked(chart.getByTestId("chart-canvas"))) > 0.01);

  // A chart of text where numbers are needed says so in its cell.
  await setField(page, chart, "y", "city");
  assert.match(await chart.getByTestId("cell-error").innerText(), /city.*not numbers/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The SVG the cell's export button downloads, as text. */
async function exportedSvg(page, cell) {
  const [svg] = await Promise.all([page.waitForEvent("download"), cell.getByTestId("export-svg").click()]);
  return readFile(await svg.path(), "utf8");
}

test("on a 2× screen the canvas is drawn at twice its CSS size, and a sampled line says so in Korean", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url, { lang: "ko", scale: 2, width: 1100 });
  // 6,020 rows: a raw line of more than 2,000 points is downsampled (min/max buckets).
  await upload(page, "ab_test.csv");
  const n = await page.getByTestId("cell").count();
  await page.getByTestId("add-chart").click();
  await settle(page);
  const chart = page.getByTestId("cell").nth(n);
  await setField(page, chart, "chart_kind", "kind_line");
  await setField(page, chart, "x", "user_id");
  await setField(page, chart, "y", "revenue");
  await setField(page, chart, "aggregate", "agg_none");
  const canvas = chart.getByTestId("chart-canvas");
  await canvas.waitFor();
  const size = await canvas.evaluate((c) => ({
    width: c.width,
    height: c.height,
    css: c.getBoundingClientRect(),
    ratio: devicePixelRatio,
  }));
  assert.equal(size.ratio, 2);
  assert.equal(size.height, 2 * 360);
  assert.equal(size.css.height, 360);
  assert.equal(size.width, Math.round(2 * size.css.width));
  assert.ok((await inked(canvas)) > 0.01, "drawn");

  // Beside the chart, in the page's language, with grouped thousands; the SVG says the same.
  const note = await chart.getByTestId("chart-notes").innerText();
  // The rows with a revenue (6,020 less the missing ones), at most 2,000 of them drawn.
  const [, total, shown] = note.match(/^점 ([\d,]+)개 중 ([\d,]+)개 표시$/) ?? [];
  const count = (t) => Number(t?.replaceAll(",", ""));
  assert.ok(count(total) > 5_900 && count(total) <= 6_020 && count(shown) <= 2_000, `note: ${note}`);
  assert.ok((await exportedSvg(page, chart)).includes(note), "the SVG carries the note");
  await page.screenshot({ path: join(SHOTS, "31-chart-2x-sampled.png"), fullPage: true });

  // A histogram with a fixed number of bins and an x-axis label: both drawn, in Korean.
  await setField(page, chart, "chart_kind", "kind_histogram");
  await setField(page, chart, "chart_bins", "bins_fixed");
  await setField(page, chart, "bin_count", 12);
  await setField(page, chart, "x_label", "매출 (원)");
  const svg = await exportedSvg(page, chart);
  assert.match(svg, /고정: 구간 12개, 너비 [\d.]+/);
  assert.ok(svg.includes("매출 (원)") && svg.includes("개수"), "axis labels");
  assert.equal(await chart.getByTestId("chart-notes").innerText(), "", "nothing left out");
  // A histogram offers a log scale; an interval chart does not.
  assert.equal(await chart.getByTestId("field-log_y").count(), 1);
  await setField(page, chart, "chart_kind", "kind_interval");
  assert.equal(await chart.getByTestId("field-log_y").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
