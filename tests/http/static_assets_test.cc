#include "http/static_assets.h"

#include <gtest/gtest.h>

namespace debrief::http {
namespace {

const core::EmbeddedFile kFiles[] = {
    {"/index.html", "<!doctype html><div id=app></div>"},
    {"/assets/index-abc123.js", "console.log(1)"},
    {"/assets/style-def456.css", "body{}"},
    {"/favicon.svg", "<svg/>"},
};

std::string Header(const ApiResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

ApiRequest Get(std::string path) {
  ApiRequest request;
  request.path = std::move(path);
  return request;
}

TEST(StaticAssets, ServesFilesWithTheirContentTypes) {
  auto script = ServeUi(Get("/assets/index-abc123.js"), kFiles);
  ASSERT_TRUE(script);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script->body, "console.log(1)");
  EXPECT_EQ(ServeUi(Get("/assets/style-def456.css"), kFiles)->content_type,
            "text/css; charset=utf-8");
  EXPECT_EQ(ServeUi(Get("/favicon.svg"), kFiles)->content_type, "image/svg+xml");
}

TEST(StaticAssets, HashedFilesAreImmutableAndPagesRevalidate) {
  EXPECT_EQ(Header(*ServeUi(Get("/assets/index-abc123.js"), kFiles), "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(*ServeUi(Get("/index.html"), kFiles), "Cache-Control"), "no-cache");
}

TEST(StaticAssets, EveryPageCarriesAStrictContentSecurityPolicy) {
  std::string policy = Header(*ServeUi(Get("/"), kFiles), "Content-Security-Policy");
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
}

TEST(StaticAssets, DeepLinksGetTheApp) {
  auto page = ServeUi(Get("/incidents/INC-2026-0042/timeline"), kFiles);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page->body, kFiles[0].content);
}

TEST(StaticAssets, MissingFilesAreNotAnsweredWithTheApp) {
  EXPECT_FALSE(ServeUi(Get("/assets/index-old999.js"), kFiles));
  EXPECT_FALSE(ServeUi(Get("/robots.txt"), kFiles));
}

TEST(StaticAssets, WithoutABuiltUiNothingIsServed) { EXPECT_FALSE(ServeUi(Get("/"), {})); }

TEST(StaticAssets, TheApiIsNotUi) {
  EXPECT_FALSE(IsUiPath("/api/v1/incidents"));
  EXPECT_FALSE(IsUiPath("/healthz"));
  EXPECT_FALSE(IsUiPath("/metrics"));
  EXPECT_TRUE(IsUiPath("/"));
  EXPECT_TRUE(IsUiPath("/incidents/INC-2026-0001"));
}

}  // namespace
}  // namespace debrief::http
