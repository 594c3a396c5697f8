// A real HTTP server on a loopback port that records what it receives and answers with the
// status codes a test scripts: the other end of a webhook.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace debrief::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // Lower-case names.
  std::string body;
};

class LoopbackReceiver {
 public:
  // Answers with `statuses` in turn, then 200.
  explicit LoopbackReceiver(std::deque<unsigned> statuses = {})
      : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        statuses_(std::move(statuses)) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~LoopbackReceiver() {
    boost::system::error_code ignored;
    stopping_ = true;
    // Wake the blocking accept with a connection of our own.
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::vector<ReceivedRequest> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void Serve() {
    namespace http = boost::beast::http;
    while (true) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code error;
      acceptor_.accept(socket, error);
      if (stopping_ || error) return;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> request;
      http::read(socket, buffer, request, error);
      if (error) continue;
      unsigned status = 200;
      {
        std::lock_guard lock(mutex_);
        ReceivedRequest& received = received_.emplace_back();
        received.method = std::string(request.method_string());
        received.target = std::string(request.target());
        for (const auto& field : request) {
          std::string name(field.name_string());
          for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          received.headers[name] = std::string(field.value());
        }
        received.body = request.body();
        if (!statuses_.empty()) {
          status = statuses_.front();
          statuses_.pop_front();
        }
      }
      http::response<http::string_body> response{static_cast<http::status>(status), 11};
      response.body() = status == 200 ? "thanks" : "try later";
      response.keep_alive(false);
      response.prepare_payload();
      http::write(socket, response, error);
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, error);
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::deque<unsigned> statuses_;
  std::mutex mutex_;
  std::vector<ReceivedRequest> received_;
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
};

}  // namespace debrief::testing
