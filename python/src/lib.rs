//! `rlct._rlct`: the Python extension module over the `rlct` library.
//!
//! This layer only moves data across: input text in, the library's own
//! renderings out (the CLI's JSON, Markdown, LaTeX and SVG reports). The
//! Python package (`python/rlct/`) builds its objects — `Fraction`s,
//! `Result`, `Model` — from those strings, so that every number a notebook
//! sees is the one `rlct FILE --format json` prints.
//!
//! Every run happens on a worker thread with the GIL released, under a
//! [`Budget`]; the calling thread waits, polling for signals, and on
//! Ctrl-C cancels the budget (the run stops at its next checkpoint, well
//! within a second) and raises `KeyboardInterrupt`. No process-wide signal
//! handler is installed: Python's own one sets the flag that
//! `check_signals` reads.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use rlct::budget::{self, Budget};
use rlct::models::Model;
use rlct::numeric::EstimateOptions;
use rlct::{report, Options, Problem, Rlct};

/// How often the waiting thread looks for a pending signal: short enough
/// that Ctrl-C feels immediate, long enough to cost nothing.
const POLL: Duration = Duration::from_millis(20);

/// The library's error as the package's exception (`rlct.InputError`
/// with its position, `rlct.Unsupported`, `rlct.Stopped`; see
/// `rlct/_errors.py`). `source` is the text that was parsed, kept on the
/// exception since for keyword input the user never saw it.
fn error(py: Python<'_>, e: &rlct::Error, source: Option<&str>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let errors = py.import("rlct._errors")?;
        let (class, message) = match e {
            rlct::Error::Input { message, .. } => ("InputError", message.clone()),
            rlct::Error::Unsupported(m) => ("Unsupported", m.clone()),
            rlct::Error::Stopped(m) => ("Stopped", m.clone()),
        };
        let exc = errors.getattr(class)?.call1((e.to_string(),))?;
        exc.setattr("message", message)?;
        exc.setattr("source", source)?;
        if let rlct::Error::Input {
            location: Some(loc),
            ..
        } = e
        {
            exc.setattr("line", loc.line)?;
            exc.setattr("column", loc.column)?;
            exc.setattr("line_text", loc.line_text.clone())?;
        }
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

/// Runs `work` on a worker thread under `budget`, with the GIL released,
/// until it ends or a signal handler raises (Ctrl-C: `KeyboardInterrupt`).
/// On a signal the budget is cancelled and the worker joined before the
/// exception propagates, so no run goes on in the background. A panic of
/// the worker becomes a `RuntimeError`, never an abort.
fn run<T: Send + 'static>(
    py: Python<'_>,
    budget: &Budget,
    work: impl FnOnce() -> T + Send + 'static,
) -> PyResult<T> {
    let (done, finished) = mpsc::channel::<()>();
    let b = budget.clone();
    let worker = std::thread::Builder::new()
        .name("rlct".into())
        // Not the 2 MiB of a spawned thread: the resolution recurses with
        // the tree, and the command line runs it on a main thread (8 MiB).
        .stack_size(64 << 20)
        .spawn(move || {
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| b.enter(work)));
            let _ = done.send(());
            out
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread: {e}")))?;
    let mut finished = finished;
    loop {
        // The receiver is not Sync: it goes into the GIL-free closure and
        // comes back out.
        let (back, waited) = py.detach(move || {
            let r = finished.recv_timeout(POLL);
            (finished, r)
        });
        finished = back;
        if !matches!(waited, Err(mpsc::RecvTimeoutError::Timeout)) {
            break;
        }
        if let Err(interrupt) = py.check_signals() {
            budget.cancel();
            let _ = py.detach(|| worker.join());
            return Err(interrupt);
        }
    }
    match py.detach(|| worker.join()) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(panic)) | Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic".into());
            Err(PyRuntimeError::new_err(format!(
                "internal error in rlct (please report it): {what}"
            )))
        }
    }
}

/// The budget of one call: `timeout` seconds (`None`: no limit) and
/// `max_memory` bytes of the process's resident memory. The default memory
/// budget is the command line's 4 GiB *on top of* what the process already
/// uses: a notebook holding gigabytes of tensors must not make every run
/// stop at once.
fn budget_for(timeout: Option<f64>, max_memory: Option<u64>) -> PyResult<Budget> {
    let timeout = match timeout {
        None => None,
        Some(t) if t.is_finite() && t > 0.0 => Some(Duration::from_secs_f64(t.min(3.15e9))),
        Some(t) if t == f64::INFINITY => None,
        Some(t) => {
            return Err(PyValueError::new_err(format!(
                "timeout must be a positive number of seconds or None, not {t}"
            )))
        }
    };
    let max_memory = match max_memory {
        Some(0) => {
            return Err(PyValueError::new_err(
                "max_memory must be a positive number of bytes",
            ))
        }
        Some(m) => m,
        None => budget::memory_in_use()
            .unwrap_or(0)
            .saturating_add(rlct::resolve::DEFAULT_MAX_MEMORY),
    };
    Ok(Budget::new(timeout, Some(max_memory)))
}

/// One analysed problem: the problem, its result, and the reports of it,
/// all rendered by the library's `report` module (with the GIL released:
/// a tree of thousands of charts takes a moment to write).
#[pyclass(frozen, module = "rlct._rlct")]
struct Analysis {
    problem: Problem,
    result: Rlct,
    options: Options,
    model: Option<Model>,
    json: String,
}

#[pymethods]
impl Analysis {
    /// The result as the CLI's `--format json` prints it.
    fn json(&self) -> String {
        self.json.clone()
    }

    /// The short text summary (`rlct FILE`).
    fn text(&self, py: Python<'_>) -> String {
        py.detach(|| {
            let out = report::text(&self.problem, &self.result);
            match &self.model {
                Some(m) => report::model_text(m, &self.result) + "\n" + &out,
                None => out,
            }
        })
    }

    /// The Markdown report (`--format markdown`).
    fn markdown(&self, py: Python<'_>) -> String {
        py.detach(|| match &self.model {
            Some(m) => report::model_markdown(&self.problem, &self.result, m, None),
            None => report::markdown(&self.problem, &self.result, None),
        })
    }

    /// The LaTeX report (`--format latex`, with `--fragment` if asked).
    fn latex(&self, py: Python<'_>, fragment: bool) -> String {
        py.detach(|| match &self.model {
            Some(m) => report::model_latex(&self.problem, &self.result, m, fragment, None),
            None => report::latex(&self.problem, &self.result, fragment, None),
        })
    }

    /// The resolution tree as SVG (`--svg-tree`); `ValueError` when the
    /// Newton polyhedron certified the result without one.
    fn svg_tree(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| report::tree_svg(&self.problem, &self.result))
            .map_err(PyValueError::new_err)
    }

    /// The Newton polygon as SVG (`--svg-newton`), at the site that bounds
    /// λ; `ValueError` when there is none to draw.
    fn svg_newton(&self, py: Python<'_>) -> PyResult<String> {
        let (problem, result, options) = (
            self.problem.clone(),
            self.result.clone(),
            self.options.clone(),
        );
        // Finding the site may mean solving for a zero of K: interruptible.
        let budget = Budget::unlimited();
        run(py, &budget, move || {
            report::newton_site(&problem, &result, &options)
                .and_then(|site| report::newton_svg(&problem, &result, &site))
        })?
        .map_err(PyValueError::new_err)
    }
}

/// Parses and analyses `text` (with `model`, the model's reports), within
/// `timeout` seconds: the result, or an exception for bad input. A run cut
/// short by its limits (or interrupted) is a bound, not an error.
#[pyfunction]
#[pyo3(signature = (text, *, timeout=None, max_memory=None, max_charts=None, always_resolve=false, model=None))]
fn analyze(
    py: Python<'_>,
    text: String,
    timeout: Option<f64>,
    max_memory: Option<u64>,
    max_charts: Option<usize>,
    always_resolve: bool,
    model: Option<PyRef<'_, PyModel>>,
) -> PyResult<Analysis> {
    let mut options = Options {
        always_resolve,
        ..Options::default()
    };
    if let Some(n) = max_charts {
        if n == 0 {
            return Err(PyValueError::new_err("max_charts must be at least 1"));
        }
        options.exploration.max_charts = n;
    }
    let budget = budget_for(timeout, max_memory)?;
    let model = model.map(|m| m.0.clone());
    let (opts, m) = (options.clone(), model.clone());
    let source = text.clone();
    let outcome = run(py, &budget, move || -> Result<_, rlct::Error> {
        let problem = budget::catch(|| rlct::parse(&source))
            .map_err(|why| rlct::Error::stopped(why, "reading the input"))??;
        let result = rlct::analyze(&problem, &opts)?;
        // As the command line does: the report within the budget, or a
        // little after it; failing that, the result alone.
        let json = budget::grace(|| match &m {
            Some(m) => report::model_json(&problem, &result, m, None),
            None => report::json(&problem, &result, None),
        })
        .unwrap_or_else(|why| {
            Budget::unlimited().enter(|| report::brief_json(&problem, &result, &why.to_string()))
        });
        Ok((problem, result, json))
    })?;
    let (problem, result, json) = outcome.map_err(|e| error(py, &e, Some(&text)))?;
    Ok(Analysis {
        problem,
        result,
        options,
        model,
        json,
    })
}

/// The settings of an estimate, checked as the command line checks them.
fn estimate_options(
    seed: u64,
    runs: usize,
    live: usize,
    steps: usize,
    decades: f64,
) -> PyResult<EstimateOptions> {
    let within = |name: &str, v: usize, lo: usize, hi: usize| {
        if (lo..=hi).contains(&v) {
            Ok(())
        } else {
            Err(PyValueError::new_err(format!(
                "{name} must be a whole number from {lo} to {hi}, not {v}"
            )))
        }
    };
    within("runs", runs, 2, 10_000)?;
    if live != 0 {
        within("live", live, 10, 1_000_000)?;
    }
    within("steps", steps, 0, 100_000)?;
    if !(2.0..=300.0).contains(&decades) {
        return Err(PyValueError::new_err(format!(
            "decades must be from 2 to 300, not {decades}"
        )));
    }
    Ok(EstimateOptions {
        seed,
        runs,
        live,
        steps,
        decades,
        progress: false,
    })
}

/// A numerical estimate of λ for `text`: the JSON and the text of
/// `rlct estimate`; with `lambda_`, also the log-log coefficient with λ
/// held there.
#[pyfunction]
#[pyo3(signature = (text, *, seed=1, runs=8, live=0, steps=0, decades=30.0, lambda_=None, timeout=None, max_memory=None))]
#[allow(clippy::too_many_arguments)]
fn estimate(
    py: Python<'_>,
    text: String,
    seed: u64,
    runs: usize,
    live: usize,
    steps: usize,
    decades: f64,
    lambda_: Option<f64>,
    timeout: Option<f64>,
    max_memory: Option<u64>,
) -> PyResult<(String, String)> {
    let options = estimate_options(seed, runs, live, steps, decades)?;
    if let Some(l) = lambda_ {
        if !(l.is_finite() && l > 0.0) {
            return Err(PyValueError::new_err(format!(
                "lambda_ must be a positive number, not {l}"
            )));
        }
    }
    let budget = budget_for(timeout, max_memory)?;
    let source = text.clone();
    let outcome = run(py, &budget, move || -> Result<_, rlct::Error> {
        let e = budget::catch(|| {
            let p = rlct::parse(&source)?;
            rlct::numeric::estimate(&p, &options)
        })
        .map_err(|why| rlct::Error::stopped(why, "reading the input"))??;
        let render = || {
            (
                report::estimate_json(&e, lambda_),
                report::estimate_text(&e, lambda_),
            )
        };
        // The reports only format numbers already computed.
        Ok(budget::grace(render).unwrap_or_else(|_| Budget::unlimited().enter(render)))
    })?;
    outcome.map_err(|e| error(py, &e, Some(&text)))
}

/// Both sides for `text` (`rlct check`): the exact analysis (with half the
/// time, as the command line gives it), the estimate's JSON and text, and
/// the comparison's JSON and text.
#[pyfunction]
#[pyo3(signature = (text, *, seed=1, runs=8, live=0, steps=0, decades=30.0, timeout=None, max_memory=None, model=None))]
#[allow(clippy::too_many_arguments)]
fn check(
    py: Python<'_>,
    text: String,
    seed: u64,
    runs: usize,
    live: usize,
    steps: usize,
    decades: f64,
    timeout: Option<f64>,
    max_memory: Option<u64>,
    model: Option<PyRef<'_, PyModel>>,
) -> PyResult<(Analysis, String, String, String, String)> {
    let eo = estimate_options(seed, runs, live, steps, decades)?;
    let budget = budget_for(timeout, max_memory)?;
    let model = model.map(|m| m.0.clone());
    let m = model.clone();
    let source = text.clone();
    let b = budget.clone();
    let outcome = run(py, &budget, move || -> Result<_, rlct::Error> {
        let problem = budget::catch(|| rlct::parse(&source))
            .map_err(|why| rlct::Error::stopped(why, "reading the input"))??;
        let exact = b
            .share(0.5)
            .enter(|| rlct::analyze(&problem, &Options::default()))?;
        let e = rlct::numeric::estimate(&problem, &eo)?;
        let agreement = rlct::numeric::compare(&exact, &e);
        let lambda = num_traits::ToPrimitive::to_f64(&exact.lambda);
        let numeric = Budget::unlimited().enter(|| {
            (
                report::estimate_json(&e, lambda),
                report::estimate_text(&e, lambda),
                report::check_json(&exact, &e, &agreement),
                report::check_text(&exact, &e, &agreement),
            )
        });
        let json = budget::grace(|| match &m {
            Some(m) => report::model_json(&problem, &exact, m, None),
            None => report::json(&problem, &exact, None),
        })
        .unwrap_or_else(|why| {
            Budget::unlimited().enter(|| report::brief_json(&problem, &exact, &why.to_string()))
        });
        Ok((problem, exact, json, numeric))
    })?;
    let (problem, result, json, (estimate_json, estimate_text, check_json, check_text)) =
        outcome.map_err(|e| error(py, &e, Some(&text)))?;
    let analysis = Analysis {
        problem,
        result,
        options: Options::default(),
        model,
        json,
    };
    Ok((
        analysis,
        estimate_json,
        estimate_text,
        check_json,
        check_text,
    ))
}

/// A known singular model (`rlct model …`): its input file and the
/// literature's value.
#[pyclass(frozen, name = "Model", module = "rlct._rlct")]
struct PyModel(Model);

/// A formula's λ as text, its m and its source.
type FormulaParts = (String, usize, String);

fn formula_parts(f: &Option<rlct::models::Formula>) -> Option<FormulaParts> {
    f.as_ref().map(|f| {
        (
            rlct::poly::fmt_rational(&f.lambda),
            f.multiplicity,
            f.source.clone(),
        )
    })
}

#[pymethods]
impl PyModel {
    /// A short name: `rrr M=2 N=2 H=1 r=0`.
    #[getter]
    fn name(&self) -> String {
        self.0.name.clone()
    }
    /// The input file.
    #[getter]
    fn text(&self) -> String {
        self.0.text.clone()
    }
    /// The true parameter, in words.
    #[getter]
    fn truth(&self) -> String {
        self.0.truth.clone()
    }
    /// The true parameter as an `at` statement.
    #[getter]
    fn at(&self) -> String {
        self.0.at.clone()
    }
    /// The literature's λ (as text), m and source, if known.
    #[getter]
    fn formula(&self) -> Option<FormulaParts> {
        formula_parts(&self.0.formula)
    }
    /// A published upper bound: λ (as text), its order and source.
    #[getter]
    fn bound(&self) -> Option<FormulaParts> {
        formula_parts(&self.0.bound)
    }
    /// The local problem at the true parameter.
    fn at_truth(&self) -> PyModel {
        PyModel(self.0.at_truth())
    }
}

/// A model constructor's result as a Python object or exception; a panic
/// (a violated precondition the constructor did not check) is a
/// `ValueError` rather than an abort.
fn built(py: Python<'_>, make: impl FnOnce() -> Result<Model, rlct::Error>) -> PyResult<PyModel> {
    match std::panic::catch_unwind(AssertUnwindSafe(make)) {
        Ok(Ok(m)) => Ok(PyModel(m)),
        Ok(Err(e)) => Err(error(py, &e, None)),
        Err(_) => Err(PyValueError::new_err(
            "these model parameters are not supported (the constructor refused them)",
        )),
    }
}

/// Reduced rank regression (`rlct model rrr`).
#[pyfunction]
#[pyo3(signature = (inputs, outputs, hidden, true_rank=0))]
fn model_rrr(
    py: Python<'_>,
    inputs: usize,
    outputs: usize,
    hidden: usize,
    true_rank: usize,
) -> PyResult<PyModel> {
    built(py, || {
        rlct::models::reduced_rank_regression(inputs, outputs, hidden, true_rank)
    })
}

/// Deep linear network (`rlct model dln`).
#[pyfunction]
#[pyo3(signature = (widths, true_rank=0))]
fn model_dln(py: Python<'_>, widths: Vec<usize>, true_rank: usize) -> PyResult<PyModel> {
    built(py, || rlct::models::deep_linear_network(&widths, true_rank))
}

/// Three-layer tanh network (`rlct model tanh`).
#[pyfunction]
fn model_tanh(py: Python<'_>, hidden: usize) -> PyResult<PyModel> {
    built(py, || rlct::models::tanh_network(hidden))
}

/// Gaussian factor analysis (`rlct model factor-analysis`).
#[pyfunction]
#[pyo3(signature = (observed, factors, true_factors=0, true_loadings="generic", keep_noise=false))]
fn model_factor_analysis(
    py: Python<'_>,
    observed: usize,
    factors: usize,
    true_factors: usize,
    true_loadings: &str,
    keep_noise: bool,
) -> PyResult<PyModel> {
    let loadings = rlct::models::TrueLoadings::parse(true_loadings)
        .map_err(|e| error(py, &rlct::Error::input(e), None))?;
    built(py, || {
        rlct::models::factor_analysis(&rlct::models::FactorAnalysis {
            observed,
            factors,
            true_factors,
            loadings,
            keep_noise,
        })
    })
}

/// Gaussian latent tree or forest (`rlct model latent-tree`).
#[pyfunction]
#[pyo3(signature = (edges, truth="none"))]
fn model_latent_tree(py: Python<'_>, edges: &str, truth: &str) -> PyResult<PyModel> {
    built(py, || rlct::models::latent_tree(edges, truth))
}

/// Naive Bayes (`rlct model naive-bayes`).
#[pyfunction]
#[pyo3(signature = (features, classes=2, truth="generic"))]
fn model_naive_bayes(
    py: Python<'_>,
    features: usize,
    classes: usize,
    truth: &str,
) -> PyResult<PyModel> {
    let truth = truth
        .parse::<rlct::models::NaiveBayesTruth>()
        .map_err(|e| error(py, &rlct::Error::input(e), None))?;
    built(py, || rlct::models::naive_bayes(features, classes, truth))
}

/// Latent Dirichlet allocation (`rlct model lda`).
#[pyfunction]
#[pyo3(signature = (words, documents, topics, true_topics=1))]
fn model_lda(
    py: Python<'_>,
    words: usize,
    documents: usize,
    topics: usize,
    true_topics: usize,
) -> PyResult<PyModel> {
    built(py, || {
        rlct::models::lda(words, documents, topics, true_topics)
    })
}

/// Finite mixture (`rlct model mixture`).
#[pyfunction]
#[pyo3(signature = (family, components, true_components=1, trials=None, categories=None, truth=Vec::new(), interval=Vec::new(), moments=false))]
#[allow(clippy::too_many_arguments)]
fn model_mixture(
    py: Python<'_>,
    family: &str,
    components: usize,
    true_components: usize,
    trials: Option<usize>,
    categories: Option<usize>,
    truth: Vec<String>,
    interval: Vec<String>,
    moments: bool,
) -> PyResult<PyModel> {
    built(py, || {
        let family = family.parse::<rlct::models::MixtureFamily>()?;
        rlct::models::mixture(&rlct::models::MixtureSpec {
            family,
            components,
            true_components,
            trials,
            categories,
            truth,
            interval,
            moments,
        })
    })
}

/// Restricted Boltzmann machine (`rlct model rbm`).
#[pyfunction]
#[pyo3(signature = (visible, hidden, truth="independent"))]
fn model_rbm(py: Python<'_>, visible: usize, hidden: usize, truth: &str) -> PyResult<PyModel> {
    built(py, || {
        let truth = truth.parse()?;
        rlct::models::restricted_boltzmann_machine(visible, hidden, truth)
    })
}

/// Non-negative matrix factorisation (`rlct model nmf`).
#[pyfunction]
#[pyo3(signature = (rows, columns, inner, true_rank=0))]
fn model_nmf(
    py: Python<'_>,
    rows: usize,
    columns: usize,
    inner: usize,
    true_rank: usize,
) -> PyResult<PyModel> {
    built(py, || {
        rlct::models::nonnegative_matrix_factorization(rows, columns, inner, true_rank)
    })
}

/// The reference set (`rlct suite --format json`), with the CLI's filters.
#[pyfunction]
#[pyo3(signature = (max_params=None, family=None))]
fn suite_json(py: Python<'_>, max_params: Option<usize>, family: Option<&str>) -> PyResult<String> {
    rlct::models::suite::select(max_params, family)
        .map(|entries| rlct::models::suite::json(&entries))
        .map_err(|e| error(py, &e, None))
}

/// K of the reference set's entry `id` at a point given as exact numbers
/// (`"1/2"`), evaluated exactly by the engine: its value as text.
#[pyfunction]
fn suite_k_at(py: Python<'_>, id: &str, point: Vec<String>) -> PyResult<String> {
    let entries = rlct::models::suite::entries().map_err(|e| error(py, &e, None))?;
    let Some(entry) = entries.iter().find(|e| e.id == id) else {
        return Err(PyValueError::new_err(format!(
            "the reference set has no entry `{id}`"
        )));
    };
    let point = point
        .iter()
        .map(|x| {
            x.trim().parse::<rlct::poly::Rational>().map_err(|_| {
                PyValueError::new_err(format!("`{x}` is not an exact number such as -3/4"))
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    entry
        .k_at(&point)
        .map(|v| rlct::poly::fmt_rational(&v))
        .map_err(|e| error(py, &e, None))
}

/// The extension module.
#[pymodule]
fn _rlct(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("JSON_VERSION", report::JSON_VERSION)?;
    m.add_class::<Analysis>()?;
    m.add_class::<PyModel>()?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(estimate, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(model_rrr, m)?)?;
    m.add_function(wrap_pyfunction!(model_dln, m)?)?;
    m.add_function(wrap_pyfunction!(model_tanh, m)?)?;
    m.add_function(wrap_pyfunction!(model_factor_analysis, m)?)?;
    m.add_function(wrap_pyfunction!(model_latent_tree, m)?)?;
    m.add_function(wrap_pyfunction!(model_naive_bayes, m)?)?;
    m.add_function(wrap_pyfunction!(model_lda, m)?)?;
    m.add_function(wrap_pyfunction!(model_mixture, m)?)?;
    m.add_function(wrap_pyfunction!(model_rbm, m)?)?;
    m.add_function(wrap_pyfunction!(model_nmf, m)?)?;
    m.add_function(wrap_pyfunction!(suite_json, m)?)?;
    m.add_function(wrap_pyfunction!(suite_k_at, m)?)?;
    Ok(())
}
