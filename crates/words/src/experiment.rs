//! A/B tests in words: the verdict, the settings out of range, why a cell cannot run.

use quire_protocol::experiment::{
    Check, CheckKind, Decision, ExperimentError, ExperimentReport, MetricResult, Outcome, Role,
    Setting, short_number,
};

use crate::{Lang, Text};

fn percent(x: f64) -> String {
    let v = x * 100.0;
    if v.abs() >= 10.0 {
        format!("{v:+.1}%")
    } else {
        format!("{v:+.2}%")
    }
}

fn p_text(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".to_owned()
    } else {
        format!("= {p:.4}")
    }
}

/// How a result reads in a sentence: the relative change with its interval when there is one,
/// the absolute change otherwise.
fn change_text(r: &MetricResult, confidence: f64, lang: Lang) -> String {
    let level = format!("{:.0}%", 100.0 * confidence);
    match (r.relative, lang) {
        (Some(rel), Lang::En) => format!(
            "{} ({} CI {} to {})",
            percent(rel.value),
            level,
            percent(rel.low),
            percent(rel.high)
        ),
        (Some(rel), Lang::Ko) => format!(
            "{} ({} 신뢰구간 {} ~ {})",
            percent(rel.value),
            level,
            percent(rel.low),
            percent(rel.high)
        ),
        (None, Lang::En) => format!(
            "{} ({} CI {} to {})",
            short_number(r.absolute.value),
            level,
            short_number(r.absolute.low),
            short_number(r.absolute.high)
        ),
        (None, Lang::Ko) => format!(
            "{} ({} 신뢰구간 {} ~ {})",
            short_number(r.absolute.value),
            level,
            short_number(r.absolute.low),
            short_number(r.absolute.high)
        ),
    }
}

/// The report in plain words, one sentence per line: the checks, then per treatment what moved,
/// whether guardrails held, and the decision. When a check failed, the lines say which and
/// give no decision.
pub fn verdict_lines(report: &ExperimentReport, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let failed: Vec<&Check> = report.checks.iter().filter(|c| !c.passed).collect();
    if !failed.is_empty() {
        for c in failed {
            lines.push(match (&c.kind, lang) {
                (CheckKind::SampleRatio { p }, Lang::En) => format!(
                    "The split of units does not match the intended weights (sample-ratio mismatch, p {}). Assignment or logging is likely broken, so the results cannot be trusted.",
                    p_text(*p)
                ),
                (CheckKind::SampleRatio { p }, Lang::Ko) => format!(
                    "유닛 배정 비율이 의도한 비율과 다릅니다 (표본 비율 불일치, p {}). 배정이나 로깅에 문제가 있을 가능성이 커서 결과를 믿을 수 없습니다.",
                    p_text(*p)
                ),
                (CheckKind::ControlPresent { control }, Lang::En) => {
                    format!("The control variant {control:?} has no units.")
                }
                (CheckKind::ControlPresent { control }, Lang::Ko) => {
                    format!("대조군 {control:?}에 유닛이 없습니다.")
                }
                (CheckKind::KnownVariants { unexpected }, Lang::En) => format!(
                    "Variants not in the intended split: {}.",
                    unexpected.join(", ")
                ),
                (CheckKind::KnownVariants { unexpected }, Lang::Ko) => {
                    format!("의도한 배정에 없는 변형이 있습니다: {}.", unexpected.join(", "))
                }
            });
        }
        lines.push(match lang {
            Lang::En => "No verdict: fix the failed checks first.".to_owned(),
            Lang::Ko => "판정 없음: 실패한 검사를 먼저 해결하세요.".to_owned(),
        });
        return lines;
    }
    let Some(verdict) = &report.verdict else {
        return lines;
    };
    if verdict.provisional {
        lines.push(match lang {
            Lang::En => "Provisional: the planned sample size is not reached yet, and these fixed-horizon p-values are only valid once it is.".to_owned(),
            Lang::Ko => "잠정 결과: 계획한 표본 크기에 아직 도달하지 않았습니다. 고정 표본 p값은 그때가 되어야 유효합니다.".to_owned(),
        });
    }
    for call in &verdict.calls {
        let t = &call.treatment;
        for r in report.results.iter().filter(|r| &r.treatment == t) {
            if r.role == Role::Secondary && r.outcome == Outcome::Flat {
                continue;
            }
            let change = change_text(r, report.confidence, lang);
            let p = p_text(r.adjusted_p);
            lines.push(match (r.outcome, lang) {
                (Outcome::Better, Lang::En) => {
                    format!("{t}: {} improved by {change}, adjusted p {p}.", r.metric)
                }
                (Outcome::Better, Lang::Ko) => {
                    format!("{t}: {} 개선 {change}, 보정 p {p}.", r.metric)
                }
                (Outcome::Worse, Lang::En) => {
                    format!("{t}: {} got worse by {change}, adjusted p {p}.", r.metric)
                }
                (Outcome::Worse, Lang::Ko) => {
                    format!("{t}: {} 악화 {change}, 보정 p {p}.", r.metric)
                }
                (Outcome::Flat, Lang::En) => format!(
                    "{t}: no clear change in {}: {change}, adjusted p {p}.",
                    r.metric
                ),
                (Outcome::Flat, Lang::Ko) => format!(
                    "{t}: {}에 뚜렷한 변화 없음: {change}, 보정 p {p}.",
                    r.metric
                ),
            });
        }
        if !call.guardrails_held.is_empty() {
            lines.push(match lang {
                Lang::En => format!(
                    "{t}: guardrails held ({}).",
                    call.guardrails_held.join(", ")
                ),
                Lang::Ko => format!(
                    "{t}: 가드레일 지표가 유지되었습니다 ({}).",
                    call.guardrails_held.join(", ")
                ),
            });
        }
        lines.push(match (call.decision, lang) {
            (Decision::Ship, Lang::En) => format!("{t}: ship it. A goal improved and nothing got worse."),
            (Decision::Ship, Lang::Ko) => format!("{t}: 출시하세요. 목표 지표가 개선되었고 나빠진 지표가 없습니다."),
            (Decision::DoNotShip, Lang::En) => format!(
                "{t}: do not ship. {} got worse.",
                call.worsened.join(", ")
            ),
            (Decision::DoNotShip, Lang::Ko) => format!(
                "{t}: 출시하지 마세요. {} 지표가 나빠졌습니다.",
                call.worsened.join(", ")
            ),
            (Decision::Inconclusive, Lang::En) => format!(
                "{t}: inconclusive. No goal moved clearly; run longer or accept that the effect is smaller than this test can see."
            ),
            (Decision::Inconclusive, Lang::Ko) => format!(
                "{t}: 결론 없음. 목표 지표에 뚜렷한 변화가 없습니다. 더 오래 실행하거나, 효과가 이 실험으로 볼 수 있는 것보다 작다고 받아들이세요."
            ),
        });
    }
    lines
}

impl Text for Setting {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Setting::Confidence, Lang::En) => {
                "confidence must be between 0.5 and 1 (0.95 is usual)".to_owned()
            }
            (Setting::Confidence, Lang::Ko) => {
                "신뢰 수준은 0.5와 1 사이여야 합니다 (보통 0.95)".to_owned()
            }
            (Setting::Weight { variant }, Lang::En) => {
                format!("the weight of {variant:?} must be a positive number")
            }
            (Setting::Weight { variant }, Lang::Ko) => {
                format!("{variant:?}의 비중은 양수여야 합니다")
            }
            (Setting::PlannedPerArm, Lang::En) => {
                "the planned sample size must be at least 1".to_owned()
            }
            (Setting::PlannedPerArm, Lang::Ko) => {
                "계획한 표본 크기는 1 이상이어야 합니다".to_owned()
            }
            (Setting::Alpha, Lang::En) => {
                "alpha must be between 0 and 0.5 (0.05 is usual)".to_owned()
            }
            (Setting::Alpha, Lang::Ko) => {
                "유의 수준(알파)은 0과 0.5 사이여야 합니다 (보통 0.05)".to_owned()
            }
            (Setting::Power, Lang::En) => {
                "power must be between alpha and 1 (0.8 is usual)".to_owned()
            }
            (Setting::Power, Lang::Ko) => "검정력은 알파와 1 사이여야 합니다 (보통 0.8)".to_owned(),
            (Setting::Effect, Lang::En) => {
                "the effect must be a relative change other than 0, above −100% (0.05 = +5%)"
                    .to_owned()
            }
            (Setting::Effect, Lang::Ko) => {
                "효과는 0이 아니고 −100%보다 큰 상대 변화여야 합니다 (0.05 = +5%)".to_owned()
            }
            (Setting::EffectBeyondRate, Lang::En) => {
                "the effect must be small enough to keep the rate below 100%".to_owned()
            }
            (Setting::EffectBeyondRate, Lang::Ko) => {
                "효과를 더한 비율이 100% 미만이 되도록 효과를 줄이세요".to_owned()
            }
            (Setting::EffectTooSmall, Lang::En) => {
                "the effect must be large enough to be detectable".to_owned()
            }
            (Setting::EffectTooSmall, Lang::Ko) => "효과가 너무 작아 검출할 수 없습니다".to_owned(),
            (Setting::BaselineRate, Lang::En) => {
                "the baseline rate must be between 0 and 1".to_owned()
            }
            (Setting::BaselineRate, Lang::Ko) => "기준 비율은 0과 1 사이여야 합니다".to_owned(),
            (Setting::BaselineMean, Lang::En) => {
                "the baseline must be a non-zero mean with a positive standard deviation".to_owned()
            }
            (Setting::BaselineMean, Lang::Ko) => {
                "기준 평균은 0이 아니고 표준편차는 양수여야 합니다".to_owned()
            }
            (Setting::StageShare, Lang::En) => {
                "each stage's share must be above 0% and at most 100%".to_owned()
            }
            (Setting::StageShare, Lang::Ko) => {
                "단계별 비중은 0%보다 크고 100% 이하여야 합니다".to_owned()
            }
        }
    }
}

/// "the table has no column …", for every cell kind that names columns.
pub fn missing_column(column: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("the table has no column {column:?}"),
        Lang::Ko => format!("표에 {column:?} 열이 없습니다"),
    }
}

impl Text for ExperimentError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExperimentError::MissingColumn { column }, lang) => missing_column(column, lang),
            (ExperimentError::NotNumeric { column }, Lang::En) => {
                format!("the column {column:?} does not hold numbers")
            }
            (ExperimentError::NotNumeric { column }, Lang::Ko) => {
                format!("{column:?} 열에 숫자가 아닌 값이 있습니다")
            }
            (ExperimentError::NotBinary { column, value }, Lang::En) => format!(
                "a binomial metric needs 0 and 1 only, but {column:?} holds {}",
                short_number(*value)
            ),
            (ExperimentError::NotBinary { column, value }, Lang::Ko) => format!(
                "이항 지표는 0과 1만 쓸 수 있는데 {column:?} 열에 {}이(가) 있습니다",
                short_number(*value)
            ),
            (ExperimentError::NoMetrics, Lang::En) => "add at least one metric".to_owned(),
            (ExperimentError::NoMetrics, Lang::Ko) => "지표를 하나 이상 추가하세요".to_owned(),
            (ExperimentError::NoUnitOrVariant, Lang::En) => {
                "choose the unit id column and the variant column".to_owned()
            }
            (ExperimentError::NoUnitOrVariant, Lang::Ko) => {
                "유닛 ID 열과 변형 열을 고르세요".to_owned()
            }
            (ExperimentError::OutOfRange { setting }, lang) => setting.text(lang),
            (ExperimentError::CupedOnRatio { metric }, Lang::En) => {
                format!("CUPED adjusts binomial and mean metrics; {metric:?} is a ratio")
            }
            (ExperimentError::CupedOnRatio { metric }, Lang::Ko) => {
                format!(
                    "CUPED는 이항·평균 지표에만 쓸 수 있습니다. {metric:?}은(는) 비율 지표입니다"
                )
            }
            (ExperimentError::UnknownMetric { metric }, Lang::En) => {
                format!("no Metric cell defines a metric named {metric:?}")
            }
            (ExperimentError::UnknownMetric { metric }, Lang::Ko) => {
                format!("{metric:?}라는 지표를 정의한 지표 셀이 없습니다")
            }
            (
                ExperimentError::MetricWithoutUnit {
                    metric,
                    table,
                    unit,
                },
                Lang::En,
            ) => format!(
                "the metric {metric:?} comes from {table:?}, which has no unit column {unit:?} to \
                 compute it per unit"
            ),
            (
                ExperimentError::MetricWithoutUnit {
                    metric,
                    table,
                    unit,
                },
                Lang::Ko,
            ) => format!(
                "지표 {metric:?}의 원본 표 {table:?}에 유닛 열 {unit:?}이 없어 유닛별로 계산할 수 없습니다"
            ),
            (ExperimentError::DefinedMetric { metric, reason }, Lang::En) => {
                format!(
                    "the metric {metric:?} cannot be computed per unit: {}",
                    reason.text(lang)
                )
            }
            (ExperimentError::DefinedMetric { metric, reason }, Lang::Ko) => {
                format!(
                    "지표 {metric:?}을(를) 유닛별로 계산할 수 없습니다: {}",
                    reason.text(lang)
                )
            }
            (ExperimentError::Table { message }, Lang::En) => {
                format!("the table could not be read: {message}")
            }
            (ExperimentError::Table { message }, Lang::Ko) => {
                format!("표를 읽을 수 없습니다: {message}")
            }
        }
    }
}
