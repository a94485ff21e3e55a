// Models in a real browser: a logistic regression on the churn fixture (coefficients and test
// scores against the statsmodels / scikit-learn references, the ROC curve, the table of
// predictions, the model file), a linear model with cross-validation, k-means with its elbow,
// an online model over a click log, and a perfectly separated set named as such.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, open, upload, settle, SHOTS, ROOT, setField, addCell, inked } from "./harness.mjs";

const env = useBrowser();
const reference = JSON.parse(await readFile(join(ROOT, "tests", "fixtures", "stats", "models.json"), "utf8"));

/** A Model cell on the latest table with `method`, `target` and `features` set. */
async function model(page, method, target, features) {
  const cell = await addCell(page, "model");
  await setField(page, cell, "model_method", method);
  if (target) await setField(page, cell, "model_target", target);
  for (const f of features) {
    await cell.getByTestId(`feature-${f}`).setChecked(true);
    await settle(page);
  }
  return cell;
}

const close = (a, b, rel, what) =>
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${what}: ${a} vs ${b}`);

test("a logistic model matches statsmodels, scores its test set like scikit-learn and exports a model file", async () => {
  const { page, errors } = await open(env.browser, env.server.url);
  await upload(page, "churn.csv");
  const cell = await model(page, "logistic", "churned", ["tenure_months", "monthly_fee", "support_calls", "plan"]);
  await setField(page, cell, "model_split", "column");
  assert.equal(await cell.getByTestId("cell-error").count(), 0);

  const want = reference.logit_split_column;
  const rows = await cell.getByTestId("model-coefficients").locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.term, Number(tr.dataset.estimate)]),
  );
  assert.deepEqual(rows.map((r) => r[0]), ["(intercept)", ...want.fit.terms.slice(1)]);
  rows.forEach(([term, estimate], j) => close(estimate, want.fit.estimate[j], 1e-6, term));

  // The confusion matrix at 0.5, count for count.
  const confusion = cell.getByTestId("model-confusion");
  for (const key of ["tn", "fp", "fn", "tp"]) {
    assert.equal(
      Number((await confusion.locator(`[data-cell=${key}]`).innerText()).replace(/,/g, "")),
      want.scores.confusion[key],
      key,
    );
  }
  assert.match(await cell.getByTestId("model-test").locator("[data-stat=AUC]").innerText(), new RegExp(want.scores.auc.toFixed(3)));
  assert.match(await cell.getByTestId("model-rows").innerText(), new RegExp(`${want.train} to train, ${want.test} to test\\); ${want.missing} left out`));

  const roc = cell.getByTestId("chart-roc");
  await roc.waitFor();
  assert.ok((await inked(roc)) > 0.01, "the ROC curve is drawn");

  // The predictions are a table like any other.
  const header = await cell.getByTestId("grid").locator(".grid-header").innerText();
  assert.match(header, /probability/);
  assert.match(header, /predicted/);

  // The model file: what `quire predict` applies.
  const [download] = await Promise.all([page.waitForEvent("download"), cell.getByTestId("export-model").click()]);
  assert.equal(download.suggestedFilename(), "churn_predictions.model.json");
  const file = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(file.format, "quire-model");
  assert.equal(file.method, "logistic");
  assert.equal(file.threshold, 0.5);
  file.coefficients.forEach((b, j) => close(b, want.fit.estimate[j], 1e-6, `file coefficient ${j}`));

  // In Korean, the summary reads in Korean.
  assert.match(await cell.getByTestId("model-summary").innerText(), /held-out rows/);
  await page.getByTestId("lang-ko").click();
  assert.match(await cell.getByTestId("model-summary").innerText(), /따로 둔/);
  assert.ok((await inked(roc)) > 0.01, "still drawn in Korean");
  await page.screenshot({ path: join(SHOTS, "70-model-logistic-ko.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("a linear model with five folds, and k-means with its elbow", async () => {
  const { page, errors } = await open(env.browser, env.server.url);
  await upload(page, "houses.csv");
  const lin = await model(page, "linear", "price", ["area_m2", "rooms", "age", "city"]);
  await setField(page, lin, "model_split", "none");
  const want = reference.ols_all.fit;
  const terms = await lin.getByTestId("model-coefficients").locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.term, Number(tr.dataset.estimate)]),
  );
  assert.deepEqual(terms.map((t) => t[0]).slice(1), want.terms.slice(1), "Korean levels, reference 대구 left out");
  assert.match(await lin.getByTestId("model-references").innerText(), /city = 대구/);
  terms.forEach(([term, b], j) => close(b, want.estimate[j], 1e-9, term));
  assert.match(await lin.getByTestId("model-fit").locator("[data-stat='R²']").innerText(), new RegExp(want.r2.toFixed(3)));
  await setField(page, lin, "model_folds", 5);
  assert.equal(await lin.getByTestId("model-cv").locator("tbody tr").count(), 3, "rmse, mae and r2 over the folds");
  for (const id of ["chart-residuals", "chart-predicted"]) {
    assert.ok((await inked(lin.getByTestId(id))) > 0.01, `${id} drawn`);
  }

  await upload(page, "blobs.csv");
  const km = await model(page, "kmeans", null, ["x", "y"]);
  const sizes = await km.getByTestId("model-clusters").locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => Number(tr.dataset.size)),
  );
  assert.deepEqual([...sizes].sort(), [...reference.kmeans.k3_sizes].sort());
  assert.ok((await inked(km.getByTestId("chart-elbow"))) > 0.01, "the elbow is drawn");
  assert.ok((await inked(km.getByTestId("chart-clusters"))) > 0.01, "the clusters are drawn");
  await page.screenshot({ path: join(SHOTS, "71-model-linear-kmeans.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("an online model learns a click log day by day; separated classes are named", async () => {
  const { page, errors } = await open(env.browser, env.server.url);
  await upload(page, "clicks.csv");
  const cell = await model(page, "online", "clicked", ["position", "mobile"]);
  assert.equal(await cell.getByTestId("field-model_batch").inputValue(), "day", "the date column orders the batches");
  const batches = await cell.getByTestId("model-batches").locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => tr.dataset.batch),
  );
  assert.deepEqual(batches, reference.online.batches.map((b) => b.label));
  assert.ok((await inked(cell.getByTestId("chart-loss"))) > 0.01, "log loss per batch is drawn");
  const bins = await cell.getByTestId("model-calibration").locator("tbody tr").count();
  assert.equal(bins, reference.online.calibration.length, "one row per tenth of probability predicted");

  await upload(page, "separable.csv");
  const sep = await model(page, "logistic", "y", ["x"]);
  assert.match(await sep.getByTestId("cell-error").innerText(), /"x" separates the classes perfectly/);
  await setField(page, sep, "model_l2", 1);
  assert.equal(await sep.getByTestId("cell-error").count(), 0, "an L2 penalty makes the fit finite");
  assert.match(await sep.getByTestId("model-report").innerText(), /L2-penalised/);
  assert.deepEqual(errors, []);
});
