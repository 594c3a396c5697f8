// A client on a raw loopback socket, for tests that control every byte sent and see what the
// server does before, during and after a request (header-only refusals, pipelining, a client that
// goes away while its request runs).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <string_view>

namespace debrief::testing {

class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  // Whether the server has sent anything not read yet (without waiting).
  bool HasInput() const {
    pollfd waiting{fd_, POLLIN, 0};
    return ::poll(&waiting, 1, 0) == 1;
  }
  // Closes the connection now, as a client that gives up on its request.
  void Close() {
    ::close(fd_);
    fd_ = -1;
  }
  void Send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return;
      bytes.remove_prefix(static_cast<size_t>(sent));
    }
  }
  // Everything the server sends until it closes the connection or is silent for five seconds.
  std::string ReceiveAll() {
    std::string received;
    char buffer[4096];
    while (true) {
      ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      received.append(buffer, static_cast<size_t>(got));
    }
    return received;
  }
  // The next response's status line, its header and body read, without waiting for the
  // connection to close; empty when the server closed it.
  std::string StatusLine() {
    std::string header;
    char c;
    while (!header.ends_with("\r\n\r\n") && ::recv(fd_, &c, 1, 0) == 1) header += c;
    size_t length_at = header.find("Content-Length: ");
    size_t length = length_at == std::string::npos ? 0 : std::stoul(header.substr(length_at + 16));
    std::string body(length, '\0');
    size_t got = 0;
    while (got < length) {
      ssize_t read = ::recv(fd_, body.data() + got, length - got, 0);
      if (read <= 0) break;
      got += static_cast<size_t>(read);
    }
    return header.substr(0, header.find("\r\n"));
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

}  // namespace debrief::testing
