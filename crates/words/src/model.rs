//! Models in words: the summary, the settings out of range, errors and warnings.

use quire_protocol::experiment::short_number;
use quire_protocol::model::{
    FeatureKind, Fit, ModelError, ModelReport, ModelSetting, ModelWarning, Scores,
};

use crate::experiment::missing_column;
use crate::{Lang, Text};

impl Text for ModelSetting {
    fn text(&self, lang: Lang) -> String {
        let text = match (self, lang) {
            (ModelSetting::Confidence, Lang::En) => {
                "confidence must be between 0.5 and 1 (0.95 is usual)"
            }
            (ModelSetting::Confidence, Lang::Ko) => {
                "신뢰 수준은 0.5와 1 사이여야 합니다 (보통 0.95)"
            }
            (ModelSetting::TestShare, Lang::En) => {
                "the test share must be between 0 and 0.9 (0.2 is usual)"
            }
            (ModelSetting::TestShare, Lang::Ko) => {
                "테스트 비율은 0과 0.9 사이여야 합니다 (보통 0.2)"
            }
            (ModelSetting::Folds, Lang::En) => "folds must be 0 (off) or from 2 to 20",
            (ModelSetting::Folds, Lang::Ko) => "폴드 수는 0(끔)이거나 2에서 20 사이여야 합니다",
            (ModelSetting::Threshold, Lang::En) => "the threshold must be between 0 and 1",
            (ModelSetting::Threshold, Lang::Ko) => "임계값은 0과 1 사이여야 합니다",
            (ModelSetting::L2, Lang::En) => "the L2 penalty must be 0 or more",
            (ModelSetting::L2, Lang::Ko) => "L2 벌점은 0 이상이어야 합니다",
            (ModelSetting::K, Lang::En) => {
                "k must be from 1 to 50 and smaller than the number of rows"
            }
            (ModelSetting::K, Lang::Ko) => "k는 1에서 50 사이이고 행 수보다 작아야 합니다",
            (ModelSetting::Prior, Lang::En) => "the prior precision must be above 0 (1 is usual)",
            (ModelSetting::Prior, Lang::Ko) => "사전 정밀도는 0보다 커야 합니다 (보통 1)",
        };
        text.to_owned()
    }
}

impl Text for ModelError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ModelError::NoTarget, Lang::En) => "choose the column to predict".to_owned(),
            (ModelError::NoTarget, Lang::Ko) => "예측할 열을 고르세요".to_owned(),
            (ModelError::NoFeatures, Lang::En) => "add at least one feature column".to_owned(),
            (ModelError::NoFeatures, Lang::Ko) => "특성 열을 하나 이상 추가하세요".to_owned(),
            (ModelError::MissingColumn { column }, lang) => missing_column(column, lang),
            (ModelError::NotNumeric { column }, Lang::En) => {
                format!("a linear regression predicts numbers, but {column:?} does not hold numbers")
            }
            (ModelError::NotNumeric { column }, Lang::Ko) => {
                format!("선형 회귀는 숫자를 예측하는데 {column:?} 열은 숫자가 아닙니다")
            }
            (ModelError::NotBinary { column, value }, Lang::En) => format!(
                "a logistic model predicts 0/1 or true/false, but {column:?} holds {value:?}"
            ),
            (ModelError::NotBinary { column, value }, Lang::Ko) => format!(
                "로지스틱 모델은 0/1 또는 true/false를 예측하는데 {column:?} 열에 {value:?}이(가) 있습니다"
            ),
            (ModelError::UnusableFeature { column }, Lang::En) => format!(
                "{column:?} holds dates or times; derive a number from it first (days since an event, a weekday…)"
            ),
            (ModelError::UnusableFeature { column }, Lang::Ko) => format!(
                "{column:?} 열은 날짜·시간입니다. 먼저 숫자로 바꾸세요 (경과 일수, 요일 등)"
            ),
            (ModelError::UnsupportedFeature { column, dtype }, Lang::En) => {
                format!("{column:?} holds {dtype} values, which a model cannot use")
            }
            (ModelError::UnsupportedFeature { column, dtype }, Lang::Ko) => {
                format!("{column:?} 열은 {dtype} 값이라 모델에 쓸 수 없습니다")
            }
            (ModelError::Infinite { column }, Lang::En) => format!(
                "{column:?} holds infinite values (±∞); replace or filter them first (a Clean step)"
            ),
            (ModelError::Infinite { column }, Lang::Ko) => format!(
                "{column:?} 열에 무한대(±∞) 값이 있습니다. 먼저 바꾸거나 걸러 내세요 (정제 단계)"
            ),
            (ModelError::ExactFit, Lang::En) => "the target is an exact linear function of the features (every residual is 0), so there is no error to estimate from".to_owned(),
            (ModelError::ExactFit, Lang::Ko) => "대상이 특성들의 정확한 선형 함수라(잔차가 모두 0) 오차를 추정할 수 없습니다".to_owned(),
            (ModelError::WrongKind { column, expected }, Lang::En) => format!(
                "the model was fitted on {column:?} as {}, but this file's {column:?} reads otherwise",
                match expected {
                    FeatureKind::Numbers => "numbers",
                    FeatureKind::Text => "text",
                }
            ),
            (ModelError::WrongKind { column, expected }, Lang::Ko) => format!(
                "모델은 {column:?} 열을 {}(으)로 학습했는데 이 파일의 {column:?} 열은 그렇지 않습니다",
                match expected {
                    FeatureKind::Numbers => "숫자",
                    FeatureKind::Text => "텍스트",
                }
            ),
            (ModelError::TooManyLevels { column, levels }, Lang::En) => format!(
                "{column:?} has {levels} different values: too many for one-hot encoding (is it an id?)"
            ),
            (ModelError::TooManyLevels { column, levels }, Lang::Ko) => format!(
                "{column:?} 열의 값이 {levels}가지로 원-핫 인코딩에 너무 많습니다 (ID 열인가요?)"
            ),
            (ModelError::TargetIsFeature { column }, Lang::En) => {
                format!("{column:?} is the target; it cannot also be a feature")
            }
            (ModelError::TargetIsFeature { column }, Lang::Ko) => {
                format!("{column:?}은(는) 예측 대상이라 특성으로 쓸 수 없습니다")
            }
            (ModelError::TooFewRows { rows, parameters }, Lang::En) => format!(
                "{rows} usable rows are too few to estimate {parameters} parameters"
            ),
            (ModelError::TooFewRows { rows, parameters }, Lang::Ko) => format!(
                "쓸 수 있는 행 {rows}개로는 모수 {parameters}개를 추정할 수 없습니다"
            ),
            (ModelError::Collinear { term }, Lang::En) => format!(
                "{term:?} is constant or a linear combination of the other features; remove it"
            ),
            (ModelError::Collinear { term }, Lang::Ko) => {
                format!("{term:?}은(는) 상수이거나 다른 특성들의 선형 결합입니다. 빼 주세요")
            }
            (ModelError::PerfectSeparation { term: Some(term) }, Lang::En) => format!(
                "{term:?} separates the classes perfectly, so the coefficients are infinite; drop it or add an L2 penalty"
            ),
            (ModelError::PerfectSeparation { term: Some(term) }, Lang::Ko) => format!(
                "{term:?}이(가) 두 클래스를 완벽히 갈라 계수가 무한대가 됩니다. 빼거나 L2 벌점을 주세요"
            ),
            (ModelError::PerfectSeparation { term: None }, Lang::En) => {
                "the features separate the classes perfectly, so the coefficients are infinite; add an L2 penalty".to_owned()
            }
            (ModelError::PerfectSeparation { term: None }, Lang::Ko) => {
                "특성들이 두 클래스를 완벽히 갈라 계수가 무한대가 됩니다. L2 벌점을 주세요".to_owned()
            }
            (ModelError::ConstantTarget { column }, Lang::En) => {
                format!("{column:?} has one value only: there is nothing to predict")
            }
            (ModelError::ConstantTarget { column }, Lang::Ko) => {
                format!("{column:?} 열의 값이 하나뿐이라 예측할 것이 없습니다")
            }
            (ModelError::EmptySplit { train, test }, Lang::En) => format!(
                "the split leaves {train} training and {test} test rows; both need some"
            ),
            (ModelError::EmptySplit { train, test }, Lang::Ko) => format!(
                "분할 결과 학습 {train}행, 테스트 {test}행입니다. 둘 다 있어야 합니다"
            ),
            (ModelError::OutOfRange { setting }, lang) => setting.text(lang),
            (ModelError::BadExport { message }, Lang::En) => {
                format!("not a usable Quire model file: {message}")
            }
            (ModelError::BadExport { message }, Lang::Ko) => {
                format!("쓸 수 있는 Quire 모델 파일이 아닙니다: {message}")
            }
            (ModelError::Table { message }, Lang::En) => {
                format!("the table could not be read: {message}")
            }
            (ModelError::Table { message }, Lang::Ko) => format!("표를 읽을 수 없습니다: {message}"),
        }
    }
}

impl Text for ModelWarning {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ModelWarning::NotConverged { iterations }, Lang::En) => format!(
                "the fit did not converge in {iterations} iterations; treat the figures with care"
            ),
            (ModelWarning::NotConverged { iterations }, Lang::Ko) => {
                format!("{iterations}번 반복해도 수렴하지 않았습니다. 결과를 조심해서 보세요")
            }
            (ModelWarning::QuasiSeparation { rows, term }, Lang::En) => format!(
                "{rows} rows are predicted with certainty{}: their coefficients are unstable and their intervals mean little",
                term.as_ref()
                    .map(|t| format!(" (by {t:?})"))
                    .unwrap_or_default()
            ),
            (ModelWarning::QuasiSeparation { rows, term }, Lang::Ko) => format!(
                "{rows}개 행이 확률 0 또는 1로 예측됩니다{}. 해당 계수는 불안정하고 구간은 의미가 약합니다",
                term.as_ref()
                    .map(|t| format!(" ({t:?} 때문)"))
                    .unwrap_or_default()
            ),
            (ModelWarning::UnseenLevel { column, rows }, Lang::En) => format!(
                "{rows} test rows hold a value of {column:?} the training rows never did; they were scored as the reference level"
            ),
            (ModelWarning::UnseenLevel { column, rows }, Lang::Ko) => format!(
                "테스트 {rows}개 행의 {column:?} 값이 학습 데이터에 없어 기준 수준으로 계산했습니다"
            ),
            (ModelWarning::FewEvents { events, non_events }, Lang::En) => format!(
                "only {events} events and {non_events} non-events: intervals and scores are unreliable"
            ),
            (ModelWarning::FewEvents { events, non_events }, Lang::Ko) => format!(
                "사건 {events}건, 비사건 {non_events}건뿐이라 구간과 점수를 믿기 어렵습니다"
            ),
            (ModelWarning::SmallTest { rows }, Lang::En) => {
                format!("the test set has only {rows} rows: its scores vary a lot")
            }
            (ModelWarning::SmallTest { rows }, Lang::Ko) => {
                format!("테스트 데이터가 {rows}행뿐이라 점수의 변동이 큽니다")
            }
            (ModelWarning::KMeansNotConverged { iterations }, Lang::En) => {
                format!("k-means stopped after {iterations} iterations without settling")
            }
            (ModelWarning::KMeansNotConverged { iterations }, Lang::Ko) => {
                format!("k-평균이 {iterations}번 반복 후에도 안정되지 않았습니다")
            }
            (ModelWarning::FoldSkipped { fold }, Lang::En) => {
                format!("fold {fold} could not be scored (one class only, or too few rows)")
            }
            (ModelWarning::FoldSkipped { fold }, Lang::Ko) => {
                format!("{fold}번 폴드는 계산하지 못했습니다 (한 클래스뿐이거나 행이 너무 적음)")
            }
        }
    }
}

/// The report in a sentence or two, for a class or a product manager.
pub fn summary_lines(report: &ModelReport, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let pct = |x: f64| format!("{:.1}%", 100.0 * x);
    match (&report.fit, lang) {
        (Fit::Linear(f), Lang::En) => lines.push(format!(
            "On the {} training rows the features explain {} of the variation in the target (adjusted R² {}).",
            f.n,
            pct(f.r2),
            short_number(f.adj_r2)
        )),
        (Fit::Linear(f), Lang::Ko) => lines.push(format!(
            "학습 데이터 {}행에서 특성들이 대상 변동의 {}를 설명합니다 (수정 R² {}).",
            f.n,
            pct(f.r2),
            short_number(f.adj_r2)
        )),
        (Fit::Logistic(f), Lang::En) => lines.push(format!(
            "On the {} training rows the model's McFadden pseudo-R² is {}{}.",
            f.n,
            short_number(f.pseudo_r2),
            if f.converged { "" } else { " (not converged)" }
        )),
        (Fit::Logistic(f), Lang::Ko) => lines.push(format!(
            "학습 데이터 {}행에서 McFadden 유사 R²는 {}입니다{}.",
            f.n,
            short_number(f.pseudo_r2),
            if f.converged { "" } else { " (수렴하지 않음)" }
        )),
        (Fit::KMeans(f), lang) => {
            let sizes = f
                .sizes
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let wcss = short_number(f.wcss);
            lines.push(match lang {
                Lang::En => format!(
                    "{} clusters of {sizes} units; within-cluster sum of squares {wcss}.",
                    f.k
                ),
                Lang::Ko => format!("군집 {}개, 크기 {sizes}; 군집 내 제곱합 {wcss}.", f.k),
            });
        }
        (Fit::Online(f), Lang::En) => lines.push(format!(
            "{} batches, each predicted before the model learned from it: log loss {} overall.",
            f.batches.len(),
            short_number(f.log_loss)
        )),
        (Fit::Online(f), Lang::Ko) => lines.push(format!(
            "배치 {}개를 학습 전에 먼저 예측했습니다: 전체 로그 손실 {}.",
            f.batches.len(),
            short_number(f.log_loss)
        )),
    }
    match (&report.test, lang) {
        (Some(Scores::Regression(s)), Lang::En) => lines.push(format!(
            "On {} held-out rows it is off by {} on average (RMSE {}, R² {}).",
            s.n,
            short_number(s.mae),
            short_number(s.rmse),
            short_number(s.r2)
        )),
        (Some(Scores::Regression(s)), Lang::Ko) => lines.push(format!(
            "따로 둔 {}행에서 평균 {}만큼 빗나갑니다 (RMSE {}, R² {}).",
            s.n,
            short_number(s.mae),
            short_number(s.rmse),
            short_number(s.r2)
        )),
        (Some(Scores::Classification(s)), Lang::En) => lines.push(format!(
            "On {} held-out rows it is right {} of the time at threshold {}; it finds {} of the positives, and {} of its positive calls are right (AUC {}).",
            s.n,
            pct(s.accuracy),
            short_number(s.threshold),
            pct(s.recall),
            pct(s.precision),
            s.auc.map_or_else(|| "—".to_owned(), short_number)
        )),
        (Some(Scores::Classification(s)), Lang::Ko) => lines.push(format!(
            "따로 둔 {}행에서 임계값 {} 기준 정확도는 {}이고, 실제 양성의 {}를 찾아내며 양성 예측의 {}가 맞습니다 (AUC {}).",
            s.n,
            short_number(s.threshold),
            pct(s.accuracy),
            pct(s.recall),
            pct(s.precision),
            s.auc.map_or_else(|| "—".to_owned(), short_number)
        )),
        (None, _) => {}
    }
    lines
}
