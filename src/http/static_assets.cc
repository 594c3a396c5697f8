#include "http/static_assets.h"

#include <algorithm>

namespace debrief::http {
namespace {

std::string_view ContentType(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

const core::EmbeddedFile* Find(std::span<const core::EmbeddedFile> files, std::string_view path) {
  auto found = std::find_if(files.begin(), files.end(),
                            [&](const core::EmbeddedFile& file) { return file.path == path; });
  return found == files.end() ? nullptr : &*found;
}

ApiResponse FileResponse(const core::EmbeddedFile& file) {
  ApiResponse response;
  response.content_type = std::string(ContentType(file.path));
  response.body = std::string(file.content);
  // Vite puts a content hash in every name under /assets/, so those never change.
  bool hashed = file.path.starts_with("/assets/");
  response.headers.emplace_back("Cache-Control",
                                hashed ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.headers.emplace_back("X-Frame-Options", "DENY");
  return response;
}

}  // namespace

bool IsUiPath(std::string_view path) {
  return !path.starts_with("/api/") && path != "/api" && !path.starts_with("/scim/") &&
         path != "/healthz" && path != "/readyz" && path != "/metrics";
}

std::optional<ApiResponse> ServeUi(const ApiRequest& request,
                                   std::span<const core::EmbeddedFile> files) {
  const core::EmbeddedFile* index = Find(files, "/index.html");
  if (index == nullptr) return std::nullopt;
  if (const core::EmbeddedFile* file = Find(files, request.path)) return FileResponse(*file);
  // A missing asset is a 404, not the app: a stale page asking for an old bundle must fail
  // loudly rather than receive HTML as JavaScript.
  std::string_view last_segment = request.path.substr(request.path.rfind('/') + 1);
  if (request.path.starts_with("/assets/") || last_segment.find('.') != std::string_view::npos) {
    return std::nullopt;
  }
  return FileResponse(*index);
}

}  // namespace debrief::http
