// A/B tests in a real browser: an Experiment cell on the A/B fixture (checks, arms, warnings,
// results per metric and treatment, the lift chart and the verdict in English and Korean), a
// broken split that withholds the verdict, and a Plan cell's sizes and ramp.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useBrowser, open, upload, settle, SHOTS, setField, addCell, inked } from "./harness.mjs";

const env = useBrowser();

/** Adds a metric and sets its fields in order (`kind` first: it decides the other fields). */
async function addMetric(page, cell, fields) {
  const i = await cell.getByTestId("metric").count();
  await cell.getByTestId("add-metric").click();
  await settle(page);
  await cell.getByTestId("metric").nth(i).waitFor();
  for (const [key, value] of Object.entries(fields)) {
    await setField(page, cell, `metric-${i}-${key}`, value);
  }
}

/** An Experiment cell on the A/B fixture with the unit, variant and control set. */
async function experiment(page) {
  await upload(page, "ab_test.csv");
  const cell = await addCell(page, "experiment");
  assert.equal(await cell.getByTestId("experiment-input").inputValue(), "ab_test", "it reads the latest table");
  await setField(page, cell, "unit", "user_id");
  await setField(page, cell, "variant", "variant");
  await setField(page, cell, "control", "control");
  return cell;
}

const attrs = (where, selector, ...names) =>
  where.locator(selector).evaluateAll(
    (els, names) => els.map((e) => Object.fromEntries(names.map((n) => [n, e.getAttribute(n)]))),
    names,
  );

test("an experiment cell checks the split, compares four metrics and gives a verdict in both languages", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  const cell = await experiment(page);
  // Before any metric the cell says what is missing.
  assert.match(await cell.getByTestId("cell-error").innerText(), /metric/);

  await addMetric(page, cell, { kind: "binomial", column: "converted", role: "goal" });
  await addMetric(page, cell, { kind: "mean", column: "revenue", role: "goal", covariate: "pre_revenue" });
  await addMetric(page, cell, { kind: "ratio", numerator: "clicks", denominator: "sessions", role: "secondary" });
  await addMetric(page, cell, { kind: "mean", column: "latency_ms", role: "guardrail", direction: "lower" });
  assert.equal(await cell.getByTestId("metric").count(), 4);
  assert.equal(await cell.getByTestId("cell-error").count(), 0);

  // The checks that gate the verdict all passed.
  const checks = await attrs(cell.getByTestId("experiment-checks"), "li[data-check]", "data-check", "data-passed");
  assert.deepEqual(
    checks.map((c) => c["data-check"]).sort(),
    ["control_present", "known_variants", "sample_ratio"],
  );
  assert.ok(checks.every((c) => c["data-passed"] === "true"), JSON.stringify(checks));
  assert.equal(await cell.getAttribute("data-failed-checks"), "0");
  assert.doesNotMatch(await cell.getAttribute("class"), /failed/);

  // Three arms, control first.
  const arms = await attrs(cell.getByTestId("arms"), "tbody tr", "data-variant", "data-units");
  assert.equal(arms.length, 3);
  assert.equal(arms[0]["data-variant"], "control");
  assert.deepEqual(arms.map((a) => a["data-variant"]).sort(), ["control", "new_banner", "new_checkout"]);
  assert.ok(arms.every((a) => Number(a["data-units"]) > 100));
  assert.match(await cell.getByTestId("srm").innerText(), /χ² = [\d.]+, df = 2, p = /);

  // The fixture's problems are named.
  const warnings = cell.getByTestId("experiment-warnings");
  await warnings.locator("li[data-warning=duplicates]").waitFor();
  assert.match(await warnings.locator("li[data-warning=missing_variant]").innerText(), /\b15 rows have no variant/);

  // One row per metric and treatment; the new checkout converts better.
  const results = cell.getByTestId("experiment-results");
  assert.equal(await results.locator("tbody tr").count(), 8);
  const row = results.locator("tr[data-metric=converted][data-treatment=new_checkout]");
  assert.equal(await row.getAttribute("data-outcome"), "better");
  assert.match(await results.locator("tr[data-metric=revenue][data-treatment=new_checkout]").innerText(), /%/);
  assert.match(await results.locator("tr[data-metric='clicks/sessions']").first().innerText(), /new_/);

  // The verdict, in plain words.
  const verdict = cell.getByTestId("verdict");
  assert.equal(await verdict.getAttribute("data-verdict"), "given");
  const said = await verdict.innerText();
  assert.match(said, /new_checkout/);
  assert.doesNotMatch(said, /[\uac00-\ud7a3]/);

  // The relative changes are drawn, not blank.
  const chart = cell.getByTestId("lift-chart");
  await chart.waitFor();
  const ink = await inked(chart);
  assert.ok(ink > 0.005 && ink < 0.9, `drawn, not blank (${ink})`);
  await page.screenshot({ path: join(SHOTS, "40-experiment.png"), fullPage: true });

  // In Korean the verdict and the warnings read in Korean.
  await page.getByTestId("lang-ko").click();
  await page.waitForFunction(() =>
    /[\uac00-\ud7a3]/.test(document.querySelector("[data-testid=verdict]")?.innerText ?? ""),
  );
  assert.match(await verdict.innerText(), /new_checkout/);
  assert.match(await warnings.locator("li[data-warning=missing_variant]").innerText(), /15개를 제외했습니다/);
  assert.ok((await inked(chart)) > 0.005, "still drawn after the language changed");
  await page.screenshot({ path: join(SHOTS, "41-experiment-ko.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a split that does not match the weights fails the sample-ratio check and withholds the verdict", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  const cell = await experiment(page);
  await addMetric(page, cell, { kind: "binomial", column: "converted" });
  assert.equal(await cell.getByTestId("verdict").getAttribute("data-verdict"), "given");

  // Text that is not a split is refused where it was typed, and nothing runs.
  await setField(page, cell, "weights", "control=2 new_checkout=1");
  await cell.getByTestId("weights-error").waitFor();
  assert.equal(await cell.getByTestId("verdict").getAttribute("data-verdict"), "given");

  await setField(page, cell, "weights", "control:2, new_checkout:1, new_banner:1");
  assert.equal(await cell.getByTestId("weights-error").count(), 0);
  assert.equal(await cell.getByTestId("field-weights").inputValue(), "control:2, new_checkout:1, new_banner:1");
  const srm = cell.getByTestId("experiment-checks").locator("li[data-check=sample_ratio]");
  assert.equal(await srm.getAttribute("data-passed"), "false");
  assert.match(await cell.getAttribute("class"), /\bfailed\b/);
  assert.equal(await cell.getAttribute("data-failed-checks"), "1");
  assert.equal(await page.getByTestId("quality-summary").getAttribute("data-failed"), "1");
  const verdict = cell.getByTestId("verdict");
  assert.equal(await verdict.getAttribute("data-verdict"), "none");
  assert.match(await verdict.innerText(), /sample-ratio mismatch/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a plan cell sizes a test and its ramp, and a larger effect needs fewer units", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  const plan = await addCell(page, "plan");
  const perArm = async () => Number(await plan.getByTestId("plan-per-arm").getAttribute("data-value"));

  const n = await perArm();
  assert.ok(Number.isInteger(n) && n > 0, `units per arm: ${n}`);
  assert.match(await plan.getByTestId("plan-per-arm").innerText(), /units per arm/);
  const stages = await attrs(plan.getByTestId("ramp"), "tbody tr", "data-share", "data-days");
  assert.deepEqual(stages.map((s) => Number(s["data-share"])), [0.05, 0.1, 0.2, 0.5]);
  const days = stages.map((s) => Number(s["data-days"]));
  assert.ok(days.every((d, k) => d > 0 && (k === 0 || d < days[k - 1])), `fewer days as the share grows: ${days}`);

  await setField(page, plan, "effect", "0.10");
  const smaller = await perArm();
  assert.ok(smaller > 0 && smaller < n, `a larger effect needs fewer units (${smaller} < ${n})`);

  // A given size reports its power; stages are percentages.
  await setField(page, plan, "per_arm", "5000");
  assert.match(await plan.getByTestId("plan-given").innerText(), /5,000 units per arm: power [\d.]+%/);
  await setField(page, plan, "stages", "10, 50");
  assert.equal(await plan.getByTestId("ramp").locator("tbody tr").count(), 2);
  await page.screenshot({ path: join(SHOTS, "42-plan.png"), fullPage: true });
  await setField(page, plan, "stages", "ten");
  await plan.getByTestId("stages-error").waitFor();

  // Means need a standard deviation; bad settings are said in the cell.
  await setField(page, plan, "plan_metric", "mean");
  await plan.getByTestId("field-sd").waitFor();
  await setField(page, plan, "alpha", "0.9");
  assert.match(await plan.getByTestId("cell-error").innerText(), /alpha must be between 0 and 0.5/);
  // In Korean the whole message is Korean, the setting's name included.
  await page.getByTestId("lang-ko").click();
  await page.waitForFunction(() =>
    /유의 수준/.test(document.querySelector("[data-testid=cell-error]")?.innerText ?? ""),
  );
  assert.doesNotMatch(await plan.getByTestId("cell-error").innerText(), /alpha|must/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("looking before the planned size is warned about and provisional; sequential intervals fill their column and need no warning", async () => {
  const { page, errors, context } = await open(env.browser, env.server.url);
  const cell = await experiment(page);
  await addMetric(page, cell, { kind: "binomial", column: "converted", role: "goal" });
  // Fixed-horizon: the always-valid column is there, empty, for both treatments.
  const sequential = cell.getByTestId("result-sequential");
  assert.equal(await sequential.count(), 2);
  assert.deepEqual((await sequential.allInnerTexts()).map((t) => t.trim()), ["—", "—"]);

  // 5,000 units per arm planned, 1,952 in the smallest arm so far (the engine's tests count them).
  await setField(page, cell, "planned_per_arm", "5000");
  const warnings = cell.getByTestId("experiment-warnings");
  const peeking = warnings.locator("li[data-warning=peeking]");
  await peeking.waitFor();
  assert.match(await peeking.innerText(), /smallest arm has 1,952 of the 5,000 units planned/);
  const verdict = cell.getByTestId("verdict");
  assert.equal(await verdict.getAttribute("data-verdict"), "given");
  assert.match(await verdict.innerText(), /Provisional: the planned sample size is not reached yet/);

  // Sequential analysis: intervals and p-values in their column, valid at any look.
  await setField(page, cell, "sequential", true);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid=result-sequential]")].every((td) => td.innerText.trim() !== "—"),
  );
  const shown = (await sequential.allInnerTexts()).map((t) => t.trim());
  assert.equal(shown.length, 2);
  for (const t of shown) assert.match(t, /^\[-?[\d.e+-]+, -?[\d.e+-]+\] · (< )?[\d.e-]+$/, t);
  assert.equal(await warnings.locator("li[data-warning=peeking]").count(), 0);
  assert.doesNotMatch(await verdict.innerText(), /Provisional/);

  // Off again, in Korean: the warning is back, in Korean.
  await setField(page, cell, "sequential", false);
  await page.getByTestId("lang-ko").click();
  await page.waitForFunction(() =>
    /계획보다 일찍/.test(document.querySelector("li[data-warning=peeking]")?.innerText ?? ""),
  );
  assert.match(await peeking.innerText(), /계획한 5,000개 중 1,952개/);
  assert.match(await verdict.innerText(), /잠정 결과/);
  await page.screenshot({ path: join(SHOTS, "43-experiment-peeking.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
