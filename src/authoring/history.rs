//! Undo and redo as stacks of snapshots of the part each change replaced, like the notes'
//! undo (`crate::notes::book`), but of a part rather than the whole document.

/// Most undo steps kept (history is never written to disk).
pub const UNDO_LIMIT: usize = 200;

/// One step: what the change did, the part it replaced, and the state it left.
#[derive(Debug, Clone)]
pub(crate) struct Step<P> {
    /// What the change did ("edit paragraph background/p1").
    pub label: String,
    /// The part as it was on the other side of the change.
    pub part: P,
    /// The state this step returns to.
    pub state: u64,
    /// Typed edits of the same field merge into one step while this holds the field's key.
    pub typing: Option<String>,
}

/// Undo and redo stacks.
#[derive(Debug, Clone)]
pub(crate) struct History<P> {
    undo: Vec<Step<P>>,
    redo: Vec<Step<P>>,
}

impl<P> Default for History<P> {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl<P> History<P> {
    /// Records a new change (and forgets what could be redone).
    pub fn push(&mut self, step: Step<P>) {
        self.undo.push(step);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The last change, when it is typing in the field with this key.
    pub fn typing_in(&self, key: &str) -> bool {
        self.undo
            .last()
            .and_then(|s| s.typing.as_deref())
            .is_some_and(|k| k == key)
            && self.redo.is_empty()
    }

    /// Ends a run of typing: the next typed edit starts a new step.
    pub fn end_typing(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.typing = None;
        }
    }

    /// Takes the step to undo.
    pub fn pop_undo(&mut self) -> Option<Step<P>> {
        self.end_typing();
        self.undo.pop()
    }

    /// Takes the step to redo.
    pub fn pop_redo(&mut self) -> Option<Step<P>> {
        self.redo.pop()
    }

    /// Keeps an undone step for redo.
    pub fn push_redo(&mut self, step: Step<P>) {
        self.redo.push(step);
    }

    /// Keeps a redone step for undo (without forgetting the other redo steps).
    pub fn push_undo_keep_redo(&mut self, step: Step<P>) {
        self.undo.push(step);
    }

    /// What undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }
}
