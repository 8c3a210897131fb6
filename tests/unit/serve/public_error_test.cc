// PublicError: what an error answer may show a client (issue 14 item 9).
#include <gtest/gtest.h>

#include "serve/errors.h"

namespace vv::serve {
namespace {

TEST(PublicErrorTest, RequestLocatorsStayServerPathsGo) {
  EXPECT_EQ(PublicError(MakeError(ErrorCode::kInvalidArgument, "m", "$.title")).path, "$.title");
  EXPECT_EQ(PublicError(MakeError(ErrorCode::kInvalidArgument, "m", "?limit")).path, "?limit");
  EXPECT_EQ(PublicError(MakeError(ErrorCode::kNotFound, "m", "/v1/videos/x")).path, "/v1/videos/x");
  EXPECT_EQ(PublicError(MakeError(ErrorCode::kUnavailable, "m", "Authorization")).path,
            "Authorization");
  for (const char* server : {"/srv/models/velocity", "models/velocity/v1/manifest.json",
                             "postgresql://vv:***@db.internal/vv", "sqlite:var/vv.db", "genre",
                             "--db"}) {
    EXPECT_EQ(PublicError(MakeError(ErrorCode::kNotFound, "no model 'x'", server)).path, "")
        << server;
  }
}

TEST(PublicErrorTest, BackendFailuresGetAGenericMessageAndTheNote) {
  Error store = MakeError(ErrorCode::kUnavailable,
                          "cannot connect to PostgreSQL: connection to server at \"db.internal\"",
                          "postgresql://vv:***@db.internal/vv");
  Error shown = PublicError(store);
  EXPECT_EQ(shown.code, ErrorCode::kUnavailable);
  EXPECT_EQ(shown.message.find("db.internal"), std::string::npos) << shown.message;
  EXPECT_NE(shown.message.find("server log"), std::string::npos) << shown.message;
  shown = PublicError(MakeError(ErrorCode::kDataLoss, "sha256 of /srv/m/genre.bin", "/srv/m"),
                      "failed: [\"genre\"]");
  EXPECT_EQ(shown.message.find("/srv"), std::string::npos) << shown.message;
  EXPECT_NE(shown.message.find("(failed: [\"genre\"])"), std::string::npos) << shown.message;
  // Made by the HTTP layer about the request itself: kept as written.
  shown = PublicError(MakeError(ErrorCode::kUnavailable, "model 'viral' is not loaded",
                                "/v1/predict/viral"));
  EXPECT_EQ(shown.message, "model 'viral' is not loaded");
}

TEST(PublicErrorTest, WriteErrorKeepsTheWholeErrorForTheLog) {
  Response response;
  WriteError(MakeError(ErrorCode::kNotFound, "no model 'nosuch'", "/srv/models/nosuch"), &response);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body.find("/srv"), std::string::npos) << response.body;
  EXPECT_NE(response.body.find("nosuch"), std::string::npos) << response.body;
  EXPECT_EQ(response.error_detail, "/srv/models/nosuch: no model 'nosuch'");
  Response plain;
  WriteError(MakeError(ErrorCode::kInvalidArgument, "must be a number", "$.views"), &plain);
  EXPECT_TRUE(plain.error_detail.empty());  // nothing withheld, nothing extra to log
}

}  // namespace
}  // namespace vv::serve
