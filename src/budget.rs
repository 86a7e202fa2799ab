//! One time limit and one memory budget for a whole run.
//!
//! A run — parsing, the Newton polyhedra, the resolution, the checker, the
//! numeric side, the rendering — may take as long as its input makes it,
//! and a polynomial expansion or a face enumeration can take minutes on its
//! own. So the limits are not checked between stages but inside every loop
//! that can grow: those loops call [`checkpoint`], which is one atomic load
//! while the budget holds and unwinds the stack (with [`Exhausted`] as the
//! payload, through [`std::panic::resume_unwind`], so no panic message is
//! printed) once it has run out. The unwinding stops at the places that can
//! still give an answer from what is finished: the strategy names the chart
//! it was working on unresolved, [`analyze`](crate::analyze) falls back to
//! the bound that holds without any resolution. This is the cancellation
//! scheme of salsa and rust-analyzer: no result of the unwound work is kept,
//! so nothing half-computed can reach an answer.
//!
//! The budget is installed per thread ([`Budget::enter`]) and handed to the
//! worker threads of parallel code explicitly ([`current`]). A watchdog
//! thread trips a budget when its deadline passes or when the process uses
//! more memory than allowed; [`Budget::cancel`] trips it from outside (Ctrl-C).
//! After a trip, the few steps that turn finished work into an answer run
//! under [`grace`]: a fresh budget that ends a little after the first.
//!
//! For a caller of the library: without a budget installed nothing ever
//! unwinds. [`analyze`](crate::analyze) installs one from its options when
//! there is none, and it and [`estimate`](crate::numeric::estimate) never
//! unwind: they end with a bound, a partial estimate or
//! [`Error::Stopped`](crate::Error::Stopped). Anything else run inside
//! [`Budget::enter`] (the parser, the reports, the checker) unwinds once
//! the budget has run out; [`Budget::run`] catches it.
//!
//! ```
//! use rlct::budget::{Budget, Exhausted};
//! use std::time::Duration;
//!
//! let budget = Budget::new(Some(Duration::from_millis(50)), None);
//! let r = budget.run(|| loop {
//!     rlct::budget::checkpoint(); // as every loop that can grow does
//! });
//! assert_eq!(r, Err(Exhausted::Time(Duration::from_millis(50))));
//! ```

use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

/// Why a run was stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exhausted {
    /// The time limit passed.
    Time(Duration),
    /// The process used more memory than allowed (bytes).
    Memory(u64),
    /// The run was cancelled (Ctrl-C, or a caller).
    Cancelled,
}

impl fmt::Display for Exhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exhausted::Time(d) => write!(f, "time limit {} reached", seconds(*d)),
            Exhausted::Memory(m) => write!(f, "memory limit {} reached", bytes(*m)),
            Exhausted::Cancelled => f.write_str("interrupted"),
        }
    }
}

/// `2 s`, `0.5 s`.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 && s < 1e15 {
        format!("{} s", s as u64)
    } else {
        format!("{s} s")
    }
}

/// `4 GiB`, `512 MiB`, `1000 bytes`.
pub fn bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
}

/// Parses a memory size: `4G`, `512M`, `64k`, `1000000` (bytes); units are
/// binary (`G` = 2³⁰ bytes), `GiB`/`GB` spellings accepted.
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return Err(format!("`{s}` is not a memory size such as 4G or 512M")),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a memory size such as 4G or 512M"))?;
    let total = value * scale as f64;
    if !(total.is_finite() && total >= 1.0) {
        return Err(format!("`{s}` is not a positive memory size"));
    }
    Ok(if total >= u64::MAX as f64 {
        u64::MAX
    } else {
        total as u64
    })
}

const RUNNING: u8 = 0;
const TIME: u8 = 1;
const MEMORY: u8 = 2;
const CANCELLED: u8 = 3;

#[derive(Debug)]
struct State {
    deadline: Option<Instant>,
    timeout: Duration,
    max_memory: Option<u64>,
    /// The memory at which this budget stops its work: 7/8 of `max_memory`
    /// for a run, leaving room for its report; 31/32 for the report's
    /// [`grace`].
    trip_memory: u64,
    tripped: AtomicU8,
    /// A budget this one is a share of: it runs out when that one does.
    parent: Option<Arc<State>>,
}

impl State {
    fn exhausted(&self) -> Option<Exhausted> {
        match self.tripped.load(Ordering::Relaxed) {
            // The heap (when counted) is one atomic load away: checked here,
            // a loop that allocates fast cannot outrun the watchdog's polls.
            RUNNING if self.max_memory.is_some() && counted_heap() >= self.trip_memory => {
                self.trip(MEMORY);
                self.exhausted()
            }
            RUNNING => self.parent.as_ref().and_then(|p| p.exhausted()),
            TIME => Some(Exhausted::Time(self.timeout)),
            MEMORY => Some(Exhausted::Memory(self.max_memory.unwrap_or(0))),
            _ => Some(Exhausted::Cancelled),
        }
    }

    fn trip(&self, why: u8) {
        let _ = self
            .tripped
            .compare_exchange(RUNNING, why, Ordering::Relaxed, Ordering::Relaxed);
    }
}

/// A time limit and a memory budget, shared by every thread of one run.
/// Cloning gives another handle on the same budget.
#[derive(Clone, Debug)]
pub struct Budget {
    state: Arc<State>,
}

impl Budget {
    /// A budget ending `timeout` from now (never, if `None` or too far to
    /// represent) and tripping when the process's memory passes
    /// `max_memory` bytes.
    pub fn new(timeout: Option<Duration>, max_memory: Option<u64>) -> Budget {
        let now = Instant::now();
        let deadline = timeout.and_then(|t| now.checked_add(t));
        Budget::until(
            deadline,
            timeout.unwrap_or(Duration::MAX),
            max_memory,
            max_memory.map(memory_trip_point),
            None,
        )
    }

    /// A budget for one part of this run: it ends when `share` of the time
    /// left has passed, or when this budget runs out.
    pub fn share(&self, share: f64) -> Budget {
        let deadline = self.state.deadline.map(|d| {
            let left = d.saturating_duration_since(Instant::now());
            Instant::now() + left.mul_f64(share.clamp(0.0, 1.0))
        });
        Budget::until(
            deadline,
            self.state.timeout,
            self.state.max_memory,
            Some(self.state.trip_memory),
            Some(self.state.clone()),
        )
    }

    /// No limits: [`checkpoint`] never unwinds, but [`Budget::cancel`] works.
    pub fn unlimited() -> Budget {
        Budget::new(None, None)
    }

    fn until(
        deadline: Option<Instant>,
        timeout: Duration,
        max_memory: Option<u64>,
        trip_memory: Option<u64>,
        parent: Option<Arc<State>>,
    ) -> Budget {
        let state = Arc::new(State {
            deadline,
            timeout,
            max_memory,
            trip_memory: trip_memory.unwrap_or(u64::MAX),
            tripped: AtomicU8::new(RUNNING),
            parent,
        });
        if deadline.is_some() || max_memory.is_some() {
            watchdog().watch(&state);
        }
        Budget { state }
    }

    /// Stops the run as soon as it reaches a checkpoint.
    pub fn cancel(&self) {
        self.state.trip(CANCELLED);
    }

    /// Why the budget has run out, if it has.
    pub fn exhausted(&self) -> Option<Exhausted> {
        self.state.exhausted()
    }

    /// The time limit this budget was made with (`None`: none).
    pub fn timeout(&self) -> Option<Duration> {
        self.state.deadline.map(|_| self.state.timeout)
    }

    /// The memory budget in bytes (`None`: none).
    pub fn max_memory(&self) -> Option<u64> {
        self.state.max_memory
    }

    /// Runs `f` with this budget installed on the current thread (and the
    /// previous one restored afterwards, however `f` ends).
    pub fn enter<T>(&self, f: impl FnOnce() -> T) -> T {
        struct Restore(Option<Budget>);
        impl Drop for Restore {
            fn drop(&mut self) {
                CURRENT.with(|c| *c.borrow_mut() = self.0.take());
            }
        }
        let previous = CURRENT.with(|c| c.borrow_mut().replace(self.clone()));
        let _restore = Restore(previous);
        f()
    }

    /// Runs `f` under this budget and stops it where it stands when the
    /// budget runs out: `Err` with the reason. Other panics go on unwinding.
    pub fn run<T>(&self, f: impl FnOnce() -> T) -> Result<T, Exhausted> {
        self.enter(|| catch(f))
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// The budget installed on this thread, to hand to worker threads.
pub fn current() -> Option<Budget> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Why the current budget has run out, if it has (never unwinds).
pub fn exhausted() -> Option<Exhausted> {
    CURRENT.with(|c| c.borrow().as_ref().and_then(Budget::exhausted))
}

/// Unwinds with [`Exhausted`] if the current budget has run out; called in
/// every loop that can grow with its input.
#[inline]
pub fn checkpoint() {
    if let Some(why) = exhausted() {
        resume_unwind(Box::new(why));
    }
}

/// Runs `f`, turning an unwinding [`checkpoint`] into `Err`. The work of `f`
/// is dropped whole: a caller keeps only what was finished before it.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Exhausted> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Ok(v),
        Err(payload) => Err(exhausted_payload(payload)),
    }
}

fn exhausted_payload(payload: Box<dyn Any + Send>) -> Exhausted {
    match payload.downcast::<Exhausted>() {
        Ok(why) => *why,
        Err(other) => resume_unwind(other),
    }
}

/// How long the steps after a trip may take together: turning the finished
/// charts into a bound, and rendering it.
pub const GRACE: Duration = Duration::from_millis(500);

/// Runs `f` under a fresh budget that ends [`GRACE`] after the current
/// budget's deadline (or after now, if it was stopped otherwise), with the
/// same memory limit: for the steps that turn finished work into an answer
/// once the run's own budget has run out. `Err` if even they do not finish.
pub fn grace<T>(f: impl FnOnce() -> T) -> Result<T, Exhausted> {
    grace_part(1.0, f)
}

/// [`grace`] ending after `part` of [`GRACE`]: for a step that must leave
/// the rest to the steps after it (the bounds before the report).
pub fn grace_part<T>(part: f64, f: impl FnOnce() -> T) -> Result<T, Exhausted> {
    let Some(outer) = current() else {
        return catch(f);
    };
    // From the deadline of the budget that ran out (of this one, if none did).
    let mut base = outer.state.deadline;
    let mut s = Some(&*outer.state);
    while let Some(state) = s {
        match state.tripped.load(Ordering::Relaxed) {
            RUNNING => s = state.parent.as_deref(),
            TIME => {
                base = state.deadline;
                break;
            }
            _ => {
                base = Some(Instant::now());
                break;
            }
        }
    }
    let deadline = base.and_then(|b| b.checked_add(GRACE.mul_f64(part.clamp(0.0, 1.0))));
    let max = outer.state.max_memory;
    if max.is_some() {
        release_free_memory();
    }
    // The report's headroom, short of the limit itself: the last checks
    // before a report is done may be a few blocks apart.
    let trip = max.map(|m| m - m / 32);
    let inner = Budget::until(deadline, outer.state.timeout, max, trip, None);
    inner.run(f)
}

/// The memory the process uses now, in bytes: the resident set size the
/// kernel reports (Linux) — what the kernel's out-of-memory killer looks
/// at, allocator overhead and fragmentation included — or else the large
/// blocks [`CountingAllocator`] counts when the program installed it (an
/// underestimate), else `None`.
pub fn memory_in_use() -> Option<u64> {
    let heap = COUNTING.load(Ordering::Relaxed).then(counted_heap);
    match (resident_set_size(), heap) {
        (Some(rss), Some(heap)) => Some(rss.max(heap)),
        (rss, heap) => rss.or(heap),
    }
}

/// Gives the memory the allocator holds but no longer uses back to the
/// system (glibc keeps it in per-thread arenas): after unwound work, so
/// that what follows has the room the budget says it has.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn resident_set_size() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Peak resident set size of the process so far (Linux), for reports and benchmarks.
pub fn peak_resident_set_size() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

static HEAP: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// The heap in use as [`CountingAllocator`] counts it (0 when not installed).
fn counted_heap() -> u64 {
    HEAP.load(Ordering::Relaxed).max(0) as u64
}

static COUNTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Blocks of this size and more go to the shared count at once: a
/// tableau's row or a vector of terms can outgrow a memory limit between
/// two looks of the watchdog.
const COUNTED: usize = 4096;

/// Smaller blocks are most of them, and an atomic update on every one costs
/// a tenth of a two-thread run: each thread tallies them on its own and
/// adds its tally to the shared count once it reaches this much either way.
/// (Left to the resident set, which the watchdog reads every few
/// milliseconds, a loop of small allocations outran a 64 MiB budget by a
/// quarter when the watchdog was short of CPU.)
const TALLY: i64 = 64 * 1024;

thread_local! {
    static PENDING: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// Adds (or takes away) a block from the count.
#[inline]
fn count(size: usize, added: bool) {
    let delta = if added { size as i64 } else { -(size as i64) };
    let shared = if size >= COUNTED {
        HEAP.fetch_add(delta, Ordering::Relaxed);
        true
    } else {
        // A const-initialised cell without a destructor: safe to touch
        // from the allocator, it never allocates.
        PENDING.with(|p| {
            let v = p.get() + delta;
            if v.abs() < TALLY {
                p.set(v);
                return false;
            }
            p.set(0);
            HEAP.fetch_add(v, Ordering::Relaxed);
            true
        })
    };
    if shared && added && !COUNTING.load(Ordering::Relaxed) {
        COUNTING.store(true, Ordering::Relaxed);
    }
}

/// The system allocator, counting the bytes in large blocks, so that a
/// checkpoint sees a burst of allocation at once (and a memory budget holds
/// where the system does not report the resident set size). A program opts
/// in with
/// `#[global_allocator] static A: rlct::budget::CountingAllocator = rlct::budget::CountingAllocator;`.
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the same arguments; the
// counter is only arithmetic on the sizes.
unsafe impl std::alloc::GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = std::alloc::System.alloc(layout);
        if !p.is_null() {
            count(layout.size(), true);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        std::alloc::System.dealloc(ptr, layout);
        count(layout.size(), false);
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = std::alloc::System.alloc_zeroed(layout);
        if !p.is_null() {
            count(layout.size(), true);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        let p = std::alloc::System.realloc(ptr, layout, new);
        if !p.is_null() {
            count(layout.size(), false);
            count(new, true);
        }
        p
    }
}

/// The share of a memory budget the work may use before it is stopped:
/// the rest is headroom for the report and for what the allocator keeps.
fn memory_trip_point(max: u64) -> u64 {
    max - max / 8
}

/// How often the watchdog looks at the clock and at memory.
const POLL: Duration = Duration::from_millis(2);

/// One thread for the whole process that trips budgets whose deadline has
/// passed or whose memory limit is exceeded.
struct Watchdog {
    budgets: Mutex<Vec<Weak<State>>>,
    wake: Condvar,
}

fn watchdog() -> &'static Watchdog {
    static WATCHDOG: OnceLock<&'static Watchdog> = OnceLock::new();
    WATCHDOG.get_or_init(|| {
        let w: &'static Watchdog = Box::leak(Box::new(Watchdog {
            budgets: Mutex::new(Vec::new()),
            wake: Condvar::new(),
        }));
        std::thread::Builder::new()
            .name("rlct-budget".into())
            .spawn(move || w.patrol())
            .expect("the budget watchdog thread starts");
        w
    })
}

impl Watchdog {
    fn watch(&self, state: &Arc<State>) {
        let mut budgets = self.budgets.lock().unwrap_or_else(|e| e.into_inner());
        budgets.push(Arc::downgrade(state));
        self.wake.notify_one();
    }

    fn patrol(&self) {
        let mut budgets = self.budgets.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            budgets.retain(|w| w.strong_count() > 0);
            if budgets.is_empty() {
                budgets = self.wake.wait(budgets).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            let live: Vec<Arc<State>> = budgets.iter().filter_map(Weak::upgrade).collect();
            drop(budgets);
            let now = Instant::now();
            let needs_memory = live.iter().any(|s| s.max_memory.is_some());
            let memory = if needs_memory { memory_in_use() } else { None };
            for s in &live {
                if s.deadline.is_some_and(|d| now >= d) {
                    s.trip(TIME);
                }
                if let (Some(_), Some(used)) = (s.max_memory, memory) {
                    if used >= s.trip_memory {
                        s.trip(MEMORY);
                    }
                }
            }
            drop(live);
            std::thread::sleep(POLL);
            budgets = self.budgets.lock().unwrap_or_else(|e| e.into_inner());
            // A tripped budget needs no more watching.
            budgets.retain(|w| {
                w.upgrade()
                    .is_some_and(|s| s.tripped.load(Ordering::Relaxed) == RUNNING)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_past_the_deadline_unwinds_to_run() {
        let b = Budget::new(Some(Duration::from_millis(20)), None);
        let started = Instant::now();
        let r = b.run(|| loop {
            checkpoint();
            std::hint::spin_loop();
        });
        let r: Result<(), Exhausted> = r;
        assert_eq!(r, Err(Exhausted::Time(Duration::from_millis(20))));
        assert!(started.elapsed() < Duration::from_millis(500));
        // The trip is sticky, and the thread is left without a budget.
        assert!(b.exhausted().is_some());
        assert!(current().is_none());
        checkpoint();
    }

    #[test]
    fn cancel_and_grace() {
        let b = Budget::unlimited();
        let r = b.run(|| {
            current().unwrap().cancel();
            checkpoint();
            1
        });
        assert_eq!(r, Err(Exhausted::Cancelled));
        // Grace runs after the trip, within its own short budget.
        let r = b.run(|| grace(|| 2));
        assert_eq!(r, Ok(Ok(2)));
        let r = b.run(|| {
            grace(|| loop {
                checkpoint();
            })
        });
        let r: Result<Result<(), Exhausted>, Exhausted> = r;
        assert!(matches!(r, Ok(Err(Exhausted::Time(_)))));
    }

    #[test]
    fn other_panics_are_not_caught() {
        let r = catch_unwind(|| catch(|| panic!("a bug")));
        assert!(r.is_err());
    }

    #[test]
    fn memory_sizes() {
        assert_eq!(parse_bytes("4G"), Ok(4 << 30));
        assert_eq!(parse_bytes("512 MiB"), Ok(512 << 20));
        assert_eq!(parse_bytes("1000"), Ok(1000));
        assert_eq!(
            parse_bytes("1e400"),
            Err("`1e400` is not a memory size such as 4G or 512M".into())
        );
        assert!(parse_bytes("-1G").is_err());
        assert!(parse_bytes("0").is_err());
        assert_eq!(parse_bytes("99999999999999999999T"), Ok(u64::MAX));
        assert_eq!(bytes(4 << 30), "4 GiB");
        assert_eq!(
            Exhausted::Time(Duration::from_millis(1500)).to_string(),
            "time limit 1.5 s reached"
        );
    }
}
