// An identity provider's answer to a sign-in: its key set (first line) and an ID token (the
// rest), checked as a sign-in checks them. A token the keys verify must carry the claims the
// expectations name; nothing may crash whatever the bytes.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/oidc/id_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t line = text.find('\n');
  if (line == std::string_view::npos) return 0;
  (void)formats::oidc::IdTokenKeyId(text.substr(line + 1));
  auto keys = formats::oidc::KeySet::Parse(text.substr(0, line));
  if (!keys) return 0;
  formats::oidc::IdTokenExpectations expected;
  expected.issuer = "https://id.example.com";
  expected.client_id = "debrief";
  expected.nonce = "n";
  expected.now = core::FromEpochMillis(1'780'000'100'000);
  auto claims = formats::oidc::VerifyIdToken(text.substr(line + 1), *keys, expected);
  if (claims && (claims->issuer != expected.issuer || claims->subject.empty())) __builtin_trap();
  return 0;
}
