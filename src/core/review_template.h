// Review templates: how an organisation wants its reviews written — which sections a review
// shows, in what order, and the extra questions it asks in each ("What made this hard to
// detect?") — for every severity, or for one. The review page and every export follow the
// template of the incident's severity; answers to its questions are records of the incident
// (ReviewAnswer) that keep the question they answer, so a later change of template loses none.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/result.h"
#include "core/schema.h"

namespace debrief::core {

inline constexpr size_t kMaxTemplateQuestions = 20;  // Per section.
inline constexpr size_t kMaxQuestionLength = 300;

struct TemplateSection {
  ReviewSection section = ReviewSection::kSummary;
  std::vector<std::string> questions;
};

struct ReviewTemplate {
  // The severity it is for; kDefaultTemplate for every severity without one of its own.
  std::string severity;
  // The sections shown, in order; a section not listed is not shown.
  std::vector<TemplateSection> sections;
  int64_t version = 0;
};

inline constexpr std::string_view kDefaultTemplate = "default";

// What a review asks about resilience as well as failure, in its lessons: what went right,
// and where luck did what nothing else would have.
inline constexpr std::string_view kWentRightQuestion =
    "What went right? Which people, tools or habits helped, and how?";
inline constexpr std::string_view kGotLuckyQuestion =
    "Where did we get lucky, and what would have happened without that luck?";

// Every section in the usual order, the lessons asking what went right and where luck helped:
// what a review is without a template.
ReviewTemplate BuiltInTemplate();

// The template of `severity`: its own, else the organisation's default, else the built-in one.
ReviewTemplate TemplateFor(std::string_view severity, std::span<const ReviewTemplate> templates);

// Each section at most once; questions not blank, at most kMaxQuestionLength bytes, at most
// kMaxTemplateQuestions per section and each once.
Result<void> Validate(const ReviewTemplate& review_template);

// An answer to a template's question on one incident. It keeps the question's words, so the
// answer still reads right after the template changes.
struct ReviewAnswer : Record {
  static constexpr std::string_view kCollection = "review_answers";
  static constexpr std::string_view kNoun = "answer";

  int64_t incident_id = 0;
  ReviewSection section = ReviewSection::kSummary;
  std::string question;
  std::string answer;  // Markdown.

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &ReviewAnswer::incident_id),
        Writable("section", &ReviewAnswer::section),
        Writable("question", &ReviewAnswer::question, kMaxQuestionLength),
        Prose("answer", &ReviewAnswer::answer, kLongTextLimit),
    };
  }
};

Result<void> Validate(const ReviewAnswer& answer);

}  // namespace debrief::core
