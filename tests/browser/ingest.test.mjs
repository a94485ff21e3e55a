// The foundation in a real browser: the page paints, the engine worker starts, CSV files
// (UTF-8 and Korean CP949) load into a typed, scrollable table, and bad files say why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useBrowser, text, open, upload, settle, fixture, SHOTS } from "./harness.mjs";

const env = useBrowser();


test("page loads, engine becomes ready, no console errors", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  assert.equal(await text(page, "engine-status"), "Engine ready");
  assert.match(await page.locator("h1").innerText(), /Quire/);
  // Engine readiness was marked for the benchmark, after navigation.
  const ready = await page.evaluate(() => performance.getEntriesByName("quire-engine-ready").length);
  assert.equal(ready, 1);
  await page.screenshot({ path: join(SHOTS, "01-start.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a UTF-8 CSV with ; and quoted newlines loads as a typed table", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "orders_semicolon.csv");
  assert.equal(await text(page, "row-count"), "3");
  assert.equal(await text(page, "column-count"), "5");
  assert.equal(await page.getByTestId("table-name").inputValue(), "orders_semicolon");
  const schema = await text(page, "schema");
  assert.match(schema, /ordered_at\s+datetime/);
  assert.match(schema, /amount\s+float/);
  const grid = page.getByTestId("grid");
  await grid.getByText("first order; thanks").waitFor();
  assert.match(await grid.innerText(), /Grace/);
  assert.match(await text(page, "detected"), /UTF-8 · Delimiter “;”/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a Korean Excel CSV in CP949 is detected and shown in Korean", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url, { lang: "ko" });
  assert.equal(await text(page, "engine-status"), "엔진 준비됨");
  await upload(page, "korean_excel_cp949.csv");
  assert.equal(await text(page, "row-count"), "4");
  assert.match(await text(page, "detected"), /CP949/);
  const header = await page.locator(".grid-header").innerText();
  assert.match(header, /고객/);
  assert.match(header, /결제완료/);
  const grid = page.getByTestId("grid");
  await grid.getByText("김민수").waitFor();
  assert.match(await grid.innerText(), /대구, 수성구/);
  assert.match(await text(page, "schema"), /주문일\s+날짜/);
  await page.screenshot({ path: join(SHOTS, "02-cp949-korean.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a ragged file shows its error in place, naming line and column", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await upload(page, "ragged.csv");
  const message = await text(page, "cell-error");
  assert.match(message, /Line 3, column 3/);
  assert.match(message, /2 fields but the first row has 3/);
  assert.equal(await page.getByTestId("grid").count(), 0, "nothing half-loaded");
  await page.getByTestId("lang-ko").click();
  assert.match(await text(page, "cell-error"), /3번째 줄, 3번째 열/);
  await page.screenshot({ path: join(SHOTS, "03-error.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a binary file is refused with a plain message", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await page.getByTestId("file-input").last().setInputFiles({
    name: "book.xlsx",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("PK\x03\x04\x14\x00\x06\x00 not really a workbook", "latin1"),
  });
  await page.getByTestId("cell-error").waitFor();
  assert.match(await text(page, "cell-error"), /Excel workbook/);
  await context.close();
});

test("drag and drop loads a file, and options re-parse the kept bytes", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  const bytes = [...(await fixture("korean_excel_cp949.csv"))];
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "고객 명단.csv", { type: "text/csv" }));
    const zone = [...document.querySelectorAll('[data-testid="dropzone"]')].at(-1);
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.getByTestId("row-count").waitFor();
  await settle(page);
  assert.equal(await page.getByTestId("table-name").inputValue(), "고객_명단");
  assert.equal(await text(page, "source-name"), "고객 명단.csv");
  assert.equal(await text(page, "row-count"), "4");
  // No header: the header row becomes data, re-read from the kept bytes.
  await page.locator(".options summary").click();
  await page.getByTestId("opt-header").selectOption({ index: 2 });
  await page.waitForFunction(() => document.querySelector('[data-testid="row-count"]')?.innerText === "5");
  assert.match(await page.locator(".grid-header").innerText(), /column_1/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the sample loads and the grid scrolls to its last row without all rows in the DOM", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await page.getByTestId("sample").click();
  await page.getByTestId("row-count").waitFor();
  await settle(page);
  assert.equal(await text(page, "row-count"), "600");
  assert.equal(await page.getByTestId("table-name").inputValue(), "cafe_sales");
  const rendered = await page.locator(".grid-window .grid-row").count();
  assert.ok(rendered > 5 && rendered < 60, `virtualised: ${rendered} rows in the DOM`);
  await page.getByTestId("grid").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.locator('.grid-window .grid-row[data-row="599"] .cell').first().waitFor();
  const last = await page.locator('.grid-window .grid-row[data-row="599"]').innerText();
  assert.match(last, /^600\s+10600/);
  // Header cells line up with the cells below them.
  const headerX = await page.locator(".grid-header .cell").nth(4).boundingBox();
  const cellX = await page.locator('.grid-window .grid-row[data-row="599"] .cell').nth(4).boundingBox();
  assert.equal(Math.round(headerX.x), Math.round(cellX.x));
  assert.equal(Math.round(headerX.width), Math.round(cellX.width));
  await page.screenshot({ path: join(SHOTS, "04-sample-scrolled.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("renaming a table keeps it, and a bad name is refused in its cell", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await page.getByTestId("sample").click();
  await page.getByTestId("row-count").waitFor();
  await settle(page);
  const name = page.getByTestId("table-name");
  await name.fill("   ");
  await name.press("Enter");
  await page.getByTestId("cell-error").waitFor();
  assert.match(await text(page, "cell-error"), /cannot be a table name/);
  await name.fill("매출");
  await name.press("Enter");
  await page.waitForFunction(() => !document.querySelector('[data-testid="cell-error"]'));
  await settle(page);
  assert.equal(await page.getByTestId("table-name").inputValue(), "매출");
  assert.equal(await text(page, "row-count"), "600");
  await context.close();
});
