// StoreAccess::TryWith: the cheap routes (GET /readyz, on an io thread) do not wait while a
// store query on a worker holds the store.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <thread>

#include "serve/api.h"

namespace vv::serve {
namespace {

TEST(StoreAccess, TryWithDoesNotWaitForAQueryInProgress) {
  auto dir = std::filesystem::temp_directory_path() /
             ("vv_store_access_test_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  auto opened = OpenStore("sqlite:" + (dir / "vv.db").string());
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  StoreAccess access(std::move(opened).value());
  auto probe = [](Store&) -> Status { return {}; };

  std::promise<void> entered, release;
  std::thread query([&] {
    (void)access.With([&](Store&) -> Status {
      entered.set_value();
      release.get_future().wait();
      return {};
    });
  });
  entered.get_future().wait();
  EXPECT_FALSE(access.TryWith(probe).has_value());  // busy: no wait
  release.set_value();
  query.join();
  auto free = access.TryWith(probe);
  ASSERT_TRUE(free.has_value());
  EXPECT_TRUE(free->ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vv::serve
