// E-mail through a real SMTP server started for the test (aiosmtpd), which requires STARTTLS and
// a password, as an organisation's relay does.
#include "net/smtp_client.h"

#include <gtest/gtest.h>

#include "support/smtp_server.h"

namespace debrief::net {
namespace {

using testing::SmtpServer;

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

class SmtpClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.running()) << "the test SMTP server did not start"; }
  SmtpSettings Settings() const {
    SmtpSettings settings;
    settings.url = server_.url();
    settings.username = SmtpServer::kUser;
    settings.password = SmtpServer::kPassword;
    settings.from = "debrief <debrief@example.com>";
    settings.ca_file = server_.ca_file();
    settings.timeout = std::chrono::seconds(10);
    return settings;
  }
  SmtpServer server_;
};

TEST_F(SmtpClientTest, SendsOverStartTlsWithAuthentication) {
  auto sent = SendEmail(Settings(),
                        {"priya@example.com", "Lena asked you to review INC-2026-0007: Zoë’s pool",
                         "Read the review.\nOpen it: https://debrief.example.com/x\n"},
                        At("2026-03-14T12:00:00Z"));
  ASSERT_TRUE(sent) << sent.error().message();
  auto messages = server_.Messages(1);
  ASSERT_EQ(messages.size(), 1u);
  const auto& message = messages[0];
  EXPECT_EQ(message.at("mail_from").as_string(), "debrief@example.com");
  EXPECT_EQ(message.at("rcpt_tos").at(0).as_string(), "priya@example.com");
  EXPECT_TRUE(message.at("tls").as_bool());
  EXPECT_EQ(message.at("authenticated_as").as_string(), SmtpServer::kUser);
  EXPECT_EQ(message.at("subject").as_string(),
            "Lena asked you to review INC-2026-0007: Zoë’s pool");
  EXPECT_EQ(message.at("text").as_string(),
            "Read the review.\nOpen it: https://debrief.example.com/x\n");
  EXPECT_EQ(message.at("headers").at("Date").as_string(), "Sat, 14 Mar 2026 12:00:00 +0000");
  EXPECT_EQ(message.at("headers").at("Auto-Submitted").as_string(), "auto-generated");
}

TEST_F(SmtpClientTest, AWrongPasswordOrAnUntrustedServerIsAClearError) {
  SmtpSettings wrong = Settings();
  wrong.password = "not it";
  auto refused = SendEmail(wrong, {"a@example.com", "x", "y"}, At("2026-03-14T12:00:00Z"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().message().find(SmtpServer::kPassword), std::string::npos);
  SmtpSettings untrusted = Settings();
  untrusted.ca_file.clear();  // The test certificate is self-signed: the system does not trust it.
  EXPECT_FALSE(SendEmail(untrusted, {"a@example.com", "x", "y"}, At("2026-03-14T12:00:00Z")));
  SmtpSettings nowhere = Settings();
  nowhere.url = "smtp://127.0.0.1:1";
  EXPECT_FALSE(SendEmail(nowhere, {"a@example.com", "x", "y"}, At("2026-03-14T12:00:00Z")));
  EXPECT_TRUE(server_.Messages().empty());
}

TEST(FormatEmail, HeaderValuesStayOnOneLine) {
  SmtpSettings settings;
  settings.from = "debrief <debrief@example.com>";
  std::string wire =
      FormatEmail(settings, {"a@example.com", "Title\r\nBcc: everyone@example.com", "body"},
                  At("2026-03-14T12:00:00Z"), "id");
  EXPECT_EQ(wire.find("\r\nBcc:"), std::string::npos) << wire;
  EXPECT_NE(wire.find("Subject: Title  Bcc: everyone@example.com\r\n"), std::string::npos) << wire;
}

}  // namespace
}  // namespace debrief::net
