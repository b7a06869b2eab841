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

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::JsCast as _;

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
