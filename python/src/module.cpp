// annals._core: the pybind11 bindings behind `import annals` (python/README.md).
//
// Plain values of the C++ API (report, fact, change, …) become read-only Python objects whose
// figures are decimal.Decimal (never float); dates are datetime.date; enums are their
// annals.report/1 names. Every call that reads, ingests, queries or tracks runs with the GIL
// released; reading several files uses std::thread workers, while the store is written from the
// calling thread, each report all or nothing, in groups (annals::bulk_ingest) as `annals ingest` does.
#include <annals/bulk_ingest.hpp>
#include <annals/decimal.hpp>
#include <annals/error.hpp>
#include <annals/growth.hpp>
#include <annals/html_report.hpp>
#include <annals/reader.hpp>
#include <annals/report.hpp>
#include <annals/report_json.hpp>
#include <annals/sha256.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>
#include <annals/version.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace py = pybind11;

// ---- decimal.Decimal <-> annals::decimal ---------------------------------------------------------

namespace {

/// decimal.Decimal, imported once (the module keeps a reference for the life of the process).
py::object& decimal_type() {
  static py::object* cls = new py::object(py::module_::import("decimal").attr("Decimal"));
  return *cls;
}

/// The Decimal keeps the decimals the figure was written or computed with (89.60 stays 89.60,
/// growth(…, digits=2) gives 89.10), as annals::decimal does; the JSON writes the canonical text.
py::object to_py(const annals::decimal& d) { return decimal_type()(d.to_string(d.scale())); }

}  // namespace

namespace pybind11::detail {

/// annals::decimal to decimal.Decimal; from Decimal, int or str (exact, never float).
template <>
struct type_caster<annals::decimal> {
  PYBIND11_TYPE_CASTER(annals::decimal, const_name("decimal.Decimal"));

  bool load(handle src, bool convert) {
    if (!src || PyBool_Check(src.ptr()) || PyFloat_Check(src.ptr())) return false;
    std::string text;
    if (PyLong_Check(src.ptr())) {
      text = py::str(src).cast<std::string>();
    } else if (py::isinstance(src, decimal_type())) {
      // format(d, 'f'): no exponent (Decimal('1E+2') → '100'); NaN and Infinity do not parse
      text = py::module_::import("builtins").attr("format")(src, "f").cast<std::string>();
    } else if (convert && PyUnicode_Check(src.ptr())) {
      text = src.cast<std::string>();
    } else {
      return false;
    }
    const auto d = annals::decimal::try_parse(text);
    if (!d) return false;
    value = *d;
    return true;
  }

  static handle cast(const annals::decimal& d, return_value_policy, handle) { return to_py(d).release(); }
};

}  // namespace pybind11::detail

namespace {

// ---- small conversions ------------------------------------------------------------------------

py::object date_to_py(const std::optional<annals::calendar_date>& d) {
  if (!d) return py::none();
  return py::module_::import("datetime").attr("date")(d->year(), d->month(), d->day());
}

std::optional<int> year_of(const std::optional<annals::report_year>& y) {
  return y ? std::optional<int>(y->value()) : std::nullopt;
}

/// A fact's interval; unbounded both sides when its bounds cannot be computed (as to_json does).
annals::interval bounds_of(const annals::quantity& q) {
  try {
    return q.bounds();
  } catch (const annals::error&) {
    return annals::interval{std::nullopt, std::nullopt, false, false};
  }
}

std::optional<std::string> direction_name(annals::direction d) {
  return d == annals::direction::none ? std::nullopt : std::optional<std::string>(std::string(to_string(d)));
}

annals::rounding rounding_from(const std::string& name) {
  if (const auto r = annals::from_string<annals::rounding>(name)) return *r;
  throw annals::usage_error("rounding: '" + name + "' is not one of half_up, half_even, truncate, floor, ceiling");
}

/// repr() of the first `n` code points of a UTF-8 string (never cut inside a character).
std::string short_repr(const std::string& utf8, std::size_t n = 40) {
  py::str s(utf8);
  if (py::len(s) > n) {
    const py::str head(s[py::slice(0, static_cast<py::ssize_t>(n), 1)]);
    s = py::str(head + py::str("…"));
  }
  return py::repr(s).cast<std::string>();
}

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

// ---- parallel reading ---------------------------------------------------------------------------

/// One file read by a worker: the report, or the error that stopped it.
struct read_outcome {
  std::optional<annals::report> report;
  std::exception_ptr error;
};

read_outcome read_one(const std::string& path) {
  read_outcome o;
  try {
    o.report = annals::read_report(path);
  } catch (...) {
    o.error = std::current_exception();
  }
  return o;
}

/**
 * Reads `paths` with `jobs` worker threads and hands each outcome to `consume` in path order, in
 * the calling thread (which is where the store is written). Workers stay at most 2 × jobs files
 * ahead of the consumer, so memory stays bounded on large folders. When `consume` throws, the
 * workers stop after their current file and the exception propagates. Call without the GIL.
 */
void read_in_order(const std::vector<std::string>& paths, unsigned jobs,
                   const std::function<void(std::size_t, read_outcome&&)>& consume) {
  const std::size_t n = paths.size();
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) consume(i, read_one(paths[i]));
    return;
  }
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  const std::size_t window = 2 * static_cast<std::size_t>(jobs);
  std::vector<std::optional<read_outcome>> slots(n);
  std::mutex mu;
  std::condition_variable cv;
  std::size_t next_claim = 0, next_consume = 0;
  bool stop = false;

  auto worker = [&] {
    while (true) {
      std::size_t i;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || next_claim >= n || next_claim < next_consume + window; });
        if (stop || next_claim >= n) return;
        i = next_claim++;
      }
      read_outcome o = read_one(paths[i]);
      {
        const std::lock_guard lock(mu);
        slots[i] = std::move(o);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  auto finish = [&] {
    {
      const std::lock_guard lock(mu);
      stop = true;
    }
    cv.notify_all();
    for (auto& t : threads) t.join();
  };
  try {
    for (std::size_t i = 0; i < n; ++i) {
      read_outcome o;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return slots[i].has_value(); });
        o = std::move(*slots[i]);
        slots[i].reset();
        next_consume = i + 1;
      }
      cv.notify_all();
      consume(i, std::move(o));
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

unsigned jobs_or_default(std::optional<int> jobs, std::size_t files) {
  if (jobs && *jobs < 1) throw annals::usage_error("jobs: must be at least 1, got " + std::to_string(*jobs));
  unsigned j = jobs ? static_cast<unsigned>(*jobs) : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(j, std::max<std::size_t>(files, 1)));
}

// ---- the store, guarded -----------------------------------------------------------------------

/// A store and the lock that keeps its one connection to one thread at a time (Python threads
/// may call the same Store object while the GIL is released).
class py_store {
 public:
  py_store(const std::string& uri, bool read_only, std::optional<double> timeout) {
    annals::store_options opt;
    if (timeout) opt.busy_timeout = std::chrono::milliseconds(static_cast<long>(*timeout * 1000));
    py::gil_scoped_release nogil;
    if (uri == ":memory:") db_ = std::make_unique<annals::store>(annals::store::memory(opt));
    else
      db_ = std::make_unique<annals::store>(annals::store::open(
          uri, read_only ? annals::open_mode::read_only : annals::open_mode::read_write, opt));
    path_ = db_->path().string();
  }

  /// Runs `f(store&)` without the GIL, holding the store's lock.
  template <class F>
  auto with(F&& f) {
    py::gil_scoped_release nogil;
    const std::lock_guard lock(mu_);
    if (!db_) throw annals::usage_error(path_ + ": the store is closed");
    return f(*db_);
  }

  void close() {
    py::gil_scoped_release nogil;
    const std::lock_guard lock(mu_);
    db_.reset();
  }
  [[nodiscard]] bool closed() const { return !db_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::mutex mu_;
  std::unique_ptr<annals::store> db_;
  std::string path_;
};

/// What ingesting one input did: added/skipped with the id and counts, or failed with why.
struct ingest_row {
  std::string source;
  std::string status;  ///< added | skipped | failed | unsupported
  std::optional<std::int64_t> id;
  std::optional<annals::report_counts> counts;
  std::string error;  ///< failed: the message the tool prints after "annals: "
};

ingest_row row_of(std::string source, const annals::ingest_result& r) {
  return {std::move(source), r.status == annals::ingest_status::added ? "added" : "skipped", r.id.value, r.counts,
          {}};
}

// ---- attribute names ----------------------------------------------------------------------------

/// A yoy_point member that holds % or points (in_pp): as growth_pct (points = false) or change_pp
/// (points = true), None for the other kind.
template <auto member, bool points>
auto percent_or_points() {
  return [](const annals::yoy_point& p) -> std::optional<annals::decimal> {
    return p.in_pp == points ? p.*member : std::nullopt;
  };
}

/// An attribute kept under its old name: the same value, with a DeprecationWarning naming the new one.
template <class C, auto member>
auto deprecated(const char* old_name, const char* new_name) {
  return [old_name, new_name](const C& c) {
    const std::string message = std::string(old_name) + " is deprecated: use " + new_name;
    if (PyErr_WarnEx(PyExc_DeprecationWarning, message.c_str(), 1) < 0) throw py::error_already_set();
    return c.*member;
  };
}

// ---- exceptions ---------------------------------------------------------------------------------

PyObject* make_exception(py::module_& m, const char* name, PyObject* base, PyObject* builtin, int exit_code,
                         const char* doc) {
  const std::string qualified = std::string("annals.") + name;
  py::tuple bases = builtin ? py::make_tuple(py::handle(base), py::handle(builtin)) : py::make_tuple(py::handle(base));
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (!cls) throw py::error_already_set();
  py::handle h(cls);
  h.attr("exit_code") = exit_code;
  m.add_object(name, py::reinterpret_borrow<py::object>(h));
  return cls;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "annals._core: the compiled part of `import annals` (use the annals package, not this module).";
  m.attr("__version__") = std::string(annals::version());

  // ---- exceptions: str(e) is the message the `annals` tool prints after "annals: " ----
  static PyObject* error_cls = make_exception(m, "Error", PyExc_Exception, nullptr, 70, "Base of every annals error.");
  static PyObject* input_cls = make_exception(
      m, "InputError", error_cls, PyExc_ValueError, 3,
      "Bad input: a missing or unreadable file, binary data, an empty document, a malformed report or figure.");
  static PyObject* store_cls = make_exception(
      m, "StoreError", error_cls, PyExc_OSError, 4,
      "The store failed: not a database, read-only, locked, full, corrupt.");
  static PyObject* usage_cls = make_exception(m, "UsageError", error_cls, PyExc_ValueError, 2,
                                              "Misuse of the API: a closed store, an unknown report id, bad arguments.");
  static PyObject* output_cls =
      make_exception(m, "OutputError", error_cls, PyExc_OSError, 5, "An output could not be written.");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const annals::input_error& e) {
      PyErr_SetString(input_cls, e.what());
    } catch (const annals::storage_error& e) {
      PyErr_SetString(store_cls, e.what());
    } catch (const annals::usage_error& e) {
      PyErr_SetString(usage_cls, e.what());
    } catch (const annals::output_error& e) {
      PyErr_SetString(output_cls, e.what());
    } catch (const annals::error& e) {
      PyErr_SetString(error_cls, e.what());
    }
  });

  // ---- the report (annals.report/1) ----
  py::class_<annals::source_info>(m, "Source", "Where a report came from.")
      .def_readonly("name", &annals::source_info::name, "the file name as given")
      .def_readonly("sha256", &annals::source_info::sha256, "SHA-256 of the raw bytes, 64 hex digits")
      .def_readonly("encoding", &annals::source_info::encoding, "utf-8 | gb18030 | utf-16le | utf-16be")
      .def_property_readonly(
          "format", [](const annals::source_info& i) { return std::string(to_string(i.format)); },
          "text | html | pdf | docx")
      .def("__repr__", [](const annals::source_info& s) { return "Source(name=" + py::repr(py::str(s.name)).cast<std::string>() + ")"; });

  py::class_<annals::item>(m, "Item", "一是… inside a section.")
      .def_readonly("ordinal", &annals::item::ordinal)
      .def_readonly("marker", &annals::item::marker)
      .def_readonly("title", &annals::item::title)
      .def_property_readonly("start", [](const annals::item& i) { return i.span.start; })
      .def_property_readonly("end", [](const annals::item& i) { return i.span.end; });

  py::class_<annals::section>(m, "Section", "一、… with its heading and items.")
      .def_readonly("ordinal", &annals::section::ordinal)
      .def_readonly("marker", &annals::section::marker)
      .def_readonly("heading", &annals::section::heading)
      .def_readonly("items", &annals::section::items)
      .def_property_readonly("start", [](const annals::section& s) { return s.span.start; })
      .def_property_readonly("end", [](const annals::section& s) { return s.span.end; });

  py::class_<annals::fact>(m, "Fact", "A figure the report states (annals.report/1 `facts`); value is a Decimal.")
      .def_readonly("id", &annals::fact::id)
      .def_readonly("section", &annals::fact::section)
      .def_readonly("item", &annals::fact::item)
      .def_readonly("label", &annals::fact::label, "what is counted")
      .def_readonly("text", &annals::fact::text, "as written, qualifier included: 超1.11万件")
      .def_property_readonly("value", [](const annals::fact& f) { return f.q.value; }, "Decimal, 万/亿 multiplied out")
      .def_property_readonly("unit", [](const annals::fact& f) { return f.q.unit; })
      .def_property_readonly("qualifier", [](const annals::fact& f) { return std::string(to_string(f.q.qual)); })
      .def_readonly("qualifier_text", &annals::fact::qualifier_text)
      .def_property_readonly("lo", [](const annals::fact& f) { return bounds_of(f.q).lo; }, "Decimal or None (unbounded)")
      .def_property_readonly("hi", [](const annals::fact& f) { return bounds_of(f.q).hi; }, "Decimal or None (unbounded)")
      .def_property_readonly("lo_closed", [](const annals::fact& f) { return bounds_of(f.q).lo_closed; })
      .def_property_readonly("hi_closed", [](const annals::fact& f) { return bounds_of(f.q).hi_closed; })
      .def_property_readonly("kind", [](const annals::fact& f) { return std::string(to_string(f.kind)); })
      .def_property_readonly("flags",
                             [](const annals::fact& f) {
                               std::vector<std::string> v;
                               if (f.cumulative) v.emplace_back("cumulative");
                               if (f.average) v.emplace_back("average");
                               return v;
                             })
      .def_property_readonly("last_digit", [](const annals::fact& f) { return f.q.last_digit; })
      .def_property_readonly("approximate", [](const annals::fact& f) { return f.q.approximate; })
      .def_property_readonly("start", [](const annals::fact& f) { return f.span.start; })
      .def_property_readonly("end", [](const annals::fact& f) { return f.span.end; })
      .def("__repr__", [](const annals::fact& f) {
        return "Fact(" + f.id + ", " + py::repr(py::str(f.label)).cast<std::string>() + ", " +
               py::repr(py::str(f.text)).cast<std::string>() + ", value=Decimal('" + f.q.value.to_string() + "'))";
      });

  py::class_<annals::change>(m, "Change", "A stated change: 同比增长89.6%, 由167支精简至114支, 连续16年 …")
      .def_readonly("id", &annals::change::id)
      .def_property_readonly("kind", [](const annals::change& c) { return std::string(to_string(c.kind)); })
      .def_property_readonly("basis", [](const annals::change& c) { return annals::basis_name(c.basis); }, "yoy | mom | None")
      .def_readonly("label", &annals::change::label)
      .def_readonly("text", &annals::change::text)
      .def_readonly("value", &annals::change::value, "Decimal or None")
      .def_readonly("from_", &annals::change::from, "from_to: the starting value (Decimal)")
      .def_readonly("to", &annals::change::to, "from_to: the final value (Decimal)")
      .def_readonly("unit", &annals::change::unit)
      .def_property_readonly("qualifier", [](const annals::change& c) { return std::string(to_string(c.qual)); })
      .def_property_readonly("direction", [](const annals::change& c) { return direction_name(c.dir); }, "up | down | None")
      .def_readonly("fact", &annals::change::fact, "id of the fact it qualifies, or None")
      .def_readonly("section", &annals::change::section)
      .def_readonly("item", &annals::change::item)
      .def_property_readonly("start", [](const annals::change& c) { return c.span.start; })
      .def_property_readonly("end", [](const annals::change& c) { return c.span.end; })
      .def("__repr__", [](const annals::change& c) {
        return "Change(" + c.id + ", " + std::string(to_string(c.kind)) + ", " + py::repr(py::str(c.text)).cast<std::string>() + ")";
      });

  py::class_<annals::date_mention>(m, "DateMention", "A date mentioned in the report.")
      .def_readonly("text", &annals::date_mention::text)
      .def_property_readonly("value", [](const annals::date_mention& d) { return date_to_py(d.value); })
      .def_property_readonly(
          "role", [](const annals::date_mention& d) { return std::string(to_string(d.role)); },
          "published | deadline | mentioned")
      .def_property_readonly("start", [](const annals::date_mention& d) { return d.span.start; })
      .def_property_readonly("end", [](const annals::date_mention& d) { return d.span.end; });

  py::class_<annals::target_goal>(m, "TargetGoal", "The figure a target aims at (never a fact).")
      .def_readonly("label", &annals::target_goal::label)
      .def_readonly("text", &annals::target_goal::text)
      .def_property_readonly("value", [](const annals::target_goal& g) { return g.q.value; })
      .def_property_readonly("unit", [](const annals::target_goal& g) { return g.q.unit; })
      .def_property_readonly("qualifier", [](const annals::target_goal& g) { return std::string(to_string(g.q.qual)); })
      .def_readonly("qualifier_text", &annals::target_goal::qualifier_text)
      .def_property_readonly("lo", [](const annals::target_goal& g) { return bounds_of(g.q).lo; })
      .def_property_readonly("hi", [](const annals::target_goal& g) { return bounds_of(g.q).hi; })
      .def_property_readonly("kind", [](const annals::target_goal& g) { return std::string(to_string(g.kind)); })
      .def_property_readonly("start", [](const annals::target_goal& g) { return g.span.start; })
      .def_property_readonly("end", [](const annals::target_goal& g) { return g.span.end; });

  py::class_<annals::commitment>(m, "Commitment", "The plan, a next step, an admitted problem or a numeric target.")
      .def_readonly("id", &annals::commitment::id)
      .def_property_readonly("kind", [](const annals::commitment& k) { return std::string(to_string(k.kind)); })
      .def_readonly("ordinal", &annals::commitment::ordinal)
      .def_readonly("title", &annals::commitment::title)
      .def_readonly("text", &annals::commitment::text)
      .def_readonly("groups", &annals::commitment::groups)
      .def_readonly("count", &annals::commitment::count)
      .def_readonly("goal", &annals::commitment::goal)
      .def_readonly("fact", &annals::commitment::fact)
      .def_property_readonly("deadline", [](const annals::commitment& k) { return date_to_py(k.deadline); })
      .def_readonly("section", &annals::commitment::section)
      .def_readonly("item", &annals::commitment::item)
      .def_property_readonly("start", [](const annals::commitment& k) { return k.span.start; })
      .def_property_readonly("end", [](const annals::commitment& k) { return k.span.end; })
      .def("__repr__", [](const annals::commitment& k) {
        return "Commitment(" + k.id + ", " + std::string(to_string(k.kind)) + ", " +
               short_repr(k.title.empty() ? k.text : k.title) + ")";
      });

  py::class_<annals::warning>(m, "Warning", "Something the reader noticed and recovered from.")
      .def_readonly("code", &annals::warning::code)
      .def_readonly("message", &annals::warning::message)
      .def_readonly("start", &annals::warning::start);

  py::class_<annals::report>(m, "Report", "One annual report, read (annals.report/1). Figures are Decimal.")
      .def_readonly("source", &annals::report::source)
      .def_property_readonly("title", [](const annals::report& r) { return r.meta.title; })
      .def_property_readonly("issuer", [](const annals::report& r) { return r.meta.issuer; })
      .def_property_readonly("jurisdiction", [](const annals::report& r) { return r.meta.jurisdiction; })
      .def_property_readonly("year", [](const annals::report& r) { return year_of(r.meta.year); }, "the reporting year")
      .def_property_readonly("published", [](const annals::report& r) { return date_to_py(r.meta.published); })
      .def_property_readonly("recipient", [](const annals::report& r) { return r.meta.recipient; })
      .def_readonly("text", &annals::report::text, "the decoded text; spans index its code points")
      .def_readonly("sections", &annals::report::sections)
      .def_readonly("facts", &annals::report::facts)
      .def_readonly("changes", &annals::report::changes)
      .def_readonly("dates", &annals::report::dates)
      .def_readonly("commitments", &annals::report::commitments)
      .def_readonly("warnings", &annals::report::warnings)
      .def(
          "to_json",
          [](const annals::report& r, int indent, bool include_text) {
            annals::json_options o;
            o.indent = indent;
            o.include_text = include_text;
            py::gil_scoped_release nogil;
            return annals::to_json(r, o);
          },
          py::arg("indent") = 2, py::arg("include_text") = false,
          "annals.report/1 JSON, as `annals extract --format json` writes it (docs/report-json.md).")
      .def(
          "to_dict",
          [](const annals::report& r, bool include_text) {
            annals::json_options o;
            o.indent = -1;
            o.include_text = include_text;
            std::string text;
            {
              py::gil_scoped_release nogil;
              text = annals::to_json(r, o);
            }
            return json_loads(text);
          },
          py::arg("include_text") = false,
          "The annals.report/1 object as a dict, equal to json.loads of `annals extract --format json`\n"
          "(figures are decimal strings there, as in the JSON).")
      .def("to_markdown", [](const annals::report& r) { return annals::to_markdown(r); })
      .def("__repr__", [](const annals::report& r) {
        return "Report(" + py::repr(py::str(r.source.name)).cast<std::string>() + ", " +
               py::repr(py::str(r.meta.jurisdiction.value_or("?"))).cast<std::string>() + ", year=" +
               (r.meta.year ? std::to_string(r.meta.year->value()) : std::string("None")) + ", " +
               std::to_string(r.facts.size()) + " facts)";
      });

  m.def(
      "read_report_path",
      [](const std::string& path) {
        py::gil_scoped_release nogil;
        return annals::read_report(path);
      },
      py::arg("path"));
  m.def(
      "read_report_bytes",
      [](const py::bytes& data, const std::string& name) {
        char* buf = nullptr;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize(data.ptr(), &buf, &len) != 0) throw py::error_already_set();
        const std::string_view bytes(buf, static_cast<std::size_t>(len));  // immutable, kept alive by `data`
        py::gil_scoped_release nogil;
        return annals::read_report_bytes(bytes, name);
      },
      py::arg("data"), py::arg("name"));
  m.def(
      "read_text",
      [](const std::string& text, const std::string& name) {
        py::gil_scoped_release nogil;
        annals::source_info src;
        src.name = name;
        src.sha256 = annals::sha256_hex(text);  // of the UTF-8 text: a report read so can be stored
        return annals::read_report_text(text, src);
      },
      py::arg("text"), py::arg("name"));
  m.def(
      "read_reports",
      [](const std::vector<std::string>& paths, std::optional<int> jobs) {
        const unsigned j = jobs_or_default(jobs, paths.size());
        std::vector<annals::report> out;
        {
          py::gil_scoped_release nogil;
          std::exception_ptr first;
          out.reserve(paths.size());
          read_in_order(paths, j, [&](std::size_t, read_outcome&& o) {
            if (o.error) {
              if (!first) first = o.error;
              return;
            }
            if (!first) out.push_back(std::move(*o.report));
          });
          if (first) std::rethrow_exception(first);
        }
        return out;
      },
      py::arg("paths"), py::arg("jobs") = py::none());
  m.def("report_from_json", [](const std::string& json) {
    py::gil_scoped_release nogil;
    return annals::report_from_json(json);
  });

  // ---- the store ----
  py::class_<annals::report_counts>(m, "ReportCounts", "How many rows of each kind one report has.")
      .def_readonly("sections", &annals::report_counts::sections)
      .def_readonly("items", &annals::report_counts::items)
      .def_readonly("facts", &annals::report_counts::facts)
      .def_readonly("changes", &annals::report_counts::changes)
      .def_readonly("dates", &annals::report_counts::dates)
      .def_readonly("commitments", &annals::report_counts::commitments)
      .def_readonly("warnings", &annals::report_counts::warnings);

  py::class_<ingest_row>(m, "IngestRow", "What ingesting one input did.")
      .def_readonly("source", &ingest_row::source)
      .def_readonly("status", &ingest_row::status, "added | skipped | failed | unsupported")
      .def_readonly("id", &ingest_row::id, "the stored report's id (None when failed)")
      .def_readonly("counts", &ingest_row::counts)
      .def_readonly("error", &ingest_row::error, "failed or unsupported: the message, as the tool prints it after 'annals: '")
      .def("__repr__", [](const ingest_row& r) {
        return "IngestRow(" + py::repr(py::str(r.source)).cast<std::string>() + ", " + r.status +
               (r.id ? ", id=" + std::to_string(*r.id) : std::string()) + ")";
      });

  py::class_<annals::report_summary>(m, "ReportSummary", "One stored report, without its contents.")
      .def_property_readonly("id", [](const annals::report_summary& s) { return s.id.value; })
      .def_readonly("sha256", &annals::report_summary::sha256)
      .def_readonly("source_name", &annals::report_summary::source_name)
      .def_readonly("title", &annals::report_summary::title)
      .def_readonly("issuer", &annals::report_summary::issuer)
      .def_readonly("jurisdiction", &annals::report_summary::jurisdiction)
      .def_property_readonly("year", [](const annals::report_summary& s) { return year_of(s.year); })
      .def_property_readonly("published", [](const annals::report_summary& s) { return date_to_py(s.published); })
      .def_readonly("recipient", &annals::report_summary::recipient)
      .def_readonly("facts", &annals::report_summary::facts)
      .def_readonly("changes", &annals::report_summary::changes)
      .def_readonly("commitments", &annals::report_summary::commitments)
      .def_readonly("ingested_at", &annals::report_summary::ingested_at)
      .def("__repr__", [](const annals::report_summary& s) {
        return "ReportSummary(id=" + std::to_string(s.id.value) + ", " +
               py::repr(py::str(s.jurisdiction.value_or("?"))).cast<std::string>() + ", year=" +
               (s.year ? std::to_string(s.year->value()) : std::string("None")) + ")";
      });

  py::class_<annals::jurisdiction_summary>(m, "JurisdictionSummary")
      .def_readonly("name", &annals::jurisdiction_summary::name)
      .def_readonly("reports", &annals::jurisdiction_summary::reports)
      .def_property_readonly("first_year", [](const annals::jurisdiction_summary& j) { return year_of(j.first_year); })
      .def_property_readonly("last_year", [](const annals::jurisdiction_summary& j) { return year_of(j.last_year); });

  py::class_<annals::series_point>(m, "SeriesPoint", "One year of a metric: the fact and the changes tied to it.")
      .def_property_readonly("year", [](const annals::series_point& p) { return p.year.value(); })
      .def_property_readonly("report", [](const annals::series_point& p) { return p.report.value; }, "report id")
      .def_readonly("fact", &annals::series_point::value)
      .def_property_readonly("value", [](const annals::series_point& p) { return p.value.q.value; }, "Decimal")
      .def_property_readonly("text", [](const annals::series_point& p) { return p.value.text; })
      .def_readonly("changes", &annals::series_point::changes);

  py::class_<annals::metric_series>(m, "MetricSeries", "A metric of one jurisdiction across years.")
      .def_readonly("jurisdiction", &annals::metric_series::jurisdiction)
      .def_readonly("metric", &annals::metric_series::metric)
      .def_readonly("points", &annals::metric_series::points)
      .def("__len__", [](const annals::metric_series& s) { return s.points.size(); });

  py::class_<annals::yoy_point>(m, "YoyPoint", "One year of a metric with the growth from the year before.")
      .def_readonly("year", &annals::yoy_point::year)
      .def_readonly("fact", &annals::yoy_point::fact)
      .def_readonly("text", &annals::yoy_point::text)
      .def_readonly("value", &annals::yoy_point::value)
      .def_property_readonly("lo", [](const annals::yoy_point& p) { return p.bounds.lo; })
      .def_property_readonly("hi", [](const annals::yoy_point& p) { return p.bounds.hi; })
      // the names of the CLI contract (issue 13): growth_pct is a percent, change_pp points
      .def_property_readonly("growth_pct", percent_or_points<&annals::yoy_point::growth_pct, false>(),
                             "growth in %, 2 dp; None in points (in_pp) or with no growth")
      .def_property_readonly("growth_pct_lo", percent_or_points<&annals::yoy_point::growth_lo, false>())
      .def_property_readonly("growth_pct_hi", percent_or_points<&annals::yoy_point::growth_hi, false>())
      .def_property_readonly("change_pp", percent_or_points<&annals::yoy_point::growth_pct, true>(),
                             "change in percentage points (in_pp), 2 dp; None otherwise")
      .def_property_readonly("change_pp_lo", percent_or_points<&annals::yoy_point::growth_lo, true>())
      .def_property_readonly("change_pp_hi", percent_or_points<&annals::yoy_point::growth_hi, true>())
      .def_property_readonly("growth", deprecated<annals::yoy_point, &annals::yoy_point::growth_pct>("YoyPoint.growth", "growth_pct or change_pp"),
                             "deprecated: growth_pct (or change_pp when in_pp)")
      .def_property_readonly("growth_lo", deprecated<annals::yoy_point, &annals::yoy_point::growth_lo>("YoyPoint.growth_lo", "growth_pct_lo or change_pp_lo"))
      .def_property_readonly("growth_hi", deprecated<annals::yoy_point, &annals::yoy_point::growth_hi>("YoyPoint.growth_hi", "growth_pct_hi or change_pp_hi"))
      .def_readonly("in_pp", &annals::yoy_point::in_pp)
      .def_readonly("stated", &annals::yoy_point::stated)
      .def_property_readonly("stated_kind",
                             [](const annals::yoy_point& p) {
                               return p.stated ? std::optional<std::string>(std::string(to_string(p.stated_kind)))
                                               : std::nullopt;
                             })
      .def_readonly("stated_text", &annals::yoy_point::stated_text)
      .def_property_readonly("verdict",
                             [](const annals::yoy_point& p) {
                               return p.verdict ? std::optional<std::string>(std::string(to_string(*p.verdict)))
                                                : std::nullopt;
                             })
      .def_readonly("reason", &annals::yoy_point::reason)
      .def_readonly("implied_prior_lo", &annals::yoy_point::implied_prior_lo)
      .def_readonly("implied_prior_hi", &annals::yoy_point::implied_prior_hi);

  py::class_<annals::metric_history>(m, "MetricHistory", "One metric of one jurisdiction across the years (yoy).")
      .def_readonly("jurisdiction", &annals::metric_history::jurisdiction)
      .def_readonly("metric", &annals::metric_history::metric)
      .def_readonly("label", &annals::metric_history::label)
      .def_readonly("unit", &annals::metric_history::unit)
      .def_readonly("points", &annals::metric_history::points);

  py::class_<py_store>(m, "Store", "A multi-year SQLite store (use annals.Store).")
      .def(py::init<const std::string&, bool, std::optional<double>>(), py::arg("uri"), py::arg("read_only") = false,
           py::arg("timeout") = py::none())
      .def_property_readonly("path", &py_store::path)
      .def_property_readonly("closed", &py_store::closed)
      .def_property_readonly("version", [](py_store& s) { return s.with([](annals::store& db) { return db.version(); }); })
      .def_property_readonly("writable", [](py_store& s) { return s.with([](annals::store& db) { return db.writable(); }); })
      .def_property_readonly("note", [](py_store& s) { return s.with([](annals::store& db) { return db.note(); }); })
      .def("close", &py_store::close)
      .def("ingest_report",
           [](py_store& s, const annals::report& r) {
             return s.with([&](annals::store& db) { return row_of(r.source.name, db.ingest(r)); });
           })
      .def(
          "ingest_files",
          [](py_store& s, const std::vector<std::string>& paths, std::optional<int> jobs) {
            const unsigned j = jobs_or_default(jobs, paths.size());
            return s.with([&](annals::store& db) {
              std::vector<ingest_row> rows;
              rows.reserve(paths.size());
              // Stored as `annals ingest` stores (annals::bulk_ingest, docs/store.md, "Ingest
              // groups"): committed every 64 reports or 100 ms, before a storage failure ends the
              // call, and at the end, the log copied on a thread of its own meanwhile. Each report
              // is still all or nothing.
              annals::bulk_ingest_options options;
              options.checkpoint_in_background = paths.size() > 1;
              annals::bulk_ingest bulk(db, options);
              read_in_order(paths, j, [&](std::size_t i, read_outcome&& o) {
                try {
                  if (o.error) std::rethrow_exception(o.error);
                  rows.push_back(row_of(paths[i], bulk.ingest(*o.report)));
                } catch (const annals::storage_error&) {
                  throw;  // stops at once, as the tool does; bulk_ingest kept the reports before it
                } catch (const annals::unsupported_input_error& e) {
                  rows.push_back({paths[i], "unsupported", std::nullopt, std::nullopt, e.what()});
                } catch (const annals::error& e) {
                  rows.push_back({paths[i], "failed", std::nullopt, std::nullopt, e.what()});
                }
              });
              bulk.finish();
              return rows;
            });
          },
          py::arg("paths"), py::arg("jobs") = py::none())
      .def(
          "reports",
          [](py_store& s, std::optional<std::string> jurisdiction, std::optional<int> year) {
            annals::report_filter f;
            f.jurisdiction = std::move(jurisdiction);
            if (year) f.year = annals::report_year(*year);
            return s.with([&](annals::store& db) { return db.reports(f); });
          },
          py::arg("jurisdiction") = py::none(), py::arg("year") = py::none())
      .def("jurisdictions", [](py_store& s) { return s.with([](annals::store& db) { return db.jurisdictions(); }); })
      .def(
          "metrics",
          [](py_store& s, std::optional<std::string> j) {
            return s.with([&](annals::store& db) {
              return j ? db.metrics(std::string_view(*j)) : db.metrics(std::nullopt);
            });
          },
          py::arg("jurisdiction") = py::none())
      .def("series",
           [](py_store& s, const std::string& j, const std::string& metric) {
             return s.with([&](annals::store& db) { return db.series(j, metric); });
           })
      .def("panel_csv",
           [](py_store& s) {
             return s.with([](annals::store& db) {
               std::ostringstream out;
               (void)db.panel_csv(out);
               return out.str();
             });
           })
      .def(
          "yoy",
          [](py_store& s, std::optional<std::string> jurisdiction, std::string metric, bool use_tracker) {
            return s.with([&](annals::store& db) {
              annals::history_options h;
              h.metric_contains = std::move(metric);
              h.use_tracker = use_tracker;
              std::vector<annals::metric_history> all;
              std::vector<std::string> names;
              if (jurisdiction) names.push_back(*jurisdiction);
              else
                for (const auto& j : db.jurisdictions()) names.push_back(j.name);
              for (const auto& j : names)
                for (auto& mh : annals::metric_histories(db, j, h)) all.push_back(std::move(mh));
              return all;
            });
          },
          py::arg("jurisdiction") = py::none(), py::arg("metric") = "", py::arg("use_tracker") = true)
      .def("load_report",
           [](py_store& s, std::int64_t id) {
             return s.with([&](annals::store& db) { return db.load_report(annals::report_id{id}); });
           })
      .def("find", [](py_store& s, const std::string& sha) {
        return s.with([&](annals::store& db) {
          const auto id = db.find(sha);
          return id ? std::optional<std::int64_t>(id->value) : std::nullopt;
        });
      });

  // ---- the tracker ----
  py::class_<annals::evidence_span>(m, "Evidence", "A passage of the later report a verdict rests on.")
      .def_readonly("text", &annals::evidence_span::text)
      .def_property_readonly("start", [](const annals::evidence_span& e) { return e.span.start; })
      .def_property_readonly("end", [](const annals::evidence_span& e) { return e.span.end; });

  py::class_<annals::commitment_verdict>(m, "CommitmentVerdict", "What became of one earlier commitment.")
      .def_readonly("earlier", &annals::commitment_verdict::earlier, "the earlier commitment's id (k2)")
      .def_property_readonly("kind", [](const annals::commitment_verdict& c) { return std::string(to_string(c.kind)); })
      .def_readonly("ordinal", &annals::commitment_verdict::ordinal)
      .def_readonly("title", &annals::commitment_verdict::title)
      .def_readonly("text", &annals::commitment_verdict::text)
      .def_property_readonly("status", [](const annals::commitment_verdict& c) { return std::string(to_string(c.status)); })
      .def_readonly("score", &annals::commitment_verdict::score)
      .def_readonly("evidence", &annals::commitment_verdict::evidence)
      .def_readonly("done_share", &annals::commitment_verdict::done_share)
      .def_readonly("worked_share", &annals::commitment_verdict::worked_share)
      .def_readonly("carried_share", &annals::commitment_verdict::carried_share)
      .def_readonly("carried_into", &annals::commitment_verdict::carried_into)
      .def("__repr__", [](const annals::commitment_verdict& c) {
        return "CommitmentVerdict(" + c.earlier + ", " + std::string(to_string(c.status)) + ", " +
               short_repr(c.title.empty() ? c.text : c.title) + ")";
      });

  py::class_<annals::metric_side>(m, "MetricSide", "One side of a metric comparison: a fact of one report.")
      .def_readonly("fact", &annals::metric_side::fact)
      .def_readonly("label", &annals::metric_side::label)
      .def_readonly("text", &annals::metric_side::text)
      .def_readonly("value", &annals::metric_side::value)
      .def_property_readonly("lo", [](const annals::metric_side& s) { return s.bounds.lo; })
      .def_property_readonly("hi", [](const annals::metric_side& s) { return s.bounds.hi; });

  py::class_<annals::stated_change>(m, "StatedChange", "The change the later report states for a metric.")
      .def_readonly("change", &annals::stated_change::change)
      .def_property_readonly("kind", [](const annals::stated_change& c) { return std::string(to_string(c.kind)); })
      .def_readonly("value", &annals::stated_change::value, "signed Decimal: a decrease is negative")
      .def_readonly("text", &annals::stated_change::text);

  py::class_<annals::metric_comparison>(m, "MetricComparison", "A later figure set beside the earlier one.")
      .def_readonly("label", &annals::metric_comparison::label)
      .def_readonly("later_label", &annals::metric_comparison::later_label)
      .def_readonly("unit", &annals::metric_comparison::unit)
      .def_readonly("similarity", &annals::metric_comparison::similarity)
      .def_readonly("earlier", &annals::metric_comparison::earlier)
      .def_readonly("later", &annals::metric_comparison::later)
      .def_readonly("growth_pct", &annals::metric_comparison::growth_pct, "growth in %, 2 dp")
      .def_readonly("growth_pct_lo", &annals::metric_comparison::growth_pct_lo)
      .def_readonly("growth_pct_hi", &annals::metric_comparison::growth_pct_hi)
      .def_property_readonly("growth", deprecated<annals::metric_comparison, &annals::metric_comparison::growth_pct>("MetricComparison.growth", "growth_pct"),
                             "deprecated: growth_pct")
      .def_property_readonly("growth_lo", deprecated<annals::metric_comparison, &annals::metric_comparison::growth_pct_lo>("MetricComparison.growth_lo", "growth_pct_lo"))
      .def_property_readonly("growth_hi", deprecated<annals::metric_comparison, &annals::metric_comparison::growth_pct_hi>("MetricComparison.growth_hi", "growth_pct_hi"))
      .def_readonly("change_pp", &annals::metric_comparison::change_pp)
      .def_readonly("change_pp_lo", &annals::metric_comparison::change_pp_lo)
      .def_readonly("change_pp_hi", &annals::metric_comparison::change_pp_hi)
      .def_readonly("stated", &annals::metric_comparison::stated)
      .def_property_readonly("verdict", [](const annals::metric_comparison& c) { return std::string(to_string(c.verdict)); })
      .def_property_readonly(
          "basis",
          [](const annals::metric_comparison& c) {
            return c.basis == annals::consistency_basis::none ? std::string() : std::string(to_string(c.basis));
          },
          "consistent: 'rounding' or 'truncation'; '' otherwise")
      .def_readonly("reason", &annals::metric_comparison::reason);

  py::class_<annals::implied_prior>(m, "ImpliedPrior", "The prior-year interval a growth statement implies.")
      .def_readonly("change", &annals::implied_prior::change)
      .def_readonly("fact", &annals::implied_prior::fact)
      .def_readonly("label", &annals::implied_prior::label)
      .def_readonly("unit", &annals::implied_prior::unit)
      .def_readonly("value", &annals::implied_prior::value)
      .def_readonly("lo", &annals::implied_prior::lo)
      .def_readonly("hi", &annals::implied_prior::hi);

  py::class_<annals::tracking>(m, "Tracking", "An earlier report tracked against a later one (annals.tracking/1).")
      .def_readonly("rubric", &annals::tracking::rubric)
      .def_readonly("commitments", &annals::tracking::commitments)
      .def_readonly("metrics", &annals::tracking::metrics)
      .def_readonly("implied_priors", &annals::tracking::implied_priors)
      .def_readonly("warnings", &annals::tracking::warnings)
      .def_property_readonly("has_inconsistency", &annals::tracking::has_inconsistency)
      .def(
          "to_json", [](const annals::tracking& t, int indent) { return annals::to_json(t, indent); },
          py::arg("indent") = 2, "annals.tracking/1 JSON, as `annals track --format json` writes it.")
      .def(
          "to_dict", [](const annals::tracking& t) { return json_loads(annals::to_json(t, -1)); },
          "annals.tracking/1 as a dict: every section (streaks, from_to, parts, targets, plan findings too).")
      .def(
          "to_markdown",
          [](const annals::tracking& t, const std::string& lang) {
            const auto l = annals::parse_report_lang(lang);
            if (!l) throw annals::usage_error("lang: '" + lang + "' is not a language; zh or en");
            return annals::to_markdown(t, *l);
          },
          py::arg("lang") = "zh", "the Markdown of `annals track --format md`: Chinese, or English with lang='en'");

  m.def(
      "track",
      [](const annals::report& earlier, const annals::report& later, bool allow_other_jurisdiction) {
        annals::track_options o;
        o.allow_other_jurisdiction = allow_other_jurisdiction;
        py::gil_scoped_release nogil;
        return annals::track(earlier, later, o);
      },
      py::arg("earlier"), py::arg("later"), py::arg("allow_other_jurisdiction") = false);

  using annals::checked_change;
  py::class_<checked_change>(m, "CheckedChange", "One stated change of a report with its verdict (annals check).")
      .def_readonly("change", &checked_change::change)
      .def_property_readonly("kind", [](const checked_change& c) { return std::string(to_string(c.kind)); })
      .def_readonly("label", &checked_change::label)
      .def_readonly("text", &checked_change::text)
      .def_readonly("earlier", &checked_change::earlier, "the earlier figure as written")
      .def_readonly("later", &checked_change::later, "the figure the change is about, as written")
      .def_readonly("computed", &checked_change::computed)
      .def_readonly("allowed", &checked_change::allowed)
      .def_property_readonly("verdict", [](const checked_change& c) { return std::string(to_string(c.verdict)); })
      .def_readonly("reason", &checked_change::reason)
      .def("__repr__", [](const checked_change& c) {
        return "CheckedChange(" + c.change + ", " + py::repr(py::str(c.text)).cast<std::string>() + ", " +
               std::string(to_string(c.verdict)) + ")";
      });

  py::class_<annals::change_check>(m, "CheckResult")
      .def_readonly("changes", &annals::change_check::changes)
      .def_readonly("implied_priors", &annals::change_check::implied_priors)
      .def_readonly("inconsistent", &annals::change_check::inconsistent)
      .def_property_readonly("has_earlier", [](const annals::change_check& c) { return c.earlier.has_value(); });

  m.def(
      "check",
      [](const annals::report& later, const annals::report* prior) {
        py::gil_scoped_release nogil;
        return annals::check_report(later, prior);
      },
      py::arg("report"), py::arg("prior") = py::none());

  // ---- growth arithmetic on exact decimals ----
  m.def(
      "growth",
      [](const annals::decimal& a, const annals::decimal& b, int digits, const std::string& mode) {
        const auto g = annals::yoy_growth(a, b, digits, rounding_from(mode));
        return g.ok() ? std::optional<annals::decimal>(g.value.value) : std::nullopt;
      },
      py::arg("earlier"), py::arg("later"), py::arg("digits") = 2, py::arg("rounding") = "half_up");
  m.def(
      "pp", [](const annals::decimal& a, const annals::decimal& b) { return annals::pp_change(a, b).value; },
      py::arg("earlier_pct"), py::arg("later_pct"));
  m.def(
      "cagr",
      [](const annals::decimal& a, const annals::decimal& b, int span, int digits, const std::string& mode) {
        const auto g = annals::cagr(a, b, annals::years(span), digits, rounding_from(mode));
        return g.ok() ? std::optional<annals::decimal>(g.value.value) : std::nullopt;
      },
      py::arg("earlier"), py::arg("later"), py::arg("years"), py::arg("digits") = 2, py::arg("rounding") = "half_up");
  m.def("hardware_concurrency", [] { return std::thread::hardware_concurrency(); });
}
