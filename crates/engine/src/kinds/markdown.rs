//! Markdown cells: CommonMark (with tables and strikethrough) rendered by pulldown-cmark, then
//! sanitised by ammonia, so the HTML is safe to put in the page as is: no scripts, no `on*`
//! handlers, no `javascript:` (or any non-web) URLs, no raw SVG, iframes, forms or styles.
//! Links get `rel="noopener noreferrer"`. A notebook from someone else can show text and
//! links, never run anything.

use std::collections::HashSet;

use super::{Kind, Ran, Reads, Run};
use pulldown_cmark::{Options, Parser, html};
use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput};

/// The sanitised HTML of a Markdown text.
pub fn render(text: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(text, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .clean(&raw)
        .to_string()
}

impl Kind for kinds::Markdown {
    fn reads(&self, _: &mut Reads<'_>) -> Result<Vec<String>, CellError> {
        Ok(Vec::new())
    }

    fn run(&self, _: &mut Run<'_>) -> Result<Ran, CellError> {
        Ok(Ran::shown(CellOutput::Html {
            html: render(&self.text),
        }))
    }

    fn rename_input(&mut self, _: &str, _: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nothing in `html` can run: no script element, no handler attribute, no script URL, no
    /// embedding element.
    fn assert_inert(html: &str) {
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "javascript:",
            "vbscript:",
            "data:text/html",
            "<svg",
            "<iframe",
            "<object",
            "<embed",
            "<style",
            "<form",
            "<math",
            "srcdoc",
            "<base",
            "<meta",
            "<link",
        ] {
            assert!(!lower.contains(bad), "{bad:?} survived in {html}");
        }
        // No attribute whose name starts with `on` (onerror=, onload=, onclick= …).
        let bytes = lower.as_bytes();
        for (i, w) in lower.match_indices("on") {
            let _ = w;
            let before = i.checked_sub(1).and_then(|j| bytes.get(j)).copied();
            let is_attr_start = matches!(before, Some(b' ' | b'\t' | b'\n' | b'/' | b'"' | b'\''));
            let tail: String = lower[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let after_name = lower[i + tail.len()..].trim_start();
            if is_attr_start && tail.len() > 2 && after_name.starts_with('=') && in_tag(&lower, i) {
                panic!("handler attribute {tail:?} survived in {html}");
            }
        }
    }

    /// Whether position `i` is inside a tag (`<…>`), not in text.
    fn in_tag(s: &str, i: usize) -> bool {
        let open = s[..i].rfind('<');
        let close = s[..i].rfind('>');
        match (open, close) {
            (Some(o), Some(c)) => o > c,
            (Some(_), None) => true,
            _ => false,
        }
    }

    #[test]
    fn renders_markdown() {
        let html = render(
            "# 매출 보고\n\nSome **bold** and a [link](https://example.com).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h1>매출 보고</h1>"), "{html}");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.com" rel="noopener noreferrer">link</a>"#),
            "{html}"
        );
    }

    #[test]
    fn xss_payloads_come_out_inert() {
        let payloads = [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"x\" onerror=\"alert(1)\">",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](  javascript:alert(1) )",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "![img](javascript:alert(1))",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "# <img src=x onerror=alert(1)> heading",
            "## <script>alert(1)</script>",
            "<div onclick=\"alert(1)\">click me</div>",
            "<style>body{display:none}</style>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"javascript:alert(1)\">",
            "<form action=\"javascript:alert(1)\"><input type=submit></form>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "<details open ontoggle=alert(1)>",
            "<body onload=alert(1)>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "[x](https://ok.example \"title\" onmouseover=alert(1))",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
        ];
        for p in payloads {
            let html = render(p);
            assert_inert(&html);
        }
        // The harmless parts stay.
        let heading = render("# Sales <img src=x onerror=alert(1)> 2024");
        assert!(heading.starts_with("<h1>Sales"), "{heading}");
        assert!(heading.contains("2024</h1>"), "{heading}");
        let link = render("<a href=\"https://ok.example\" onclick=\"x()\">ok</a>");
        assert!(link.contains(r#"href="https://ok.example""#), "{link}");
        assert!(link.contains("noopener noreferrer"), "{link}");
    }

    #[test]
    fn text_with_angle_brackets_stays_text() {
        let html = render("`<script>alert(1)</script>` and 1 < 2");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert_inert(&html);
    }
}
