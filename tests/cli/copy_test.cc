// `debrief copy` from SQLite to PostgreSQL, as a team moving over would run it: the example data
// and 10,000 more incidents, copied; then the same requests to a server on each database answer
// the same, byte for byte, and the next incident gets the same key on both.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <filesystem>

#include "cli/system_clock.h"
#include "security/password.h"
#include "security/token.h"
#include "store/open.h"
#include "support/child_process.h"
#include "support/postgres_database.h"

namespace debrief::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace bj = boost::json;
using testing::ChildProcess;
using testing::RunCommand;

struct Answer {
  unsigned status = 0;
  std::string body;
};

class CopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::PostgresCluster()) GTEST_SKIP() << "no PostgreSQL cluster here";
    ASSERT_TRUE(security::InitializeCrypto());
    directory_ =
        std::filesystem::temp_directory_path() / ("debrief-copy-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    sqlite_ = (directory_ / "debrief.db").string();
    name_ = testing::PostgresDatabaseName(directory_.string());
    ASSERT_TRUE(testing::DropPostgresDatabase(name_));
    ASSERT_TRUE(testing::PostgresDatabase(name_, /*migrated=*/false));
    postgres_ = "postgresql://debrief@/" + name_ + "?host=" + *testing::PostgresCluster();
  }
  void TearDown() override {
    if (name_.empty()) return;
    (void)testing::DropPostgresDatabase(name_);
    std::filesystem::remove_all(directory_);
  }

  std::unique_ptr<ChildProcess> StartServer(const std::string& database, uint16_t& port) {
    auto child = std::make_unique<ChildProcess>(std::vector<std::string>{
        DEBRIEF_BINARY, "serve", "--db", database, "--listen", "127.0.0.1:0"});
    bj::value event;
    do {
      event = bj::parse(child->ReadLine());
    } while (event.at("event").as_string() != "listening");
    std::string url(event.at("detail").as_string());
    port = static_cast<uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
    return child;
  }

  Answer Send(uint16_t port, bhttp::verb method, const std::string& target,
              const std::string& body = "") {
    asio::io_context io;
    beast::tcp_stream stream(io);
    boost::system::error_code error;
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
    if (error) return {};
    bhttp::request<bhttp::string_body> request{method, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.set(bhttp::field::authorization, "Bearer " + token_);
    request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    bhttp::write(stream, request, error);
    if (error) return {};
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    bhttp::read(stream, buffer, parser, error);
    if (error) return {};
    return {parser.get().result_int(), parser.get().body()};
  }

  std::filesystem::path directory_;
  std::string sqlite_;
  std::string name_;
  std::string postgres_;
  std::string token_;
};

TEST_F(CopyTest, EverythingAnswersTheSameOnPostgreSQLAfterACopy) {
  ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "demo", "--db", sqlite_}).first, 0);
  {
    SystemClock clock;
    auto store = store::OpenStore(sqlite_, clock);
    ASSERT_TRUE(store);
    auto admin = (*store)->FindUserByEmail("admin@debrief.local");
    ASSERT_TRUE(admin);
    token_ = security::NewToken("dbr_");
    core::ApiToken token;
    token.user_id = admin->id;
    token.name = "copy test";
    token.token_hash = security::HashToken(token_);
    ASSERT_TRUE((*store)->CreateApiToken(token, {}));
    ASSERT_TRUE((*store)->InTransaction([&]() -> core::Result<void> {
      for (int index = 0; index < 10'000; ++index) {
        core::Incident incident;
        incident.title = "Queue backlog on consumer " + std::to_string(index);
        incident.summary = "Consumers fell behind after deploy " + std::to_string(index % 97);
        incident.severity = index % 3 == 0 ? "SEV2" : "SEV3";
        incident.services = {index % 2 == 0 ? "billing" : "search"};
        incident.created_by = admin->id;
        DEBRIEF_ASSIGN_OR_RETURN(core::Incident created, (*store)->CreateIncident(incident, {}));
        core::TimelineEvent event;
        event.incident_id = created.id;
        event.at = *core::ParseRfc3339("2026-03-14T10:00:00Z") + std::chrono::minutes(index);
        event.kind = core::EventKind::kAlert;
        event.text = "lag above 10k on partition " + std::to_string(index % 12);
        event.source = "manual";
        DEBRIEF_ASSIGN_OR_RETURN(core::TimelineEvent stored, (*store)->events().Insert(event, {}));
        (void)stored;
      }
      return core::Ok();
    }));
  }

  auto [status, output] =
      RunCommand({DEBRIEF_BINARY, "copy", "--from", "sqlite:" + sqlite_, "--to", postgres_}, true);
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("copied"), std::string::npos) << output;
  // Copying again would mix two teams' data: an empty destination only.
  auto again = RunCommand({DEBRIEF_BINARY, "copy", "--from", sqlite_, "--to", postgres_}, true);
  EXPECT_NE(again.first, 0);
  EXPECT_NE(again.second.find("empty"), std::string::npos) << again.second;

  uint16_t on_sqlite = 0;
  uint16_t on_postgres = 0;
  auto sqlite_server = StartServer(sqlite_, on_sqlite);
  auto postgres_server = StartServer(postgres_, on_postgres);
  std::string demo_key;  // An example incident, with accounts and a published review.
  {
    Answer all = Send(on_sqlite, bhttp::verb::get, "/api/v1/incidents?q=checkout&limit=5");
    ASSERT_EQ(all.status, 200u);
    auto items = bj::parse(all.body).at("items").as_array();
    ASSERT_FALSE(items.empty()) << all.body;
    demo_key = std::string(items.back().at("key").as_string());
  }
  std::vector<std::string> targets = {
      "/api/v1/incidents?limit=100",
      "/api/v1/incidents?limit=100&status=investigating&severity=SEV2",
      "/api/v1/incidents?q=deploy%2042&limit=20",
      "/api/v1/incidents/INC-2026-0100",
      "/api/v1/incidents/INC-2026-5000/timeline",
      "/api/v1/incidents/" + demo_key,
      "/api/v1/incidents/" + demo_key + "/timeline",
      "/api/v1/incidents/" + demo_key + "/accounts",
      "/api/v1/incidents/" + demo_key + "/export?format=md",
      "/api/v1/library/search?q=pool",
      "/api/v1/library/search?q=timeout&anonymised=true",
      "/api/v1/library/lessons",
      "/api/v1/users",
      "/api/v1/actions?limit=50",
      "/api/v1/audit?limit=200",
      "/api/v1/alert-hooks",
      "/api/v1/webhooks",
      "/api/v1/review-rules",
      "/api/v1/pulse",
  };
  for (const std::string& target : targets) {
    Answer a = Send(on_sqlite, bhttp::verb::get, target);
    Answer b = Send(on_postgres, bhttp::verb::get, target);
    EXPECT_EQ(a.status, 200u) << target << ": " << a.body.substr(0, 300);
    EXPECT_EQ(b.status, a.status) << target;
    EXPECT_EQ(b.body, a.body) << target;
  }
  // The next incident follows on the copied keys, the same on both.
  std::string incident = R"({"title":"After the move","severity":"SEV3"})";
  Answer made_on_sqlite = Send(on_sqlite, bhttp::verb::post, "/api/v1/incidents", incident);
  Answer made_on_postgres = Send(on_postgres, bhttp::verb::post, "/api/v1/incidents", incident);
  ASSERT_EQ(made_on_sqlite.status, 201u) << made_on_sqlite.body;
  ASSERT_EQ(made_on_postgres.status, 201u) << made_on_postgres.body;
  EXPECT_EQ(bj::parse(made_on_postgres.body).at("key"), bj::parse(made_on_sqlite.body).at("key"));
  sqlite_server->Signal(SIGTERM);
  postgres_server->Signal(SIGTERM);
  EXPECT_EQ(sqlite_server->Wait(), 0);
  EXPECT_EQ(postgres_server->Wait(), 0);
}

// A backup copy of a SQLite database restores into PostgreSQL: the backup file stays as it was.
TEST_F(CopyTest, ASqliteBackupRestoresIntoPostgreSQL) {
  ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "demo", "--db", sqlite_}).first, 0);
  std::string backup = (directory_ / "backup.db").string();
  auto [backed_up, backup_output] =
      RunCommand({DEBRIEF_BINARY, "backup", backup, "--db", sqlite_}, true);
  ASSERT_EQ(backed_up, 0) << backup_output;
  auto size_before = std::filesystem::file_size(backup);
  auto [status, output] = RunCommand({DEBRIEF_BINARY, "restore", backup, "--db", postgres_}, true);
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("restored"), std::string::npos) << output;
  EXPECT_EQ(std::filesystem::file_size(backup), size_before);
  SystemClock clock;
  auto restored = store::OpenStore(postgres_, clock);
  auto original = store::OpenStore(sqlite_, clock);
  ASSERT_TRUE(restored && original);
  EXPECT_EQ((*restored)->ListIncidents({})->incidents.size(),
            (*original)->ListIncidents({})->incidents.size());
  EXPECT_FALSE((*restored)->ListIncidents({})->incidents.empty());
}

TEST_F(CopyTest, ASourceThatIsNotThereIsAnErrorAndMakesNothing) {
  auto [status, output] = RunCommand(
      {DEBRIEF_BINARY, "copy", "--from", (directory_ / "missing.db").string(), "--to", postgres_},
      true);
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find("no database"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(directory_ / "missing.db"));
}

}  // namespace
}  // namespace debrief::cli
