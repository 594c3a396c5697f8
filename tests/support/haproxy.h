// A real HAProxy (Debian's haproxy; `make test` installs it) on loopback for tests, run in the
// foreground from a configuration the test writes, stopped with the test.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "support/child_process.h"
#include "support/raw_client.h"

namespace debrief::testing {

inline constexpr char kHaproxyBinary[] = "/usr/sbin/haproxy";

class Haproxy {
 public:
  static std::optional<std::string> Unavailable() {
    if (!std::filesystem::exists(kHaproxyBinary)) {
      return "haproxy is not installed (make test installs it)";
    }
    return std::nullopt;
  }

  // A free loopback port for the proxy to listen on (the kernel's choice, released at once).
  static uint16_t FreePort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
  }

  // Runs haproxy with `config` (written to `folder`), which binds 127.0.0.1:`port`; waits until
  // the port answers.
  Haproxy(const std::filesystem::path& folder, const std::string& config, uint16_t port)
      : port_(port) {
    std::filesystem::create_directories(folder);
    std::filesystem::path file = folder / "haproxy.cfg";
    std::ofstream(file) << config;
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{kHaproxyBinary, "-db", "-f", file.string()}, false, true);
    for (int attempt = 0; attempt < 100; ++attempt) {
      RawClient probe(port_);
      if (probe.connected()) {
        running_ = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~Haproxy() {
    process_->Signal(SIGTERM);
    process_->Wait();
  }

  bool running() const { return running_; }
  uint16_t port() const { return port_; }

 private:
  uint16_t port_;
  bool running_ = false;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace debrief::testing
