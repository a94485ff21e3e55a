//! Table names: the one rule for what a name may be, and the name a file suggests.

/// The longest table name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// The name as it will be kept (trimmed), or `None` when it is unusable: empty, longer than
/// [`MAX_NAME_CHARS`], or holding control characters.
pub fn clean_name(name: &str) -> Option<String> {
    let trimmed = name.trim();
    let ok = !trimmed.is_empty()
        && trimmed.chars().count() <= MAX_NAME_CHARS
        && !trimmed.chars().any(char::is_control);
    ok.then(|| trimmed.to_owned())
}

/// A table name from a file name: the stem, lower case, with runs of characters that SQL would
/// need quoted (spaces, punctuation) turned into `_`. Letters of any script stay.
pub fn table_name_from_file(file_name: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out: String = out.trim_matches('_').chars().take(MAX_NAME_CHARS).collect();
    match out.chars().next() {
        None => "table".to_owned(),
        Some(c) if c.is_ascii_digit() => format!(
            "t{}",
            out.chars().take(MAX_NAME_CHARS - 1).collect::<String>()
        ),
        Some(_) => out,
    }
}

/// A file name from a title: letters of any script, digits and `-` kept, runs of anything
/// else one `_`, at most 80 characters; `fallback` when nothing is left.
pub fn file_stem(title: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() || c == '-' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out: String = out.trim_matches('_').chars().take(80).collect();
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_file_names() {
        assert_eq!(
            table_name_from_file("Sales 2024 (final).csv"),
            "sales_2024_final"
        );
        assert_eq!(table_name_from_file("매출 현황.CSV"), "매출_현황");
        assert_eq!(table_name_from_file("2024.csv"), "t2024");
        assert_eq!(table_name_from_file("...csv"), "table");
        assert_eq!(
            table_name_from_file(&"x".repeat(100)).chars().count(),
            MAX_NAME_CHARS
        );
        assert!(clean_name(&table_name_from_file(&format!("1{}", "x".repeat(100)))).is_some());
    }

    #[test]
    fn usable_names() {
        assert_eq!(clean_name("  orders "), Some("orders".into()));
        assert_eq!(clean_name("   "), None);
        assert_eq!(clean_name("a\nb"), None);
        assert_eq!(clean_name(&"가".repeat(65)), None);
        assert_eq!(clean_name(&"가".repeat(64)), Some("가".repeat(64)));
    }
}
