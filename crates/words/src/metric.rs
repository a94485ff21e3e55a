//! Metrics and dashboards in words: why a metric cannot be computed.

use quire_protocol::metric::{MetricError, MetricField};

use crate::{Lang, Text};

impl Text for MetricField {
    fn text(&self, lang: Lang) -> String {
        use Lang::{En, Ko};
        let text = match (*self, lang) {
            (MetricField::Name, En) => "name",
            (MetricField::Name, Ko) => "이름",
            (MetricField::Table, En) => "source table",
            (MetricField::Table, Ko) => "원본 표",
            (MetricField::Time, En) => "time column",
            (MetricField::Time, Ko) => "시간 열",
            (MetricField::Aggregation, En) => "aggregation",
            (MetricField::Aggregation, Ko) => "집계식",
        };
        text.to_owned()
    }
}

impl Text for MetricError {
    fn text(&self, lang: Lang) -> String {
        use Lang::{En, Ko};
        match (self, lang) {
            (MetricError::Incomplete { field }, En) => {
                format!("set the metric's {}", field.text(lang))
            }
            (MetricError::Incomplete { field }, Ko) => {
                format!("지표의 {} 항목을 채우세요", field.text(lang))
            }
            (MetricError::MissingColumn { column }, En) => {
                format!("the source table has no column {column:?}")
            }
            (MetricError::MissingColumn { column }, Ko) => {
                format!("원본 표에 {column:?} 열이 없습니다")
            }
            (MetricError::NotTime { column }, En) => {
                format!("the time column {column:?} holds neither dates nor datetimes")
            }
            (MetricError::NotTime { column }, Ko) => {
                format!("시간 열 {column:?}에 날짜나 일시가 아닌 값이 있습니다")
            }
            (MetricError::Rolling, En) => "a rolling window needs the day grain and a \
                 count(distinct …) aggregation, such as count(distinct user_id)"
                .to_owned(),
            (MetricError::Rolling, Ko) => "이동 구간은 일 단위와 count(distinct …) 집계\
                 (예: count(distinct user_id))에만 쓸 수 있습니다"
                .to_owned(),
            (MetricError::WindowRange, En) => {
                "the rolling window must be between 1 and 366 days".to_owned()
            }
            (MetricError::WindowRange, Ko) => {
                "이동 구간은 1일에서 366일 사이여야 합니다".to_owned()
            }
            (MetricError::ReservedColumn { column }, En) => format!(
                "the source has a column {column:?}, the name the metric gives its periods; \
                 rename it first"
            ),
            (MetricError::ReservedColumn { column }, Ko) => format!(
                "원본 표에 지표가 기간 열로 쓰는 {column:?} 열이 있습니다. 먼저 이름을 바꾸세요"
            ),
            (MetricError::Sql { message }, En) => format!("SQL error: {message}"),
            (MetricError::Sql { message }, Ko) => format!("SQL 오류: {message}"),
            (MetricError::NotNumeric, En) => "the aggregation must give a number".to_owned(),
            (MetricError::NotNumeric, Ko) => "집계 결과는 숫자여야 합니다".to_owned(),
            (MetricError::TooManyPeriods { periods }, En) => format!(
                "the time column spans more than {periods} periods; check for stray dates or \
                 choose a longer grain"
            ),
            (MetricError::TooManyPeriods { periods }, Ko) => format!(
                "시간 열의 기간이 {periods}개를 넘습니다. 엉뚱한 날짜가 없는지 확인하거나 더 긴 단위를 고르세요"
            ),
            (MetricError::NoTiles, En) => "add at least one metric to the dashboard".to_owned(),
            (MetricError::NoTiles, Ko) => "대시보드에 지표를 하나 이상 추가하세요".to_owned(),
            (MetricError::NotAMetric { name }, En) => {
                format!("{name:?} is a table, not a metric defined in a Metric cell")
            }
            (MetricError::NotAMetric { name }, Ko) => {
                format!("{name:?}은(는) 지표 셀에서 정의한 지표가 아니라 표입니다")
            }
        }
    }
}
