//! A Model cell: a regression, a classifier, k-means or an online model fitted on a table. The
//! setup is a row of fields and a checkbox per feature column; the engine's report is shown as
//! a sentence or two, the coefficient table, the scores on held-out rows and in each fold,
//! diagnostic charts, and the table of predictions. Every number comes from the engine.

use leptos::html::Canvas;
use leptos::prelude::*;
use quire_charts::{ChartKind, ChartSpec};
use quire_protocol::experiment::short_number;
use quire_protocol::metric::Grain;
use quire_protocol::model::{
    Coefficient, Fit, Method, Missing, ModelChart, ModelChartKind, ModelReport, ModelSpec, Scores,
    Split,
};
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, ColumnType, Edit};

use super::cell::CellErrorView;
use super::chart_canvas::ChartCanvas;
use super::fields::{self, choice_as, flag, from_name, name_of, number, text, text_as};
use super::grid::Grid;
use super::table_tools::TableTools;
use crate::i18n::{self, Text, Word, count, p_value, summary_lines, word};
use quire_protocol::kinds;

const METHODS: &[(&str, Word)] = &[
    ("linear", Word::ModelLinear),
    ("logistic", Word::ModelLogistic),
    ("kmeans", Word::ModelKmeans),
    ("online", Word::ModelOnline),
];
const MISSING: &[(&str, Word)] = &[
    ("drop", Word::ModelMissingDrop),
    ("impute", Word::ModelMissingImpute),
];
const SPLITS: &[(&str, Word)] = &[
    ("random", Word::ModelSplitRandom),
    ("column", Word::ModelSplitColumn),
    ("none", Word::ModelSplitNone),
];
const GRAINS: &[(&str, Word)] = &[
    ("value", Word::ModelBatchValue),
    ("day", Word::GDay),
    ("week", Word::GWeek),
    ("month", Word::GMonth),
];

/// The method changed to `key`, keeping the settings that still make sense.
fn with_method(method: &Method, key: &str, columns: &[(String, ColumnType)]) -> Method {
    if method.name() == key {
        return method.clone();
    }
    let threshold = method.threshold().unwrap_or(0.5);
    match key {
        "logistic" => Method::Logistic { threshold, l2: 0.0 },
        "kmeans" => Method::KMeans {
            k: 3,
            max_k: 0,
            seed: 42,
        },
        "online" => Method::Online {
            // The first date column orders the batches, if there is one.
            batch: columns
                .iter()
                .find(|(_, t)| matches!(t, ColumnType::Date | ColumnType::Datetime))
                .map(|(n, _)| n.clone())
                .unwrap_or_default(),
            grain: None,
            prior: 1.0,
            threshold,
        },
        _ => Method::Linear,
    }
}

fn split_key(split: &Split) -> &'static str {
    match split {
        Split::None => "none",
        Split::Random { .. } => "random",
        Split::Column { .. } => "column",
    }
}

fn with_split(split: &Split, key: &str) -> Split {
    match (key, split) {
        ("none", _) => Split::None,
        ("column", Split::Column { .. }) | ("random", Split::Random { .. }) => split.clone(),
        ("column", _) => Split::Column {
            column: "split".to_owned(),
            test_value: "test".to_owned(),
        },
        _ => Split::default(),
    }
}

#[component]
pub fn ModelCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CellSpec::Model(kinds::Model { input, model }) = cell.spec.clone() else {
        return ().into_any();
    };
    let update = {
        let cell = cell.clone();
        Callback::new(move |(input, model): (String, ModelSpec)| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Model(kinds::Model { input, model }),
                    ..cell.clone()
                },
            });
        })
    };
    let spec = StoredValue::new((input.clone(), model.clone()));
    let edit = move |f: &dyn Fn(&mut ModelSpec)| {
        let (input, mut s) = spec.get_value();
        f(&mut s);
        update.run((input, s));
    };
    let retarget = move |input: String| update.run((input, spec.get_value().1));
    let output = status.as_ref().and_then(|s| s.output.clone());
    let tables_id = format!("tables-{}", cell.id);
    let cols_id = format!("cols-{}", cell.id);
    let typed = fields::typed_columns_of(&input);
    let (columns, _) = fields::names_and_numbers(&typed);
    let tables: Vec<String> = fields::tables()
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| *t != model.name)
        .collect();
    let supervised = !matches!(model.method, Method::KMeans { .. });
    let online = matches!(model.method, Method::Online { .. });
    let typed_for_method = typed.clone();
    let features = typed
        .clone()
        .into_iter()
        .filter(|(name, _)| !(supervised && *name == model.target))
        .map(|(name, dtype)| {
            let on = model.features.contains(&name);
            let column = name.clone();
            let usable = !matches!(dtype, ColumnType::Date | ColumnType::Datetime);
            view! {
                <label class="field flag feature">
                    <input type="checkbox" data-testid=format!("feature-{name}") prop:checked=on disabled=!usable
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            let column = column.clone();
                            edit(&|s| {
                                s.features.retain(|f| *f != column);
                                if checked {
                                    s.features.push(column.clone());
                                }
                            });
                        }/>
                    <span>{name.clone()}</span>
                    <small>{move || i18n::column_type(lang(), dtype)}</small>
                </label>
            }
        })
        .collect_view();
    let method_fields = match model.method.clone() {
        Method::Linear => ().into_any(),
        Method::Logistic { threshold, l2 } => view! {
            {number(Word::Threshold, threshold, move |v| edit(&|s| if let Method::Logistic { threshold, .. } = &mut s.method { *threshold = v }))}
            {number(Word::ModelL2, l2, move |v| edit(&|s| if let Method::Logistic { l2, .. } = &mut s.method { *l2 = v }))}
        }
        .into_any(),
        Method::KMeans { k, max_k, seed } => view! {
            {number(Word::ModelK, f64::from(k), move |v| edit(&|s| if let Method::KMeans { k, .. } = &mut s.method { *k = v.round().clamp(0.0, 1000.0) as u32 }))}
            {number(Word::ModelMaxK, f64::from(max_k), move |v| edit(&|s| if let Method::KMeans { max_k, .. } = &mut s.method { *max_k = v.round().clamp(0.0, 1000.0) as u32 }))}
            {number(Word::ModelSeed, seed as f64, move |v| edit(&|s| if let Method::KMeans { seed, .. } = &mut s.method { *seed = v.round().max(0.0) as u64 }))}
        }
        .into_any(),
        Method::Online {
            batch,
            grain,
            prior,
            threshold,
        } => {
            let grain_key = grain.map_or("value".to_owned(), |g| name_of(&g));
            view! {
                {text(Word::ModelBatch, batch, Some(cols_id.clone()), move |v| edit(&|s| if let Method::Online { batch, .. } = &mut s.method { *batch = v.trim().to_owned() }))}
                {choice_as("field-model_grain".to_owned(), Word::ModelGrain, GRAINS, &grain_key, move |k| edit(&|s| if let Method::Online { grain, .. } = &mut s.method { *grain = from_name::<Grain>(k) }))}
                {number(Word::ModelPrior, prior, move |v| edit(&|s| if let Method::Online { prior, .. } = &mut s.method { *prior = v }))}
                {number(Word::Threshold, threshold, move |v| edit(&|s| if let Method::Online { threshold, .. } = &mut s.method { *threshold = v }))}
            }
            .into_any()
        }
    };
    let split_fields = match model.split.clone() {
        Split::None => ().into_any(),
        Split::Random { test_share, seed } => view! {
            {number(Word::ModelTestShare, test_share, move |v| edit(&|s| if let Split::Random { test_share, .. } = &mut s.split { *test_share = v }))}
            {number(Word::ModelSeed, seed as f64, move |v| edit(&|s| if let Split::Random { seed, .. } = &mut s.split { *seed = v.round().max(0.0) as u64 }))}
        }
        .into_any(),
        Split::Column { column, test_value } => view! {
            {text(Word::ModelSplitBy, column, Some(cols_id.clone()), move |v| edit(&|s| if let Split::Column { column, .. } = &mut s.split { *column = v.trim().to_owned() }))}
            {text(Word::ModelTestValue, test_value, None, move |v| edit(&|s| if let Split::Column { test_value, .. } = &mut s.split { *test_value = v.trim().to_owned() }))}
        }
        .into_any(),
    };
    let evaluation = (supervised && !online).then(|| {
        view! {
            {choice_as("field-model_split".to_owned(), Word::ModelSplit, SPLITS, split_key(&model.split), move |k| edit(&|s| s.split = with_split(&s.split, k)))}
            {split_fields}
            {number(Word::ModelFolds, f64::from(model.folds), move |v| edit(&|s| s.folds = v.round().clamp(0.0, 1000.0) as u32))}
            {number(Word::Confidence, model.confidence, move |v| edit(&|s| s.confidence = v))}
        }
    });
    let (report, table) = match output {
        Some(CellOutput::Model {
            name,
            rows,
            columns,
            report,
        }) => (Some(*report), Some((name, rows, columns))),
        _ => (None, None),
    };
    view! {
        <div class="quality-cell model-cell">
            {fields::datalist(tables_id.clone(), tables)}
            {fields::datalist(cols_id.clone(), columns)}
            <div class="step-fields">
                {text_as("model-input".to_owned(), Word::Input, input, Some(tables_id), retarget)}
                {text(Word::ModelName, model.name.clone(), None, move |v| edit(&|s| s.name = v.trim().to_owned()))}
                {choice_as("field-model_method".to_owned(), Word::ModelMethod, METHODS, model.method.name(), move |k| {
                    let typed = typed_for_method.clone();
                    edit(&|s| s.method = with_method(&s.method, k, &typed));
                })}
                {supervised.then(|| text(Word::ModelTarget, model.target.clone(), Some(cols_id.clone()), move |v| edit(&|s| {
                    s.target = v.trim().to_owned();
                    let target = s.target.clone();
                    s.features.retain(|f| *f != target);
                })))}
                {method_fields}
            </div>
            <strong>{move || word(lang(), Word::ModelFeatures)}</strong>
            <div class="step-fields features" data-testid="model-features">{features}</div>
            <div class="step-fields">
                {(!online).then(|| flag(Word::ModelStandardise, model.standardise, move |on| edit(&|s| s.standardise = on)))}
                {choice_as("field-model_missing".to_owned(), Word::ModelMissing, MISSING, &name_of(&model.missing), move |k| edit(&|s| if let Some(m) = from_name::<Missing>(k) { s.missing = m }))}
                {evaluation}
            </div>
            <CellErrorView status=status.clone()/>
            {report.map(|report| view! { <ModelReportView name=model.name.clone() report=report/> })}
            {table.map(|(name, rows, columns)| view! {
                <TableTools table=name.clone()/>
                <Grid table=name rows=rows columns=columns/>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn ModelReportView(name: String, report: ModelReport) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let summary = {
        let report = report.clone();
        move || {
            summary_lines(&report, lang())
                .into_iter()
                .map(|l| view! { <p>{l}</p> })
                .collect_view()
        }
    };
    let rows = report.rows;
    let rows_text = move || i18n::model_rows(lang(), &rows);
    let warnings = report.warnings.clone();
    let warnings_view = (!warnings.is_empty()).then(|| {
        view! {
            <ul class="warnings" data-testid="model-warnings">
                {warnings.into_iter().map(|w| {
                    let key = fields::tag(&w, "warning");
                    view! { <li data-warning=key>{move || w.text(lang())}</li> }
                }).collect_view()}
            </ul>
        }
    });
    let fit = match report.fit.clone() {
        Fit::Linear(f) => {
            let stats = vec![
                (sym("n"), count(f.n)),
                (sym("R²"), short_number(f.r2)),
                (Stat::Named(Word::StatAdjR2), short_number(f.adj_r2)),
                (sym("F"), short_number(f.f)),
                (sym("p(F)"), p_value(f.f_p)),
                (sym("σ"), short_number(f.sigma)),
                (Stat::Named(Word::StatLogL), short_number(f.log_likelihood)),
                (sym("AIC"), short_number(f.aic)),
                (sym("BIC"), short_number(f.bic)),
                (Stat::Named(Word::StatDfResid), short_number(f.df_resid)),
            ];
            view! {
                {coefficient_table(f.coefficients, "t", f.confidence)}
                {fit_stats(stats)}
            }
            .into_any()
        }
        Fit::Logistic(f) => {
            let converged = if f.converged { "✓" } else { "✗" };
            let stats = vec![
                (sym("n"), count(f.n)),
                (Stat::Named(Word::StatLogL), short_number(f.log_likelihood)),
                (
                    Stat::Named(Word::StatLogL0),
                    short_number(f.null_log_likelihood),
                ),
                (sym("McFadden R²"), short_number(f.pseudo_r2)),
                (sym("AIC"), short_number(f.aic)),
                (sym("BIC"), short_number(f.bic)),
                (sym("IRLS"), format!("{} {converged}", f.iterations)),
                (sym("L2"), short_number(f.l2)),
            ];
            view! {
                {(f.l2 > 0.0).then(|| view! { <p class="check-result">{move || word(lang(), Word::ModelPenalised)}</p> })}
                {coefficient_table(f.coefficients, "z", f.confidence)}
                {fit_stats(stats)}
            }
            .into_any()
        }
        Fit::KMeans(f) => {
            let head = report
                .terms
                .iter()
                .map(|t| view! { <th>{t.name.clone()}</th> })
                .collect_view();
            let body = f
                .centroids
                .iter()
                .zip(&f.sizes)
                .enumerate()
                .map(|(i, (c, n))| {
                    view! {
                        <tr data-cluster=(i + 1).to_string() data-size=n.to_string()>
                            <td>{i + 1}</td>
                            <td>{count(*n)}</td>
                            {c.iter().map(|v| view! { <td>{short_number(*v)}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="sample" data-testid="model-clusters">
                    <thead><tr><th>{move || word(lang(), Word::ModelCluster)}</th><th>{move || word(lang(), Word::ModelSize)}</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
                {fit_stats(vec![(sym("WCSS"), short_number(f.wcss)), (sym("k"), f.k.to_string()), (Stat::Named(Word::StatIterations), f.iterations.to_string())])}
            }
            .into_any()
        }
        Fit::Online(f) => {
            let calibration = f
                .calibration
                .iter()
                .map(|b| {
                    view! {
                        <tr>
                            <td>{format!("{:.1}–{:.1}", b.low, b.high)}</td>
                            <td>{count(b.n)}</td>
                            <td>{short_number(b.mean_predicted)}</td>
                            <td>{short_number(b.observed_rate)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let body = f
                .batches
                .iter()
                .map(|b| {
                    view! {
                        <tr data-batch=b.label.clone()>
                            <td>{b.label.clone()}</td>
                            <td>{count(b.n)}</td>
                            <td>{short_number(b.mean_predicted)}</td>
                            <td>{short_number(b.observed_rate)}</td>
                            <td>{short_number(b.log_loss)}</td>
                            <td>{b.auc.map_or("—".to_owned(), short_number)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="series-box">
                    <table class="sample" data-testid="model-batches">
                        <thead><tr>
                            <th>{move || word(lang(), Word::ModelBatch)}</th>
                            <th>"n"</th>
                            <th>{move || word(lang(), Word::ModelMeanPredicted)}</th>
                            <th>{move || word(lang(), Word::ModelObserved)}</th>
                            <th>{move || word(lang(), Word::ModelLogLoss)}</th>
                            <th>"AUC"</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                <strong>{move || word(lang(), Word::ModelCalibration)}</strong>
                <table class="sample" data-testid="model-calibration">
                    <thead><tr>
                        <th>{move || word(lang(), Word::ModelProbability)}</th>
                        <th>"n"</th>
                        <th>{move || word(lang(), Word::ModelMeanPredicted)}</th>
                        <th>{move || word(lang(), Word::ModelObserved)}</th>
                    </tr></thead>
                    <tbody>{calibration}</tbody>
                </table>
                {coefficient_table(f.coefficients, "z", 0.95)}
            }
            .into_any()
        }
    };
    // Each text feature's reference level: the one its coefficients are measured against.
    let mut references: Vec<(String, String)> = Vec::new();
    for t in &report.terms {
        if let quire_protocol::model::Encoding::Level { reference, .. } = &t.encoding
            && !references.iter().any(|(c, _)| *c == t.column)
        {
            references.push((t.column.clone(), reference.clone()));
        }
    }
    let references = (!references.is_empty()).then(|| {
        let text = references
            .iter()
            .map(|(c, r)| format!("{c} = {r}"))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="check-result" data-testid="model-references">{move || word(lang(), Word::ModelReference)}" "{text.clone()}</p> }
    });
    let test = report.test.map(|s| {
        view! {
            <strong>{move || word(lang(), Word::ModelTestScores)}</strong>
            {scores_view(&s, "model-test")}
        }
    });
    let cv = report.cv.map(|cv| {
        let body = cv
            .summary
            .into_iter()
            .map(|(name, mean, sd)| {
                let key = name.clone();
                view! { <tr data-score=key><td>{name}</td><td>{short_number(mean)}</td><td>{short_number(sd)}</td></tr> }
            })
            .collect_view();
        let folds = cv.folds.len();
        view! {
            <strong>{move || i18n::model_folds_title(lang(), folds)}</strong>
            <table class="sample" data-testid="model-cv">
                <thead><tr><th></th><th>{move || word(lang(), Word::ModelMean)}</th><th>{move || word(lang(), Word::ModelSd)}</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    });
    let charts = report
        .charts
        .into_iter()
        .map(|c| view! { <ModelChartView chart=c/> })
        .collect_view();
    let export = report.export.clone();
    let file = format!(
        "{}.model.json",
        if name.is_empty() { "model" } else { &name }
    );
    let download = move |_| {
        let text = serde_json::to_string_pretty(&export).unwrap_or_default();
        if let Some(url) = crate::download::text_url(&text, "application/json") {
            crate::download::trigger(&url, &file);
        }
    };
    view! {
        <section class="model-report" data-testid="model-report">
            <div class="verdict" data-testid="model-summary">{summary}</div>
            <p class="check-result" data-testid="model-rows">{rows_text}</p>
            {warnings_view}
            {fit}
            {references}
            {test}
            {cv}
            <div class="model-charts">{charts}</div>
            <button data-testid="export-model" on:click=download>{move || word(lang(), Word::ModelExport)}</button>
        </section>
    }
}

/// Estimates with standard errors, statistics, p-values and intervals (dashes where the fit
/// gives none: penalised and online models).
fn coefficient_table(
    coefficients: Vec<Coefficient>,
    statistic: &'static str,
    confidence: f64,
) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let dash = |v: Option<f64>| v.map_or("—".to_owned(), short_number);
    let level = format!("{:.0}%", 100.0 * confidence);
    // Penalised and online fits give estimates only: no columns of dashes.
    let inference = coefficients.iter().any(|c| c.se.is_some());
    let body = coefficients
        .into_iter()
        .map(|c| {
            let name = if c.name == quire_protocol::model::INTERCEPT {
                None
            } else {
                Some(c.name.clone())
            };
            let shown = name.clone();
            view! {
                <tr data-term=c.name.clone() data-estimate=c.estimate.to_string()>
                    <td>{move || shown.clone().unwrap_or_else(|| word(lang(), Word::ModelIntercept).to_owned())}</td>
                    <td>{short_number(c.estimate)}</td>
                    {inference.then(move || view! {
                        <td>{dash(c.se)}</td>
                        <td>{dash(c.statistic)}</td>
                        <td>{c.p.map_or("—".to_owned(), p_value)}</td>
                        <td>{c.low.zip(c.high).map_or("—".to_owned(), |(l, h)| format!("[{}, {}]", short_number(l), short_number(h)))}</td>
                    })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="sample" data-testid="model-coefficients">
            <thead><tr>
                <th>{move || word(lang(), Word::ModelTerm)}</th>
                <th>{move || word(lang(), Word::ModelEstimate)}</th>
                {inference.then(move || view! {
                    <th>{move || word(lang(), Word::ModelSe)}</th>
                    <th>{statistic}</th>
                    <th>"p"</th>
                    <th>{move || format!("{} {level}", word(lang(), Word::ModelInterval))}</th>
                })}
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// A statistic's label: a symbol every language writes alike (`R²`, `AIC`), or a word.
#[derive(Clone, Copy)]
enum Stat {
    Symbol(&'static str),
    Named(Word),
}

fn sym(symbol: &'static str) -> Stat {
    Stat::Symbol(symbol)
}

impl Stat {
    /// The stat's `data-stat` name: its symbol, or its word's name.
    fn id(self) -> &'static str {
        match self {
            Stat::Symbol(s) => s,
            Stat::Named(w) => w.key(),
        }
    }
    fn text(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Stat::Symbol(s) => s,
            Stat::Named(w) => w.text(lang),
        }
    }
}

fn fit_stats(stats: Vec<(Stat, String)>) -> impl IntoView {
    fit_stats_with("model-fit", stats)
}

fn scores_view(scores: &Scores, testid: &'static str) -> AnyView {
    let state = super::state();
    let lang = move || state.lang.get();
    match scores {
        Scores::Regression(s) => fit_stats_with(
            testid,
            vec![
                (sym("n"), count(s.n)),
                (sym("RMSE"), short_number(s.rmse)),
                (sym("MAE"), short_number(s.mae)),
                (sym("R²"), short_number(s.r2)),
            ],
        )
        .into_any(),
        Scores::Classification(s) => {
            let c = s.confusion;
            let pct = |x: f64| format!("{:.1}%", 100.0 * x);
            view! {
                {fit_stats_with(testid, vec![
                    (sym("n"), count(s.n)),
                    (Stat::Named(Word::StatAccuracy), pct(s.accuracy)),
                    (Stat::Named(Word::StatPrecision), pct(s.precision)),
                    (Stat::Named(Word::StatRecall), pct(s.recall)),
                    (sym("F1"), short_number(s.f1)),
                    (sym("AUC"), s.auc.map_or("—".to_owned(), short_number)),
                    (Stat::Named(Word::ModelLogLoss), short_number(s.log_loss)),
                    (Stat::Named(Word::Threshold), short_number(s.threshold)),
                ])}
                <table class="sample confusion" data-testid="model-confusion">
                    <thead><tr><th></th><th>{move || word(lang(), Word::ModelPredicted0)}</th><th>{move || word(lang(), Word::ModelPredicted1)}</th></tr></thead>
                    <tbody>
                        <tr><th>{move || word(lang(), Word::ModelActual0)}</th><td data-cell="tn">{count(c.tn)}</td><td data-cell="fp">{count(c.fp)}</td></tr>
                        <tr><th>{move || word(lang(), Word::ModelActual1)}</th><td data-cell="fn">{count(c.fn_)}</td><td data-cell="tp">{count(c.tp)}</td></tr>
                    </tbody>
                </table>
            }
            .into_any()
        }
    }
}

fn fit_stats_with(testid: &'static str, stats: Vec<(Stat, String)>) -> impl IntoView {
    let state = super::state();
    view! {
        <dl class="fit-stats" data-testid=testid>
            {stats.into_iter().map(|(k, v)| view! { <div data-stat=k.id()><dt>{move || k.text(state.lang.get())}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
    }
}

/// A diagnostic chart: the kind and labels from the chart's meaning, in the reader's language.
#[component]
fn ModelChartView(chart: ModelChart) -> impl IntoView {
    let state = super::state();
    let ModelChart { kind, data } = chart;
    let (chart_kind, title, x, y) = match kind {
        ModelChartKind::ResidualsFitted => (
            ChartKind::Scatter { fit: false },
            Word::ModelChartResiduals,
            Some(Word::ModelFitted),
            Some(Word::ModelResidual),
        ),
        ModelChartKind::PredictedActual => (
            ChartKind::Scatter { fit: false },
            Word::ModelChartPredicted,
            Some(Word::ModelActual),
            Some(Word::ModelPredicted),
        ),
        ModelChartKind::Roc => (
            ChartKind::Roc,
            Word::ModelChartRoc,
            Some(Word::ModelFpr),
            Some(Word::ModelTpr),
        ),
        ModelChartKind::Elbow => (
            ChartKind::Line { step: None },
            Word::ModelChartElbow,
            Some(Word::ModelKAxis),
            Some(Word::ModelWcss),
        ),
        ModelChartKind::Clusters => (
            ChartKind::Scatter { fit: false },
            Word::ModelChartClusters,
            None,
            None,
        ),
        ModelChartKind::BatchLoss => (
            ChartKind::Line { step: None },
            Word::ModelChartLoss,
            Some(Word::ModelBatch),
            Some(Word::ModelLogLoss),
        ),
        ModelChartKind::Calibration => (
            ChartKind::Line { step: None },
            Word::ModelChartCalibration,
            Some(Word::ModelMeanPredicted),
            Some(Word::ModelObserved),
        ),
    };
    let testid = match kind {
        ModelChartKind::ResidualsFitted => "chart-residuals",
        ModelChartKind::PredictedActual => "chart-predicted",
        ModelChartKind::Roc => "chart-roc",
        ModelChartKind::Elbow => "chart-elbow",
        ModelChartKind::Clusters => "chart-clusters",
        ModelChartKind::BatchLoss => "chart-loss",
        ModelChartKind::Calibration => "chart-calibration",
    };
    let signal = Signal::derive(move || {
        let lang = state.lang.get();
        let mut spec = ChartSpec::new(chart_kind, None, &[]);
        spec.title = word(lang, title).to_owned();
        spec.x_label = x.map(|x| word(lang, x).to_owned());
        spec.y_label = y.map(|y| word(lang, y).to_owned());
        (spec, data.clone())
    });
    let canvas = NodeRef::<Canvas>::new();
    view! { <ChartCanvas chart=signal canvas=canvas testid=testid height=300/> }
}
