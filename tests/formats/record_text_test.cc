// record_text.h writes what boost::json::serialize(Encode(record)) writes, byte for byte: every
// character a string may hold, the ends of the integer ranges, and records of every field type,
// empty and full.
#include "formats/json/record_text.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>

#include "core/account.h"
#include "core/action_item.h"
#include "core/incident.h"
#include "core/timeline_event.h"
#include "formats/json/record_json.h"

namespace debrief::formats::json {
namespace {

std::string Written(const auto& value) {
  std::string out;
  AppendJson(out, value);
  return out;
}

TEST(RecordText, StringsAreEscapedAsBoostJsonEscapesThem) {
  for (int byte = 0; byte < 256; ++byte) {
    std::string text = "a" + std::string(1, static_cast<char>(byte)) + "b";
    EXPECT_EQ(Written(std::string_view(text)), boost::json::serialize(boost::json::value(text)))
        << "byte " << byte;
  }
  for (std::string text : {std::string(""), std::string("plain"),
                           std::string("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\xa5"),
                           std::string("say \"hi\"\\ now\n\ttab\r\x01\x1f\x7f/"),
                           std::string("\0inside", 7), std::string("\"\"\\\\")}) {
    EXPECT_EQ(Written(std::string_view(text)), boost::json::serialize(boost::json::value(text)));
  }
}

TEST(RecordText, NumbersAndListsAreWrittenAsBoostJsonWritesThem) {
  for (int64_t number : {int64_t{0}, int64_t{-1}, int64_t{42}, std::numeric_limits<int64_t>::min(),
                         std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(Written(number), boost::json::serialize(boost::json::value(number)));
  }
  uint64_t largest = std::numeric_limits<uint64_t>::max();
  EXPECT_EQ(Written(largest), boost::json::serialize(boost::json::value(largest)));
  EXPECT_EQ(Written(true), "true");
  EXPECT_EQ(Written(std::vector<std::string>{}), "[]");
  EXPECT_EQ(Written(std::vector<std::string>{"a", "b\"c"}), R"(["a","b\"c"])");
  EXPECT_EQ(Written(std::vector<int64_t>{1, -2}), "[1,-2]");
  EXPECT_EQ(Written(std::optional<int64_t>{}), "null");
}

template <class T>
std::string Appended(const T& record) {
  std::string out;
  AppendEncoded(out, record);
  return out;
}

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

TEST(RecordText, RecordsAreWrittenAsEncodeSerializes) {
  core::TimelineEvent event;
  EXPECT_EQ(Appended(event), boost::json::serialize(Encode(event)));
  event.id = 7;
  event.version = 3;
  event.incident_id = 2;
  event.created_at = At("2026-03-14T10:00:00.123Z");
  event.updated_at = At("2026-03-14T10:05:00Z");
  event.at = At("2026-03-14T09:59:59Z");
  event.kind = core::EventKind::kAlert;
  event.text = "FIRING \"PaymentsHighErrorRate\"\n5xx > 2% \xe2\x80\x94 see\tdashboard";
  event.actor = "alertmanager";
  event.source = "import:alertmanager:3f9a";
  event.evidence_links = {"https://grafana.example/d/abc?x=1&y=\"2\""};
  event.visible_to = {"receiver:payments-oncall", "participant:1"};
  EXPECT_EQ(Appended(event), boost::json::serialize(Encode(event)));

  core::AccountEntry entry;
  EXPECT_EQ(Appended(entry), boost::json::serialize(Encode(entry)));
  entry.id = 12;
  entry.account_id = 4;
  entry.at = At("2026-03-14T10:07:00Z");
  entry.uncertainty_minutes = 5;
  entry.did = "Restarted one worker";
  entry.saw = "Pool wait \\ above 4 s";
  entry.same_as = {"event:7"};
  entry.seen_event_ids = {7, 9};
  EXPECT_EQ(Appended(entry), boost::json::serialize(Encode(entry)));

  core::ActionItem action;
  EXPECT_EQ(Appended(action), boost::json::serialize(Encode(action)));
  action.title = "Alert on pool saturation";
  action.owner_id = 3;
  action.due_on = core::ParseDate("2026-04-01");
  action.factor_ids = {1, 2};
  EXPECT_EQ(Appended(action), boost::json::serialize(Encode(action)));

  core::Incident incident;
  EXPECT_EQ(Appended(incident), boost::json::serialize(Encode(incident)));
  incident.title = "Checkout errors";
  incident.services = {"checkout", "payments"};
  incident.started_at = At("2026-03-14T09:55:00Z");
  incident.facilitator_id = 1;
  EXPECT_EQ(Appended(incident), boost::json::serialize(Encode(incident)));
}

}  // namespace
}  // namespace debrief::formats::json
