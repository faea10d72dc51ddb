// What store::ingest derives from a report before writing it: the checks that keep a malformed
// report out, the decimal texts and doubles of its figures, its facts' catalogue keys
// (encode_rows). Touches no store, so encoded_report does it on whichever thread read the
// report, and the writing thread only writes (docs/store.md, Performance).

#include <annals/error.hpp>
#include <annals/store.hpp>

#include "store/backend_detail.hpp"
#include "store/encoded_detail.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <unordered_set>

namespace annals {

std::optional<std::string> normalised_sha256(std::string_view s) {
  const auto is_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
  if (s.size() != 64 || !std::all_of(s.begin(), s.end(), is_hex)) return std::nullopt;
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string detail::report_what(const report& r) {
  return r.source.name.empty() ? std::string("report") : r.source.name;
}

void detail::validate_report(const report& r) {
  const auto what_of = detail::report_what;
  const std::string what = what_of(r);
  if (r.facts.size() > max_facts_per_report)
    throw input_error(what + ": " + std::to_string(r.facts.size()) + " facts; a report may hold at most " +
                      std::to_string(max_facts_per_report));
  std::unordered_set<std::string_view> facts, changes, commitments;
  facts.reserve(r.facts.size());
  for (const auto& f : r.facts) {
    if (f.id.empty()) throw input_error(what + ": a fact has no id");
    if (!facts.insert(f.id).second) throw input_error(what + ": duplicate fact id " + f.id);
  }
  for (const auto& c : r.changes) {
    if (c.id.empty()) throw input_error(what + ": a change has no id");
    if (!changes.insert(c.id).second) throw input_error(what + ": duplicate change id " + c.id);
    if (c.fact && !facts.contains(*c.fact))
      throw input_error(what + ": change " + c.id + " names fact " + *c.fact + ", which does not exist");
  }
  for (const auto& k : r.commitments) {
    if (k.id.empty()) throw input_error(what + ": a commitment has no id");
    if (!commitments.insert(k.id).second) throw input_error(what + ": duplicate commitment id " + k.id);
    if (k.fact && !facts.contains(*k.fact))
      throw input_error(what + ": commitment " + k.id + " names fact " + *k.fact + ", which does not exist");
  }
}

void detail::encode_rows(const report& r, encoded_rows& out) {
  auto sha = normalised_sha256(r.source.sha256);
  if (!sha) throw input_error(report_what(r) + ": no sha256 of the raw bytes (need 64 hex digits)");
  validate_report(r);
  out.sha256 = std::move(*sha);

  // The decimal texts as written (each decimal's own scale), NUL-terminated, and the double
  // each reads as: the writer binds both without converting anything.
  std::string& texts = out.texts;
  texts.clear();
  auto put_text = [&](const std::optional<decimal>& v, double* real = nullptr) {
    if (!v) return none_offset;
    const auto at = static_cast<std::uint32_t>(texts.size());
    append_decimal_text(texts, *v);
    if (real) std::from_chars(texts.data() + at, texts.data() + texts.size(), *real);
    texts.push_back('\0');
    return at;
  };
  const std::size_t n = r.facts.size();
  out.fact_text.resize(n);
  out.fact_real.assign(n, {0, 0, 0});
  out.fact_closed.resize(n);
  out.fact_alias.resize(n);
  out.alias_keys.clear();
  for (std::size_t i = 0; i < n; ++i) {
    const fact& f = r.facts[i];
    const interval bounds = f.q.bounds();
    auto& real = out.fact_real[i];
    out.fact_text[i] = {put_text(f.q.value, &real[0]), put_text(bounds.lo, &real[1]), put_text(bounds.hi, &real[2])};
    out.fact_closed[i] = {bounds.lo_closed, bounds.hi_closed};
    const auto at = static_cast<std::uint32_t>(out.alias_keys.size());
    append_alias_lookup_key(out.alias_keys, f.label, f.q.unit);
    const auto size = static_cast<std::uint32_t>(out.alias_keys.size() - at);
    out.fact_alias[i] = {at, size, alias_hash::of(std::string_view(out.alias_keys).substr(at, size))};
  }
  out.change_text.resize(r.changes.size());
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    const change& c = r.changes[i];
    out.change_text[i] = {put_text(c.value), put_text(c.from), put_text(c.to)};
  }
}

encoded_report::encoded_report(annals::report r)
    : report_(std::move(r)), rows_(std::make_unique<detail::encoded_rows>()) {
  detail::encode_rows(report_, *rows_);
}
encoded_report::encoded_report(encoded_report&& other) noexcept = default;
encoded_report& encoded_report::operator=(encoded_report&& other) noexcept = default;
encoded_report::~encoded_report() = default;

}  // namespace annals
