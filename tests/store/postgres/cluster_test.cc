// The PostgreSQL cluster the tests start (tests/support/postgres_cluster.sh, a CTest fixture):
// it answers on its Unix socket alone, and a test makes a database of its own from a template.
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Answer = std::unique_ptr<PGresult, decltype(&PQclear)>;

// The cluster's socket folder, from the fixture; empty when the tests run without one.
std::string ClusterFolder() {
  const char* folder = std::getenv("DEBRIEF_TEST_POSTGRES");
  return folder == nullptr ? std::string() : std::string(folder);
}

Connection Connect(const std::string& database) {
  std::string conninfo = "host=" + ClusterFolder() + " user=debrief dbname=" + database;
  return Connection(PQconnectdb(conninfo.c_str()), &PQfinish);
}

Answer Exec(PGconn* connection, const std::string& sql) {
  return Answer(PQexec(connection, sql.c_str()), &PQclear);
}

TEST(PostgresCluster, AnswersOnItsSocketAloneAndGivesATestADatabase) {
  if (ClusterFolder().empty()) GTEST_SKIP() << "no PostgreSQL cluster (DEBRIEF_TEST_POSTGRES)";
  Connection admin = Connect("postgres");
  ASSERT_EQ(PQstatus(admin.get()), CONNECTION_OK) << PQerrorMessage(admin.get());
  Answer listening = Exec(admin.get(), "SHOW listen_addresses");
  ASSERT_EQ(PQresultStatus(listening.get()), PGRES_TUPLES_OK);
  EXPECT_STREQ(PQgetvalue(listening.get(), 0, 0), "");  // No TCP port.
  Answer version = Exec(admin.get(), "SHOW server_version_num");
  EXPECT_GE(std::atoi(PQgetvalue(version.get(), 0, 0)), 150000);

  std::string name = "cluster_test_" + std::to_string(::getpid());
  Exec(admin.get(), "DROP DATABASE IF EXISTS " + name);
  Answer created = Exec(admin.get(), "CREATE DATABASE " + name + " TEMPLATE template0");
  ASSERT_EQ(PQresultStatus(created.get()), PGRES_COMMAND_OK) << PQerrorMessage(admin.get());
  {
    Connection own = Connect(name);
    ASSERT_EQ(PQstatus(own.get()), CONNECTION_OK) << PQerrorMessage(own.get());
    // A prepared statement with its parameter apart from the text, as the store will use them.
    const char* values[] = {"caf\xC3\xA9"};
    Answer echoed(
        PQexecParams(own.get(), "SELECT $1::text || '!'", 1, nullptr, values, nullptr, nullptr, 0),
        &PQclear);
    ASSERT_EQ(PQresultStatus(echoed.get()), PGRES_TUPLES_OK) << PQerrorMessage(own.get());
    EXPECT_STREQ(PQgetvalue(echoed.get(), 0, 0), "caf\xC3\xA9!");
  }
  Answer dropped = Exec(admin.get(), "DROP DATABASE " + name);
  EXPECT_EQ(PQresultStatus(dropped.get()), PGRES_COMMAND_OK) << PQerrorMessage(admin.get());
}

}  // namespace
