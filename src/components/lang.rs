use leptos::prelude::*;

use crate::app::save_lang;
use crate::i18n::Lang;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let state = super::state();
    let button = move |lang: Lang, label: &'static str| {
        view! {
            <button
                class="lang"
                class:active=move || state.lang.get() == lang
                data-testid=format!("lang-{}", lang.code())
                on:click=move |_| {
                    state.lang.set(lang);
                    save_lang(lang);
                }
            >
                {label}
            </button>
        }
    };
    view! { <div class="langs">{button(Lang::En, "English")}{button(Lang::Ko, "한국어")}</div> }
}
