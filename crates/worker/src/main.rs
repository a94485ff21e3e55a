//! The engine's Web Worker: glue only. It moves each message from `postMessage` to
//! [`quire_engine::server::Server`], which decides everything, and posts the reply back.
//!
//! Built by trunk as a `no-modules` worker with a loader shim (`quire-worker_loader.js`);
//! see `www/index.html`. The first message it posts is [`FromWorker::Ready`]; the page queues
//! its requests until then.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Uint8Array};
use quire_engine::notebook::ProgressFn;
use quire_engine::server::Server;
use quire_protocol::{FromWorker, RequestId};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static SERVER: RefCell<Server> = RefCell::new(Server::default());
}

fn main() {
    console_error_panic_hook::set_once();
    SERVER.with_borrow_mut(|server| {
        let current = server.current_request();
        let session = server.session_mut();
        session.set_clock(Box::new(js_sys::Date::now));
        session.set_progress(progress_reporter(current));
    });
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let (json, bytes) = split(&event);
        let reply = SERVER.with_borrow_mut(|server| server.handle_json(&json, bytes));
        post(&reply.message, reply.bytes);
    });
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    onmessage.forget();
    post(
        &FromWorker::Ready {
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        None,
    );
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// A request arrives as JSON text, or as `[json, ArrayBuffer]` when it carries a file.
fn split(event: &MessageEvent) -> (String, Option<Vec<u8>>) {
    let data = event.data();
    if let Some(text) = data.as_string() {
        (text, None)
    } else if Array::is_array(&data) {
        let parts: Array = data.unchecked_into();
        (
            parts.get(0).as_string().unwrap_or_default(),
            Some(Uint8Array::new(&parts.get(1)).to_vec()),
        )
    } else {
        (String::new(), None)
    }
}

/// Posts a reply: JSON text, or `[json, ArrayBuffer]` (transferred) when it carries a file.
fn post(message: &FromWorker, bytes: Option<Vec<u8>>) {
    let json = JsValue::from_str(&message.to_json());
    // Posting to our own page cannot fail short of the worker being torn down.
    let _ = match bytes {
        None => scope().post_message(&json),
        Some(bytes) => {
            let buffer: ArrayBuffer = Uint8Array::from(bytes.as_slice()).buffer();
            scope().post_message_with_transfer(&Array::of2(&json, &buffer), &Array::of1(&buffer))
        }
    };
}

/// Posts ingest progress, at most every 2% so a 20 MB file sends dozens of messages.
fn progress_reporter(current: Rc<Cell<RequestId>>) -> ProgressFn {
    let mut last: Option<(quire_protocol::Stage, f32)> = None;
    Box::new(move |cell, stage, fraction| {
        let due = match last {
            Some((s, f)) => s != stage || (fraction - f).abs() >= 0.02 || fraction >= 1.0,
            None => true,
        };
        if due {
            last = Some((stage, fraction));
            post(
                &FromWorker::Progress {
                    id: current.get(),
                    cell: cell.to_owned(),
                    stage,
                    fraction,
                },
                None,
            );
        }
    })
}
