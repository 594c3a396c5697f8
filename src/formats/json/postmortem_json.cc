#include "formats/json/postmortem_json.h"

#include <boost/json.hpp>

namespace debrief::formats::json {
namespace bj = boost::json;

bj::object EncodeTimelineRow(const ingest::PostmortemRow& row) {
  bj::object encoded{{"line", row.line},
                     {"time_text", row.time_text},
                     {"text", row.text},
                     {"at", nullptr},
                     {"day", nullptr},
                     {"zone", row.zone},
                     {"day_from", row.day_from},
                     {"zone_from", row.zone_from},
                     {"confidence", std::string(ingest::RowConfidence(row))}};
  if (row.at && row.date_only && row.day) {
    encoded["day"] = core::FormatDate(*row.day);
  } else if (row.at) {
    encoded["at"] = core::FormatRfc3339(*row.at);
  }
  if (!row.at) encoded["unplaced_reason"] = row.unplaced_reason;
  return encoded;
}

bj::object EncodePostmortemPreview(const ingest::Postmortem& postmortem) {
  bj::array rows;
  for (const ingest::PostmortemRow& row : postmortem.timeline)
    rows.push_back(EncodeTimelineRow(row));
  bj::array unread;
  for (const auto& [line, text] : postmortem.timeline_lines_unread) {
    unread.push_back(bj::object{{"line", line}, {"text", text}});
  }
  return {{"title", postmortem.title},
          {"date",
           postmortem.date ? bj::value(core::FormatDate(*postmortem.date)) : bj::value(nullptr)},
          {"rows", std::move(rows)},
          {"unread_lines", std::move(unread)},
          {"factors", postmortem.factors.size()},
          {"action_items", postmortem.action_items.size()},
          {"lessons", postmortem.lessons.size()}};
}

}  // namespace debrief::formats::json
