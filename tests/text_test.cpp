#include <annals/text.hpp>

#include <gtest/gtest.h>

#include "../lib/figures/utf8_simd_detail.hpp"

#include <array>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

namespace {

std::string sample() {
  std::ifstream in(ANNALS_DATA_DIR "/chengdu-2024.txt", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(text_test, decodes_one_to_four_byte_sequences) {
  const std::string s = "a\xC3\xA9\xE6\x88\x90\xF0\x9F\x98\x80";  // a é 成 😀
  auto c = annals::utf8::decode(s, 0);
  EXPECT_EQ(c.value, U'a');
  EXPECT_EQ(c.length, 1u);
  c = annals::utf8::decode(s, 1);
  EXPECT_EQ(c.value, U'\u00E9');
  EXPECT_EQ(c.length, 2u);
  c = annals::utf8::decode(s, 3);
  EXPECT_EQ(c.value, U'\u6210');
  EXPECT_EQ(c.length, 3u);
  c = annals::utf8::decode(s, 6);
  EXPECT_EQ(c.value, U'\U0001F600');
  EXPECT_EQ(c.length, 4u);
  EXPECT_TRUE(c.valid);
  EXPECT_EQ(annals::utf8::decode(s, 10).length, 0u);
}

TEST(text_test, invalid_sequences_yield_replacement_with_maximal_subpart) {
  using annals::utf8::decode;
  // truncated three-byte sequence: the two bytes present are one ill-formed subpart
  auto c = decode(std::string_view("\xE6\x88", 2), 0);
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.value, annals::utf8::replacement_character);
  EXPECT_EQ(c.length, 2u);
  // a stray continuation byte
  c = decode("\x80x", 0);
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.length, 1u);
  // overlong encoding of '/', a surrogate, a value above U+10FFFF
  EXPECT_FALSE(decode("\xC0\xAF", 0).valid);
  EXPECT_EQ(decode("\xED\xA0\x80", 0).length, 1u);
  EXPECT_FALSE(decode("\xF4\x90\x80\x80", 0).valid);
  // second byte wrong: only the lead is consumed, so the next character survives
  c = decode("\xE6" "a", 0);
  EXPECT_EQ(c.length, 1u);
}

TEST(text_test, validation_finds_the_first_bad_byte) {
  const std::string good = sample();
  EXPECT_TRUE(annals::utf8::is_valid(good));
  std::string bad = good;
  bad.insert(1000, "\xFF");
  EXPECT_EQ(annals::utf8::find_invalid(bad), 1000u);
  std::string truncated = good.substr(0, 5);  // 成 plus two bytes of 都
  EXPECT_EQ(annals::utf8::find_invalid(truncated), 3u);
  EXPECT_TRUE(annals::utf8::is_valid(""));
  EXPECT_FALSE(annals::utf8::is_valid("\xED\xBF\xBF"));
}

namespace {

/// The first invalid byte by decoding one character after another: the definition find_invalid
/// (and its 32-bytes-at-a-time prefix) must agree with.
std::size_t first_invalid_by_decoding(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const annals::utf8::code_point c = annals::utf8::decode(s, i);
    if (!c.valid) return i;
    i += c.length;
  }
  return annals::utf8::npos;
}

/// `count` characters of valid text: CJK, ASCII, two- and four-byte characters mixed.
std::string valid_text(std::mt19937& rng, std::size_t count) {
  static const std::array<const char*, 8> pieces = {"成", "都", "a", "1", "\xC3\xA9", "\xF0\x9F\x98\x80", "。", "\xEF\xBF\xBD"};
  std::string s;
  for (std::size_t k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
  return s;
}

}  // namespace

// find_invalid takes a valid prefix 32 bytes at a time where the CPU has AVX2 (utf8_simd.cpp) and
// the rest byte by byte. Every byte value class that decides validity, in every pair, triple and
// quadruple, placed across a 32-byte block boundary and at a block's start: the same answer as
// decoding character by character.
TEST(text_test, validation_in_blocks_agrees_with_decoding_on_every_class_of_byte_sequence) {
  if (!annals::utf8::detail::simd_validation_available())
    std::cout << "[ note ] no AVX2 on this CPU: find_invalid is checked on its scalar path alone\n";
  const std::array<unsigned char, 27> bytes = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                               0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                               0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
  // 成 (three bytes) repeated: valid around the sequence under test, whatever its length
  std::string base;
  while (base.size() < 150) base += "成";
  std::size_t checked = 0, invalid = 0;
  for (const std::size_t at : {std::size_t{63}, std::size_t{64}, std::size_t{94}}) {  // 64: a block start
    for (unsigned a : bytes)
      for (unsigned b : bytes)
        for (unsigned c : bytes)
          for (unsigned d : bytes) {
            std::string s = base.substr(0, at);
            s += static_cast<char>(a);
            s += static_cast<char>(b);
            s += static_cast<char>(c);
            s += static_cast<char>(d);
            s += base.substr(0, 60);
            const std::size_t want = first_invalid_by_decoding(s);
            ASSERT_EQ(annals::utf8::find_invalid(s), want) << "at " << at << ": " << std::hex << a << ' ' << b << ' '
                                                           << c << ' ' << d;
            ++checked;
            invalid += want != annals::utf8::npos ? 1 : 0;
          }
  }
  EXPECT_EQ(checked, 3u * 27 * 27 * 27 * 27);
  EXPECT_GT(invalid, checked / 2);  // most random quadruples are invalid ...
  EXPECT_LT(invalid, checked);      // ... not all
}

TEST(text_test, validation_in_blocks_finds_the_first_bad_byte_of_long_mutated_texts) {
  std::mt19937 rng(20261208);
  for (int round = 0; round < 4000; ++round) {
    std::string s = valid_text(rng, 20 + rng() % 200);
    ASSERT_EQ(annals::utf8::find_invalid(s), annals::utf8::npos) << round;
    // one to three bytes changed, or a character cut short at the end
    const int changes = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < changes; ++k) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    if (round % 5 == 0) s.pop_back();
    ASSERT_EQ(annals::utf8::find_invalid(s), first_invalid_by_decoding(s)) << round;
  }
}

TEST(text_test, the_block_prefix_is_valid_and_ends_where_a_character_starts) {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::string s = valid_text(rng, 40 + rng() % 100);
    if (round % 2 == 1) s[rng() % s.size()] = static_cast<char>(0x80 + rng() % 64);
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t prefix = annals::utf8::detail::simd_valid_prefix(p, s.size());
    ASSERT_LE(prefix, s.size());
    const std::string_view head(s.data(), prefix);
    EXPECT_EQ(first_invalid_by_decoding(head), annals::utf8::npos) << round;
    if (prefix > 0 && prefix < s.size()) {  // 0: nothing vouched for
      EXPECT_NE(p[prefix] & 0xC0, 0x80) << "a continuation byte at " << prefix;
    }
    if (annals::utf8::detail::simd_validation_available() && round % 2 == 0) {
      EXPECT_GE(prefix + 64, s.size()) << "valid text is taken in blocks up to its last one";
    }
  }
  EXPECT_EQ(annals::utf8::detail::simd_valid_prefix(nullptr, 0), 0u);
}

TEST(text_test, length_counts_lead_bytes_eight_at_a_time_and_in_the_tail) {
  // every slice of a mixed text (ASCII, CJK, 4-byte, stray continuation and invalid bytes):
  // length() counts the bytes that are not 10xxxxxx, whatever the slice's size and alignment
  const std::string s = "超1.11万件,同比增长89.6%。\x80\xFF ab〇一二\xF0\x9F\x98\x80" "cd\xC2\xA0" "e";
  for (std::size_t b = 0; b < s.size(); ++b)
    for (std::size_t e = b; e <= s.size(); ++e) {
      std::size_t leads = 0;
      for (std::size_t i = b; i < e; ++i) leads += (static_cast<unsigned char>(s[i]) & 0xC0u) != 0x80u ? 1u : 0u;
      ASSERT_EQ(annals::utf8::length(std::string_view(s).substr(b, e - b)), leads) << b << ".." << e;
    }
}

TEST(text_test, counts_and_converts_code_points) {
  const std::string s = "成都2024年\xF0\x9F\x98\x80x";
  EXPECT_EQ(annals::utf8::length(s), 9u);
  EXPECT_EQ(annals::utf8::byte_offset(s, 0), 0u);
  EXPECT_EQ(annals::utf8::byte_offset(s, 2), 6u);
  EXPECT_EQ(annals::utf8::byte_offset(s, 8), 17u);
  EXPECT_EQ(annals::utf8::byte_offset(s, 99), s.size());
  EXPECT_EQ(annals::utf8::code_point_offset(s, 6), 2u);
  EXPECT_EQ(annals::utf8::code_point_offset(s, s.size()), 9u);
  EXPECT_EQ(annals::utf8::substr(s, 2, 4), "2024");
  EXPECT_EQ(annals::utf8::substr(s, 6), "年\xF0\x9F\x98\x80x");
  EXPECT_EQ(annals::utf8::slice(s, {0, 2}), "成都");
  EXPECT_EQ(annals::utf8::slice(s, {5, 3}), "");
  EXPECT_EQ(annals::utf8::slice(s, {7, 100}), "\xF0\x9F\x98\x80x");
}

TEST(text_test, offset_index_agrees_with_linear_conversion_on_the_sample) {
  const std::string s = sample();
  const annals::offset_index idx(s);
  ASSERT_EQ(idx.size(), annals::utf8::length(s));
  for (std::size_t cp = 0; cp <= idx.size() + 2; ++cp)
    ASSERT_EQ(idx.to_byte(cp), annals::utf8::byte_offset(s, cp)) << cp;
  for (std::size_t b = 0; b <= s.size(); b += 7)
    ASSERT_EQ(idx.to_code_point(b), annals::utf8::code_point_offset(s, b)) << b;
  const auto at = s.find("超1.11万件");
  ASSERT_NE(at, std::string::npos);
  const auto span = idx.span_of(at, at + std::string("超1.11万件").size());
  EXPECT_EQ(span.end - span.start, 7u);
  EXPECT_EQ(idx.slice(span), "超1.11万件");
  EXPECT_EQ(annals::utf8::slice(s, span), "超1.11万件");
}

TEST(text_test, offset_index_of_empty_text) {
  const annals::offset_index idx{std::string_view{}};
  EXPECT_EQ(idx.size(), 0u);
  EXPECT_EQ(idx.to_byte(0), 0u);
  EXPECT_EQ(idx.to_code_point(5), 0u);
  EXPECT_EQ(idx.slice({0, 3}), "");
}

TEST(text_test, half_width_mapping) {
  EXPECT_EQ(annals::to_half_width(U'０'), U'0');
  EXPECT_EQ(annals::to_half_width(U'９'), U'9');
  EXPECT_EQ(annals::to_half_width(U'Ａ'), U'A');
  EXPECT_EQ(annals::to_half_width(U'ｚ'), U'z');
  EXPECT_EQ(annals::to_half_width(U'，'), U',');
  EXPECT_EQ(annals::to_half_width(U'％'), U'%');
  EXPECT_EQ(annals::to_half_width(U'（'), U'(');
  EXPECT_EQ(annals::to_half_width(U'\u3000'), U' ');
  EXPECT_EQ(annals::to_half_width(U'￥'), U'\u00A5');
  // CJK punctuation that has no half-width twin, and Chinese numerals, stay
  EXPECT_EQ(annals::to_half_width(U'。'), U'。');
  EXPECT_EQ(annals::to_half_width(U'、'), U'、');
  EXPECT_EQ(annals::to_half_width(U'“'), U'“');
  EXPECT_EQ(annals::to_half_width(U'万'), U'万');
}

TEST(text_test, normalized_text_keeps_code_point_offsets) {
  const std::string original = "受理\u3000１，２８６件，同比增长８９．６％。";
  const annals::normalized_text n(original);
  EXPECT_FALSE(n.unchanged());
  EXPECT_EQ(n.text(), "受理 1,286件,同比增长89.6%。");
  const auto at = n.text().find("89.6%");
  ASSERT_NE(at, std::string::npos);
  const auto span = n.span_of(at, at + 5);
  EXPECT_EQ(annals::utf8::slice(original, span), "８９．６％");
  EXPECT_EQ(annals::utf8::length(n.text()), annals::utf8::length(original));
}

TEST(text_test, normalizing_the_sample_keeps_its_code_point_count) {
  const std::string s = sample();
  const annals::normalized_text n(s);
  EXPECT_EQ(n.text().size() <= s.size(), true);
  EXPECT_EQ(annals::utf8::length(n.text()), annals::utf8::length(s));
  EXPECT_EQ(annals::normalize_width("plain ascii 123"), "plain ascii 123");
  EXPECT_TRUE(annals::normalized_text("成都市").unchanged());
}

TEST(text_test, normalization_replaces_invalid_bytes) {
  EXPECT_EQ(annals::normalize_width("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_FALSE(annals::normalized_text("a\xFF").unchanged());
}

TEST(text_test, append_encodes_and_rejects_surrogates) {
  EXPECT_EQ(annals::utf8::encode(U'A'), "A");
  EXPECT_EQ(annals::utf8::encode(0x6210), "成");
  EXPECT_EQ(annals::utf8::encode(0x1F600), "\xF0\x9F\x98\x80");
  EXPECT_EQ(annals::utf8::encode(0xD800), "\xEF\xBF\xBD");
  EXPECT_EQ(annals::utf8::encode(0x110000), "\xEF\xBF\xBD");
}

TEST(text_test, printable_escapes_controls_and_replaces_bad_bytes) {
  using annals::utf8::printable;
  EXPECT_EQ(printable("超1.11万件"), "超1.11万件");
  EXPECT_EQ(printable("1\n2\t3\r"), "1\\n2\\t3\\r");
  EXPECT_EQ(printable("三\x1B[31m"), "三\\x1B[31m");
  EXPECT_EQ(printable(std::string("1\x00" "2", 3)), "1\\x002");
  EXPECT_EQ(printable("a\x7F" "b"), "a\\x7Fb");
  EXPECT_EQ(printable("a\xC2\x85" "b"), "a\\x85b");                 // NEL, a C1 control
  EXPECT_EQ(printable("两百\xE5\x8D"), "两百\xEF\xBF\xBD");          // truncated 十 → U+FFFD
  EXPECT_EQ(printable("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(annals::utf8::is_valid(printable("\xE4\xB8")));
}

TEST(text_test, printable_cuts_long_text_at_a_code_point) {
  using annals::utf8::printable;
  EXPECT_EQ(printable("成都市人民政府", 7), "成都…");      // 3 + 3 bytes fit, the third does not
  EXPECT_EQ(printable("abcdef", 6), "abcdef");
  EXPECT_EQ(printable("abcdefg", 6), "abcdef…");
  EXPECT_EQ(printable("", 4), "");
  const std::string long_text(200, 'x');
  EXPECT_EQ(printable(long_text).size(), 48u + std::string_view("…").size());
}

// ---- compatibility ideographs (issue 12): utf8proc's NFKC data, one code point for one -------

TEST(text_test, compatibility_ideographs_and_kangxi_radicals_fold_to_unified_ideographs) {
  EXPECT_EQ(annals::to_unified_ideograph(0x2F8F), U'行');      // ⾏ KANGXI RADICAL WALK ENCLOSURE
  EXPECT_EQ(annals::to_unified_ideograph(0x2F08), U'人');      // ⼈
  EXPECT_EQ(annals::to_unified_ideograph(0x2F00), U'一');      // ⼀
  EXPECT_EQ(annals::to_unified_ideograph(0xF9D8), U'律');      // 律 CJK COMPATIBILITY IDEOGRAPH-F9D8
  EXPECT_EQ(annals::to_unified_ideograph(0xF961), U'率');
  EXPECT_EQ(annals::to_unified_ideograph(0x2F800), U'丽');     // the supplement
  EXPECT_EQ(annals::to_unified_ideograph(0x2E9F), U'母');      // one of two radicals with a mapping
  // no decomposition in Unicode: stays
  EXPECT_EQ(annals::to_unified_ideograph(0x2EA0), char32_t{0x2EA0});  // ⺠ CJK RADICAL CIVILIAN
  EXPECT_EQ(annals::to_unified_ideograph(0xFA0E), char32_t{0xFA0E});  // a unified ideograph itself
  EXPECT_EQ(annals::to_unified_ideograph(0x2FD6), char32_t{0x2FD6});  // unassigned
  EXPECT_EQ(annals::to_unified_ideograph(U'行'), U'行');
  // every Kangxi radical and every supplement character has a mapping, one code point each
  for (char32_t c = 0x2F00; c <= 0x2FD5; ++c) {
    const char32_t u = annals::to_unified_ideograph(c);
    EXPECT_TRUE(u >= 0x4E00 && u <= 0x9FFF) << std::hex << static_cast<unsigned>(c);
  }
  for (char32_t c = 0x2F800; c <= 0x2FA1D; ++c) EXPECT_NE(annals::to_unified_ideograph(c), c);
}

TEST(text_test, circled_digits_squared_units_and_full_width_digits_keep_their_own_rules) {
  // NFKC would make ① "1" and ㎡ "m2": the folding used here leaves them to the figure rules
  EXPECT_EQ(annals::to_unified_ideograph(0x2460), char32_t{0x2460});
  EXPECT_EQ(annals::to_unified_ideograph(0x33A1), char32_t{0x33A1});
  EXPECT_EQ(annals::to_unified_ideograph(U'１'), U'１');
  EXPECT_EQ(annals::normalize_width("①面积１２０㎡"), "①面积120㎡");
  EXPECT_EQ(annals::fold_compatibility_ideographs("①面积１２０㎡"), "①面积１２０㎡");
}

TEST(text_test, normalized_text_folds_compatibility_ideographs_keeping_offsets) {
  const std::string original = "新收\u2F8F政复议案件１．１１万件，\U0002F800法\uF9D8";
  const annals::normalized_text n(original);
  EXPECT_FALSE(n.unchanged());
  EXPECT_EQ(n.text(), "新收行政复议案件1.11万件,丽法律");
  EXPECT_EQ(annals::utf8::length(n.text()), annals::utf8::length(original));
  const auto at = n.text().find("行政");
  const auto span = n.span_of(at, at + std::string("行政").size());
  EXPECT_EQ(annals::utf8::slice(original, span), "\u2F8F政");
  EXPECT_EQ(annals::fold_compatibility_ideographs(original), "新收行政复议案件１．１１万件，丽法律");
  // ill-formed input stays as it is (fold_compatibility_ideographs expects valid UTF-8)
  EXPECT_EQ(annals::fold_compatibility_ideographs("a\xFF\u2F8F"), "a\xFF行");
}

// ---- the one UTF-8 codec: decode_valid, sequence_length, decode_strict, encode of a text ------

TEST(text_test, sequence_length_reads_the_lead_byte_and_always_moves) {
  using annals::utf8::sequence_length;
  EXPECT_EQ(sequence_length(0x41), 1u);
  EXPECT_EQ(sequence_length(0xC3), 2u);
  EXPECT_EQ(sequence_length(0xE6), 3u);
  EXPECT_EQ(sequence_length(0xF0), 4u);
  EXPECT_EQ(sequence_length(0x80), 1u);  // a continuation byte starts nothing
  EXPECT_EQ(sequence_length(0xBF), 1u);
  EXPECT_EQ(sequence_length(0xF8), 1u);
  EXPECT_EQ(sequence_length(0xFF), 1u);
  static_assert(annals::utf8::sequence_length(0xE4) == 3);
}

TEST(text_test, decode_valid_agrees_with_decode_on_valid_text) {
  const std::string s = sample();
  std::size_t i = 0, n = 0;
  while (i < s.size()) {
    const auto a = annals::utf8::decode(s, i);
    const auto b = annals::utf8::decode_valid(s, i);
    ASSERT_EQ(a.value, b.value) << "at byte " << i;
    ASSERT_EQ(a.length, b.length) << "at byte " << i;
    ASSERT_TRUE(b.valid);
    i += b.length;
    ++n;
  }
  EXPECT_EQ(n, annals::utf8::length(s));
  const std::string all = "a\xC3\xA9\xE6\x88\x90\xF0\x9F\x98\x80";  // a é 成 😀
  EXPECT_EQ(annals::utf8::decode_valid(all, 1).value, U'\u00E9');
  EXPECT_EQ(annals::utf8::decode_valid(all, 6).value, U'\U0001F600');
  EXPECT_EQ(annals::utf8::decode_valid(all, 10).length, 0u);  // the end
  // usable in constant expressions (the reader's word tables)
  static_assert(annals::utf8::decode_valid("成都", 3).value == U'都');
  static_assert(annals::utf8::decode_valid("成都", 3).length == 3);
}

TEST(text_test, decode_valid_stays_inside_the_text_on_bad_input) {
  using annals::utf8::decode_valid;
  // truncated: the bytes left, not beyond
  auto c = decode_valid(std::string_view("\xE6\x88", 2), 0);
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.length, 2u);
  EXPECT_EQ(c.value, annals::utf8::replacement_character);
  c = decode_valid(std::string_view("\xF0\x9F", 2), 1);  // a continuation byte
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.length, 1u);
  c = decode_valid("\xFF" "a", 0);
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.length, 1u);
}

TEST(text_test, decode_strict_refuses_every_ill_formed_sequence) {
  using annals::utf8::decode_strict;
  EXPECT_EQ(decode_strict("成都a"), std::u32string(U"成都a"));
  EXPECT_EQ(decode_strict(""), std::u32string());
  EXPECT_FALSE(decode_strict("\xC0\xAF").has_value());                      // overlong '/'
  EXPECT_FALSE(decode_strict("\xE0\x80\xAF").has_value());                  // overlong, three bytes
  EXPECT_FALSE(decode_strict("\xED\xA0\x80").has_value());                  // surrogate U+D800
  EXPECT_FALSE(decode_strict("\xF4\x90\x80\x80").has_value());              // above U+10FFFF
  EXPECT_FALSE(decode_strict(std::string_view("a\xE6\x88", 3)).has_value());  // truncated at the end
  EXPECT_FALSE(decode_strict("\xE6" "a").has_value());                      // cut by another character
  EXPECT_FALSE(decode_strict("\x80").has_value());                          // stray continuation
  EXPECT_FALSE(decode_strict("\xFE").has_value());
}

TEST(text_test, encode_of_a_text_round_trips_and_replaces_what_is_not_a_scalar) {
  using annals::utf8::encode;
  EXPECT_EQ(encode(std::u32string_view(U"成都😀a")), "成都\xF0\x9F\x98\x80" "a");
  EXPECT_EQ(encode(std::u32string_view()), "");
  const std::u32string bad = {U'a', 0xD800, 0xDFFF, 0x110000, U'b'};
  EXPECT_EQ(encode(bad), "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  const std::string s = sample();
  EXPECT_EQ(encode(*annals::utf8::decode_strict(s)), s);
}
