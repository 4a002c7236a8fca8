//! The LSP front: open documents, their analyses, and the request handlers.
//!
//! Input: LSP messages (through tower-lsp-server). Output: replies and
//! `publishDiagnostics` notifications.
//! Invariants: handlers only lock, convert and reply on the message loop;
//! every analysis, every query on an analysis and every conversion of
//! diagnostics runs on a blocking thread (`spawn_blocking`), so a slow or
//! stuck document never holds up the requests of another, and each runs
//! under `catch_unwind` ([`guard`]), so a panic in one request answers a
//! JSON-RPC internal error and the server keeps serving. The lock is never
//! held across an `.await` or while compiling. At most one analysis per
//! document runs at a time; the re-analyses of open documents whose
//! neighbours changed run at most one per core (`Slots`: such a run takes
//! the text and neighbours as they are when it gets its slot, so changes
//! made while it waited cost no extra run), while the document being opened
//! or edited and every request start at once; one computed for a state that has changed since
//! (its text, or a neighbour: [`Doc::epoch`]) is dropped, and whoever waits
//! for it starts the next, for the newest text. A request always sees the
//! latest text; diagnostics are published only for the version they were
//! computed from, and only while it is still the latest (see
//! [`Backend::schedule`]). A document over its size limit
//! (`ssmc_project::text_limit`, as `ssmc check` reads files) is never
//! analysed: it gets one diagnostic saying so.
//!
//! Adding a request: a standard one is a method of the `LanguageServer`
//! impl; a custom one (`ssmc/…`) is a `.custom_method` line in [`serve`] and
//! an `impl Backend` method taking `(&self, params)` (e.g. in its own module).

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::analysis::{Analysis, Place};
use crate::convert;
use crate::transport;
use crate::workspace;
use ssmc_project::{Project, ProjectLoader};

/// Changes closer together than this are analysed once, for the latest
/// version; a change after a quiet spell is analysed at once.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// Requests handled at once (tower-lsp-server's default is 4).
const CONCURRENT_REQUESTS: usize = 32;

/// Names a request (or `analysis`) that panics on purpose, for the
/// end-to-end test of the never-die rule; unset in normal use.
const TEST_PANIC_ENV: &str = "SSMC_LSP_TEST_PANIC";

/// Milliseconds every analysis that does not run the external linter waits
/// before it starts, for the end-to-end test of an external verdict that
/// overtakes it; unset in normal use.
const TEST_SLOW_ANALYSIS_ENV: &str = "SSMC_LSP_TEST_SLOW_ANALYSIS_MS";

/// Numbers every state of every document (its text and the files it is
/// compiled with), unique across documents closed and opened again.
static STATES: AtomicU64 = AtomicU64::new(1);

fn next_state() -> u64 {
    STATES.fetch_add(1, Ordering::Relaxed)
}

struct Doc {
    /// The text as the client has it (not normalised), for applying edits.
    text: String,
    version: i32,
    /// The last analysis kept (`None` with `analysed` set: it panicked).
    analysis: Option<Arc<Analysis>>,
    /// The version and the epoch `analysis` was computed from.
    analysed: Option<(i32, u64)>,
    /// The state of the text, of the files this document is compiled with
    /// and of its kept external findings: a new number ([`next_state`]) at
    /// each change of any. An analysis is kept only for the epoch it started
    /// in (one started before a neighbour changed saw the old neighbours;
    /// one started before shellcheck answered lacks its findings).
    epoch: u64,
    /// The analysis running on a blocking thread, if any (at most one per
    /// document, so a burst of edits during a slow analysis queues one more
    /// run for the newest text instead of piling up threads).
    running: Option<Running>,
    /// A diagnostics task is waiting (or analysing) for this document: it
    /// publishes for the newest version once that is analysed.
    /// The task's id, and whether it waits its turn ([`Urgency::Queued`]):
    /// a more urgent task supersedes it.
    scheduled: Option<(u64, Urgency)>,
    /// When its last analysis started (for the debounce).
    last_run: Option<Instant>,
    /// The external linter's findings (`external.rs`) and the text they
    /// were found in: given to the verdict again while the text is unchanged.
    external: Option<crate::external::Kept>,
    /// Held while one of its verdicts is converted and sent, so that they
    /// reach the client in the order they are sent ([`publish`]).
    publishing: Arc<tokio::sync::Mutex<()>>,
}

impl Doc {
    fn new(text: String, version: i32) -> Doc {
        Doc {
            text,
            version,
            analysis: None,
            analysed: None,
            epoch: next_state(),
            running: None,
            scheduled: None,
            last_run: None,
            external: None,
            publishing: Arc::default(),
        }
    }

    /// Whether another document's analysis may depend on this one (a
    /// document too large to analyse lends nothing).
    fn declares_actions(&self, uri: &Uri) -> bool {
        self.too_large(uri).is_none() && crate::analysis::declares_actions(&self.text)
    }

    /// The text's size, limit and the reason, when it is over the limit for
    /// its kind (the limit `ssmc check` reads files with).
    fn too_large(&self, uri: &Uri) -> Option<TooLarge> {
        let (limit, why) = ssmc_project::text_limit(&workspace::order_key(uri));
        let len = self.text.len();
        (u64::try_from(len).unwrap_or(u64::MAX) > limit).then_some(TooLarge { len, why })
    }

    /// The text the other documents' analyses see: none when it is too large.
    fn lent_text(&self, uri: &Uri) -> Option<&str> {
        self.too_large(uri).is_none().then_some(self.text.as_str())
    }

    /// Whether this document's verdict may change because another file now
    /// lends `lent` (its text changed). What a compile takes from another
    /// file is its action declarations (the catalog, and the "did you mean"
    /// over every action name), its documents by name (calls, duplicate
    /// names) and, in a hint on a call to an unknown document, every
    /// document name; what a diagnostic shows of it is places, in related
    /// information. An analysis under way (none kept for the latest state)
    /// may have seen the file's earlier summary: judged by the text alone.
    fn leans_on(&self, lent: &workspace::Lent) -> bool {
        let change = &lent.change;
        if change.actions {
            return true;
        }
        let current = match (&self.analysis, self.analysed) {
            (Some(a), Some((_, epoch))) if epoch == self.epoch => Some(a),
            _ => None,
        };
        if !change.documents.is_empty() {
            // A name it does not contain, it neither calls nor declares.
            let hints =
                current.map_or_else(|| calls_documents(&self.text), |a| a.hints_every_document);
            if hints || mentions(&self.text, &change.documents) {
                return true;
            }
        }
        // The lender's places moved: a related location into it would be stale.
        match current {
            Some(a) => a
                .diagnostics
                .iter()
                .any(|d| d.secondary.iter().any(|l| l.span.file == lent.file)),
            None => lent.declares_actions || mentions(&self.text, &lent.names),
        }
    }
}

/// Whether `text` contains any of `names`.
fn mentions<'a>(text: &str, names: impl IntoIterator<Item = &'a String>) -> bool {
    names.into_iter().any(|n| text.contains(n.as_str()))
}

/// Whether a text may call another document (the actions that do:
/// `ssmc_core::check::calls::call_shape`), so that a finding of its
/// analysis may name the closest of every document name.
fn calls_documents(text: &str) -> bool {
    ["aws:runCommand", "aws:executeAutomation", "aws:runDocument"]
        .iter()
        .any(|action| text.contains(action))
}

/// An analysis running: its id, and a flag that turns `true` when it has
/// finished (kept or dropped).
#[derive(Clone)]
struct Running {
    id: u64,
    done: tokio::sync::watch::Receiver<bool>,
}

/// A document over its size limit: its length and why it is not analysed.
#[derive(Debug, Clone, Copy)]
struct TooLarge {
    len: usize,
    why: &'static str,
}

/// The latest state of a document, as [`Shared::analysis`] found it.
enum Analysed {
    /// Analysed: the analysis, and the version and epoch it is of.
    Done(Arc<Analysis>, i32, u64),
    /// Over its size limit, at this version and epoch: not analysed.
    TooLarge(TooLarge, i32, u64),
    /// Analysing this epoch panicked.
    Failed(u64),
}

#[derive(Default)]
struct Shared {
    /// The client, for the diagnostics of documents re-analysed because a
    /// file they lean on changed ([`Shared::dispatch`]).
    client: std::sync::OnceLock<Client>,
    /// A refresh of what the workspace's files lend waits to start
    /// ([`Backend::announce`]).
    announcing: AtomicBool,
    docs: Mutex<HashMap<Uri, Doc>>,
    /// The workspace's `.rbk` files (on disk and open) and what each lends
    /// the analysis of the others, kept between keystrokes.
    files: Mutex<workspace::Files>,
    /// Each folder's project (`ssmc.toml` read once; again when the client
    /// reports it changed), by the folder of the documents in it.
    projects: Mutex<HashMap<std::path::PathBuf, Arc<Project>>>,
    /// The workspace folders the client gave, canonical: the server reads no
    /// file outside them (stdlib is in the binary).
    roots: Mutex<Vec<std::path::PathBuf>>,
    /// AWS API models the workspace folders' `ssmc.toml` list (`[aws-api] models`).
    aws_models: Mutex<ssmc_core::awsapi::Overlay>,
    /// Documents the workspace folders' `ssmc.toml` list for calls from
    /// outside the project (`[documents] paths`).
    outside_documents: Mutex<ssmc_core::documents::Documents>,
    /// Re-analyses of documents whose neighbours changed ([`Urgency::Queued`])
    /// running at once: one per core. Each takes several times its document's
    /// kept analysis in passing; with one thread each (opening a document
    /// that lends declarations re-analyses every other open one) the peaks
    /// added up and stayed in the allocator's arenas. A document opened or
    /// edited, a request and the external linter's run never wait for one.
    slots: Slots,
    /// The client can be asked to watch `.rbk` files for us.
    watch_files: std::sync::atomic::AtomicBool,
    test_panic: Option<String>,
    test_slow_analysis: Option<Duration>,
    /// `shutdown` was answered: `exit` then ends with 0, else 1.
    shutdown_requested: AtomicBool,
}

/// Whether an analysis may start at once or waits for one of the
/// [`Shared::slots`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Urgency {
    /// The document was opened or edited, or a request is waiting for it.
    Now,
    /// Another file it is compiled with changed: its diagnostics are
    /// brought up to date when a slot is free.
    Queued,
}

/// The permits of [`Shared::slots`].
struct Slots(Arc<tokio::sync::Semaphore>);

impl Default for Slots {
    fn default() -> Slots {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Slots(Arc::new(tokio::sync::Semaphore::new(cores)))
    }
}

impl Slots {
    /// Waits for a free slot, held until the permit is dropped; `None`
    /// never in practice (the semaphore is never closed).
    async fn take(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        self.0.clone().acquire_owned().await.ok()
    }
}

pub struct Backend {
    pub(crate) client: Client,
    shared: Arc<Shared>,
}

/// Builds the service: the standard requests plus the custom ones.
fn service() -> (
    LspService<Backend>,
    tower_lsp_server::ClientSocket,
    Arc<Shared>,
) {
    let shared = Arc::new(Shared {
        test_panic: std::env::var(TEST_PANIC_ENV).ok(),
        test_slow_analysis: std::env::var(TEST_SLOW_ANALYSIS_ENV)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(Duration::from_millis),
        ..Shared::default()
    });
    let backend_shared = shared.clone();
    let (service, socket) = LspService::build(|client| {
        let _ = backend_shared.client.set(client.clone());
        Backend {
            client,
            shared: backend_shared,
        }
    })
    .custom_method("ssmc/stdlibSource", Backend::stdlib_source)
    .custom_method("ssmc/graph", Backend::graph)
    .finish();
    (service, socket, shared)
}

/// Serves on stdin/stdout; returns the process's exit code.
pub async fn serve() -> u8 {
    serve_io(tokio::io::stdin(), tokio::io::stdout()).await
}

/// Serves on any byte streams (stdio in `ssmc lsp`, in-memory pipes in the
/// benchmark and the fuzzer) until the client sends `exit` or closes its
/// stream. Returns the exit code the protocol asks for: 0 when `shutdown`
/// came first, else 1.
///
/// tower-lsp-server reads only what `transport::read_client` has checked,
/// and everything the client reads goes through one writer
/// (`transport.rs`).
pub async fn serve_io(
    input: impl tokio::io::AsyncRead + Unpin,
    output: impl tokio::io::AsyncWrite + Unpin,
) -> u8 {
    const PIPE: usize = 64 * 1024;
    let (service, socket, shared) = service();
    let (to_server, server_input) = tokio::io::duplex(PIPE);
    let (server_output, from_server) = tokio::io::duplex(PIPE);
    let (frames, to_client) = tokio::sync::mpsc::channel(64);
    let serving = async {
        // The server stops at `exit` or at the end of its input; the client's
        // stream may stay open after `exit`, so the reader is not awaited.
        let reading = transport::read_client(input, to_server, frames.clone());
        let server = async {
            Server::new(server_input, server_output, socket)
                .concurrency_level(CONCURRENT_REQUESTS)
                .serve(service)
                .await;
        };
        let answering = async {
            tokio::join!(server, transport::split_server(from_server, frames));
        };
        tokio::select! {
            () = answering => {}
            () = async { reading.await; std::future::pending::<()>().await } => {}
        }
    };
    // The writer ends once both senders are dropped, after the last frame.
    tokio::join!(serving, transport::write_client(to_client, output));
    if shared.shutdown_requested.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

fn internal(what: &str) -> Error {
    let mut e = Error::internal_error();
    e.message = format!("internal error while answering {what}; the server keeps running").into();
    e
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic never happens while a lock is held, but stay usable if it did.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `f`, turning a panic into `None` (the panic message still goes to stderr).
fn guard<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

impl Shared {
    /// Whether `path` is inside a workspace folder (canonical paths, so a
    /// symlink cannot lead out). With no workspace, nothing is.
    pub(crate) fn in_workspace(&self, path: &std::path::Path) -> bool {
        let Ok(path) = std::fs::canonicalize(path) else {
            return false;
        };
        lock(&self.roots).iter().any(|r| path.starts_with(r))
    }

    /// The `file(…)` loader of the document at `path`: the project's policy
    /// (anything inside the project root, as `ssmc check` reads), when the
    /// document is saved inside the workspace (or the client gave no
    /// workspace); else a loader that reads nothing.
    pub(crate) fn loader(&self, path: Option<&std::path::Path>) -> ProjectLoader {
        let saved = path.filter(|p| {
            let dir = p.parent().unwrap_or(p);
            lock(&self.roots).is_empty() || self.in_workspace(dir)
        });
        match saved {
            Some(p) => ProjectLoader::for_document(&self.project(p).root, p),
            None => ProjectLoader::new(std::path::Path::new("")),
        }
    }

    /// The project of the document at `path`, read once per folder (see
    /// [`Shared::forget_projects`]).
    fn project(&self, path: &std::path::Path) -> Arc<Project> {
        let dir = path.parent().unwrap_or(path).to_path_buf();
        if let Some(p) = lock(&self.projects).get(&dir) {
            return p.clone();
        }
        let project = Arc::new(Project::discover(path));
        lock(&self.projects).insert(dir, project.clone());
        project
    }

    /// Drops every project read (an `ssmc.toml` changed): the next analysis reads them again.
    fn forget_projects(&self) {
        lock(&self.projects).clear();
    }

    /// What the analysis of the document at `me` sees of the other workspace
    /// files: the summaries of files changed since they were last stored are
    /// computed first, off the lock (see [`Shared::refresh`]).
    fn surroundings(self: &Arc<Self>, me: &std::path::Path) -> crate::analysis::Surroundings {
        self.refresh(Some(me));
        lock(&self.files).surroundings()
    }

    /// Brings the summaries of the workspace files (but `me`'s) up to date,
    /// and re-analyses the open documents that lean on what changed
    /// ([`Shared::dispatch`]). Every summary an analysis sees was stored
    /// here, so each change of what a file lends reaches the documents that
    /// saw the one before.
    fn refresh(self: &Arc<Self>, me: Option<&std::path::Path>) {
        let stale = lock(&self.files).stale(me);
        if stale.is_empty() {
            return;
        }
        let fresh = stale.into_iter().map(workspace::Stale::refresh).collect();
        let lent = lock(&self.files).store(fresh);
        self.dispatch(&lent);
    }

    /// Re-analyses (and publishes, when a slot is free) each open document
    /// whose verdict may depend on what changed in `lent` (`Doc::leans_on`);
    /// the others keep their analysis: an edit inside a step of one runbook
    /// re-analyses no other. Their places in the lender are carried to its
    /// new text when asked ([`Backend::location`]).
    fn dispatch(self: &Arc<Self>, lent: &[workspace::Lent]) {
        self.reschedule_where(|uri, doc| {
            let key = workspace::order_key(uri);
            lent.iter().any(|l| l.path != key && doc.leans_on(l))
        });
    }

    /// Re-analyses and re-publishes every open document.
    fn reschedule_all(self: &Arc<Self>) {
        self.reschedule_where(|_, _| true);
    }

    /// Re-analyses and re-publishes the open documents `wanted` chooses: a
    /// new epoch drops any analysis of theirs under way.
    fn reschedule_where(self: &Arc<Self>, wanted: impl Fn(&Uri, &Doc) -> bool) {
        let chosen: Vec<Uri> = {
            let mut docs = self.docs();
            docs.iter_mut()
                .filter(|(uri, doc)| wanted(uri, doc))
                .map(|(uri, doc)| {
                    doc.epoch = next_state();
                    uri.clone()
                })
                .collect()
        };
        for uri in chosen {
            self.schedule(uri, Urgency::Queued);
        }
    }

    /// Publishes the document's diagnostics after the debounce; one task per
    /// document at a time (a [`Urgency::Now`] one supersedes a queued one),
    /// always for the latest version at the time it runs.
    fn schedule(self: &Arc<Self>, uri: Uri, urgency: Urgency) {
        let Some(client) = self.client.get().cloned() else {
            return;
        };
        let (id, wait) = {
            let mut docs = self.docs();
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            if doc
                .scheduled
                .is_some_and(|(_, u)| u == Urgency::Now || urgency == Urgency::Queued)
            {
                return;
            }
            let id = next_state();
            doc.scheduled = Some((id, urgency));
            let wait = doc
                .last_run
                .map_or(Duration::ZERO, |t| DEBOUNCE.saturating_sub(t.elapsed()));
            (id, wait)
        };
        let shared = self.clone();
        tokio::spawn(async move {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            // Edits while this task waits for an analysis schedule nothing
            // (`scheduled` is still set): it looks again until the state it
            // has is the latest, so a burst publishes the newest version only.
            loop {
                let found = shared.analysis_with(&uri, urgency).await;
                let epoch = match &found {
                    Some(
                        Analysed::Done(_, _, e) | Analysed::TooLarge(_, _, e) | Analysed::Failed(e),
                    ) => *e,
                    None => return,
                };
                {
                    let mut docs = shared.docs();
                    let Some(doc) = docs.get_mut(&uri) else {
                        return;
                    };
                    if doc.scheduled.map(|(task, _)| task) != Some(id) {
                        // Superseded by a more urgent task: it publishes.
                        return;
                    }
                    if doc.epoch != epoch {
                        continue;
                    }
                    doc.scheduled = None;
                }
                match found {
                    Some(Analysed::Done(analysis, version, _)) => {
                        publish(&shared, &client, uri, analysis, version).await;
                    }
                    Some(Analysed::TooLarge(big, version, _)) => {
                        publish_too_large(&shared, &client, uri, big, version).await;
                    }
                    Some(Analysed::Failed(_)) | None => {}
                }
                return;
            }
        });
    }

    fn docs(&self) -> MutexGuard<'_, HashMap<Uri, Doc>> {
        lock(&self.docs)
    }

    fn maybe_panic(&self, what: &str) {
        if self.test_panic.as_deref() == Some(what) {
            #[expect(
                clippy::panic,
                reason = "the never-die test hook, off unless the env var is set"
            )]
            {
                panic!("{TEST_PANIC_ENV}: a deliberate panic in {what}");
            }
        }
    }

    /// The analysis of the document's latest text; when stale, computed on
    /// a blocking thread (never on the message loop) and awaited. `None` for
    /// a document that is not open (or when the runtime is stopping).
    async fn analysis(self: &Arc<Self>, uri: &Uri) -> Option<Analysed> {
        self.analysis_with(uri, Urgency::Now).await
    }

    /// [`Shared::analysis`]; a [`Urgency::Queued`] run waits for a slot.
    async fn analysis_with(self: &Arc<Self>, uri: &Uri, urgency: Urgency) -> Option<Analysed> {
        loop {
            let run = match self.settled_or_running(uri)? {
                Ok(found) => return Some(found),
                Err(Some(run)) => run,
                // A slot first, then the state as it is now: a run that
                // waited behind others analyses the newest text and
                // neighbours, so changes made meanwhile cost no extra run.
                Err(None) => {
                    let slot = match urgency {
                        Urgency::Now => None,
                        Urgency::Queued => Some(self.slots.take().await?),
                    };
                    let mut docs = self.docs();
                    let doc = docs.get_mut(uri)?;
                    match settled_or_running(uri, doc) {
                        Ok(found) => return Some(found),
                        Err(Some(run)) => run,
                        Err(None) => self.start(uri, doc, slot),
                    }
                }
            };
            let (id, mut done) = (run.id, run.done);
            if done.wait_for(|finished| *finished).await.is_err() {
                // The run's thread never ran (the runtime is stopping).
                let mut docs = self.docs();
                if let Some(doc) = docs.get_mut(uri) {
                    if doc.running.as_ref().is_some_and(|r| r.id == id) {
                        doc.running = None;
                    }
                }
                return None;
            }
        }
    }

    /// [`settled_or_running`] of the open document `uri`; `None` when it is not open.
    fn settled_or_running(
        &self,
        uri: &Uri,
    ) -> Option<std::result::Result<Analysed, Option<Running>>> {
        let mut docs = self.docs();
        let doc = docs.get_mut(uri)?;
        Some(settled_or_running(uri, doc))
    }

    /// Starts analysing the document's latest text on a blocking thread.
    fn start(
        self: &Arc<Self>,
        uri: &Uri,
        doc: &mut Doc,
        slot: Option<tokio::sync::OwnedSemaphorePermit>,
    ) -> Running {
        let (tell, done) = tokio::sync::watch::channel(false);
        let run = Running {
            id: next_state(),
            done,
        };
        doc.running = Some(run.clone());
        doc.last_run = Some(Instant::now());
        let kept = doc.external.clone().filter(|k| k.text == doc.text);
        let (text, version, epoch) = (doc.text.clone(), doc.version, doc.epoch);
        let (shared, uri, id) = (self.clone(), uri.clone(), run.id);
        tokio::task::spawn_blocking(move || {
            let analysis = shared
                .analyse(&uri, &text, Outside::Kept(kept))
                .map(|(a, _)| Arc::new(a));
            drop(slot);
            {
                let mut docs = shared.docs();
                if let Some(doc) = docs.get_mut(&uri) {
                    // Kept only if neither the text nor a neighbour changed
                    // meanwhile (the epoch counts both).
                    if doc.epoch == epoch {
                        doc.analysis = analysis;
                        doc.analysed = Some((version, epoch));
                    }
                    if doc.running.as_ref().is_some_and(|r| r.id == id) {
                        doc.running = None;
                    }
                }
            }
            let _ = tell.send(true);
        });
        run
    }

    /// The one verdict on `text` as the document `uri`, among the workspace's
    /// files, with the external linter's findings as `outside` says; and the
    /// findings it ran now, to keep for this text. `None` when it panicked.
    fn analyse(
        self: &Arc<Self>,
        uri: &Uri,
        text: &str,
        outside: Outside,
    ) -> Option<(Analysis, Option<crate::external::Kept>)> {
        let path = uri.to_file_path();
        let loader = self.loader(path.as_deref());
        if let (Some(wait), Outside::Kept(_)) = (self.test_slow_analysis, &outside) {
            std::thread::sleep(wait);
        }
        guard(|| {
            self.maybe_panic("analysis");
            let key = workspace::order_key(uri);
            let surroundings = self.surroundings(&key);
            let models = lock(&self.aws_models).clone();
            let documents = lock(&self.outside_documents).clone();
            let lint = path
                .as_deref()
                .map(|p| workspace::lint_settings(&self.project(p), p))
                .unwrap_or_default();
            let found: Mutex<Vec<ssmc_core::Diagnostic>> = Mutex::new(Vec::new());
            let hook =
                |file: ssmc_core::FileId, text: &str, docs: &[ssmc_core::model::Document]| {
                    let out = match &outside {
                        Outside::Run(ext) => ext.lint(file, text, docs, &lint),
                        Outside::Kept(Some(k)) => k.in_file(file),
                        Outside::Kept(None) => Vec::new(),
                    };
                    lock(&found).extend(out.iter().cloned());
                    out
                };
            let place = Place {
                path: &key,
                surroundings: &surroundings,
                models: &models,
                documents: &documents,
                lint: &lint,
                external: Some(&hook),
            };
            let analysis = Analysis::in_project(uri.as_str(), text, &loader, place);
            let kept = matches!(outside, Outside::Run(_)).then(|| crate::external::Kept {
                text: text.to_string(),
                file: analysis.file,
                found: std::mem::take(&mut *lock(&found)),
            });
            (analysis, kept)
        })
    }
}

/// The document's analysis when it is of its latest state (`Ok`), else the
/// run under way (`Err(Some)`) or none (`Err(None)`: one must be started).
fn settled_or_running(uri: &Uri, doc: &Doc) -> std::result::Result<Analysed, Option<Running>> {
    if let Some(big) = doc.too_large(uri) {
        return Ok(Analysed::TooLarge(big, doc.version, doc.epoch));
    }
    if let Some((version, epoch)) = doc.analysed.filter(|(_, e)| *e == doc.epoch) {
        return Ok(match &doc.analysis {
            Some(a) => Analysed::Done(a.clone(), version, epoch),
            None => Analysed::Failed(epoch),
        });
    }
    // One run at a time: wait for the one running (whatever state it is
    // of), then look again.
    Err(doc.running.clone())
}

/// Where the external linter's findings of an analysis come from.
enum Outside {
    /// Run it now (on open and save).
    Run(&'static dyn crate::ExternalLint),
    /// Those kept for this very text, if any.
    Kept(Option<crate::external::Kept>),
}

/// Publishes the diagnostics of `analysis` (converted on a blocking
/// thread), unless the client has moved past `version`.
async fn publish(
    shared: &Shared,
    client: &Client,
    uri: Uri,
    analysis: Arc<Analysis>,
    version: i32,
) {
    let Some(turn) = shared.docs().get(&uri).map(|d| d.publishing.clone()) else {
        return;
    };
    let _turn = turn.lock().await;
    // Two verdicts of one version (the open's own, shellcheck's) may be
    // published at once, and the slower conversion would otherwise be sent
    // last. Each sends the newest verdict kept for the version instead: it
    // was kept no earlier than the one this task was given.
    let analysis = shared
        .docs()
        .get(&uri)
        .filter(|d| d.analysed.is_some_and(|(v, _)| v == version))
        .and_then(|d| d.analysis.clone())
        .unwrap_or(analysis);
    let u = uri.clone();
    let converted =
        tokio::task::spawn_blocking(move || guard(|| convert::diagnostics(&analysis, &u))).await;
    let Ok(Some(diagnostics)) = converted else {
        return;
    };
    publish_diagnostics(shared, client, uri, diagnostics, version).await;
}

/// Publishes the one diagnostic of a document too large to analyse.
async fn publish_too_large(
    shared: &Shared,
    client: &Client,
    uri: Uri,
    big: TooLarge,
    version: i32,
) {
    let diagnostic = tower_lsp_server::ls_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("ssmc".to_string()),
        message: format!(
            "this document is {} bytes; {} (`ssmc check` refuses it too), so it is not analysed",
            big.len, big.why
        ),
        ..tower_lsp_server::ls_types::Diagnostic::default()
    };
    publish_diagnostics(shared, client, uri, vec![diagnostic], version).await;
}

async fn publish_diagnostics(
    shared: &Shared,
    client: &Client,
    uri: Uri,
    diagnostics: Vec<tower_lsp_server::ls_types::Diagnostic>,
    version: i32,
) {
    // Never publish for a version the client has already moved past.
    let current = shared.docs().get(&uri).map(|d| d.version);
    if current != Some(version) {
        return;
    }
    client
        .publish_diagnostics(uri, diagnostics, Some(version))
        .await;
}

impl Backend {
    /// The latest text of an open document (`ssmc/graph` draws it, see `graph.rs`).
    /// See [`Shared::in_workspace`].
    pub(crate) fn in_workspace(&self, path: &std::path::Path) -> bool {
        self.shared.in_workspace(path)
    }

    /// See [`Shared::loader`].
    pub(crate) fn loader(&self, path: Option<&std::path::Path>) -> ProjectLoader {
        self.shared.loader(path)
    }

    /// The open documents, in a stable order.
    pub(crate) fn open_uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.shared.docs().keys().cloned().collect();
        uris.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        uris
    }

    pub(crate) fn open_text(&self, uri: &Uri) -> Option<String> {
        self.shared.docs().get(uri).map(|d| d.text.clone())
    }

    /// Runs `f` on the latest analysis of `uri` on a blocking thread,
    /// catching panics. Nothing for a document that is not open or too
    /// large to analyse.
    pub(crate) async fn query<T: Send + 'static>(
        &self,
        uri: &Uri,
        what: &'static str,
        f: impl FnOnce(&Analysis) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let analysis = match self.shared.analysis(uri).await {
            None | Some(Analysed::TooLarge(..)) => return Ok(None),
            Some(Analysed::Failed(_)) => return Err(internal(what)),
            Some(Analysed::Done(analysis, ..)) => analysis,
        };
        let shared = self.shared.clone();
        let answered = tokio::task::spawn_blocking(move || {
            guard(|| {
                shared.maybe_panic(what);
                f(&analysis)
            })
        })
        .await;
        answered.ok().flatten().ok_or_else(|| internal(what))
    }

    /// Like [`Backend::query`] for answers that may be refused with a message.
    async fn query_result<T: Send + 'static>(
        &self,
        uri: &Uri,
        what: &'static str,
        f: impl FnOnce(&Analysis) -> std::result::Result<Option<T>, String> + Send + 'static,
    ) -> Result<Option<T>> {
        match self.query(uri, what, |a| Some(f(a))).await? {
            None => Ok(None),
            Some(Ok(v)) => Ok(v),
            Some(Err(message)) => {
                let mut e = Error::invalid_request();
                e.message = message.into();
                Err(e)
            }
        }
    }

    /// See [`Shared::schedule`].
    fn schedule(&self, uri: Uri, urgency: Urgency) {
        self.shared.schedule(uri, urgency);
    }

    /// Judges the document's latest text again with the external linter
    /// (shellcheck) run, on a blocking thread, keeps its findings for that
    /// text and publishes the whole verdict.
    fn run_external(&self, uri: Uri) {
        let Some(external) = crate::external::external_lint() else {
            return;
        };
        let shared = self.shared.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            let Some((text, version, epoch)) = shared
                .docs()
                .get(&uri)
                .filter(|d| d.too_large(&uri).is_none())
                .map(|d| (d.text.clone(), d.version, d.epoch))
            else {
                return;
            };
            let (s, u) = (shared.clone(), uri.clone());
            let judged =
                tokio::task::spawn_blocking(move || s.analyse(&u, &text, Outside::Run(external)))
                    .await;
            let Ok(Some((analysis, kept))) = judged else {
                return;
            };
            let analysis = Arc::new(analysis);
            let neighbours_changed = {
                let mut docs = shared.docs();
                let Some(doc) = docs.get_mut(&uri) else {
                    return;
                };
                if doc.version != version {
                    return;
                }
                // The findings belong to the text, which is unchanged: keep them.
                doc.external = kept;
                let neighbours_changed = doc.epoch != epoch;
                // An analysis started before they were kept lacks them: a
                // new epoch drops it, so it cannot replace this verdict.
                doc.epoch = next_state();
                if !neighbours_changed {
                    doc.analysis = Some(analysis.clone());
                    doc.analysed = Some((version, doc.epoch));
                }
                neighbours_changed
            };
            if !neighbours_changed {
                publish(&shared, &client, uri, analysis, version).await;
                return;
            }
            // Another file changed while shellcheck ran: this verdict saw the
            // old neighbours. Judge again with the kept findings.
            if let Some(Analysed::Done(analysis, version, _)) = shared.analysis(&uri).await {
                publish(&shared, &client, uri, analysis, version).await;
            }
        });
    }

    /// Brings what the workspace's files lend up to date on a blocking
    /// thread, re-analysing the open documents that lean on what changed
    /// ([`Shared::refresh`]); then, with `all`, every open document (the
    /// project's settings changed). A burst of edits is summarised once: a
    /// change while a refresh waits to start joins it.
    fn announce(&self, all: bool) {
        if !all && self.shared.announcing.swap(true, Ordering::SeqCst) {
            return;
        }
        let shared = self.shared.clone();
        tokio::spawn(async move {
            if !all {
                tokio::time::sleep(DEBOUNCE).await;
                // Changes from here on start a refresh of their own.
                shared.announcing.store(false, Ordering::SeqCst);
            }
            let s = shared.clone();
            let _ = tokio::task::spawn_blocking(move || guard(|| s.refresh(None))).await;
            if all {
                shared.reschedule_all();
            }
        });
    }

    /// A location in this document, a stdlib file or a workspace file. A
    /// workspace file edited since the analysis in a way that lends nothing
    /// new did not re-analyse it (`Shared::dispatch`): its place is carried
    /// to that file's text now (`relocate.rs`).
    fn location(
        shared: &Shared,
        a: &Analysis,
        uri: &Uri,
        span: ssmc_core::Span,
    ) -> Option<Location> {
        if span.file == a.file {
            return Some(Location::new(uri.clone(), convert::range(&a.index, span)));
        }
        let (name, index) = a.file_info(span.file)?;
        let target = workspace::uri_of_file_name(name)?;
        let seen = a.sources.get(span.file).map(|f| f.text.clone());
        let now = lock(&shared.files).stored_text(span.file, name);
        if let (Some(seen), Some(now)) = (seen, now) {
            if !Arc::ptr_eq(&seen, &now) && seen != now {
                let start = crate::relocate::offset(&seen, &now, span.start);
                let end = crate::relocate::offset(&seen, &now, span.end).max(start);
                let moved = ssmc_core::Span {
                    file: span.file,
                    start,
                    end,
                };
                let index = ssmc_core::span::LineIndex::of_shared(now);
                return Some(Location::new(target, convert::range(&index, moved)));
            }
        }
        Some(Location::new(target, convert::range(index, span)))
    }

    /// `ssmc/stdlibSource {uri}` → `{text}`: the text of an `ssmc-stdlib:` URI
    /// that go to definition answered (nothing is written to disk).
    async fn stdlib_source(&self, params: StdlibSourceParams) -> Result<StdlibSource> {
        match workspace::stdlib_text(&params.uri) {
            Some(text) => Ok(StdlibSource {
                text: text.to_string(),
            }),
            None => {
                let mut e = Error::invalid_params("not an ssmc-stdlib: URI of a stdlib file");
                e.data = Some(serde_json::Value::String(params.uri.as_str().to_string()));
                Err(e)
            }
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct StdlibSourceParams {
    pub uri: Uri,
}

#[derive(Debug, serde::Serialize)]
pub struct StdlibSource {
    pub text: String,
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let mut roots: Vec<Uri> = params
            .workspace_folders
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.uri)
            .collect();
        #[expect(deprecated, reason = "older clients only send rootUri")]
        if let Some(root) = params.root_uri {
            roots.push(root);
        }
        let folders: Vec<std::path::PathBuf> = roots
            .iter()
            .filter_map(|r| std::fs::canonicalize(r.to_file_path()?).ok())
            .collect();
        *lock(&self.shared.roots) = folders.clone();
        // Reading the workspace (its `.rbk` files, each folder's `ssmc.toml`
        // and AWS models) is file work: on a blocking thread.
        let read = tokio::task::spawn_blocking(move || {
            let found = guard(|| workspace::scan(&roots)).unwrap_or_default();
            let models = guard(|| workspace::aws_models(&folders)).unwrap_or_default();
            let documents = guard(|| workspace::outside_documents(&folders)).unwrap_or_default();
            (found, models, documents)
        })
        .await;
        let (found, (models, faults), (documents, document_faults)) = read.unwrap_or_default();
        {
            let mut files = lock(&self.shared.files);
            for (path, (uri, text)) in found {
                files.set_disk(path, &uri, Some(&text));
            }
        }
        // What the files on disk lend, summarised before the first document
        // opens (its analysis would otherwise do it, and run again for it).
        let shared = self.shared.clone();
        tokio::task::spawn_blocking(move || guard(|| shared.refresh(None)));
        *lock(&self.shared.aws_models) = models;
        *lock(&self.shared.outside_documents) = documents;
        for fault in faults.into_iter().chain(document_faults) {
            self.client.log_message(MessageType::ERROR, fault).await;
        }
        let can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.shared
            .watch_files
            .store(can_watch, std::sync::atomic::Ordering::Relaxed);
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "ssmc".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: capabilities(),
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if !self
            .shared
            .watch_files
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return;
        }
        // Ask the client to report `.rbk` files changed outside the editor
        // (a `git pull`, a generator), so that closed files' declarations stay
        // current, and `ssmc.toml` edits, so that levels apply at once. Not
        // awaited here: the client answers in its own time.
        let client = self.client.clone();
        tokio::spawn(async move {
            let watchers = DidChangeWatchedFilesRegistrationOptions {
                watchers: [
                    "**/*.rbk",
                    "**/*.json",
                    "**/*.yaml",
                    "**/*.yml",
                    "**/ssmc.toml",
                ]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.to_string()),
                    kind: None,
                })
                .collect(),
            };
            let registration = Registration {
                id: "ssmc-watch-rbk".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(watchers).ok(),
            };
            // A client that refuses is served as before: files are re-read on save.
            let _ = client.register_capability(vec![registration]).await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let (mut touched, mut settings) = (false, false);
        for event in params.changes {
            let Some(path) = event.uri.to_file_path() else {
                continue;
            };
            if path
                .file_name()
                .is_some_and(|n| n == ssmc_core::project::root::CONFIG_FILE)
            {
                self.shared.forget_projects();
                settings = true;
                continue;
            }
            if path
                .extension()
                .is_none_or(|e| !workspace::LENDING.iter().any(|l| e == *l))
            {
                continue;
            }
            let text = if event.typ == FileChangeType::DELETED {
                None
            } else if self.shared.in_workspace(&path) {
                guard(|| workspace::read_lending(&path)).flatten()
            } else {
                continue;
            };
            let path = path.to_path_buf();
            touched |= lock(&self.shared.files).set_disk(path, &event.uri, text.as_deref());
        }
        // A file's text on disk: those that lean on what it lends are
        // re-analysed; the project's settings: every document.
        if touched || settings {
            self.announce(settings);
        }
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let declares = {
            let mut docs = self.shared.docs();
            let d = Doc::new(doc.text, doc.version);
            let key = workspace::order_key(&doc.uri);
            lock(&self.shared.files).set_open(key, &doc.uri, d.lent_text(&doc.uri));
            let declares = d.declares_actions(&doc.uri);
            docs.insert(doc.uri.clone(), d);
            // Alone, it lends nobody anything yet: the next document's
            // analysis summarises it.
            declares && docs.len() > 1
        };
        if declares {
            self.announce(false);
        }
        self.schedule(doc.uri.clone(), Urgency::Now);
        self.run_external(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let declares = {
            let mut docs = self.shared.docs();
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            let before = doc.declares_actions(&uri);
            let text = &mut doc.text;
            let changes = &params.content_changes;
            if guard(|| changes.iter().for_each(|c| convert::apply_change(text, c))).is_none() {
                // Unreachable by design; the text may be half-edited, so resync is the client's.
                doc.text.clear();
            }
            doc.version = params.text_document.version;
            doc.epoch = next_state();
            let key = workspace::order_key(&uri);
            lock(&self.shared.files).set_open(key, &uri, doc.lent_text(&uri));
            // Summarising it on each keystroke is for the other open
            // documents only (a closed one's analysis summarises it).
            (before || doc.declares_actions(&uri)) && docs.len() > 1
        };
        if declares {
            self.announce(false);
        }
        self.schedule(uri, Urgency::Now);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // The saved text is what other files see once this one is closed.
        let uri = params.text_document.uri;
        let text = self
            .shared
            .docs()
            .get(&uri)
            .map(|d| d.lent_text(&uri).map(str::to_string));
        if let (Some(text), Some(path)) = (text, uri.to_file_path()) {
            let path = path.to_path_buf();
            lock(&self.shared.files).set_disk(path, &uri, text.as_deref());
        }
        self.run_external(uri);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let key = workspace::order_key(&uri);
        lock(&self.shared.files).set_open(key, &uri, None);
        let declared = {
            let mut docs = self.shared.docs();
            let removed = docs.remove(&uri);
            removed.is_some_and(|d| d.declares_actions(&uri)) && !docs.is_empty()
        };
        if declared {
            self.announce(false);
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let Some(raw) = self.shared.docs().get(&uri).map(|d| d.text.clone()) else {
            return Ok(None);
        };
        self.query(&uri, "textDocument/formatting", move |a| {
            a.format()
                .map(|f| convert::format_edits(&raw, &ssmc_core::raw_text::restyle(&raw, &f)))
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.query(
            &params.text_document.uri,
            "textDocument/documentSymbol",
            |a| {
                let symbols = a
                    .symbols()
                    .iter()
                    .map(|s| convert::symbol(&a.index, s))
                    .collect();
                Some(DocumentSymbolResponse::Nested(symbols))
            },
        )
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.query(
            &params.text_document.uri,
            "textDocument/foldingRange",
            |a| Some(convert::folding_ranges(a)),
        )
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let position = p.position;
        self.query(&p.text_document.uri, "textDocument/hover", move |a| {
            let at = convert::offset(&a.index, position);
            a.hover(at).map(|h| convert::hover(&a.index, h))
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let (uri, position) = (p.text_document.uri, p.position);
        let (here, shared) = (uri.clone(), self.shared.clone());
        self.query(&uri, "textDocument/definition", move |a| {
            let at = convert::offset(&a.index, position);
            let span = a.definition(at)?;
            Backend::location(&shared, a, &here, span).map(GotoDefinitionResponse::Scalar)
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let (uri, position) = (p.text_document.uri, p.position);
        let include = params.context.include_declaration;
        let (here, shared) = (uri.clone(), self.shared.clone());
        let found = self
            .query(&uri, "textDocument/references", move |a| {
                let at = convert::offset(&a.index, position);
                let found: Vec<Location> = a
                    .references(at, include)
                    .into_iter()
                    .filter_map(|s| Backend::location(&shared, a, &here, s))
                    .collect();
                Some((found, a.action_at(at)))
            })
            .await?;
        let Some((mut here, action)) = found else {
            return Ok(None);
        };
        if let Some(action) = action {
            self.action_uses_elsewhere(&uri, &action, &mut here).await;
        }
        Ok((!here.is_empty()).then_some(here))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let position = params.position;
        self.query_result(
            &params.text_document.uri,
            "textDocument/prepareRename",
            move |a| {
                let at = convert::offset(&a.index, position);
                let (span, placeholder) = a.prepare_rename(at).map_err(|e| e.0)?;
                Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
                    range: convert::range(&a.index, span),
                    placeholder,
                }))
            },
        )
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let (uri, position, new_name) = (p.text_document.uri, p.position, params.new_name);
        let here = uri.clone();
        self.query_result(&uri, "textDocument/rename", move |a| {
            let at = convert::offset(&a.index, position);
            let edits = a.rename(at, &new_name).map_err(|e| e.0)?;
            let edits = edits.iter().map(|e| convert::text_edit(a, e)).collect();
            Ok(Some(WorkspaceEdit {
                changes: Some(HashMap::from([(here, edits)])),
                ..WorkspaceEdit::default()
            }))
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let (uri, range) = (params.text_document.uri, params.range);
        let here = uri.clone();
        self.query(&uri, "textDocument/codeAction", move |a| {
            let start = convert::offset(&a.index, range.start);
            let end = convert::offset(&a.index, range.end);
            let actions: Vec<CodeActionOrCommand> = a
                .code_actions(start.min(end), start.max(end))
                .into_iter()
                .map(|c| CodeActionOrCommand::CodeAction(convert::code_action(a, &here, c)))
                .chain(convert::import_action(a, &here).map(CodeActionOrCommand::CodeAction))
                .collect();
            Some(actions)
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.query(
            &params.text_document.uri,
            "textDocument/semanticTokens/full",
            |a| {
                Some(SemanticTokensResult::Tokens(SemanticTokens {
                    result_id: None,
                    data: convert::semantic_tokens(a, &a.semantic_tokens()),
                }))
            },
        )
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.query(
            &params.text_document.uri,
            "textDocument/inlayHint",
            move |a| {
                let start = convert::offset(&a.index, range.start);
                let end = convert::offset(&a.index, range.end);
                let hints = a.inlay_hints(start.min(end), start.max(end));
                Some(hints.iter().map(|h| convert::inlay_hint(a, h)).collect())
            },
        )
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let position = p.position;
        self.query(&p.text_document.uri, "textDocument/completion", move |a| {
            let at = convert::offset(&a.index, position);
            let items: Vec<_> = a
                .complete(at)
                .into_iter()
                .map(|c| convert::completion_item(&a.index, c))
                .collect();
            Some(CompletionResponse::Array(items))
        })
        .await
    }

    // The navigation requests live in `navigation.rs`.
    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.highlights(params).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.links(params).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.selections(params).await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        self.signature(params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri.clone();
        let mut lenses = self.lenses(params).await?;
        if let Some(lenses) = lenses.as_mut() {
            let places: Vec<Range> = lenses.iter().map(|l| l.range).collect();
            lenses.extend(crate::test_runs::lenses(&uri, &places));
        }
        Ok(lenses)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        self.run_tests(params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.workspace_symbols(params).await
    }
}

impl Backend {
    /// Adds the uses of an action in the other open documents (actions are
    /// the only names files share).
    async fn action_uses_elsewhere(&self, uri: &Uri, action: &str, out: &mut Vec<Location>) {
        let others: Vec<Uri> = self
            .shared
            .docs()
            .keys()
            .filter(|u| *u != uri)
            .cloned()
            .collect();
        for other in others {
            let (action, here) = (action.to_string(), other.clone());
            let shared = self.shared.clone();
            let found = self
                .query(&other, "textDocument/references", move |a| {
                    Some(
                        a.action_uses(&action)
                            .into_iter()
                            .filter_map(|s| Backend::location(&shared, a, &here, s))
                            .collect::<Vec<_>>(),
                    )
                })
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            for l in found {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
        }
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: Some(vec!["{".to_string(), ",".to_string()]),
            retrigger_characters: Some(vec![":".to_string()]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![crate::test_runs::RUN_TESTS.to_string()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
            ]),
            ..CodeActionOptions::default()
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: convert::semantic_legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        inlay_hint_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![
                " ".to_string(),
                ":".to_string(),
                ".".to_string(),
                "\"".to_string(),
                "[".to_string(),
            ]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}
