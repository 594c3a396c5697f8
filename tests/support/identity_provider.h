// A real OpenID provider for tests (tests/support/oidc/provider.mjs: oidc-provider under Node)
// on loopback, and a stand-in for the browser between debrief and it (sign_in.mjs). Available
// where Node and the provider's packages are (`make test` installs them); tests skip otherwise.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/url/parse.hpp>

#include "support/child_process.h"
#include "support/raw_client.h"

namespace debrief::testing {

// The value of the query parameter `name` in `url` (empty when absent).
inline std::string QueryParam(const std::string& url, std::string_view name) {
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return {};
  auto found = parsed->params().find(name);
  return found == parsed->params().end() ? std::string() : std::string((*found).value);
}

class IdentityProvider {
 public:
  // Why no provider can run here, if none can.
  static std::optional<std::string> Unavailable() {
    if (!std::filesystem::exists(DEBRIEF_NODE)) return "no node here";
    if (!std::filesystem::exists(std::string(DEBRIEF_OIDC_PROVIDER) +
                                 "/node_modules/oidc-provider")) {
      return "the test identity provider's packages are not installed (make test installs them)";
    }
    return std::nullopt;
  }

  // Starts the provider sending people back to `redirect_uri`, signing with the keys kept in
  // `keys_file` (made when missing), on `port` (0: a free one).
  IdentityProvider(std::string redirect_uri, std::string keys_file, int port = 0)
      : redirect_uri_(std::move(redirect_uri)) {
    std::vector<std::string> arguments{
        DEBRIEF_NODE, std::string(DEBRIEF_OIDC_PROVIDER) + "/provider.mjs",
        "--redirect", redirect_uri_,
        "--keys",     keys_file};
    if (port != 0) {
      arguments.push_back("--port");
      arguments.push_back(std::to_string(port));
    }
    process_ = std::make_unique<ChildProcess>(arguments, false, /*with_errors=*/true);
    for (std::string line = process_->ReadLine(); !line.empty(); line = process_->ReadLine()) {
      if (line.starts_with("LISTENING ")) {
        port_ = std::stoi(line.substr(10));
        break;
      }
    }
  }
  ~IdentityProvider() { Stop(); }

  void Stop() {
    if (process_ == nullptr) return;
    process_->Signal(SIGTERM);
    process_->Wait();
    process_.reset();
  }
  bool running() const { return port_ != 0; }
  int port() const { return port_; }
  std::string issuer() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // From now on, the ID tokens the provider hands out are tampered with as `mode` says (see
  // provider.mjs; empty: honest again). Whether the provider took the mode.
  bool Tamper(const std::string& mode) const {
    RawClient client(static_cast<uint16_t>(port_));
    if (!client.connected()) return false;
    client.Send("GET /__tamper?mode=" + mode +
                " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return client.ReceiveAll().starts_with("HTTP/1.1 200");
  }

  // Follows `authorization_url` as `person`'s browser would, to where the provider sends it back
  // (the redirect URI with code and state); empty if it never gets there.
  std::string SignIn(const std::string& authorization_url, const std::string& person) const {
    auto [status, output] =
        RunCommand({DEBRIEF_NODE, std::string(DEBRIEF_OIDC_PROVIDER) + "/sign_in.mjs",
                    authorization_url, person, redirect_uri_});
    if (status != 0) return {};
    while (!output.empty() && output.back() == '\n') output.pop_back();
    return output;
  }

 private:
  std::string redirect_uri_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

}  // namespace debrief::testing
