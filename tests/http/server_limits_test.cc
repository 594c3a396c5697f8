// What the server decides from a request's header, before it reads a body: who may send one, how
// large, framed how; and how many connections it holds. Raw sockets, so the test controls every
// byte and sees what the server does before the body is sent.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/raw_client.h"
#include "support/test_server.h"

namespace debrief::testing {
namespace {

int Responses(const std::string& received) {
  int count = 0;
  for (size_t at = received.find("HTTP/1.1 "); at != std::string::npos;
       at = received.find("HTTP/1.1 ", at + 1)) {
    ++count;
  }
  return count;
}

class ServerLimitsTest : public ::testing::Test {
 protected:
  std::string Exchange(const std::string& bytes) {
    RawClient client(server_.port());
    EXPECT_TRUE(client.connected());
    client.Send(bytes);
    return client.ReceiveAll();
  }

  TestServer server_;
};

// A body is read only for a route the caller may use: the refusal comes from the header alone,
// while the 30 MB the client announced are never sent (24 anonymous imports held 801 MB before).
TEST_F(ServerLimitsTest, RefusalsComeBeforeTheBody) {
  std::string key = server_.CreateIncident(server_.alice());
  std::string import = "POST /api/v1/incidents/" + key +
                       "/timeline/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       "Content-Length: 30000000\r\n";
  struct Case {
    std::string header;
    std::string status;
  };
  std::vector<Case> cases = {
      {import + "\r\n", "HTTP/1.1 401"},
      {import + "Authorization: Bearer not-a-token\r\n\r\n", "HTTP/1.1 401"},
      {import + "Authorization: Bearer " + server_.viewer().token + "\r\n\r\n", "HTTP/1.1 403"},
      {"POST /api/v1/no-such-thing HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n\r\n",
       "HTTP/1.1 404"},
      {"PUT /api/v1/incidents HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n\r\n",
       "HTTP/1.1 405"},
      {"POST /api/v1/hooks/alertmanager/wrong-token HTTP/1.1\r\nHost: x\r\n"
       "Content-Length: 900000\r\n\r\n",
       "HTTP/1.1 401"},
  };
  for (const Case& c : cases) {
    RawClient client(server_.port());
    client.Send(c.header);
    EXPECT_EQ(client.StatusLine().substr(0, 12), c.status) << c.header;
  }
  EXPECT_EQ(server_.Request("GET", "/healthz").status, 200u);
}

// Signing in takes a few fields: nobody unauthenticated can make the server hold a megabyte.
TEST_F(ServerLimitsTest, RoutesOpenToAnyoneTakeSmallBodies) {
  std::string body =
      R"({"email":"a@example.com","password":")" + std::string(20'000, 'p') + R"("})";
  EXPECT_EQ(
      server_.Request("POST", "/api/v1/session", {}, body, {{"Content-Type", "application/json"}})
          .status,
      413u);
}

// A Transfer-Encoding the server does not read as a proxy would let the rest of the body pass
// for a second request.
TEST_F(ServerLimitsTest, AmbiguousFramingIsRefusedAndTheConnectionClosed) {
  std::string smuggled = "GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                         server_.alice().token + "\r\n\r\n";
  for (std::string_view encoding :
       {"chunked, identity", "xchunked", "identity", "chunked\r\nTransfer-Encoding: chunked"}) {
    std::string body = "0\r\n\r\n" + smuggled;
    std::string received = Exchange(
        "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: " +
        std::string(encoding) + "\r\n\r\n" + body);
    EXPECT_TRUE(received.starts_with("HTTP/1.1 400")) << encoding << ": " << received;
    EXPECT_EQ(Responses(received), 1) << encoding << ": " << received;
  }
  std::string both = Exchange(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_TRUE(both.starts_with("HTTP/1.1 400")) << both;
}

TEST_F(ServerLimitsTest, AnHttp11RequestNeedsExactlyOneHost) {
  EXPECT_TRUE(Exchange("GET /healthz HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 400"));
  EXPECT_TRUE(
      Exchange("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").starts_with("HTTP/1.1 400"));
  EXPECT_TRUE(Exchange("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                  .starts_with("HTTP/1.1 200"));
  EXPECT_TRUE(Exchange("GET /healthz HTTP/1.0\r\n\r\n").starts_with("HTTP/1.0 200"));
}

// A client asking for a go-ahead before its body (Expect: 100-continue, as curl does for anything
// over 1 MiB) gets it once the header passed every check, and the refusal instead when not; a
// client left without an answer waits a second (curl) or for ever before sending.
TEST_F(ServerLimitsTest, AClientThatAsksBeforeSendingItsBodyIsAnswered) {
  std::string body = R"({"text":"We restarted the service."})";
  auto head = [&](const std::string& authorization) {
    return "POST /api/v1/lint HTTP/1.1\r\nHost: x\r\n" + authorization +
           "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n";
  };
  RawClient member(server_.port());
  member.Send(head("Authorization: Bearer " + server_.alice().token + "\r\n"));
  EXPECT_EQ(member.StatusLine(), "HTTP/1.1 100 Continue");
  member.Send(body);
  EXPECT_EQ(member.StatusLine(), "HTTP/1.1 200 OK");

  RawClient stranger(server_.port());
  stranger.Send(head(""));
  EXPECT_EQ(stranger.StatusLine(), "HTTP/1.1 401 Unauthorized");
}

// At the cap, an idle keep-alive connection makes room for a new client.
TEST(ServerConnectionCap, IdleConnectionsMakeRoomForNewClients) {
  TestServer server(4);
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 8; ++i) {
    idle.push_back(std::make_unique<RawClient>(server.port()));
    idle.back()->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(idle.back()->StatusLine(), "HTTP/1.1 200 OK");
  }
  EXPECT_EQ(server.Request("GET", "/healthz").status, 200u);
  // The oldest were closed to make room: they read the end of the stream.
  int closed = 0;
  for (auto& client : idle) {
    client->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    if (client->StatusLine().empty()) ++closed;
  }
  EXPECT_GE(closed, 4);
}

}  // namespace
}  // namespace debrief::testing
