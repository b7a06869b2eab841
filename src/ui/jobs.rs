//! The platform side of background work: loading the library and layers, native file dialogs,
//! writing exports, reading imports and computing agreement, each run through the job layer
//! ([`crate::jobs`]) so a failure reaches the user. Every background job of the window is
//! spawned here, and here is decided what runs in the frame instead.

use std::path::PathBuf;
use std::sync::Arc;

use crate::format::NotesFile;
use crate::jobs::{Job, Wake};
use crate::library::{Library, LoadRequest, Progress};
use crate::notes::layers::Layer;
use crate::refi::files::{ImportKind, Outcome as ImportOutcome};
use crate::workspace::Pick;
use crate::workspace::file_dialog::{Mode, Spec};

/// Live items above which the agreement figures are computed on a worker thread (below, in the
/// frame: 300 coders x 40 highlights take about 110 ms, so 500 items stay well under a frame).
pub const INLINE_AGREEMENT_ITEMS: usize = 500;

/// Work done in the frame, or running on a worker thread.
#[derive(Debug)]
pub enum Work<T> {
    /// Computed in the frame: the result.
    Done(T),
    /// Running on a worker thread.
    Running(Job<T>),
}

/// A wake function that repaints the window.
pub fn repaint(ctx: &egui::Context) -> Wake {
    let ctx = ctx.clone();
    Arc::new(move || ctx.request_repaint())
}

/// Loads the library off the UI thread.
pub fn spawn_load(ctx: &egui::Context, request: LoadRequest) -> Job<Library> {
    spawn_load_as(ctx, "Loading cases", request)
}

/// Loads the library off the UI thread; `what` names the work in the status bar.
pub fn spawn_load_as(ctx: &egui::Context, what: &str, request: LoadRequest) -> Job<Library> {
    Job::spawn("load-library", what, repaint(ctx), move || {
        Library::load(&request)
    })
}

/// Loads the library off the UI thread, counting the files read in the returned [`Progress`]
/// (which also cancels it); `what` names the work in the status bar.
pub fn spawn_tracked_load(
    ctx: &egui::Context,
    what: &str,
    request: LoadRequest,
) -> (Job<Library>, Arc<Progress>) {
    let progress = Progress::new();
    let counter = progress.clone();
    let job = Job::spawn("load-library", what, repaint(ctx), move || {
        Library::load_with(&request, &counter).library
    });
    (job, progress)
}

/// Reads notes files and folders of them as read-only layers off the UI thread, checking them
/// against `library` (items on cases it does not hold are reported).
pub fn spawn_layers(
    ctx: &egui::Context,
    paths: Vec<PathBuf>,
    library: Library,
) -> Job<crate::notes::layers::Layers> {
    spawn_layers_shared(ctx, paths, Arc::new(library))
}

/// [`spawn_layers`] over the window's shared library (no copy in the frame).
pub fn spawn_layers_shared(
    ctx: &egui::Context,
    paths: Vec<PathBuf>,
    library: Arc<Library>,
) -> Job<crate::notes::layers::Layers> {
    Job::spawn("load-layers", "Opening layers", repaint(ctx), move || {
        crate::notes::layers::load_layers(&paths, &library)
    })
}

/// Writes an export's bytes atomically off the UI thread; the result is the message for
/// the status bar.
pub fn spawn_write(
    ctx: &egui::Context,
    path: PathBuf,
    bytes: Vec<u8>,
) -> Job<Result<String, String>> {
    Job::spawn(
        "write-export",
        "Writing the export",
        repaint(ctx),
        move || {
            crate::export::write_file(&path, &bytes)
                .map(|()| path.display().to_string())
                .map_err(|e| e.to_string())
        },
    )
}

/// Shows a native dialog on a worker thread (rfd blocks); `None` means cancelled or
/// unavailable (rfd cannot tell them apart: [`crate::workspace::file_dialog::native_available`]
/// says beforehand whether it can open at all). It asks what [`Spec::for_pick`] says.
pub fn spawn_dialog(ctx: &egui::Context, pick: Pick) -> Job<Option<Vec<PathBuf>>> {
    Job::spawn("file-dialog", "The file dialog", repaint(ctx), move || {
        let spec = Spec::for_pick(pick);
        let mut dialog = rfd::FileDialog::new().set_title(&spec.title);
        if !spec.extensions.is_empty() {
            dialog = dialog.add_filter(&spec.filter_name, &spec.extensions);
        }
        match spec.mode {
            Mode::OpenFolder => dialog.pick_folder().map(|p| vec![p]),
            Mode::OpenFiles => dialog.pick_files(),
            Mode::OpenFile => dialog.pick_file().map(|p| vec![p]),
            Mode::Save(name) => dialog.set_file_name(name).save_file().map(|p| vec![p]),
        }
    })
}

/// Reads `path` as `kind` off the UI thread and imports it into a copy of the notes `current`,
/// checked against `library`; the error names the file.
pub fn spawn_import(
    ctx: &egui::Context,
    kind: ImportKind,
    path: PathBuf,
    current: NotesFile,
    library: Library,
) -> Job<Result<ImportOutcome, String>> {
    spawn_import_shared(ctx, kind, path, current, Arc::new(library))
}

/// [`spawn_import`] over the window's shared library (no copy in the frame).
pub fn spawn_import_shared(
    ctx: &egui::Context,
    kind: ImportKind,
    path: PathBuf,
    current: NotesFile,
    library: Arc<Library>,
) -> Job<Result<ImportOutcome, String>> {
    Job::spawn("import", "The import", repaint(ctx), move || {
        crate::refi::files::import_file(kind, &current, &library, &path)
            .map_err(|e| format!("{}: {e}", path.display()))
    })
}

/// Reads the document at `path` off the UI thread and drafts a case of `framework` from it
/// (every dimension not covered); the error says what is wrong with the file and what to do.
pub fn spawn_document(
    ctx: &egui::Context,
    path: PathBuf,
    framework: String,
) -> Job<Result<crate::format::Case, String>> {
    Job::spawn(
        "read-document",
        "Reading the document",
        repaint(ctx),
        move || {
            let doc = crate::document::read(&path).map_err(|e| e.to_string())?;
            let options = crate::document::draft::DraftOptions {
                framework: &framework,
                case_id: None,
            };
            crate::document::draft::draft_case(&doc, &options).map_err(|e| e.to_string())
        },
    )
}

/// The agreement figures of `layers` by `compute`: in the frame when the layers hold at most
/// [`INLINE_AGREEMENT_ITEMS`] items, else on a worker thread over a copy of `library`.
pub fn spawn_agreement<T: Send + 'static>(
    ctx: &egui::Context,
    library: &Library,
    layers: Vec<Layer>,
    compute: impl FnOnce(&Library, &[Layer]) -> T + Send + 'static,
) -> Work<T> {
    let items: usize = layers.iter().map(|l| l.notes.items.len()).sum();
    if items <= INLINE_AGREEMENT_ITEMS {
        return Work::Done(compute(library, &layers));
    }
    let library = library.clone();
    Work::Running(Job::spawn(
        "agreement",
        "Computing agreement",
        repaint(ctx),
        move || compute(&library, &layers),
    ))
}

/// [`spawn_agreement`] over the window's shared library, with the layers made by `layers`
/// (which copies them out of shared lists): in the frame when they hold at most
/// [`INLINE_AGREEMENT_ITEMS`] `items`, else both the copy and the figures on a worker thread,
/// so the frame copies nothing.
pub fn spawn_agreement_shared<T: Send + 'static>(
    ctx: &egui::Context,
    library: &Arc<Library>,
    items: usize,
    layers: impl FnOnce() -> Vec<Layer> + Send + 'static,
    compute: impl FnOnce(&Library, &[Layer]) -> T + Send + 'static,
) -> Work<T> {
    if items <= INLINE_AGREEMENT_ITEMS {
        return Work::Done(compute(library, &layers()));
    }
    let library = Arc::clone(library);
    Work::Running(Job::spawn(
        "agreement",
        "Computing agreement",
        repaint(ctx),
        move || compute(&library, &layers()),
    ))
}

/// Builds the search index of `library` and `notes` off the UI thread (the window's old index
/// serves queries meanwhile).
pub fn spawn_index(
    ctx: &egui::Context,
    library: Arc<Library>,
    notes: Arc<NotesFile>,
) -> Job<crate::search::Index> {
    Job::spawn(
        "search-index",
        "Indexing for search",
        repaint(ctx),
        move || crate::search::Index::build(&library, Some(&notes)),
    )
}

/// Builds an export's bytes with `build` and writes them atomically to `path`, both off the UI
/// thread (`build` works on a shared snapshot: the library and the notes as they were); the
/// result is the message for the status bar.
pub fn spawn_export(
    ctx: &egui::Context,
    path: PathBuf,
    build: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
) -> Job<Result<String, String>> {
    Job::spawn(
        "write-export",
        "Writing the export",
        repaint(ctx),
        move || {
            let bytes = build()?;
            crate::export::write_file(&path, &bytes)
                .map(|()| path.display().to_string())
                .map_err(|e| e.to_string())
        },
    )
}

/// Frees `value` on a worker thread (a large index or library takes milliseconds to free);
/// nobody waits for it.
pub fn drop_off_thread<T: Send + 'static>(value: T) {
    drop(Job::spawn(
        "free",
        "Freeing memory",
        crate::jobs::no_wake(),
        move || drop(value),
    ));
}

/// Runs `query` over `index` off the UI thread, keeping the hits in `scope` (a case id) if
/// given.
pub fn spawn_query(
    ctx: &egui::Context,
    index: Arc<crate::search::Index>,
    query: crate::search::Query,
    scope: Option<String>,
) -> Job<Vec<crate::search::CaseHits>> {
    Job::spawn("search", "Searching", repaint(ctx), move || {
        let mut results = index.search(&query);
        if let Some(scope) = &scope {
            results.retain(|c| c.case == *scope);
        }
        results
    })
}
