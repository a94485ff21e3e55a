//! The page's end of the engine worker: start it, queue requests until it is ready, send typed
//! requests, and hand typed replies to the app. The page never links the engine itself.

use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer};
use quire_protocol::{FromWorker, RequestId, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The loader shim trunk writes for the worker crate (see `www/index.html`).
const WORKER_URL: &str = "./quire-worker_loader.js";

struct Bridge {
    worker: Worker,
    ready: bool,
    queue: Vec<(String, Option<ArrayBuffer>)>,
    next_id: RequestId,
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

/// Starts the worker. `on_message` hears every reply; `on_crash` hears a failure to start or a
/// crash inside the worker (the engine is then gone until the page reloads).
pub fn start(
    on_message: impl Fn(FromWorker, Option<ArrayBuffer>) + 'static,
    on_crash: impl Fn(String) + 'static,
) {
    let worker = match Worker::new(WORKER_URL) {
        Ok(w) => w,
        Err(e) => {
            on_crash(format!("{e:?}"));
            return;
        }
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // A reply is JSON text, or `[json, ArrayBuffer]` when it carries a file.
        let data = event.data();
        let (text, bytes) = match data.as_string() {
            Some(text) => (text, None),
            None => {
                let parts: Array = data.unchecked_into();
                (
                    parts.get(0).as_string().unwrap_or_default(),
                    parts.get(1).dyn_into::<ArrayBuffer>().ok(),
                )
            }
        };
        match FromWorker::from_json(&text) {
            Ok(message) => {
                if matches!(message, FromWorker::Ready { .. }) {
                    flush();
                }
                on_message(message, bytes);
            }
            Err(e) => web_sys::console::error_1(&format!("quire: {e}").into()),
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
        on_crash(event.message());
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    BRIDGE.with_borrow_mut(|b| {
        *b = Some(Bridge {
            worker,
            ready: false,
            queue: Vec::new(),
            next_id: 1,
        })
    });
}

/// A fresh request id.
pub fn next_id() -> RequestId {
    BRIDGE.with_borrow_mut(|b| {
        b.as_mut().map_or(0, |b| {
            b.next_id += 1;
            b.next_id
        })
    })
}

/// Sends a request (queued until the worker is ready).
pub fn send(message: &ToWorker) {
    post(message.to_json(), None);
}

/// Sends a request with file bytes beside it; the buffer is transferred, not copied.
pub fn send_with_bytes(message: &ToWorker, bytes: ArrayBuffer) {
    post(message.to_json(), Some(bytes));
}

fn post(json: String, bytes: Option<ArrayBuffer>) {
    BRIDGE.with_borrow_mut(|b| {
        let Some(b) = b.as_mut() else { return };
        if b.ready {
            deliver(&b.worker, json, bytes);
        } else {
            b.queue.push((json, bytes));
        }
    });
}

fn flush() {
    BRIDGE.with_borrow_mut(|b| {
        let Some(b) = b.as_mut() else { return };
        b.ready = true;
        for (json, bytes) in b.queue.drain(..) {
            deliver(&b.worker, json, bytes);
        }
    });
}

fn deliver(worker: &Worker, json: String, bytes: Option<ArrayBuffer>) {
    let result = match bytes {
        None => worker.post_message(&JsValue::from_str(&json)),
        Some(buffer) => {
            let parts = Array::of2(&JsValue::from_str(&json), &buffer);
            worker.post_message_with_transfer(&parts, &Array::of1(&buffer))
        }
    };
    if let Err(e) = result {
        web_sys::console::error_1(&e);
    }
}
