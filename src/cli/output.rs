//! Where the command's input comes from and its output goes: reading a
//! bounded input, writing files whole or not at all (through symlinks, and
//! straight into FIFOs and devices), messages that never fail, and the
//! interrupt handler that ends a run with its best result.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use rlct::budget::Budget;

/// Writes a message to standard error. A closed standard error is no
/// reason to fail a run that has its answer: the message is dropped.
pub fn warn(message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{message}");
}

/// Writes to standard output. A reader that went away (`rlct … | head`)
/// is not an error: the rest is dropped and the run ends as it would have.
pub fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            warn(&format!("error: cannot write the output: {e}"));
            std::process::exit(1);
        }
    }
}

/// Reads the input (a file, or standard input for `-`), refusing more than
/// [`rlct::parse::MAX_INPUT_BYTES`] rather than reading on for ever.
pub fn read(path: &str) -> Result<Vec<u8>, ExitCode> {
    let limit = rlct::parse::MAX_INPUT_BYTES as u64;
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = result {
        warn(&format!("error: cannot read {path}: {e}"));
        return Err(ExitCode::from(2));
    }
    if bytes.len() as u64 > limit {
        warn(&format!(
            "error: {path}: the input is larger than {} (the most accepted)",
            rlct::budget::bytes(limit)
        ));
        return Err(ExitCode::from(2));
    }
    Ok(bytes)
}

/// Temporary files being written, removed if the program is interrupted.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The budget of the run in progress, which an interrupt cancels.
static RUNNING: Mutex<Option<Budget>> = Mutex::new(None);

/// Makes Ctrl-C (or SIGTERM, SIGHUP) cancel `budget`: the run ends with
/// the best result so far. A second signal ends the program at once,
/// removing any half-written temporary file.
pub fn on_interrupt(budget: &Budget) {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    *RUNNING.lock().unwrap_or_else(|e| e.into_inner()) = Some(budget.clone());
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
            match running.as_ref() {
                Some(b) if b.exhausted().is_none() => {
                    b.cancel();
                    warn("interrupted: ending with the best result so far (again to quit)");
                }
                _ => {
                    for path in TEMPORARY.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    std::process::exit(130);
                }
            }
        });
    });
}

/// Writes a file whole or not at all. A regular file (or a new one) gets
/// the text in a temporary file beside it, renamed over it (atomic on
/// POSIX, and keeping the old file's permissions); a symlink is followed,
/// so the file it points to is replaced and the link stays; a FIFO, a
/// device or a socket is written to directly, since renaming over it would
/// replace it.
pub fn write_atomic(path: &str, contents: &str) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("cannot write {path}: {e}");
    let target = follow_links(Path::new(path)).map_err(cannot)?;
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(format!("cannot write {path}: it is a directory"));
        }
        if !meta.is_file() {
            return std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .and_then(|mut f| f.write_all(contents.as_bytes()))
                .map_err(cannot);
        }
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .ok_or_else(|| format!("cannot write {path}: not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    TEMPORARY
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tmp.clone());
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(contents.as_bytes())?;
            if let Some(meta) = &existing {
                f.set_permissions(meta.permissions())?;
            }
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    TEMPORARY
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|p| p != &tmp);
    result.map_err(cannot)
}

/// The file a path names once its symlinks are followed (a dangling link
/// names the file it would point to).
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}
