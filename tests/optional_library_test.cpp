// Libraries loaded on demand (lib/platform/): poppler (through annals_pdf.so), libzip and libpq
// are opened the first time an input needs them, never at start-up; when one cannot be loaded,
// the input that needed it fails with a one-line error that says which library and why, and
// everything else works.

#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_run.hpp"
#include "pdf_fixtures.hpp"
#include "platform/optional_library_detail.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

/// Whether a file whose name contains `part` is mapped into this process.
bool mapped(const std::string& part) {
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

const char* const report_text =
    "成都市人民政府关于2024年法治政府建设情况的报告\n2024年，全市新收行政复议案件1.11万件，同比增长89.6%。\n";

std::string one_page_pdf() {
  return annals::test::text_pdf({{{72, 700, "Report of 2024"}, {72, 680, "Cases: 1234"}}});
}

// Each check runs in a child process of its own (a death test re-runs this program), so that
// what another test loaded cannot hide what this one loads.

TEST(optional_library_death, a_text_report_and_a_sqlite_store_load_none_of_them) {
  EXPECT_EXIT(
      {
        const auto r = annals::read_report_bytes(report_text, "r.txt");
        auto db = annals::store::memory();
        (void)db.ingest(r);
        const bool none = !r.facts.empty() && !mapped("libpoppler") && !mapped("annals_pdf") && !mapped("libzip") &&
                          !mapped("libpq");
        std::exit(none ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(optional_library_death, the_first_pdf_loads_the_pdf_module_and_poppler) {
  EXPECT_EXIT(
      {
        const bool before = mapped("libpoppler") || mapped("annals_pdf");
        const auto r = annals::read_report_bytes(one_page_pdf(), "r.pdf");
        const bool read = r.source.format == annals::source_format::pdf && r.text.find("Cases: 1234") != std::string::npos;
        std::exit(!before && read && mapped("annals_pdf.so") && mapped("libpoppler-cpp") ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(optional_library_death, the_first_docx_loads_libzip) {
  EXPECT_EXIT(
      {
        const bool before = mapped("libzip");
        bool refused = false;
        try {  // a zip archive's signature and nothing after it
          (void)annals::read_report_bytes(std::string("PK\x03\x04", 4) + std::string(60, '\0'), "r.docx");
        } catch (const annals::input_error& e) {
          refused = std::string(e.what()).find("damaged zip archive") != std::string::npos;
        }
        std::exit(!before && refused && mapped("libzip") ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

#ifdef ANNALS_TEST_POSTGRES
TEST(optional_library_death, the_first_postgres_store_loads_libpq) {
  EXPECT_EXIT(
      {
        const bool before = mapped("libpq");
        bool refused = false;
        try {  // port 1: nothing listens, so the connection is refused at once
          (void)annals::store::open("postgresql://127.0.0.1:1/annals?connect_timeout=2");
        } catch (const annals::storage_error& e) {
          refused = std::string(e.what()).find("cannot connect to the server") != std::string::npos;
        }
        std::exit(!before && refused && mapped("libpq") ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}
#endif

// ---- optional_library itself ----------------------------------------------------------------

TEST(optional_library, a_missing_file_is_a_reason_not_an_exception) {
  ::unsetenv("ANNALS_TEST_LIBRARY");
  annals::detail::optional_library lib("ANNALS_TEST_LIBRARY", {"/nonexistent/libannals-test.so.1"});
  EXPECT_FALSE(lib.loaded());
  EXPECT_THAT(lib.failure().why, HasSubstr("/nonexistent/libannals-test.so.1"));
  void (*f)() = nullptr;
  EXPECT_FALSE(lib.bind("anything", f));
  EXPECT_EQ(f, nullptr);
}

TEST(optional_library, the_first_candidate_that_opens_is_taken_and_its_functions_found) {
  ::unsetenv("ANNALS_TEST_LIBRARY");
  annals::detail::optional_library lib("ANNALS_TEST_LIBRARY", {"libannals-no-such-library.so.9", "libm.so.6"});
  ASSERT_TRUE(lib.loaded()) << lib.failure().why;
  double (*cosine)(double) = nullptr;
  ASSERT_TRUE(lib.bind("cos", cosine));
  EXPECT_DOUBLE_EQ(cosine(0.0), 1.0);
}

TEST(optional_library, a_function_the_library_lacks_is_named_in_the_reason) {
  ::unsetenv("ANNALS_TEST_LIBRARY");
  annals::detail::optional_library lib("ANNALS_TEST_LIBRARY", {"libm.so.6"});
  ASSERT_TRUE(lib.loaded());
  int (*f)() = nullptr;
  EXPECT_FALSE(lib.bind("annals_no_such_function", f));
  EXPECT_THAT(lib.failure().why, HasSubstr("libm.so.6 has no annals_no_such_function"));
}

TEST(optional_library, the_environment_variable_is_the_only_place_looked_at_when_set) {
  ::setenv("ANNALS_TEST_LIBRARY", "/nonexistent/other-libm.so", 1);
  annals::detail::optional_library lib("ANNALS_TEST_LIBRARY", {"libm.so.6"});
  ::unsetenv("ANNALS_TEST_LIBRARY");
  EXPECT_FALSE(lib.loaded());
  EXPECT_THAT(lib.failure().why, HasSubstr("/nonexistent/other-libm.so"));
}

TEST(optional_library, modules_are_looked_for_beside_the_program_then_in_the_build_and_install_trees) {
  const auto c = annals::detail::module_candidates("annals_pdf.so");
  ASSERT_GE(c.size(), 3u);
  const fs::path self = fs::read_symlink("/proc/self/exe");
  EXPECT_EQ(c.front(), (self.parent_path() / "annals" / "annals_pdf.so").string());
  // the module this build made is among them, before the install prefix's
  const auto built = std::find_if(c.begin(), c.end(), [](const std::string& p) { return fs::exists(p); });
  ASSERT_NE(built, c.end());
  EXPECT_THAT(*built, HasSubstr("lib/modules/annals_pdf.so"));
  EXPECT_THAT(c.back(), HasSubstr("/annals/annals_pdf.so"));
}

// ---- the tool, when a library cannot be loaded ------------------------------------------------
#ifdef ANNALS_CLI

struct tool_without_a_library : ::testing::Test {
  annals::test::scratch_dir dir;
  void write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir.path / name, std::ios::binary) << bytes;
  }
};

TEST_F(tool_without_a_library, a_pdf_without_the_module_is_an_input_error_naming_the_module) {
  write("r.pdf", one_page_pdf());
  write("r.txt", report_text);
  const auto r = annals::test::run_sh(dir.path, "ANNALS_PDF_MODULE=/nonexistent/annals_pdf.so \"$ANNALS\" extract r.pdf");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("annals: r.pdf: PDF cannot be read here: annals' PDF module (poppler) cannot be loaded: "
                                "/nonexistent/annals_pdf.so: cannot open shared object file"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  // the text report beside it is read as ever
  const auto t = annals::test::run_sh(dir.path, "ANNALS_PDF_MODULE=/nonexistent/annals_pdf.so \"$ANNALS\" extract r.txt");
  EXPECT_EQ(t.code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("1.11万件"));
}

TEST_F(tool_without_a_library, a_module_of_the_wrong_kind_is_refused_by_name) {
  write("r.pdf", one_page_pdf());
  const auto r = annals::test::run_sh(dir.path, "ANNALS_PDF_MODULE=libm.so.6 \"$ANNALS\" extract r.pdf");
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("libm.so.6 has no annals_pdf_abi"));
}

TEST_F(tool_without_a_library, a_docx_without_libzip_is_an_input_error_naming_libzip) {
  write("r.docx", std::string("PK\x03\x04", 4) + std::string(60, '\0'));
  const auto r = annals::test::run_sh(dir.path, "ANNALS_LIBZIP=/nonexistent/libzip.so.4 \"$ANNALS\" extract r.docx");
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, StartsWith("annals: r.docx: DOCX cannot be read here: libzip cannot be loaded: /nonexistent/libzip.so.4"));
}

#ifdef ANNALS_TEST_POSTGRES
TEST_F(tool_without_a_library, a_postgres_store_without_libpq_is_a_storage_error_naming_libpq) {
  const auto r = annals::test::run_sh(
      dir.path, "ANNALS_LIBPQ=/nonexistent/libpq.so.5 \"$ANNALS\" reports --db postgresql://127.0.0.1:1/annals");
  EXPECT_EQ(r.code, 4);
  EXPECT_THAT(r.err, StartsWith("annals: postgresql://127.0.0.1:1/annals: the PostgreSQL client library cannot be loaded "
                                "(Debian: apt-get install libpq5): /nonexistent/libpq.so.5"));
}
#endif
#endif  // ANNALS_CLI

}  // namespace
