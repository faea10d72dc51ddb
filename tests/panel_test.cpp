// Tests of annals::panel_yoy (panel.hpp): exact growths, ordering, quoting, the fast and the
// exact-decimal paths, both ordering strategies, threads, summaries and every error path; and
// the `annals yoy --panel` command when the CLI is built.
#include <annals/error.hpp>
#include <annals/panel.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

using annals::decimal;
using annals::panel_options;
using annals::panel_status;
using annals::panel_strategy;

std::string growth_text(const annals::panel_row& r) { return r.growth ? r.growth->to_string(12) : "-"; }

/// The rows of a result as "j|m|year|value|growth|status" lines.
std::vector<std::string> dump(const annals::panel_yoy_result& r) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto row = r.row(i);
    out.push_back(std::string(row.jurisdiction) + "|" + std::string(row.metric) + "|" + std::to_string(row.year) +
                  "|" + row.value.to_string() + "|" + growth_text(row) + "|" + std::string(to_string(row.status)));
  }
  return out;
}

template <class Fn>
std::string input_error_of(Fn&& fn) {
  try {
    fn();
  } catch (const annals::input_error& e) {
    return e.what();
  }
  return "(no input_error)";
}

TEST(panel_test, unsorted_rows_get_exact_growth_in_key_order) {
  const std::string csv =
      "jurisdiction,metric,year,value\n"
      "成都市,cases,2024,709\n"
      "成都市,cases,2023,373\n"
      "Aba,cases,2023,3\n"
      "Aba,cases,2022,2\n"
      "成都市,cases,2022,400.5\n";
  const auto r = annals::panel_yoy_text(csv, "t.csv");
  ASSERT_EQ(r.size(), 5u);
  const std::vector<std::string> want = {
      "Aba|cases|2022|2|-|no_prior",
      "Aba|cases|2023|3|0.500000000000|ok",
      "成都市|cases|2022|400.5|-|no_prior",
      "成都市|cases|2023|373|-0.068664169788|ok",  // 373/400.5 − 1 = −0.06866416978776…
      "成都市|cases|2024|709|0.900804289544|ok",   // 709/373 − 1 = 0.90080428954423…
  };
  EXPECT_EQ(dump(r), want);
  EXPECT_EQ(r.row(4).prior->to_string(), "373");
  EXPECT_EQ(r.summary().rows, 3u);
  EXPECT_EQ(r.summary().no_prior, 2u);
  EXPECT_EQ(r.summary().rows_read, 5u);
  EXPECT_EQ(r.summary().jurisdictions, 2u);
  EXPECT_EQ(r.summary().metrics, 1u);
  EXPECT_EQ(r.summary().growth_sum.to_string(12), "1.332140119756");
  EXPECT_EQ(r.summary().growth_sum_text(), "1.332140");
}

TEST(panel_test, gaps_and_missing_years_have_no_prior) {
  const std::string csv =
      "jurisdiction,metric,year,value\n"
      "a,m,2018,100\na,m,2020,150\na,m,2021,165\na,n,2019,10\na,n,2021,12\nb,m,2019,7\n";
  const auto r = annals::panel_yoy_text(csv);
  const std::vector<std::string> want = {
      "a|m|2018|100|-|no_prior", "a|m|2020|150|-|no_prior", "a|m|2021|165|0.100000000000|ok",
      "a|n|2019|10|-|no_prior",  "a|n|2021|12|-|no_prior",  "b|m|2019|7|-|no_prior",
  };
  EXPECT_EQ(dump(r), want);
  EXPECT_EQ(r.summary().rows, 1u);
  EXPECT_EQ(r.summary().no_prior, 5u);
}

TEST(panel_test, quoted_fields_per_rfc4180) {
  const std::string csv =
      "\"jurisdiction\",metric,\"year\",value\r\n"
      "\"Chengdu, Sichuan\",\"say \"\"hi\"\"\",\"2020\",\"10.5\"\r\n"
      "\"Chengdu, Sichuan\",\"say \"\"hi\"\"\",2021,21\r\n"
      "\"two\nlines\",m,2020,4\r\n"
      "\"two\nlines\",m,2021,5\r\n";
  const auto r = annals::panel_yoy_text(csv);
  const std::vector<std::string> want = {
      "Chengdu, Sichuan|say \"hi\"|2020|10.5|-|no_prior",
      "Chengdu, Sichuan|say \"hi\"|2021|21|1.000000000000|ok",
      "two\nlines|m|2020|4|-|no_prior",
      "two\nlines|m|2021|5|0.250000000000|ok",
  };
  EXPECT_EQ(dump(r), want);
  std::ostringstream os;
  r.write_csv(os);
  EXPECT_EQ(os.str(),
            "jurisdiction,metric,year,value,prior,growth_ratio,status\n"
            "\"Chengdu, Sichuan\",\"say \"\"hi\"\"\",2020,10.5,,,no_prior\n"
            "\"Chengdu, Sichuan\",\"say \"\"hi\"\"\",2021,21,10.5,1.000000000000,ok\n"
            "\"two\nlines\",m,2020,4,,,no_prior\n"
            "\"two\nlines\",m,2021,5,4,0.250000000000,ok\n");
}

TEST(panel_test, bom_crlf_and_blank_lines_are_accepted) {
  const std::string csv = "\xEF\xBB\xBFjurisdiction,metric,year,value\r\n\r\na,m,1,2\r\n\na,m,2,3";
  const auto r = annals::panel_yoy_text(csv);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(growth_text(r.row(1)), "0.500000000000");
}

TEST(panel_test, many_decimals_and_huge_values_use_exact_decimals) {
  const std::string csv =
      "jurisdiction,metric,year,value\n"
      "a,m,2020,3.14159\n"      // 5 decimals: exact-decimal path
      "a,m,2021,3.1416\n"
      "a,m,2022,12.500\n"       // trailing zeros: still the fast path
      "b,m,2020,123456789012345678901234.5\n"  // beyond 64 bits
      "b,m,2021,123456789012345678901235.5\n"
      "c,m,2020,0.01\n"
      "c,m,2021,99999999999999.99\n";  // growth ≈ 10^16: beyond the fast growth range
  const auto r = annals::panel_yoy_text(csv);
  auto ref = [](const char* v, const char* p) {
    const decimal dv = decimal::parse(v), dp = decimal::parse(p);
    return decimal::divide(dv - dp, dp, 12, annals::rounding::half_up).to_string(12);
  };
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(growth_text(r.row(1)), ref("3.1416", "3.14159"));
  EXPECT_EQ(growth_text(r.row(1)), "0.000003183102");  // 0.00001 / 3.14159
  EXPECT_EQ(growth_text(r.row(2)), ref("12.5", "3.1416"));
  EXPECT_EQ(r.row(2).value.to_string(), "12.5");
  EXPECT_EQ(growth_text(r.row(4)), ref("123456789012345678901235.5", "123456789012345678901234.5"));
  EXPECT_EQ(growth_text(r.row(6)), "9999999999999998.000000000000");
  decimal sum;
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r.row(i).growth) sum += *r.row(i).growth;
  EXPECT_EQ(r.summary().growth_sum, sum);
  std::ostringstream os;
  r.write_csv(os);
  EXPECT_NE(os.str().find("b,m,2021,123456789012345678901235.5,123456789012345678901234.5,0.000000000000,ok\n"),
            std::string::npos);
  EXPECT_NE(os.str().find("c,m,2021,99999999999999.99,0.01,9999999999999998.000000000000,ok\n"), std::string::npos);
}

TEST(panel_test, negative_values_and_half_up_ties) {
  const std::string csv =
      "jurisdiction,metric,year,value\n"
      "a,m,2020,-100\na,m,2021,-50\n"   // (−50)/(−100) − 1 = −0.5
      "b,m,2020,8192\nb,m,2021,8193\n"  // 1/8192 = 0.0001220703125 → tie → away from zero
      "c,m,2020,8192\nc,m,2021,8191\n"  // −0.0001220703125 → −0.000122070313
      "d,m,2020,3\nd,m,2021,1\n";       // −2/3 → −0.666666666667
  const auto r = annals::panel_yoy_text(csv);
  EXPECT_EQ(growth_text(r.row(1)), "-0.500000000000");
  EXPECT_EQ(growth_text(r.row(3)), "0.000122070313");
  EXPECT_EQ(growth_text(r.row(5)), "-0.000122070313");
  EXPECT_EQ(growth_text(r.row(7)), "-0.666666666667");
  EXPECT_EQ(r.summary().growth_sum.to_string(12), "-1.166666666667");
}

TEST(panel_test, zero_prior_is_counted_apart_and_left_out_of_the_sum) {
  const std::string csv =
      "jurisdiction,metric,year,value\n"
      "a,m,2020,0\na,m,2021,5\na,m,2022,10\n"
      "b,m,2020,0.000\nb,m,2021,1.2345\n";  // a zero written with decimals, then the decimal path
  for (auto strategy : {panel_strategy::grid, panel_strategy::sort}) {
    const auto r = annals::panel_yoy_text(csv, "t", {1, strategy});
    EXPECT_EQ(r.row(1).status, panel_status::zero_prior);
    EXPECT_FALSE(r.row(1).growth.has_value());
    EXPECT_EQ(r.row(1).prior->to_string(), "0");
    EXPECT_EQ(growth_text(r.row(2)), "1.000000000000");
    EXPECT_EQ(r.row(4).status, panel_status::zero_prior);
    EXPECT_EQ(r.summary().zero_prior, 2u);
    EXPECT_EQ(r.summary().rows, 1u);
    EXPECT_EQ(r.summary().growth_sum_text(), "1.000000");
    EXPECT_EQ(r.summary().to_json(),
              "{\"rows\": 1, \"growth_sum\": \"1.000000\", \"zero_prior\": 2, \"no_prior\": 2, \"rows_read\": 5}");
  }
}

TEST(panel_test, empty_panel_has_an_empty_summary) {
  const auto s = annals::panel_yoy_summary_text("jurisdiction,metric,year,value\n");
  EXPECT_EQ(s.rows_read, 0u);
  EXPECT_EQ(s.rows, 0u);
  EXPECT_EQ(s.growth_sum_text(), "0.000000");
}

TEST(panel_test, errors_name_the_file_and_line) {
  using annals::panel_yoy_text;
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,value\na,b,1\n", "p.csv"); }),
            "p.csv:1: bad header 'jurisdiction,metric,value' (expected jurisdiction,metric,year,value)");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("", "p.csv"); }),
            "p.csv:1: empty file (expected the header jurisdiction,metric,year,value)");
  EXPECT_EQ(input_error_of([] {
              (void)panel_yoy_text("jurisdiction,metric,year,value\na,m,2020,1\na,m,2021,1.2.3\n", "p.csv");
            }),
            "p.csv:3: bad number '1.2.3' in column value");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\na,m,2020,\n", "p.csv"); }),
            "p.csv:2: bad number '' in column value");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\n\na,m,20x0,1\n", "p.csv"); }),
            "p.csv:3: bad year '20x0' (expected an integer 1…9999)");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\na,m,2020\n", "p.csv"); }),
            "p.csv:2: expected 4 fields (jurisdiction,metric,year,value), found 3");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\na,m,2020,1,2\n", "p.csv"); }),
            "p.csv:2: more than 4 fields (expected jurisdiction,metric,year,value)");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\n\"a,m,2020,1\n", "p.csv"); }),
            "p.csv:2: unterminated quoted field");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\na\"b,m,2020,1\n", "p.csv"); }),
            "p.csv:2: quote inside an unquoted field");
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\n,m,2020,1\n", "p.csv"); }),
            "p.csv:2: empty jurisdiction");
  // a byte that is neither UTF-8 nor GB18030: the decoder (issue 13) refuses it with its line
  EXPECT_EQ(input_error_of([] { (void)panel_yoy_text("jurisdiction,metric,year,value\n\xff,m,2020,1\n", "p.csv"); })
                .rfind("p.csv: line 2: ill-formed text (invalid ", 0),
            0u);
  for (auto strategy : {panel_strategy::grid, panel_strategy::sort})
    EXPECT_EQ(input_error_of([&] {
                (void)panel_yoy_text("jurisdiction,metric,year,value\na,m,2020,1\nb,m,2020,1\na,m,2020,2\n", "p.csv",
                                     {1, strategy});
              }),
              "p.csv: duplicate row for jurisdiction 'a', metric 'm', year 2020");
}

TEST(panel_test, the_first_error_in_the_file_wins_with_threads) {
  std::string csv = "jurisdiction,metric,year,value\n";
  for (int i = 0; i < 2000; ++i) csv += "j" + std::to_string(i) + ",m,2020,1\n";
  csv += "bad,m,2020,x\n";  // line 2002
  for (int i = 0; i < 2000; ++i) csv += "k" + std::to_string(i) + ",m,2020,y\n";
  for (unsigned threads : {1u, 2u, 3u})
    EXPECT_EQ(input_error_of([&] { (void)annals::panel_yoy_text(csv, "p.csv", {threads}); }),
              "p.csv:2002: bad number 'x' in column value");
}

TEST(panel_test, a_quoted_field_spanning_the_thread_cut_is_read_whole) {
  // The equal split falls inside the long quoted name (its newlines look like record ends);
  // the cut must move past it, or the second thread would parse the name's lines as rows.
  std::string name = "long";
  for (int i = 0; i < 3000; ++i) name += "\nm,2020,1";
  std::string csv = "jurisdiction,metric,year,value\na,m,2020,1\n\"" + name + "\",m,2021,2\n\"" + name +
                    "\",m,2022,3\nz,m,2021,4\n";
  for (unsigned threads : {1u, 2u, 3u, 7u}) {
    SCOPED_TRACE(threads);
    const auto r = annals::panel_yoy_text(csv, "q.csv", {threads});
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r.row(1).jurisdiction, name);
    EXPECT_EQ(growth_text(r.row(2)), "0.500000000000");
    EXPECT_EQ(r.summary().rows, 1u);
  }
  // and an error after the long field still gets its physical line number
  csv += "z,m,2022,oops\n";
  EXPECT_EQ(input_error_of([&] { (void)annals::panel_yoy_text(csv, "q.csv", {2}); }),
            "q.csv:6006: bad number 'oops' in column value");
}

TEST(panel_test, missing_file_and_directory_are_input_errors) {
  const std::string missing = input_error_of([] { (void)annals::panel_yoy("/nonexistent/panel.csv"); });
  EXPECT_EQ(missing, "/nonexistent/panel.csv: cannot open: No such file or directory");
  EXPECT_EQ(input_error_of([] { (void)annals::panel_yoy_summary(ANNALS_TEST_DIR); }),
            std::string(ANNALS_TEST_DIR) + ": cannot read: is a directory");
}

TEST(panel_test, row_out_of_range_is_a_usage_error) {
  const auto r = annals::panel_yoy_text("jurisdiction,metric,year,value\na,m,1,1\n");
  EXPECT_THROW((void)r.row(1), annals::usage_error);
}

// ---- a generated panel against a straightforward reference -----------------------------------

struct rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
};

struct generated {
  std::string csv;
  std::map<std::tuple<std::string, std::string, int>, decimal> cells;
};

/// A messy panel: shuffled, gaps, zeros, negatives, 0–4 decimals, huge values, quoted names.
generated make_panel(std::uint64_t seed) {
  rng r{seed};
  generated g;
  std::vector<std::string> lines;
  const std::vector<std::string> names = {"alpha", "\"Beta, Inc\"", "\"gam\"\"ma\"", "成都市", "\"line\nbreak\"",
                                          "zeta", "eta"};
  const std::vector<std::string> plain = {"alpha", "Beta, Inc", "gam\"ma", "成都市", "line\nbreak", "zeta", "eta"};
  for (std::size_t j = 0; j < names.size(); ++j)
    for (int m = 0; m < 5; ++m)
      for (int y = 2001; y <= 2012; ++y) {
        if (r.below(5) == 0) continue;  // gap
        std::string v;
        const auto kind = r.below(20);
        if (kind == 0) {
          v = "0";
        } else if (kind == 1) {
          v = "98765432109876543210.5";
        } else {
          if (r.below(4) == 0) v = "-";
          v += std::to_string(1 + r.below(100000));
          const auto decimals = r.below(5);
          if (decimals > 0) {
            v += ".";
            for (std::uint64_t d = 0; d < decimals; ++d) v += static_cast<char>('0' + r.below(10));
          }
        }
        const std::string metric = "m" + std::to_string(m);
        lines.push_back(names[j] + "," + metric + "," + std::to_string(y) + "," + v + "\n");
        g.cells[{plain[j], metric, y}] = decimal::parse(v);
      }
  for (std::size_t i = lines.size(); i > 1; --i) std::swap(lines[i - 1], lines[r.below(i)]);
  g.csv = "jurisdiction,metric,year,value\n";
  for (const auto& l : lines) g.csv += l;
  return g;
}

TEST(panel_test, summary_and_rows_match_a_reference_for_every_strategy_and_thread_count) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const generated g = make_panel(seed);
    // reference: ordered map, decimal division, exact sum
    std::size_t ok = 0, zero = 0, none = 0;
    decimal sum;
    std::vector<std::string> want;
    for (const auto& [key, v] : g.cells) {
      const auto& [j, m, y] = key;
      auto prior = g.cells.find({j, m, y - 1});
      std::string growth = "-", status = "no_prior";
      if (prior == g.cells.end()) {
        ++none;
      } else if (prior->second.is_zero()) {
        ++zero;
        status = "zero_prior";
      } else {
        const decimal gr = decimal::divide(v - prior->second, prior->second, 12, annals::rounding::half_up);
        growth = gr.to_string(12);
        status = "ok";
        sum += gr;
        ++ok;
      }
      want.push_back(j + "|" + m + "|" + std::to_string(y) + "|" + v.to_string() + "|" + growth + "|" + status);
    }
    for (auto strategy : {panel_strategy::automatic, panel_strategy::grid, panel_strategy::sort})
      for (unsigned threads : {1u, 2u, 3u, 5u}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + " threads " + std::to_string(threads) + " strategy " +
                     std::to_string(static_cast<int>(strategy)));
        const panel_options o{threads, strategy};
        const auto r = annals::panel_yoy_text(g.csv, "gen.csv", o);
        EXPECT_EQ(dump(r), want);
        EXPECT_EQ(r.summary().rows, ok);
        EXPECT_EQ(r.summary().zero_prior, zero);
        EXPECT_EQ(r.summary().no_prior, none);
        EXPECT_EQ(r.summary().growth_sum, sum);
        const auto s = annals::panel_yoy_summary_text(g.csv, "gen.csv", o);
        EXPECT_EQ(s.to_json(), r.summary().to_json());
      }
  }
}

TEST(panel_test, file_and_text_give_the_same_json) {
  const generated g = make_panel(9);
  const auto path = std::filesystem::temp_directory_path() / ("annals_panel_test_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream f(path, std::ios::binary);
    f << g.csv;
  }
  std::ostringstream a, b;
  annals::panel_yoy(path, {2}).write_json(a);
  annals::panel_yoy_text(g.csv, "x", {1}).write_json(b);
  std::filesystem::remove(path);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_EQ(a.str().substr(0, 2), "[\n");
  EXPECT_NE(a.str().find("{\"jurisdiction\":\"Beta, Inc\",\"metric\":\"m0\",\"year\":"), std::string::npos);
  EXPECT_NE(a.str().find("\"jurisdiction\":\"line\\nbreak\""), std::string::npos);
}

#ifdef ANNALS_CLI
struct run_result {
  int code;
  std::string out;
  std::string err;
};

run_result run_cli(const std::string& args) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string tag = std::to_string(::getpid());
  const auto out = dir / ("annals_panel_cli_" + tag + ".out"), err = dir / ("annals_panel_cli_" + tag + ".err");
  const std::string cmd = std::string(ANNALS_CLI) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  };
  run_result r{WEXITSTATUS(status), slurp(out), slurp(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

TEST(panel_test, cli_summary_csv_json_and_errors) {
  const auto path = std::filesystem::temp_directory_path() / ("annals_panel_cli_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream f(path, std::ios::binary);
    f << "jurisdiction,metric,year,value\nb,m,2021,3\nb,m,2020,2\na,m,2020,0\na,m,2021,1\n";
  }
  auto r = run_cli("yoy --panel " + path.string() + " --summary");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"schema\": \"annals.yoy_summary/1\", \"rows\": 1, \"growth_sum\": \"0.500000\", \"zero_prior\": 1, \"no_prior\": 2, \"rows_read\": 4}\n");
  r = run_cli("yoy --panel " + path.string() + " --format csv");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "\xEF\xBB\xBFjurisdiction,metric,year,value,prior,growth_ratio,status\n"
            "a,m,2020,0,,,no_prior\na,m,2021,1,0,,zero_prior\n"
            "b,m,2020,2,,,no_prior\nb,m,2021,3,2,0.500000000000,ok\n");
  r = run_cli("yoy --panel " + path.string() + " --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("{\"jurisdiction\":\"b\",\"metric\":\"m\",\"year\":2021,\"value\":\"3\",\"prior\":\"2\","
                       "\"growth_ratio\":\"0.500000000000\",\"status\":\"ok\"}"),
            std::string::npos);
  EXPECT_EQ(r.out.rfind("{\"schema\": \"annals.yoy_panel/1\", \"rows\": [\n", 0), 0u) << r.out;
  {
    std::ofstream f(path, std::ios::binary);
    f << "jurisdiction,metric,year,value\nb,m,2021,3\nb,m,2020,two\n";
  }
  r = run_cli("yoy --panel " + path.string() + " --format csv");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "annals: " + path.string() + ":3: bad number 'two' in column value\n");
  r = run_cli("yoy --panel /nonexistent/x.csv --summary");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  r = run_cli("yoy --panel " + path.string() + " --format table");  // refused before issue 13
  EXPECT_EQ(r.code, 3);  // the bad number, as for every format
  EXPECT_EQ(r.out, "");
  std::filesystem::remove(path);
}
#endif

}  // namespace
