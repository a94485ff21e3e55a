//! The page's vocabulary of cleaning, checks, profiles, charts, experiments, plans, metrics and
//! models: one [`Word`] per label, each with its English and Korean side by side.
//!
//! A word is a value, never a string looked up in a table: a word missing a language does not
//! compile, and a step's or a check's word comes from the typed step or check
//! (`Word::from(&step.op)`), so there is no key to misspell and nothing to fall back to.

use quire_protocol::clean::StepOp;
use quire_protocol::metric::Grain;
use quire_protocol::quality::{Check, Outcome};

use crate::Lang;

/// Declares [`Word`] with, per word, the name the page uses for it in test ids and option
/// values, and its English and Korean.
macro_rules! words {
    ($($name:ident $key:literal: $en:literal, $ko:literal;)*) => {
        /// A label of the page, in both languages (see [`Word::text`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Word {
            $($name,)*
        }

        impl Word {
            /// Every word, in the order declared.
            pub const ALL: &'static [Word] = &[$(Word::$name,)*];

            /// The word in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Word::$name => match lang {
                        Lang::En => $en,
                        Lang::Ko => $ko,
                    },)*
                }
            }

            /// The word's stable name (`fill_null`, `model_seed`): the page's test ids
            /// (`field-model_seed`) and `<option>` values use it. Never used to find a word.
            pub fn key(self) -> &'static str {
                match self {
                    $(Word::$name => $key,)*
                }
            }
        }
    };
}

words! {
    // Steps.
    Select "select": "Keep columns", "열 고르기";
    Drop "drop": "Drop columns", "열 삭제";
    Rename "rename": "Rename column", "열 이름 바꾸기";
    Cast "cast": "Change type", "형식 바꾸기";
    ParseDate "parse_date": "Parse dates", "날짜 읽기";
    Trim "trim": "Trim spaces", "공백 제거";
    Case "case": "Change case", "대소문자 바꾸기";
    Replace "replace": "Replace values", "값 바꾸기";
    FillNull "fill_null": "Fill nulls", "빈 값 채우기";
    DropNulls "drop_nulls": "Drop rows with nulls", "빈 값 있는 행 삭제";
    Dedup "dedup": "Remove duplicates", "중복 제거";
    Filter "filter": "Filter rows", "행 거르기";
    Derive "derive": "Add a column", "열 추가";
    Outliers "outliers": "Outliers", "이상값";
    Sort "sort": "Sort", "정렬";
    // Checks.
    NotNull "not_null": "Not null", "빈 값 없음";
    Unique "unique": "Unique", "중복 없음";
    InRange "in_range": "In range", "범위 안";
    InSet "in_set": "In set", "허용 값";
    Pattern "pattern": "Matches pattern", "패턴 일치";
    RowCount "row_count": "Row count at least", "최소 행 수";
    Referential "referential": "Exists in another table", "다른 테이블에 존재";
    Fresh "fresh": "Fresh", "최신성";
    // Fields.
    Input "input": "Input table", "입력 테이블";
    Output "output": "Output table", "결과 테이블";
    Columns "columns": "Columns (comma-separated; empty = all)", "열(쉼표로 구분, 비우면 전체)";
    Column "column": "Column", "열";
    From "from": "Column", "열";
    To "to": "New name", "새 이름";
    Type "type": "Type", "형식";
    Formats "formats": "Formats (comma-separated, e.g. %Y-%m-%d)", "형식(쉼표로 구분, 예: %Y-%m-%d)";
    Datetime "datetime": "With time of day", "시각 포함";
    TextCase "text_case": "Case", "대소문자";
    Lower "lower": "lower case", "소문자";
    Upper "upper": "UPPER CASE", "대문자";
    Title "title": "Title Case", "단어 첫 글자만 대문자";
    Find "find": "Find", "찾을 값";
    With "with": "Replace with (empty = null)", "바꿀 값(비우면 null)";
    Whole "whole": "Whole value only", "값 전체가 같을 때만";
    Fill "fill": "Fill with", "채울 값";
    Constant "constant": "a value", "지정한 값";
    Mean "mean": "the mean", "평균";
    Median "median": "the median", "중앙값";
    Mode "mode": "the most frequent value", "최빈값";
    Forward "forward": "the previous value", "앞의 값";
    Backward "backward": "the next value", "뒤의 값";
    Value "value": "Value", "값";
    How "how": "Drop a row when", "행을 지울 조건";
    Any "any": "any of them is null", "하나라도 null";
    All "all": "all of them are null", "모두 null";
    Keep "keep": "Keep", "남길 행";
    First "first": "the first", "처음 것";
    Last "last": "the last", "마지막 것";
    Predicate "predicate": "Keep rows where (SQL)", "남길 행의 조건(SQL)";
    Name "name": "New column", "새 열 이름";
    Expression "expression": "Value (SQL expression)", "값(SQL 식)";
    Rule "rule": "Rule", "기준";
    Iqr "iqr": "IQR × k", "IQR × k";
    Zscore "zscore": "z-score", "z 점수";
    K "k": "k", "k";
    Z "z": "z", "z";
    Action "action": "Then", "처리";
    Clip "clip": "clip to the bounds", "경계값으로 자르기";
    DropRows "drop_rows": "drop the row", "행 삭제";
    By "by": "Sort by (comma-separated; -name for descending)", "정렬 기준(쉼표로 구분, 내림차순은 -이름)";
    Min "min": "At least", "최솟값";
    Max "max": "At most", "최댓값";
    Values "values": "Allowed values (comma-separated)", "허용 값(쉼표로 구분)";
    PatternField "pattern_field": "Regular expression (whole value)", "정규식(값 전체)";
    RowsMin "rows_min": "Rows", "행 수";
    OtherTable "other_table": "Other table", "다른 테이블";
    OtherColumn "other_column": "Its column", "그 테이블의 열";
    Days "days": "Within days", "허용 일수";
    Reference "reference": "Of date (YYYY-MM-DD)", "기준 날짜(YYYY-MM-DD)";
    // Ledger, checks, profile, export.
    AddStep "add_step": "Add a step…", "단계 추가…";
    AddCheck "add_check": "Add a check…", "검사 추가…";
    AddClean "add_clean": "+ Clean", "+ 정제";
    AddQuality "add_quality": "+ Checks", "+ 품질 검사";
    On "on": "On", "사용";
    Remove "remove": "Remove", "삭제";
    Skipped "skipped": "Off: skipped", "꺼짐: 건너뜀";
    Changed "changed": "changed", "바뀜";
    Nulled "nulled": "made null", "null로 바뀜";
    Filled "filled": "filled", "채워짐";
    Dropped "dropped": "dropped", "삭제됨";
    Added "added": "added", "추가";
    Removed "removed": "removed", "제거";
    Examples "examples": "Examples", "예시";
    Row "row": "Row", "행";
    Pass "pass": "Pass", "통과";
    Fail "fail": "Fail", "실패";
    Invalid "invalid": "Cannot check", "검사 불가";
    Profile "profile": "Profile", "프로파일";
    HideProfile "hide_profile": "Hide profile", "프로파일 닫기";
    Profiling "profiling": "Profiling…", "프로파일 계산 중…";
    Count "count": "Values", "값 수";
    NullPct "null_pct": "Null %", "null 비율";
    Distinct "distinct": "Distinct", "고유값";
    Stats "stats": "min · Q1 · median · Q3 · max", "최소 · Q1 · 중앙값 · Q3 · 최대";
    MeanStd "mean_std": "mean ± std", "평균 ± 표준편차";
    Top "top": "Most frequent", "자주 나오는 값";
    Histogram "histogram": "Distribution", "분포";
    ExportCsv "export_csv": "CSV", "CSV";
    ExportExcel "export_excel": "CSV for Excel", "CSV(엑셀용)";
    ExportParquet "export_parquet": "Parquet", "Parquet";
    QualitySummary "quality_summary": "Failing checks", "실패한 검사";
    // Charts.
    AddChart "add_chart": "+ Chart", "+ 차트";
    ChartKind "chart_kind": "Chart", "차트 종류";
    KindLine "kind_line": "Line", "선";
    KindBar "kind_bar": "Bars", "막대";
    KindStacked "kind_stacked": "Stacked bars", "누적 막대";
    KindScatter "kind_scatter": "Scatter", "산점도";
    KindHistogram "kind_histogram": "Histogram", "히스토그램";
    KindBox "kind_box": "Box plot", "상자 그림";
    KindInterval "kind_interval": "Estimates with intervals", "추정값과 구간";
    KindRoc "kind_roc": "ROC curve", "ROC 곡선";
    KindSpark "kind_spark": "Sparkline", "스파크라인";
    X "x": "x", "x";
    Y "y": "y (comma-separated)", "y(쉼표로 구분)";
    ChartBy "chart_by": "Colour by", "색 구분";
    Aggregate "aggregate": "Summarise", "집계";
    AggNone "agg_none": "each row", "행마다";
    AggSum "agg_sum": "sum", "합계";
    AggMean "agg_mean": "mean", "평균";
    AggCount "agg_count": "count of rows", "행 수";
    AggMin "agg_min": "minimum", "최솟값";
    AggMax "agg_max": "maximum", "최댓값";
    AggMedian "agg_median": "median", "중앙값";
    TimeStep "time_step": "Per", "단위";
    StepNone "step_none": "value of x", "x 값";
    StepDay "step_day": "day", "일";
    StepWeek "step_week": "week", "주";
    StepMonth "step_month": "month", "월";
    ChartTitle "chart_title": "Title", "제목";
    XLabel "x_label": "x-axis label", "x축 이름";
    YLabel "y_label": "y-axis label", "y축 이름";
    ChartFit "chart_fit": "Least-squares line", "최소제곱 추세선";
    ChartBins "chart_bins": "Bins", "구간";
    BinsSturges "bins_sturges": "Sturges: ⌈log₂ n⌉ + 1", "Sturges: ⌈log₂ n⌉ + 1개";
    BinsFd "bins_fd": "Freedman–Diaconis: width 2·IQR/∛n", "Freedman–Diaconis: 너비 2·IQR/∛n";
    BinsFixed "bins_fixed": "a fixed number", "개수 지정";
    BinCount "bin_count": "Number of bins", "구간 수";
    RocHint "roc_hint": "x is the score and y the label (1 or true for a positive); x and y may also be false- and true-positive rates already computed.", "x는 점수, y는 레이블(양성은 1 또는 true)입니다. 이미 계산한 거짓 양성 비율과 참 양성 비율을 x와 y로 줘도 됩니다.";
    LogY "log_y": "Log scale", "로그 눈금";
    Unit "unit": "Unit", "단위(값)";
    ChartSort "chart_sort": "Order", "순서";
    SortNone "sort_none": "as found", "원래 순서";
    SortX "sort_x": "by category", "항목순";
    SortY "sort_y": "largest first", "큰 값부터";
    Sampled "sampled": "Showing a sample of the rows: the chart is downsampled to draw fast.", "행의 일부만 표시합니다: 빠르게 그리도록 줄였습니다.";
    // A/B tests.
    AddExperiment "add_experiment": "+ A/B test", "+ A/B 테스트";
    ExpUnit "exp_unit": "Unit id column", "유닛 ID 열";
    Variant "variant": "Variant column", "변형 열";
    Control "control": "Control value", "대조군 값";
    Weights "weights": "Intended split (e.g. control:1, b:1; empty = equal)", "의도한 배정 비율(예: 대조군:1, 실험군:1, 비우면 균등)";
    WeightsInvalid "weights_invalid": "Write the split as variant:weight pairs separated by commas, e.g. control:1, new_checkout:1.", "배정 비율은 변형:가중치 쌍을 쉼표로 구분해 쓰세요. 예: 대조군:1, 실험군:1";
    Confidence "confidence": "Confidence level", "신뢰수준";
    Duplicates "duplicates": "Units on several rows", "여러 행에 나오는 유닛";
    KeepFirst "keep_first": "keep the first row", "첫 행만 사용";
    DropMixed "drop_mixed": "drop units seen in several variants", "여러 변형에 나오는 유닛 제외";
    Correction "correction": "Multiple-testing correction", "다중 비교 보정";
    Holm "holm": "Holm (family-wise error)", "Holm(가족별 오류율)";
    Bh "bh": "Benjamini–Hochberg (false discovery rate)", "Benjamini–Hochberg(거짓 발견률)";
    Sequential "sequential": "Sequential: safe to look any time", "순차 분석: 언제 봐도 안전";
    PlannedPerArm "planned_per_arm": "Planned units per arm", "그룹당 계획 유닛 수";
    Metrics "metrics": "Metrics", "지표";
    AddMetric "add_metric": "+ Metric", "+ 지표";
    MetricKind "metric_kind": "Kind", "지표 유형";
    MetricBinomial "metric_binomial": "rate (0 or 1 per unit)", "비율(유닛마다 0 또는 1)";
    MetricMean "metric_mean": "mean per unit", "유닛당 평균";
    MetricRatio "metric_ratio": "ratio of two sums", "두 합계의 비";
    MetricDefined "metric_defined": "a defined metric, per unit", "정의한 지표 (유닛별)";
    MetricDefinedName "metric_defined_name": "Metric", "지표";
    Numerator "numerator": "Numerator", "분자";
    Denominator "denominator": "Denominator", "분모";
    MetricName "metric_name": "Name (optional)", "이름(선택)";
    MetricRole "metric_role": "Role", "역할";
    RoleGoal "role_goal": "goal", "목표 지표";
    RoleGuardrail "role_guardrail": "guardrail", "가드레일 지표";
    RoleSecondary "role_secondary": "secondary", "보조 지표";
    MetricDirection "metric_direction": "Better when", "좋은 방향";
    HigherBetter "higher_better": "higher", "높을수록 좋음";
    LowerBetter "lower_better": "lower", "낮을수록 좋음";
    Covariate "covariate": "Pre-period column (CUPED, optional)", "실험 전 기간 열(CUPED, 선택)";
    ExpVerdict "exp_verdict": "Verdict", "결론";
    ExpChecks "exp_checks": "Before trusting the results", "결과를 믿기 전에 확인할 것";
    ExpWarnings "exp_warnings": "Warnings", "주의할 점";
    Arms "arms": "Arms", "실험 그룹";
    ArmVariant "arm_variant": "Variant", "변형";
    ArmUnits "arm_units": "Units", "유닛 수";
    ArmObserved "arm_observed": "Observed share", "실제 비율";
    ArmExpected "arm_expected": "Intended share", "의도한 비율";
    ExpResults "exp_results": "Results", "결과";
    ColMetric "col_metric": "Metric", "지표";
    ColTreatment "col_treatment": "Treatment", "실험군";
    ColN "col_n": "n (control / treatment)", "n(대조군 / 실험군)";
    ColMean "col_mean": "Mean or rate", "평균 또는 비율";
    ColSd "col_sd": "SD", "표준편차";
    ColAbsolute "col_absolute": "Change [CI]", "차이 [신뢰구간]";
    ColRelative "col_relative": "Relative change [CI]", "상대 변화 [신뢰구간]";
    ColT "col_t": "t", "t";
    ColDf "col_df": "df", "자유도";
    ColP "col_p": "p", "p";
    ColAdjustedP "col_adjusted_p": "Adjusted p", "보정 p";
    ColZ "col_z": "z test", "z 검정";
    ColCuped "col_cuped": "CUPED change [CI] · variance cut", "CUPED 차이 [신뢰구간] · 분산 감소";
    ColChance "col_chance": "Chance to beat control", "대조군보다 나을 확률";
    ColLoss "col_loss": "Expected loss", "기대 손실";
    ColSequential "col_sequential": "Always-valid interval · p", "항상 유효한 구간 · p";
    ColOutcome "col_outcome": "Outcome", "판정";
    OutcomeBetter "outcome_better": "better", "개선";
    OutcomeWorse "outcome_worse": "worse", "악화";
    OutcomeFlat "outcome_flat": "no clear change", "뚜렷한 변화 없음";
    RelativeChange "relative_change": "Relative change", "상대 변화";
    // Test plans.
    AddPlan "add_plan": "+ Test plan", "+ 실험 설계";
    AddMetricCell "add_metric_cell": "+ Metric", "+ 지표";
    AddDashboard "add_dashboard": "+ Dashboard", "+ 대시보드";
    // Metrics and dashboards.
    MName "m_name": "Metric name", "지표 이름";
    MTitle "m_title": "Title", "제목";
    MDescription "m_description": "Description", "설명";
    MOwner "m_owner": "Owner", "담당자";
    MFormat "m_format": "Number format", "숫자 형식";
    MSymbol "m_symbol": "Currency symbol", "통화 기호";
    FNumber "f_number": "Number", "숫자";
    FInteger "f_integer": "Whole number", "정수";
    FPercent "f_percent": "Percent", "백분율";
    FCurrency "f_currency": "Currency", "통화";
    MTable "m_table": "Source table", "원본 표";
    MTime "m_time": "Time column", "시간 열";
    MGrain "m_grain": "Grain", "기간 단위";
    GDay "g_day": "Day", "일";
    GWeek "g_week": "ISO week", "ISO 주";
    GMonth "g_month": "Month", "월";
    GQuarter "g_quarter": "Quarter", "분기";
    MAggregation "m_aggregation": "Aggregation (SQL)", "집계식 (SQL)";
    MFilters "m_filters": "Filters (SQL, separated by ;)", "조건 (SQL, ;로 구분)";
    MDimension "m_dimension": "Break down by", "나눠 볼 열";
    MRolling "m_rolling": "Rolling window (days)", "이동 구간 (일)";
    MEmpty "m_empty": "Empty periods", "빈 기간";
    EAuto "e_auto": "By the rule", "규칙대로";
    EZero "e_zero": "Zero", "0으로";
    EGap "e_gap": "Gap", "비워 둠";
    MDefinition "m_definition": "Definition and SQL", "정의와 SQL";
    MSeries "m_series": "Periods", "기간별 값";
    MPeriod "m_period": "Period", "기간";
    MValue "m_value": "Value", "값";
    MChange "m_change": "Change", "변화";
    MChangePct "m_change_pct": "Change %", "변화율";
    MRows "m_rows": "Rows", "행";
    MIncomplete "m_incomplete": "incomplete", "미완료";
    MTiles "m_tiles": "Metrics (names, separated by commas)", "지표 (이름, 쉼표로 구분)";
    MOpen "m_open": "Definition, SQL and source", "정의, SQL, 원본";
    MSource "m_source": "Source table", "원본 표";
    MDefinedIn "m_defined_in": "Defined in", "정의한 셀";
    MExportPng "m_export_png": "Export PNG", "PNG로 내보내기";
    MPrint "m_print": "Print", "인쇄";
    PlanMetric "plan_metric": "Metric", "지표 유형";
    PlanProportion "plan_proportion": "rate (conversion)", "비율(전환율 등)";
    PlanMean "plan_mean": "mean per unit", "유닛당 평균";
    Baseline "baseline": "Baseline (rate or mean)", "기준값(비율 또는 평균)";
    Sd "sd": "Standard deviation per unit", "유닛당 표준편차";
    Effect "effect": "Smallest change worth finding (relative: 0.05 = +5%)", "찾아낼 최소 변화(상대값: 0.05 = +5%)";
    Alpha "alpha": "Significance level α", "유의수준 α";
    Power "power": "Power", "검정력";
    PerArm "per_arm": "Units per arm you can get (optional)", "확보할 수 있는 그룹당 유닛 수(선택)";
    DailyTraffic "daily_traffic": "Eligible units a day", "하루 대상 유닛 수";
    Stages "stages": "Ramp stages (% of traffic, comma-separated)", "단계별 트래픽 비율(%, 쉼표로 구분)";
    StagesInvalid "stages_invalid": "Write the stages as percentages separated by commas, e.g. 5, 10, 20, 50.", "단계는 쉼표로 구분한 백분율로 쓰세요. 예: 5, 10, 20, 50";
    StageDays "stage_days": "Days per stage", "단계별 기간(일)";
    Ramp "ramp": "Ramp", "단계적 확대";
    RampShare "ramp_share": "Traffic in the test", "실험 트래픽";
    RampPerDay "ramp_per_day": "Units per arm a day", "그룹당 하루 유닛 수";
    RampDays "ramp_days": "Days to reach the size", "필요한 기간(일)";
    RampNeedsTraffic "ramp_needs_traffic": "Enter the daily traffic to plan a ramp.", "단계 계획을 보려면 하루 대상 유닛 수를 입력하세요.";
    StandardisedEffect "standardised_effect": "Standardised effect (Cohen's h or d)", "표준화 효과 크기(Cohen의 h 또는 d)";
    // Models.
    AddModel "add_model": "+ Model", "+ 모델";
    ModelName "model_name": "Predictions table", "예측 결과 테이블";
    ModelMethod "model_method": "Model", "모델";
    ModelLinear "model_linear": "Linear regression (OLS)", "선형 회귀 (OLS)";
    ModelLogistic "model_logistic": "Logistic regression", "로지스틱 회귀";
    ModelKmeans "model_kmeans": "k-means clustering", "k-평균 군집";
    ModelOnline "model_online": "Online logistic (batch by batch)", "온라인 로지스틱 (배치별 갱신)";
    ModelTarget "model_target": "Predict", "예측 대상";
    ModelFeatures "model_features": "Features", "특성";
    ModelStandardise "model_standardise": "Standardise numbers (z-scores)", "숫자 표준화 (z-점수)";
    ModelMissing "model_missing": "Missing features", "결측 특성";
    ModelMissingDrop "model_missing_drop": "leave the row out", "행 제외";
    ModelMissingImpute "model_missing_impute": "fill with the training mean / mode", "학습 평균·최빈값으로 채움";
    ModelSplit "model_split": "Test set", "테스트 데이터";
    ModelSplitRandom "model_split_random": "random share (seeded)", "무작위 비율 (시드 고정)";
    ModelSplitColumn "model_split_column": "rows marked in a column", "열 값으로 지정";
    ModelSplitNone "model_split_none": "none (learn from every row)", "없음 (모든 행으로 학습)";
    ModelTestShare "model_test_share": "Test share", "테스트 비율";
    ModelSeed "model_seed": "Seed", "시드";
    ModelSplitBy "model_split_by": "Split column", "분할 열";
    ModelTestValue "model_test_value": "Test value", "테스트 값";
    ModelFolds "model_folds": "Cross-validation folds (0: off)", "교차 검증 폴드 (0: 끔)";
    Threshold "threshold": "Threshold", "임계값";
    ModelL2 "model_l2": "L2 penalty (0: none)", "L2 벌점 (0: 없음)";
    ModelK "model_k": "Clusters (k)", "군집 수 (k)";
    ModelMaxK "model_max_k": "Elbow up to k (0: auto)", "엘보 최대 k (0: 자동)";
    ModelBatch "model_batch": "Batch", "배치";
    ModelGrain "model_grain": "Batch by", "배치 단위";
    ModelBatchValue "model_batch_value": "each value", "값마다";
    ModelPrior "model_prior": "Prior precision", "사전 정밀도";
    ModelTerm "model_term": "Term", "항";
    ModelIntercept "model_intercept": "(intercept)", "(절편)";
    ModelReference "model_reference": "Levels are compared with the reference level (left out of the terms):", "수준별 계수는 기준 수준(항에서 빠진 수준)과 비교한 값입니다:";
    ModelEstimate "model_estimate": "Estimate", "추정값";
    ModelSe "model_se": "Std. error", "표준오차";
    ModelInterval "model_interval": "Interval", "구간";
    ModelPenalised "model_penalised": "L2-penalised: the estimates are shrunk towards 0, so no standard errors or intervals are given.", "L2 벌점 적합: 추정값이 0 쪽으로 줄어들므로 표준오차와 구간은 제공하지 않습니다.";
    ModelTestScores "model_test_scores": "On the test set", "테스트 데이터 성능";
    ModelMean "model_mean": "Mean", "평균";
    ModelSd "model_sd": "Std. dev.", "표준편차";
    ModelCluster "model_cluster": "Cluster", "군집";
    ModelSize "model_size": "Units", "개수";
    ModelMeanPredicted "model_mean_predicted": "Mean prediction", "평균 예측";
    ModelObserved "model_observed": "Observed rate", "실제 비율";
    ModelLogLoss "model_log_loss": "Log loss", "로그 손실";
    ModelPredicted0 "model_predicted_0": "predicted 0", "예측 0";
    ModelPredicted1 "model_predicted_1": "predicted 1", "예측 1";
    ModelActual0 "model_actual_0": "actual 0", "실제 0";
    ModelActual1 "model_actual_1": "actual 1", "실제 1";
    ModelExport "model_export": "Export model (JSON)", "모델 내보내기 (JSON)";
    ModelCalibration "model_calibration": "Calibration of the predictions made before each update", "갱신 전 예측의 보정";
    ModelProbability "model_probability": "Predicted probability", "예측 확률";
    ModelChartResiduals "model_chart_residuals": "Residuals against fitted values", "적합값 대비 잔차";
    ModelChartPredicted "model_chart_predicted": "Predicted against actual", "실제값 대비 예측값";
    ModelChartRoc "model_chart_roc": "ROC curve (test set)", "ROC 곡선 (테스트 데이터)";
    ModelChartElbow "model_chart_elbow": "Within-cluster sum of squares by k", "k별 군집 내 제곱합";
    ModelChartClusters "model_chart_clusters": "Clusters over the first two features", "처음 두 특성으로 본 군집";
    ModelChartLoss "model_chart_loss": "Log loss of each batch, predicted before learning from it", "배치별 로그 손실 (학습 전 예측)";
    ModelChartCalibration "model_chart_calibration": "Calibration: observed rate by predicted probability", "보정: 예측 확률별 실제 비율";
    ModelFitted "model_fitted": "Fitted", "적합값";
    ModelResidual "model_residual": "Residual", "잔차";
    ModelActual "model_actual": "Actual", "실제값";
    ModelPredicted "model_predicted": "Predicted", "예측값";
    ModelFpr "model_fpr": "False-positive rate", "위양성률";
    ModelTpr "model_tpr": "True-positive rate", "진양성률";
    ModelKAxis "model_k_axis": "k", "k";
    ModelWcss "model_wcss": "WCSS", "군집 내 제곱합";
    // Statistics of a model's fit that are words, not symbols.
    StatAdjR2 "stat_adj_r2": "adj. R²", "수정 R²";
    StatDfResid "stat_df_resid": "df resid.", "잔차 자유도";
    StatLogL "stat_log_l": "log L", "로그 가능도";
    StatLogL0 "stat_log_l0": "log L₀", "영모형 로그 가능도";
    StatAccuracy "stat_accuracy": "accuracy", "정확도";
    StatPrecision "stat_precision": "precision", "정밀도";
    StatRecall "stat_recall": "recall", "재현율";
    StatIterations "stat_iterations": "iterations", "반복 횟수";
}

/// `word.text(lang)`, in the order the page's other text functions take their arguments.
pub fn word(lang: Lang, word: Word) -> &'static str {
    word.text(lang)
}

/// A clean step's name.
impl From<&StepOp> for Word {
    fn from(op: &StepOp) -> Word {
        match op {
            StepOp::Select { .. } => Word::Select,
            StepOp::Drop { .. } => Word::Drop,
            StepOp::Rename { .. } => Word::Rename,
            StepOp::Cast { .. } => Word::Cast,
            StepOp::ParseDate { .. } => Word::ParseDate,
            StepOp::Trim { .. } => Word::Trim,
            StepOp::Case { .. } => Word::Case,
            StepOp::Replace { .. } => Word::Replace,
            StepOp::FillNull { .. } => Word::FillNull,
            StepOp::DropNulls { .. } => Word::DropNulls,
            StepOp::Dedup { .. } => Word::Dedup,
            StepOp::Filter { .. } => Word::Filter,
            StepOp::Derive { .. } => Word::Derive,
            StepOp::Outliers { .. } => Word::Outliers,
            StepOp::Sort { .. } => Word::Sort,
        }
    }
}

/// A quality check's name.
impl From<&Check> for Word {
    fn from(check: &Check) -> Word {
        match check {
            Check::NotNull { .. } => Word::NotNull,
            Check::Unique { .. } => Word::Unique,
            Check::InRange { .. } => Word::InRange,
            Check::InSet { .. } => Word::InSet,
            Check::Pattern { .. } => Word::Pattern,
            Check::RowCount { .. } => Word::RowCount,
            Check::Referential { .. } => Word::Referential,
            Check::Fresh { .. } => Word::Fresh,
        }
    }
}

/// A quality check's outcome.
impl From<&Outcome> for Word {
    fn from(outcome: &Outcome) -> Word {
        match outcome {
            Outcome::Pass => Word::Pass,
            Outcome::Fail => Word::Fail,
            Outcome::Invalid { .. } => Word::Invalid,
        }
    }
}

/// An experiment result's outcome.
impl From<quire_protocol::experiment::Outcome> for Word {
    fn from(outcome: quire_protocol::experiment::Outcome) -> Word {
        use quire_protocol::experiment::Outcome;
        match outcome {
            Outcome::Better => Word::OutcomeBetter,
            Outcome::Worse => Word::OutcomeWorse,
            Outcome::Flat => Word::OutcomeFlat,
        }
    }
}

/// A metric's calendar grain.
impl From<Grain> for Word {
    fn from(grain: Grain) -> Word {
        match grain {
            Grain::Day => Word::GDay,
            Grain::Week => Word::GWeek,
            Grain::Month => Word::GMonth,
            Grain::Quarter => Word::GQuarter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages_and_a_unique_name() {
        let mut keys = std::collections::HashSet::new();
        for w in Word::ALL {
            assert!(keys.insert(w.key()), "{} twice", w.key());
            for lang in Lang::ALL {
                assert!(!w.text(lang).trim().is_empty(), "{w:?} in {lang:?}");
            }
        }
        assert_eq!(word(Lang::Ko, Word::Dedup), "중복 제거");
    }

    #[test]
    fn steps_and_checks_name_their_own_words() {
        for name in StepOp::NAMES {
            let op = StepOp::template(name, "x").expect(name);
            assert_eq!(Word::from(&op).key(), op.name());
        }
        for name in Check::NAMES {
            let check = Check::template(name, "x", "2026-01-01").expect(name);
            assert_eq!(Word::from(&check).key(), check.name());
        }
    }
}
