//! What differs between the desktop and the browser, behind small shims with one API: where
//! the user's notes are kept (files, or the browser's IndexedDB), handing a file to the user
//! (a download in the browser) and deferring work. Everything else in the crate is the same
//! on both targets; `cfg(target_arch = "wasm32")` lives here, not in the callers.

pub mod storage;

/// True in the browser build.
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// Hands `bytes` to the user as a file named `name`: a download in the browser. On the desktop
/// there is nothing to do here (the caller writes the file the user chose) and it says so.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        web::download(name, bytes, mime)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (name, bytes, mime);
        Err("downloads exist only in the browser build".to_owned())
    }
}

/// Calls `step` again and again, each call a task of its own between the browser's frames,
/// until it returns false. Work split this way keeps the page drawing, and a frame's drawing
/// (20-40 ms a frame in software) is not added to the work's tasks as it is when the work runs
/// in the frames. The browser's only: on the desktop such work runs on a thread, and nothing
/// calls this there (it drops `step` without calling it).
pub fn between_frames(step: impl FnMut() -> bool + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        web::between_frames(Box::new(step));
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        drop(step);
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::JsCast as _;

    /// One `setTimeout(0)` task per call of `step` (the browser spaces nested timeouts 4 ms
    /// apart: room for input and frames between them).
    pub fn between_frames(mut step: Box<dyn FnMut() -> bool>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let task = wasm_bindgen::closure::Closure::once_into_js(move || {
            if step() {
                between_frames(step);
            }
        });
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0)
            .ok();
    }

    fn js(e: &wasm_bindgen::JsValue) -> String {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    /// A Blob URL clicked through a temporary link: the browser's own download.
    pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
        let window = web_sys::window().ok_or("no browser window")?;
        let document = window.document().ok_or("no document")?;
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
            .map_err(|e| js(&e))?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js(&e))?;
        let link: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(|e| js(&e))?
            .dyn_into()
            .map_err(|_| "not a link")?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        // The download has its own reference to the blob once started.
        web_sys::Url::revoke_object_url(&url).ok();
        Ok(())
    }
}
