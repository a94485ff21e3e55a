//! Why a chart, a clean step or a quality check cannot run, and what a step did: the engine
//! sends typed values, said here in the reader's language. Text from outside (a parser's or
//! polars' message) is only ever a detail inside such a sentence.

use quire_protocol::chart::{ChartField, ChartProblem};
use quire_protocol::clean::{StepNote, StepProblem};
use quire_protocol::quality::CheckProblem;

use crate::{Lang, Text, column_type};

impl Text for ChartField {
    fn text(&self, lang: Lang) -> String {
        let (en, ko) = match self {
            ChartField::Values => ("choose a column to draw", "그릴 열을 고르세요"),
            ChartField::X => ("choose the x column", "x 열을 고르세요"),
            ChartField::Y => ("choose a column to draw (y)", "그릴 열(y)을 고르세요"),
            ChartField::YOrCount => (
                "choose a column to draw (y), or count rows",
                "그릴 열(y)을 고르거나 행 수를 세세요",
            ),
            ChartField::Category => ("choose the category column (x)", "항목 열(x)을 고르세요"),
            ChartField::Label => ("choose the label column (x)", "이름표 열(x)을 고르세요"),
            ChartField::Score => ("choose the score column (x)", "점수 열(x)을 고르세요"),
        };
        match lang {
            Lang::En => en,
            Lang::Ko => ko,
        }
        .to_owned()
    }
}

impl Text for ChartProblem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ChartProblem::Unchosen { field }, lang) => field.text(lang),
            (ChartProblem::NoColumn { column }, Lang::En) => format!("no column named {column:?}"),
            (ChartProblem::NoColumn { column }, Lang::Ko) => format!("{column:?} 열이 없습니다"),
            (ChartProblem::NotNumbers { column, found }, Lang::En) => format!(
                "column {column:?} is {}, not numbers",
                column_type(lang, *found)
            ),
            (ChartProblem::NotNumbers { column, found }, Lang::Ko) => format!(
                "{column:?} 열은 숫자가 아니라 {}입니다",
                column_type(lang, *found)
            ),
            (ChartProblem::NotNumbersOrDates { column, found }, Lang::En) => format!(
                "column {column:?} is {}, not numbers or dates",
                column_type(lang, *found)
            ),
            (ChartProblem::NotNumbersOrDates { column, found }, Lang::Ko) => format!(
                "{column:?} 열은 숫자나 날짜가 아니라 {}입니다",
                column_type(lang, *found)
            ),
            (ChartProblem::IntervalColumns { given }, Lang::En) => format!(
                "an interval chart needs three y columns: estimate, low, high (not {given})"
            ),
            (ChartProblem::IntervalColumns { given }, Lang::Ko) => format!(
                "구간 차트에는 y 열이 세 개 필요합니다: 추정값, 하한, 상한 ({given}개가 아니라)"
            ),
            (ChartProblem::OneClass { column }, Lang::En) => format!(
                "a ROC curve needs both classes in {column:?}: rows labelled 1 (or true) and rows labelled 0"
            ),
            (ChartProblem::OneClass { column }, Lang::Ko) => format!(
                "ROC 곡선에는 {column:?} 열에 두 클래스가 모두 있어야 합니다: 1(또는 true)인 행과 0인 행"
            ),
            (ChartProblem::Engine { message }, Lang::En) => {
                format!("the engine could not compute it: {message}")
            }
            (ChartProblem::Engine { message }, Lang::Ko) => {
                format!("엔진이 계산하지 못했습니다: {message}")
            }
        }
    }
}

/// "no column named "x" (columns: a, b)".
fn no_column(lang: Lang, column: &str, columns: &[String]) -> String {
    let known = columns.join(", ");
    match (lang, columns.is_empty()) {
        (Lang::En, true) => format!("no column named {column:?}"),
        (Lang::En, false) => format!("no column named {column:?} (columns: {known})"),
        (Lang::Ko, true) => format!("{column:?} 열이 없습니다"),
        (Lang::Ko, false) => format!("{column:?} 열이 없습니다 (있는 열: {known})"),
    }
}

impl Text for StepProblem {
    fn text(&self, lang: Lang) -> String {
        let kind = |t| column_type(lang, t);
        match (self, lang) {
            (StepProblem::Reserved { name }, Lang::En) => {
                format!("{name:?} is a name Quire keeps for itself")
            }
            (StepProblem::Reserved { name }, Lang::Ko) => {
                format!("{name:?}은(는) Quire가 내부에서 쓰는 이름입니다")
            }
            (StepProblem::NoColumns, Lang::En) => "choose at least one column".to_owned(),
            (StepProblem::NoColumns, Lang::Ko) => "열을 하나 이상 고르세요".to_owned(),
            (StepProblem::NoColumn { column, columns }, lang) => no_column(lang, column, columns),
            (StepProblem::NotText { column, found }, Lang::En) => {
                format!("column {column:?} is not text (it is {})", kind(*found))
            }
            (StepProblem::NotText { column, found }, Lang::Ko) => {
                format!("{column:?} 열은 텍스트가 아닙니다({})", kind(*found))
            }
            (StepProblem::NotNumeric { column, found }, Lang::En) => {
                format!("column {column:?} is not numeric (it is {})", kind(*found))
            }
            (StepProblem::NotNumeric { column, found }, Lang::Ko) => {
                format!("{column:?} 열은 숫자가 아닙니다({})", kind(*found))
            }
            (StepProblem::FillNotNumeric { column, found }, Lang::En) => format!(
                "column {column:?} is not numeric (it is {}); fill it with a constant, the mode, or the previous or next value",
                kind(*found)
            ),
            (StepProblem::FillNotNumeric { column, found }, Lang::Ko) => format!(
                "{column:?} 열은 숫자가 아닙니다({}). 지정한 값, 최빈값, 앞이나 뒤의 값으로 채우세요",
                kind(*found)
            ),
            (StepProblem::EmptyName, Lang::En) => "the new name is empty".to_owned(),
            (StepProblem::EmptyName, Lang::Ko) => "새 이름이 비어 있습니다".to_owned(),
            (StepProblem::NameTaken { name }, Lang::En) => {
                format!("a column named {name:?} exists already")
            }
            (StepProblem::NameTaken { name }, Lang::Ko) => {
                format!("{name:?} 열이 이미 있습니다")
            }
            (StepProblem::NoFormat, Lang::En) => {
                "give at least one format, such as %Y-%m-%d".to_owned()
            }
            (StepProblem::NoFormat, Lang::Ko) => {
                "형식을 하나 이상 쓰세요 (예: %Y-%m-%d)".to_owned()
            }
            (StepProblem::NoNewName, Lang::En) => "the new column needs a name".to_owned(),
            (StepProblem::NoNewName, Lang::Ko) => "새 열의 이름을 정하세요".to_owned(),
            (StepProblem::EmptyExpression, Lang::En) => "the SQL expression is empty".to_owned(),
            (StepProblem::EmptyExpression, Lang::Ko) => "SQL 식이 비어 있습니다".to_owned(),
            (StepProblem::Sql { message }, Lang::En) => format!("SQL error: {message}"),
            (StepProblem::Sql { message }, Lang::Ko) => format!("SQL 오류: {message}"),
            (
                StepProblem::NotAValue {
                    value,
                    column,
                    expected,
                },
                Lang::En,
            ) => format!(
                "{value:?} is not a {} value (column {column:?})",
                kind(*expected)
            ),
            (
                StepProblem::NotAValue {
                    value,
                    column,
                    expected,
                },
                Lang::Ko,
            ) => format!(
                "{value:?}은(는) {} 값이 아닙니다 ({column:?} 열)",
                kind(*expected)
            ),
            (StepProblem::NothingToFind, Lang::En) => "say what text to replace".to_owned(),
            (StepProblem::NothingToFind, Lang::Ko) => "바꿀 텍스트를 쓰세요".to_owned(),
            (StepProblem::NoReplacement, Lang::En) => "replacing text inside values needs a replacement; to make values null, replace whole values".to_owned(),
            (StepProblem::NoReplacement, Lang::Ko) => "값 안의 텍스트를 바꾸려면 바꿀 값이 있어야 합니다. 값을 null로 만들려면 값 전체를 바꾸세요".to_owned(),
            (StepProblem::BadK, Lang::En) => "k must be a number of at least 0".to_owned(),
            (StepProblem::BadK, Lang::Ko) => "k는 0 이상의 수여야 합니다".to_owned(),
            (StepProblem::BadZ, Lang::En) => "z must be a number above 0".to_owned(),
            (StepProblem::BadZ, Lang::Ko) => "z는 0보다 큰 수여야 합니다".to_owned(),
            (StepProblem::Engine { message }, Lang::En) => {
                format!("the engine could not run it: {message}")
            }
            (StepProblem::Engine { message }, Lang::Ko) => {
                format!("엔진이 실행하지 못했습니다: {message}")
            }
        }
    }
}

impl Text for StepNote {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (StepNote::FilledWith { value }, Lang::En) => format!("filled with {value}"),
            (StepNote::FilledWith { value }, Lang::Ko) => format!("{value}(으)로 채움"),
            (StepNote::NothingToFill, Lang::En) => {
                "the column has no values to fill from".to_owned()
            }
            (StepNote::NothingToFill, Lang::Ko) => "채울 값을 계산할 값이 열에 없습니다".to_owned(),
            (StepNote::Bounds { low, high, nan }, Lang::En) => {
                let mut s = format!("bounds {low} .. {high}");
                if *nan > 0 {
                    s.push_str(&format!("; {nan} NaN left as they are"));
                }
                s
            }
            (StepNote::Bounds { low, high, nan }, Lang::Ko) => {
                let mut s = format!("경계 {low} .. {high}");
                if *nan > 0 {
                    s.push_str(&format!("; NaN {nan}개는 그대로 둠"));
                }
                s
            }
            (StepNote::TooFewValues, Lang::En) => "too few values to find outliers".to_owned(),
            (StepNote::TooFewValues, Lang::Ko) => {
                "값이 너무 적어 이상값을 찾을 수 없습니다".to_owned()
            }
        }
    }
}

impl Text for CheckProblem {
    fn text(&self, lang: Lang) -> String {
        let kind = |t| column_type(lang, t);
        match (self, lang) {
            (CheckProblem::NoColumns, Lang::En) => "choose at least one column".to_owned(),
            (CheckProblem::NoColumns, Lang::Ko) => "열을 하나 이상 고르세요".to_owned(),
            (CheckProblem::NoColumn { column }, lang) => no_column(lang, column, &[]),
            (CheckProblem::NoTable { table }, Lang::En) => format!("no table named {table:?}"),
            (CheckProblem::NoTable { table }, Lang::Ko) => format!("{table:?} 테이블이 없습니다"),
            (CheckProblem::NoColumnIn { table, column }, Lang::En) => {
                format!("{table:?} has no column named {column:?}")
            }
            (CheckProblem::NoColumnIn { table, column }, Lang::Ko) => {
                format!("{table:?} 테이블에 {column:?} 열이 없습니다")
            }
            (CheckProblem::BadPattern { message }, Lang::En) => {
                format!("the pattern is not a valid regular expression: {message}")
            }
            (CheckProblem::BadPattern { message }, Lang::Ko) => {
                format!("패턴이 올바른 정규식이 아닙니다: {message}")
            }
            (CheckProblem::NotDates { column, found }, Lang::En) => format!(
                "column {column:?} is not a date (it is {}); parse it in a Clean cell first",
                kind(*found)
            ),
            (CheckProblem::NotDates { column, found }, Lang::Ko) => format!(
                "{column:?} 열은 날짜가 아닙니다({}). 먼저 정제 셀에서 날짜로 읽으세요",
                kind(*found)
            ),
            (CheckProblem::BadDate { text }, Lang::En) => {
                format!("{text:?} is not a date (write it as YYYY-MM-DD)")
            }
            (CheckProblem::BadDate { text }, Lang::Ko) => {
                format!("{text:?}은(는) 날짜가 아닙니다 (YYYY-MM-DD 꼴로 쓰세요)")
            }
            (CheckProblem::NoBounds, Lang::En) => {
                "give a lower bound, an upper bound, or both".to_owned()
            }
            (CheckProblem::NoBounds, Lang::Ko) => "최솟값이나 최댓값, 또는 둘 다 쓰세요".to_owned(),
            (CheckProblem::BadNumber { text }, Lang::En) => format!("{text:?} is not a number"),
            (CheckProblem::BadNumber { text }, Lang::Ko) => {
                format!("{text:?}은(는) 숫자가 아닙니다")
            }
            (CheckProblem::NotRangeable { column, found }, Lang::En) => format!(
                "a range needs numbers or dates; column {column:?} is {}",
                kind(*found)
            ),
            (CheckProblem::NotRangeable { column, found }, Lang::Ko) => format!(
                "범위 검사에는 숫자나 날짜가 필요한데 {column:?} 열은 {}입니다",
                kind(*found)
            ),
            (CheckProblem::Engine { message }, Lang::En) => {
                format!("the engine could not run it: {message}")
            }
            (CheckProblem::Engine { message }, Lang::Ko) => {
                format!("엔진이 실행하지 못했습니다: {message}")
            }
        }
    }
}
