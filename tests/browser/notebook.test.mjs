// The notebook in a real browser: typed cells, Shift+Enter, undo, files, bundles, share links,
// autosave across a reload, and markup from files or markdown that must never run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, text, open, upload, settle, SHOTS } from "./harness.mjs";

const env = useBrowser();

const cell = (page, n) => page.getByTestId("cell").nth(n);

/** Adds a cell of `kind` ("markdown" or "sql") at the end, types `source` and runs it. */
async function addCell(page, kind, source) {
  const n = await page.getByTestId("cell").count();
  await page.getByTestId(`add-${kind}`).click();
  await settle(page);
  const c = cell(page, n);
  await c.getByTestId(`${kind}-source`).fill(source);
  await c.getByTestId(`${kind}-source`).press("Shift+Enter");
  await settle(page);
  return c;
}
const addMarkdown = (page, source) => addCell(page, "markdown", source);
const addSql = (page, query) => addCell(page, "sql", query);

test("a three-cell notebook is restored after a reload", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await page.getByTestId("title").fill("분기 매출 Q3");
  await page.getByTestId("title").press("Enter");
  await addMarkdown(page, "# Orders\n\nOnly the **big** ones.");
  await upload(page, "orders_semicolon.csv");
  const sql = await addSql(page, "SELECT customer, amount FROM orders_semicolon WHERE amount > 8 ORDER BY amount");
  await sql.getByTestId("grid").getByText("Linus").waitFor();
  assert.match(await text(sql, "cell-state"), /up to date · \d+ ms · 2 rows/);

  await page.reload();
  await page.getByTestId("engine-status").and(page.locator(".ready")).waitFor();
  await page.getByTestId("cell").nth(2).waitFor();
  await settle(page);
  assert.equal(await page.getByTestId("title").inputValue(), "분기 매출 Q3");
  const kinds = await page.getByTestId("cell").evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.deepEqual(kinds, ["markdown", "data", "sql"]);
  assert.equal(await cell(page, 0).locator(".rendered h1").innerText(), "Orders");
  assert.equal(await text(cell(page, 1), "row-count"), "3", "the data came back from IndexedDB");
  await cell(page, 2).getByTestId("grid").getByText("Ada").waitFor();
  assert.match(await cell(page, 2).getByTestId("grid").innerText(), /Ada[\s\S]*Linus/);
  await page.screenshot({ path: join(SHOTS, "10-notebook-restored.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("an SQL error stays in its cell, names its position, and undo brings back the query", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await upload(page, "orders_semicolon.csv");
  const sql = await addSql(page, "SELECT count(*) AS n FROM orders_semicolon");
  await sql.getByTestId("grid").getByText("3").first().waitFor();
  await sql.getByTestId("sql-source").fill("SELECT count(*) AS n FROM nowhere");
  assert.match(await text(sql, "cell-state"), /^stale/, "edited and not run yet");
  await sql.getByTestId("sql-source").press("Shift+Enter");
  await settle(page);
  assert.match(await text(sql, "cell-error"), /nowhere/);
  assert.equal(await text(cell(page, 0), "row-count"), "3", "the data cell keeps working");
  await sql.getByTestId("sql-source").fill("SELECT FROM WHERE");
  await sql.getByTestId("sql-source").press("Shift+Enter");
  await settle(page);
  assert.match(await text(sql, "cell-error"), /SQL error/);
  await page.getByTestId("undo").click();
  await settle(page);
  await page.getByTestId("undo").click();
  await settle(page);
  assert.equal(await cell(page, 1).getByTestId("sql-source").inputValue(), "SELECT count(*) AS n FROM orders_semicolon");
  assert.equal(await cell(page, 1).getByTestId("cell-error").count(), 0);
  await page.getByTestId("redo").click();
  await settle(page);
  assert.match(await cell(page, 1).getByTestId("sql-source").inputValue(), /nowhere/);
  await context.close();
});

test("cells move, duplicate, fold and delete", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await addMarkdown(page, "first");
  await addMarkdown(page, "second");
  await cell(page, 1).getByTestId("move-up").click();
  await settle(page);
  assert.equal(await cell(page, 0).locator(".rendered").innerText(), "second");
  await cell(page, 0).getByTestId("duplicate").click();
  await settle(page);
  assert.equal(await page.getByTestId("cell").count(), 3);
  await cell(page, 2).getByTestId("collapse").click();
  await settle(page);
  assert.equal(await cell(page, 2).locator(".rendered").count(), 0, "folded");
  await cell(page, 0).getByTestId("delete").click();
  await settle(page);
  assert.equal(await page.getByTestId("cell").count(), 2);
  await context.close();
});

test("save and open a notebook file; missing and different data are reported; bundles carry data", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await upload(page, "orders_semicolon.csv");
  await addSql(page, "SELECT customer FROM orders_semicolon");
  const download = page.waitForEvent("download");
  await page.keyboard.press("Control+s");
  const file = await (await download).path();
  const saved = JSON.parse(await readFile(file, "utf8"));
  assert.equal(saved.format, "quire-notebook");
  assert.equal(saved.data[0].name, "orders_semicolon.csv");
  assert.match(saved.data[0].sha256, /^[0-9a-f]{64}$/);

  // A bundle: its size shows before it is downloaded.
  await page.getByTestId("bundle").click();
  await page.getByTestId("saved-size").waitFor();
  assert.match(await text(page, "saved-size"), /\.quire\.zip · \d/);
  const bundleDownload = page.waitForEvent("download");
  await page.getByTestId("download").click();
  const bundle = await (await bundleDownload).path();

  // The notebook file alone: its data cell asks for the file.
  await page.getByTestId("new").click();
  await settle(page);
  assert.equal(await page.getByTestId("cell").count(), 0);
  await page.getByTestId("open-file").setInputFiles(file);
  await page.getByTestId("cell-error").first().waitFor();
  await settle(page);
  assert.match(await text(cell(page, 0), "cell-error"), /orders_semicolon\.csv/);
  // Another file under that name, with other columns: loaded, and the difference named.
  await cell(page, 0).getByTestId("file-input").setInputFiles({
    name: "orders_semicolon.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("order_id;customer;total\n1;Ada;3\n"),
  });
  await cell(page, 0).getByTestId("mismatch").waitFor();
  assert.match(await text(cell(page, 0), "mismatch"), /missing: amount, ordered_at, note; new: total/);

  // The bundle opens with its data.
  await page.getByTestId("new").click();
  await settle(page);
  await page.getByTestId("open-file").setInputFiles(bundle);
  await cell(page, 1).getByTestId("grid").getByText("Grace").waitFor();
  assert.equal(await text(cell(page, 0), "row-count"), "3");
  await context.close();
});

test("a corrupt notebook file gets a clear message, and the notebook stays", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await addMarkdown(page, "still here");
  await page.getByTestId("open-file").setInputFiles({ name: "x.quire.json", mimeType: "application/json", buffer: Buffer.from('{"format": "quire-notebook", "version": 2, "cells": [') });
  await page.getByTestId("notice").waitFor();
  assert.match(await text(page, "notice"), /damaged/);
  await page.getByTestId("open-file").setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: Buffer.from("\x89PNG\r\n\x1a\n....", "latin1") });
  await settle(page);
  assert.match(await text(page, "notice"), /not a Quire notebook/);
  assert.equal(await cell(page, 0).locator(".rendered").innerText(), "still here");
  await context.close();
});

test("a share link opens the notebook and fetches the bundled sample it names", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await page.getByTestId("sample").click();
  await page.getByTestId("row-count").waitFor();
  await settle(page);
  await addSql(page, "SELECT store, count(*) AS orders FROM cafe_sales GROUP BY store ORDER BY orders DESC");
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-link").inputValue();
  assert.ok(link.startsWith(env.server.url) && link.includes("#nb="), link);
  await context.close();

  const other = await env.browser.newContext();
  const p2 = await other.newPage();
  await p2.goto(link);
  await p2.getByTestId("cell").nth(1).waitFor();
  await p2.getByTestId("row-count").waitFor();
  await settle(p2);
  assert.equal(await text(cell(p2, 0), "row-count"), "600");
  await cell(p2, 1).getByTestId("grid").getByText("강남점").waitFor();
  assert.equal(new URL(p2.url()).hash, "", "the link is not opened again on reload");
  await other.close();
});

test("markup in markdown, CSV headers and values, and titles never runs", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  await page.addInitScript(() => {
    window.__pwned = [];
  });
  await page.evaluate(() => {
    window.__pwned = [];
  });
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const payload = (tag) => `window.__pwned.push('${tag}')`;
  await addMarkdown(
    page,
    [
      `<script>${payload("script")}</script>`,
      `<img src=x onerror="${payload("img")}">`,
      `[click me](javascript:${payload("js")})`,
      `<svg onload="${payload("svg")}"><circle r="5"/></svg>`,
      `<iframe src="javascript:${payload("iframe")}"></iframe>`,
      `# Title <b onmouseover="${payload("hover")}">bold</b>`,
      `<a href="https://example.org" onclick="${payload("click")}">ok link</a>`,
    ].join("\n\n"),
  );
  const rendered = cell(page, 0).locator(".rendered");
  assert.equal(await rendered.locator("script, iframe, svg, img[onerror], [onload], [onmouseover], [onclick]").count(), 0);
  const hrefs = await rendered.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  assert.ok(hrefs.every((h) => !h.toLowerCase().startsWith("javascript:")), hrefs.join(" "));
  await rendered.getByText("click me").click().catch(() => {});
  await rendered.locator("b").hover();

  const csv = `<img src=x onerror="${payload("header")}">,name\n1,<script>${payload("value")}</script>\n2,<b onmouseover="${payload("cell")}">x</b>\n`;
  await page.getByTestId("file-input").last().setInputFiles({ name: "<svg onload=alert(1)>.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await cell(page, 1).getByTestId("grid").waitFor();
  await settle(page);
  const grid = cell(page, 1).getByTestId("grid");
  await grid.getByText("<script>", { exact: false }).waitFor();
  assert.match(await page.locator(".grid-header").innerText(), /<img src=x onerror=/);
  assert.equal(await grid.locator("script, img, b").count(), 0);

  await page.getByTestId("title").fill(`<img src=x onerror="${payload("title")}">`);
  await page.getByTestId("title").press("Enter");
  await settle(page);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__pwned), []);
  assert.deepEqual(dialogs, []);
  await page.screenshot({ path: join(SHOTS, "11-xss-inert.png"), fullPage: true });
  assert.deepEqual(errors.filter((e) => !e.includes("Failed to load resource")), []);
  await context.close();
});

test("earlier versions and recent notebooks can be reopened", async () => {
  const { page, context } = await open(env.browser, env.server.url);
  await page.getByTestId("title").fill("first title");
  await page.getByTestId("title").press("Enter");
  await settle(page);
  await addMarkdown(page, "version one");
  await page.waitForTimeout(50);
  await cell(page, 0).locator(".rendered").dblclick();
  await cell(page, 0).getByTestId("markdown-source").fill("version two");
  await cell(page, 0).getByTestId("markdown-source").press("Shift+Enter");
  await settle(page);
  assert.equal(await cell(page, 0).locator(".rendered").innerText(), "version two");
  // One version per change: opening, the title, the new cell, "version one", "version two".
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="versions"] option').length >= 6);
  // Versions are newest first; the one before the last edit holds "version one".
  const values = await page.getByTestId("versions").locator("option").evaluateAll((os) => os.map((o) => o.value));
  await page.getByTestId("versions").selectOption(values[2]);
  await page.waitForFunction(() => document.querySelector(".rendered")?.innerText === "version one");

  await page.getByTestId("new").click();
  await settle(page);
  assert.equal(await page.getByTestId("cell").count(), 0);
  const recent = page.getByTestId("recent");
  await recent.locator("option", { hasText: "first title" }).first().waitFor({ state: "attached" });
  const key = await recent.locator("option", { hasText: "first title" }).first().getAttribute("value");
  await recent.selectOption(key);
  await page.waitForFunction(() => document.querySelector(".rendered")?.innerText?.startsWith("version"));
  assert.equal(await page.getByTestId("title").inputValue(), "first title");
  await context.close();
});

test("a full storage quota is reported and what was saved before survives", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.getByTestId("engine-status").and(page.locator(".ready")).waitFor();
  await settle(page);
  await addMarkdown(page, "saved before the quota ran out");
  await page.waitForTimeout(200);
  // From now on every IndexedDB write fails as a full quota does.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException("quota", "QuotaExceededError");
    };
    window.__restorePut = () => (IDBObjectStore.prototype.put = put);
  });
  await addMarkdown(page, "not kept");
  await page.getByTestId("notice").waitFor();
  assert.match(await text(page, "notice"), /storage is full/);
  await page.reload();
  await page.getByTestId("engine-status").and(page.locator(".ready")).waitFor();
  await page.getByTestId("cell").first().waitFor();
  await settle(page);
  const texts = await page.locator(".rendered").allInnerTexts();
  assert.deepEqual(texts, ["saved before the quota ran out"]);
  await context.close();
});
