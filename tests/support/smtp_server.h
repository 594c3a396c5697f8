// A real SMTP server for tests: tests/support/smtp_sink.py on Debian's python3-aiosmtpd, with a
// certificate made for it by the openssl command, requiring STARTTLS and then a user and
// password. Each message it takes is kept as JSON (envelope, TLS, who authenticated, headers and
// decoded text) for the test to read.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/child_process.h"

namespace debrief::testing {

class SmtpServer {
 public:
  static constexpr const char* kUser = "debrief-mailer";
  static constexpr const char* kPassword = "a mail password";

  SmtpServer() {
    directory_ = std::filesystem::temp_directory_path() /
                 ("debrief-smtp-" + std::to_string(::getpid()) + "-" +
                  std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_ / "out");
    std::string cert = (directory_ / "cert.pem").string();
    std::string key = (directory_ / "key.pem").string();
    auto [made, output] =
        RunCommand({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    key, "-out", cert, "-days", "2", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1"},
                   /*with_errors=*/true);
    if (made != 0) return;
    child_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{"/usr/bin/python3", DEBRIEF_SMTP_SINK, "--cert", cert, "--key",
                                 key, "--user", kUser, "--password", kPassword, "--out",
                                 (directory_ / "out").string()},
        /*feed_stdin=*/true);
    std::string line = child_->ReadLine();
    if (line.starts_with("listening ")) port_ = std::stoi(line.substr(10));
  }
  ~SmtpServer() {
    if (child_) {
      child_->CloseInput();
      child_->Wait();
    }
    std::filesystem::remove_all(directory_);
  }

  bool running() const { return port_ != 0; }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // The certificate the server presents, to trust as its CA.
  std::string ca_file() const { return (directory_ / "cert.pem").string(); }

  // The messages taken so far, oldest first, after waiting up to `timeout` for `at_least`.
  std::vector<boost::json::value> Messages(
      size_t at_least = 0, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(directory_ / "out")) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
      }
      if (files.size() >= at_least || std::chrono::steady_clock::now() > deadline) {
        std::sort(files.begin(), files.end());
        std::vector<boost::json::value> messages;
        for (const auto& file : files) {
          std::ifstream in(file);
          std::stringstream text;
          text << in.rdbuf();
          messages.push_back(boost::json::parse(text.str()));
        }
        return messages;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

 private:
  std::filesystem::path directory_;
  std::unique_ptr<ChildProcess> child_;
  int port_ = 0;
};

}  // namespace debrief::testing
