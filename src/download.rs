//! Handing a made file to the user: an object URL for an `<a download>`.

use js_sys::{Array, ArrayBuffer};
use wasm_bindgen::JsCast;

/// An object URL for `bytes`; the page keeps it until the next file replaces it.
pub fn object_url(bytes: &ArrayBuffer, file_name: &str) -> Option<String> {
    let options = web_sys::BlobPropertyBag::new();
    let mime = match file_name.rsplit('.').next() {
        Some("json") => "application/json",
        Some("csv") => "text/csv;charset=utf-8",
        Some("parquet") => "application/vnd.apache.parquet",
        _ => "application/zip",
    };
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_buffer_source_sequence_and_options(&Array::of1(bytes), &options)
            .ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Starts the browser's download of `href` as `file_name`.
pub fn trigger(href: &str, file_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", href);
    let _ = a.set_attribute("download", file_name);
    if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
        a.click();
    }
}

/// An object URL for text (an SVG, say) of type `mime`.
pub fn text_url(text: &str, mime: &str) -> Option<String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
