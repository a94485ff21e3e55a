//! The one language type: every text function of this crate takes it.

/// A language Quire speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    /// Both languages, for tests and menus.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The language's code: `en` or `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// A language from a code or a locale that starts with one (`ko`, `ko-KR`, `ko_KR.UTF-8`,
    /// `EN`).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("ko") => Some(Lang::Ko),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a POSIX locale environment, as `gettext` reads it: the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides; Korean when it
    /// names Korean, English otherwise (`C`, `POSIX`, another language, nothing set).
    ///
    /// For the native CLI. A browser has no environment (every variable reads as unset, so
    /// this gives English); the page asks the user instead.
    #[allow(
        clippy::disallowed_methods,
        reason = "the CLI reads the locale as every command-line tool does; in wasm32 it finds nothing"
    )]
    pub fn from_env() -> Lang {
        Self::from_locale_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables (testable without touching the
    /// process environment).
    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_code(&value))
            .unwrap_or(Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_locales() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code("k"), None);
        assert_eq!(Lang::from_code("한국"), None);
    }

    #[test]
    fn the_environment_decides_in_gettext_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "ko_KR.UTF-8")])),
            Lang::Ko
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "ko_KR"),
                ("LANG", "en_US")
            ])),
            Lang::Ko
        );
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "fr_FR")])), Lang::En);
    }
}
