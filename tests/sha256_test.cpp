#include <annals/sha256.hpp>

#include <gtest/gtest.h>

#include "../lib/reader/reader_detail.hpp"

#include <string>

// FIPS 180-4 / NIST CSRC example vectors.
TEST(sha256_test, standard_vectors) {
  EXPECT_EQ(annals::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(annals::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(annals::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(annals::sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(sha256_test, one_million_a) {
  EXPECT_EQ(annals::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(sha256_test, incremental_updates_match_one_shot_at_every_split) {
  const std::string msg(200, 'q');
  const std::string whole = annals::sha256_hex(msg);
  for (std::size_t cut = 0; cut <= msg.size(); cut += 7) {
    annals::sha256 h;
    h.update(std::string_view(msg).substr(0, cut));
    h.update(std::string_view(msg).substr(cut));
    EXPECT_EQ(h.finish_hex(), whole) << cut;
  }
  // block-boundary lengths exercise the padding branches
  EXPECT_EQ(annals::sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(annals::sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(annals::sha256_hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(sha256_test, portable_and_accelerated_code_agree) {
  std::string msg;
  for (int i = 0; i < 5000; ++i) msg.push_back(static_cast<char>((i * 7919) & 0xFF));
  const std::string fast = annals::sha256_hex(msg);
  annals::detail::sha256_force_portable = true;
  const std::string portable = annals::sha256_hex(msg);
  const std::string abc = annals::sha256_hex("abc");
  annals::detail::sha256_force_portable = false;
  EXPECT_EQ(fast, portable);
  EXPECT_EQ(fast, "5f23793c79b0d7c16e526d80cfb38684e6cada9d35326b0430b844d9cdc07d7b");
  EXPECT_EQ(abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
