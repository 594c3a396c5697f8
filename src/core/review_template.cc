#include "core/review_template.h"

#include <algorithm>
#include <set>

#include "core/validation.h"

namespace debrief::core {

ReviewTemplate BuiltInTemplate() {
  ReviewTemplate built_in;
  built_in.severity = std::string(kDefaultTemplate);
  for (const auto& [section, name] : EnumNames<ReviewSection>::kNames) {
    built_in.sections.push_back({section, {}});
    if (section == ReviewSection::kLessons) {
      built_in.sections.back().questions = {std::string(kWentRightQuestion),
                                            std::string(kGotLuckyQuestion)};
    }
  }
  return built_in;
}

ReviewTemplate TemplateFor(std::string_view severity, std::span<const ReviewTemplate> templates) {
  const ReviewTemplate* fallback = nullptr;
  for (const ReviewTemplate& candidate : templates) {
    if (candidate.severity == severity) return candidate;
    if (candidate.severity == kDefaultTemplate) fallback = &candidate;
  }
  return fallback ? *fallback : BuiltInTemplate();
}

// Violations name where they are ("sections[2].questions[0]"), so a form shows each beside its
// question.
Result<void> Validate(const ReviewTemplate& review_template) {
  std::vector<FieldViolation> violations;
  std::set<ReviewSection> seen;
  for (size_t index = 0; index < review_template.sections.size(); ++index) {
    const TemplateSection& section = review_template.sections[index];
    std::string where = "sections[" + std::to_string(index) + "]";
    std::string name(ToString(section.section));
    if (!seen.insert(section.section).second) {
      violations.push_back({where, "the " + name + " section is listed twice"});
    }
    if (section.questions.size() > kMaxTemplateQuestions) {
      violations.push_back({where + ".questions", "the " + name + " section asks more than " +
                                                      std::to_string(kMaxTemplateQuestions) +
                                                      " questions"});
    }
    std::set<std::string_view> asked;
    for (size_t number = 0; number < section.questions.size(); ++number) {
      const std::string& question = section.questions[number];
      std::string at = where + ".questions[" + std::to_string(number) + "]";
      if (IsBlank(question) || question.size() > kMaxQuestionLength) {
        violations.push_back({at, "each question of the " + name + " section must be 1 to " +
                                      std::to_string(kMaxQuestionLength) + " characters"});
      } else if (!asked.insert(question).second) {
        violations.push_back({at, "the " + name + " section asks \"" + question + "\" twice"});
      }
    }
  }
  if (review_template.severity.empty()) {
    violations.push_back({"severity", "a template is for a severity, or the default"});
  }
  if (!violations.empty()) return Error::Invalid(std::move(violations));
  return Ok();
}

Result<void> Validate(const ReviewAnswer& answer) {
  if (IsBlank(answer.question)) {
    return Error::InvalidArgument("question is required: the question this answers", "question");
  }
  return Ok();
}

}  // namespace debrief::core
