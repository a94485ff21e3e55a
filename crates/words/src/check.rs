//! A rough check that a Korean text has no English in it: no run of three or more ASCII
//! letters other than the names, units and acronyms Korean writes as they are (SQL, CSV,
//! AUC, Quire, the names of methods…) and code (`count(distinct …)`, `%Y-%m-%d`). Used by this
//! crate's tests over every text it makes, and by the engine's and the CLI's tests over real
//! verdicts, summaries and output.

/// Words a Korean text may hold in Latin letters.
pub const ALLOWED: &[&str] = &[
    // Acronyms and units.
    "SQL",
    "CSV",
    "CUPED",
    "SRM",
    "AUC",
    "ROC",
    "JSON",
    "UTF",
    "BOM",
    "ID",
    "URL",
    "PNG",
    "SVG",
    "OLS",
    "IQR",
    "ISO",
    "NaN",
    "RMSE",
    "MAE",
    "PDF",
    "ZIP",
    "EUC",
    "LTTB",
    "WCSS",
    "YYYY",
    // File formats and names.
    "Quire",
    "Parquet",
    "gzip",
    "xlsx",
    "xls",
    "Windows",
    "Excel",
    // Keys.
    "Shift",
    "Enter",
    // Methods named after people.
    "Sturges",
    "Freedman",
    "Diaconis",
    "Holm",
    "Benjamini",
    "Hochberg",
    "Cohen",
    "McFadden",
    // Mathematics and code a person types as it is.
    "log",
    "null",
    "true",
    "false",
    "count",
    "distinct",
    "NAME",
    "PATH",
];

/// The English-looking words of `text`: runs of three or more ASCII letters not in
/// [`ALLOWED`]. Code is skipped: a run joined to others by `_` (`user_id`), a command-line
/// flag (`--data`) and a file's extension (`.quire.json`).
pub fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut word = String::new();
    // The run is code, not a word.
    let mut code = false;
    let mut before = ['\0', '\0'];
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() || c == '_' {
            if word.is_empty() {
                code = before == ['-', '-'] || before[1] == '.';
            }
            code |= c == '_';
            word.push(c);
        } else {
            if word.len() >= 3 && !code && !ALLOWED.contains(&word.as_str()) {
                found.push(word.clone());
            }
            word.clear();
        }
        before = [before[1], c];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_english_and_lets_names_and_code_be() {
        assert_eq!(
            english_words("차트를 그릴 수 없습니다: choose a column"),
            ["choose", "column"]
        );
        assert!(
            english_words(
                "CSV(엑셀용) · count(distinct user_id) · %Y-%m-%d · p값 · --data a=PATH · 주문.csv"
            )
            .is_empty()
        );
        assert!(english_words("").is_empty());
    }
}
