// Shared set-up for the browser tests: serve the built static folder on loopback, start
// Debian's Chromium headless through playwright-core, and watch the console.
import { createServer } from "node:http";
import { readFile, stat, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = resolve(process.env.QUIRE_DIST ?? join(ROOT, "dist"));
export const FIXTURES = join(ROOT, "tests", "fixtures", "csv");
export const SHOTS = join(ROOT, "target", "browser");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Serves `dir` on 127.0.0.1 at a free port, as any static host would. */
export async function serve(dir = DIST) {
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`no built app at ${dir}: run \`./x dist\` (or \`./x test\`, which builds it) first`);
  }
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir)) throw new Error("outside");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (apt-get install chromium chromium-driver ` +
        `fonts-noto-cjk; \`./x test\` does this) or set CHROMIUM to its path. Browser tests never skip.`,
    );
  }
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A new page with its console errors and uncaught exceptions collected; `scale` is the
 * screen's device pixels per CSS pixel, `width` the viewport's. */
export async function open(browser, url, { lang = "en", scale = 1, width = 1280 } = {}) {
  const context = await browser.newContext({
    locale: lang === "ko" ? "ko-KR" : "en-US",
    viewport: { width, height: 900 },
    deviceScaleFactor: scale,
  });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(url);
  await page.getByTestId("engine-status").and(page.locator(".ready")).waitFor({ timeout: 60_000 });
  await page.getByTestId("cells").waitFor({ state: "attached" });
  await settle(page);
  return { page, errors, context };
}

/** Adds a fixture as a data cell through the notebook's file picker; waits for it to run. */
export async function upload(page, file) {
  const cells = await page.getByTestId("cell").count();
  await page.getByTestId("file-input").last().setInputFiles(join(FIXTURES, file));
  await page.getByTestId("cell").nth(cells).waitFor();
  await settle(page);
}

/** Waits until the worker has answered everything the page asked. */
export async function settle(page) {
  await page.waitForFunction(() => document.querySelector("main")?.dataset.busy === "false", null, { timeout: 60_000 });
}

export const fixture = (name) => readFile(join(FIXTURES, name));

/** Sets the field `field-{key}` inside `where`: a select, a checkbox, or a text committed with
 * Enter; then waits for the worker. */
export async function setField(page, where, key, value) {
  const field = where.getByTestId(`field-${key}`);
  const tag = await field.evaluate((el) => `${el.tagName}:${el.type}`);
  if (tag.startsWith("SELECT")) {
    await field.selectOption(value);
  } else if (tag.endsWith(":checkbox")) {
    await field.setChecked(value);
  } else {
    await field.fill(String(value));
    await field.press("Enter");
  }
  await settle(page);
}

/** Clicks `add-{kind}` and returns the new cell (added at the end). */
export async function addCell(page, kind) {
  const n = await page.getByTestId("cell").count();
  await page.getByTestId(`add-${kind}`).click();
  await settle(page);
  return page.getByTestId("cell").nth(n);
}

/** Share of a canvas's pixels that are not white: drawn, not blank. */
export const inked = (canvas) =>
  canvas.evaluate((c) => {
    const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) ink++;
    return ink / (c.width * c.height);
  });

/**
 * Serves the app and starts Chromium once for the calling test file; `env.server.url` and
 * `env.browser` are set before its tests run.
 */
export function useBrowser() {
  const env = {};
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The text of the element with `data-testid=id` inside `where`. */
export const text = (where, id) => where.getByTestId(id).innerText();
