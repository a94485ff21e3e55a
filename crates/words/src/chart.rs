//! The words a chart draws itself, in English and Korean side by side: drawn into the canvas
//! and into the SVG made natively by `quire-charts`. Every function matches on the language, so
//! a language missing a text does not compile.

use crate::Lang;
use quire_protocol::chart::short;
use quire_protocol::chart::{BinRule, Sampled};

/// What an empty or all-missing chart says.
pub fn nothing_to_draw(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "nothing to draw",
        Lang::Ko => "그릴 값이 없습니다",
    }
}

/// The value axis of a histogram.
pub fn count(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "count",
        Lang::Ko => "개수",
    }
}

/// A ROC curve's x axis.
pub fn false_positive_rate(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "false-positive rate",
        Lang::Ko => "거짓 양성 비율",
    }
}

/// A ROC curve's y axis.
pub fn true_positive_rate(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "true-positive rate",
        Lang::Ko => "참 양성 비율",
    }
}

/// A downsampled line or a binned scatter.
pub fn points_shown(lang: Lang, s: Sampled) -> String {
    let (shown, total) = (grouped(s.shown), grouped(s.total));
    match lang {
        Lang::En => format!("showing {shown} of {total} points"),
        Lang::Ko => format!("점 {total}개 중 {shown}개 표시"),
    }
}

/// Categories beyond the first few (in the chart's order) left out.
pub fn categories_shown(lang: Lang, s: Sampled) -> String {
    let (shown, total) = (grouped(s.shown), grouped(s.total));
    match lang {
        Lang::En => format!("showing the first {shown} of {total} categories"),
        Lang::Ko => format!("항목 {total}개 중 앞의 {shown}개 표시"),
    }
}

/// Series beyond the ones with the most rows left out.
pub fn series_shown(lang: Lang, s: Sampled) -> String {
    let (shown, total) = (grouped(s.shown), grouped(s.total));
    match lang {
        Lang::En => format!("showing the {shown} largest of {total} series"),
        Lang::Ko => format!("계열 {total}개 중 행이 많은 {shown}개 표시"),
    }
}

/// A histogram's bin rule with the bins and width it made.
pub fn bin_rule(lang: Lang, rule: BinRule, bins: usize, width: f64) -> String {
    let (bins, width) = (grouped(bins as u64), short(width));
    match (lang, rule) {
        (Lang::En, BinRule::Sturges) => format!("Sturges: {bins} bins of width {width}"),
        (Lang::En, BinRule::FreedmanDiaconis) => {
            format!("Freedman–Diaconis: {bins} bins of width {width}")
        }
        (Lang::En, BinRule::Fixed { .. }) => format!("fixed: {bins} bins of width {width}"),
        (Lang::Ko, BinRule::Sturges) => format!("Sturges 규칙: 구간 {bins}개, 너비 {width}"),
        (Lang::Ko, BinRule::FreedmanDiaconis) => {
            format!("Freedman–Diaconis 규칙: 구간 {bins}개, 너비 {width}")
        }
        (Lang::Ko, BinRule::Fixed { .. }) => format!("고정: 구간 {bins}개, 너비 {width}"),
    }
}

/// A count with its thousands separated by commas, as both languages write it.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_both_languages() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000_000), "1,000,000");
        let s = Sampled {
            shown: 2_000,
            total: 1_000_000,
        };
        assert_eq!(
            points_shown(Lang::En, s),
            "showing 2,000 of 1,000,000 points"
        );
        assert_eq!(points_shown(Lang::Ko, s), "점 1,000,000개 중 2,000개 표시");
        assert_eq!(
            bin_rule(Lang::Ko, BinRule::Fixed { bins: 12 }, 12, 0.25),
            "고정: 구간 12개, 너비 0.25"
        );
    }
}
