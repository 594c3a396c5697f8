#include "formats/json/review_template_json.h"

#include <boost/json.hpp>

namespace debrief::formats::json {

namespace bj = boost::json;

bj::object EncodeTemplate(const core::ReviewTemplate& review_template) {
  bj::array sections;
  for (const core::TemplateSection& section : review_template.sections) {
    bj::array questions;
    for (const std::string& question : section.questions) questions.emplace_back(question);
    sections.push_back(
        {{"section", core::ToString(section.section)}, {"questions", std::move(questions)}});
  }
  return {{"severity", review_template.severity},
          {"version", review_template.version},
          {"sections", std::move(sections)}};
}

core::Result<std::vector<core::TemplateSection>> DecodeTemplateSections(const bj::object& body) {
  const bj::value* listed = body.if_contains("sections");
  auto refuse = []() {
    return core::Error::InvalidArgument(
        "sections must be a list of {\"section\": " +
            core::AllowedValues<core::ReviewSection>().substr(8) +
            ", \"questions\": [text]}, in the order the review shows them",
        "sections");
  };
  if (listed == nullptr || !listed->is_array()) return refuse();
  std::vector<core::TemplateSection> sections;
  for (const bj::value& item : listed->get_array()) {
    const bj::object* object = item.if_object();
    if (object == nullptr) return refuse();
    for (const auto& [key, value] : *object) {
      if (key != "section" && key != "questions") return refuse();
    }
    const bj::value* name = object->if_contains("section");
    std::optional<core::ReviewSection> section;
    if (name && name->is_string()) {
      section = core::ParseEnum<core::ReviewSection>(std::string_view(name->get_string()));
    }
    if (!section) return refuse();
    core::TemplateSection read{*section, {}};
    if (const bj::value* questions = object->if_contains("questions")) {
      if (!questions->is_array()) return refuse();
      for (const bj::value& question : questions->get_array()) {
        if (!question.is_string()) return refuse();
        read.questions.emplace_back(question.get_string());
      }
    }
    sections.push_back(std::move(read));
  }
  return sections;
}

}  // namespace debrief::formats::json
