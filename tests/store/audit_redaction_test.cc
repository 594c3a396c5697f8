#include "store/audit_redaction.h"

#include <gtest/gtest.h>

namespace debrief::store {
namespace {

TEST(RedactAuditDiff, KeepsOrdinaryRecordsAsTheyAre) {
  std::string diff = R"({"title":{"from":"a","to":"b"}})";
  EXPECT_EQ(RedactAuditDiff("incidents", diff), diff);
  EXPECT_EQ(RedactAuditDiff("action_items", "not json"), "not json");
}

TEST(RedactAuditDiff, KeepsOnlyFieldNamesOfAnAuthorsWords) {
  EXPECT_EQ(RedactAuditDiff("accounts", R"({"narrative":{"from":"x","to":"y"}})"),
            R"({"narrative":{"changed":true}})");
  EXPECT_EQ(RedactAuditDiff("account_entries",
                            R"({"did":{"from":null,"to":"y"},"same_as":{"from":[],"to":["e:1"]}})"),
            R"({"did":{"changed":true},"same_as":{"changed":true}})");
  EXPECT_EQ(RedactAuditDiff("review_comments", R"({"body":"bare text","resolved":true})"),
            R"({"body":{"changed":true},"resolved":true})");
}

TEST(RedactAuditDiff, KeepsStateFields) {
  EXPECT_EQ(RedactAuditDiff("accounts", R"({"visibility":{"from":"private","to":"shared"}})"),
            R"({"visibility":{"from":"private","to":"shared"}})");
  // The same field name on an entry is not state.
  EXPECT_EQ(RedactAuditDiff("account_entries", R"({"visibility":{"from":"a","to":"b"}})"),
            R"({"visibility":{"changed":true}})");
}

TEST(RedactAuditDiff, DropsWhatItCannotRead) {
  EXPECT_EQ(RedactAuditDiff("accounts", "the whole draft, not JSON"), "{}");
  EXPECT_EQ(RedactAuditDiff("accounts", R"(["a list of words"])"), "{}");
  EXPECT_EQ(RedactAuditDiff("accounts", ""), "{}");
}

}  // namespace
}  // namespace debrief::store
