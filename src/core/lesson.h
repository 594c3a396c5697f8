// Lesson: a short teachable point for the rest of the organisation, credited to its authors.
#pragma once

#include <string>
#include <vector>

#include "core/schema.h"

namespace debrief::core {

struct Lesson : Record {
  static constexpr std::string_view kCollection = "lessons";
  static constexpr std::string_view kNoun = "lesson";

  int64_t incident_id = 0;
  std::string title;
  std::string body;                 // Markdown.
  std::vector<int64_t> author_ids;  // User ids credited.

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &Lesson::incident_id),
        Prose("title", &Lesson::title, 200),
        Prose("body", &Lesson::body, kLongTextLimit),
        Writable("author_ids", &Lesson::author_ids),
    };
  }
};

}  // namespace debrief::core
