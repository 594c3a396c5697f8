// RecordPeople: the people that JSON records name (EventMapping::people_fields), each a member of
// the records' audience from the first record naming them on: whom a PagerDuty incident reached,
// and from when, read from its log's assignments, notifications and acknowledgements.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/timeline_event.h"
#include "ingest/event_mapping.h"
#include "ingest/event_source.h"

namespace debrief::ingest {

class RecordPeople {
 public:
  // How many people a file may name in all: a log of one incident names a few dozen.
  static constexpr size_t kMaxPeople = 10'000;

  // Notes the people `record` names in `mapping`'s people fields, as members of `event`'s
  // audience since the event. A record whose event has no audience puts nobody anywhere.
  void Note(const boost::json::object& record, const EventMapping& mapping,
            const core::TimelineEvent& event);
  // By audience, then by person; each source "import:<kind>:<audience>".
  std::vector<AudienceSpan> Spans() const;

 private:
  void NotePerson(const boost::json::value& person, const std::string& source,
                  const std::string& audience, core::Timestamp at);

  // (audience, person's key: name, else email, lower-cased) -> the span.
  std::map<std::pair<std::string, std::string>, AudienceSpan> spans_;
};

}  // namespace debrief::ingest
