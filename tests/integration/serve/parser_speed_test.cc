// A guard on the hot path's parser cost: one realistic video body parsed and validated in
// microseconds, not milliseconds (the server's throughput target depends on it).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "serve/request_parser.h"
#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

TEST(ParserSpeed, RealisticBodyParsesInMicroseconds) {
  std::string body = SampleVideo().dump();
  Limits limits;
  constexpr int kRounds = 20000;
  size_t checksum = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRounds; ++i) {
    auto video = ParseVideoBody(body, limits);
    ASSERT_TRUE(video.ok());
    checksum += video->snapshots.size();
  }
  double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                  .count() / kRounds;
  std::printf("ParseVideoBody: %.2f us per %zu-byte body\n", us, body.size());
  EXPECT_EQ(checksum, 2u * kRounds);
  EXPECT_LT(us, 50.0);  // measured ~3-6 us on the 2-core dev machine; generous for CI noise
}

}  // namespace
}  // namespace vv::serve::testing
