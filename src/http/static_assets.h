// The web UI's files, compiled into the binary (web/dist at build time), and how they are
// served: a content type by extension; hashed files under /assets/ cached for a year as
// immutable; everything else revalidated; a strict Content-Security-Policy on every page; and the
// single-page-app fallback, so a deep link such as /incidents/INC-2026-0042/timeline loads the
// app, which then routes on the client.
#pragma once

#include <optional>
#include <span>

#include "core/embedded_file.h"
#include "http/api.h"

namespace debrief::http {

// Generated from web/dist by cmake/EmbedDirectory.cmake.
std::span<const core::EmbeddedFile> WebAssets();

// Allows only this origin's scripts, styles, images and API calls; no inline script, no framing.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Whether a path belongs to the UI rather than to the API or the operations endpoints.
bool IsUiPath(std::string_view path);

// The response for a UI path: the file, index.html for client-side routes, or nullopt when the
// UI is not built into this binary (the caller answers 404).
std::optional<ApiResponse> ServeUi(const ApiRequest& request,
                                   std::span<const core::EmbeddedFile> files);

}  // namespace debrief::http
