//! What a workspace asks of the platform layer in return for an action: file dialogs
//! ([`Pick`]) and the work only the window can do ([`Effect`]).

use std::path::PathBuf;

use super::export;
use crate::library::LoadRequest;

/// What a file dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// One folder of cases.
    Folder,
    /// One or more case files.
    Files,
    /// A notes file to open.
    OpenNotes,
    /// Where to save the notes.
    SaveNotesAs,
    /// Where to write an export (*File > Export*).
    Export(export::ExportKind),
    /// A file to import (*File > Import*).
    Import(crate::refi::files::ImportKind),
    /// A folder of a class's notes files, opened as read-only layers.
    ClassFolder,
    /// A document to make a case from (text, Markdown, HTML, Word, `OpenDocument`, PDF, EPUB).
    Document,
    /// Where to save the case being edited.
    SaveCaseAs,
    /// Where to save the framework being edited.
    SaveFrameworkAs,
}

/// Work an action asks of the platform layer (dialogs, the notes file, the clipboard, the
/// window), returned by [`super::Workspace::apply`] instead of left in flags to poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Show a native file dialog.
    Pick(Pick),
    /// Make this the notes file of the window.
    OpenNotes(PathBuf),
    /// Save the notes to this file from now on.
    SaveNotesAs(PathBuf),
    /// Hide the notes problem banner.
    DismissNotesProblem,
    /// Highlight the reader's current selection with the codes and comment chosen.
    HighlightSelection,
    /// Put text on the clipboard.
    CopyText(String),
    /// (Re)load the library off the UI thread, keeping the view.
    Load(LoadRequest),
    /// Close the window (notes are flushed on exit).
    Quit,
    /// Focus the search field (the panel was just opened).
    FocusSearch,
    /// Open the next (`true`) or previous search hit.
    StepSearch(bool),
    /// Enter (`true`) or leave presentation mode: full screen, or the window mode from before.
    Present(bool),
    /// Open the palette or the shortcuts, or change the theme (window state, not the workspace's).
    Window(crate::appearance::WindowRequest),
    /// Read these notes files and folders as read-only layers, off the UI thread.
    OpenLayers(Vec<PathBuf>),
    /// Read this document and draft a case from it, off the UI thread.
    ReadDocument(PathBuf),
    /// Remember the user's name for notes files opened later (a UI preference).
    RememberName(String),
}
