#include "eval/term_index.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace vv::eval {
namespace {

TEST(TermIndex, FindsEveryTermAndNothingElse) {
  std::vector<std::string> terms;
  std::unordered_map<std::string, int> expected;
  for (int i = 0; i < 5000; ++i) {
    terms.push_back("t" + std::to_string(i * 7) + (i % 3 ? " b" : ""));
    expected[terms.back()] = i;
  }
  terms.push_back("t0");  // a repeat maps to its last position, as map assignment would
  expected["t0"] = static_cast<int>(terms.size()) - 1;
  TermIndex index;
  EXPECT_EQ(index.Find("x"), -1);
  index.Build(terms);
  for (const auto& [term, i] : expected) EXPECT_EQ(index.Find(term), i) << term;
  for (const char* absent : {"", "t1", "t7 c", "b"}) EXPECT_EQ(index.Find(absent), -1) << absent;
}

}  // namespace
}  // namespace vv::eval
