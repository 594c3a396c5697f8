#include "ingest/postmortem_words.h"

#include <algorithm>
#include <initializer_list>
#include <string>

#include "ingest/plain_text.h"

namespace debrief::ingest {

bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view word) {
    return text.find(word) != std::string_view::npos;
  });
}

// What a heading names. Order matters: "Root cause analysis" is about factors, "Action items
// from lessons" about actions.
PostmortemPart PartOfHeading(std::string_view heading) {
  std::string words = AsciiLower(heading);
  if (ContainsAny(words, {"timeline", "time line", "sequence of events", "chronology"})) {
    return PostmortemPart::kTimeline;
  }
  if (ContainsAny(words, {"action item", "remediation", "follow-up", "follow up", "next step",
                          "future measure", "long term change", "long-term change", "improvement",
                          "todo", "to do"})) {
    return PostmortemPart::kActionItems;
  }
  if (ContainsAny(words,
                  {"lesson", "takeaway", "went well", "went wrong", "went poorly", "got lucky",
                   "insight", "could have gone better", "learning", "reflection"})) {
    return PostmortemPart::kLessons;
  }
  if (ContainsAny(words, {"contributing factor", "root cause", "cause", "trigger", "why it failed",
                          "why it wasn't caught", "how did this happen", "how it happened"})) {
    return PostmortemPart::kFactors;
  }
  if (ContainsAny(words, {"impact"})) return PostmortemPart::kImpact;
  if (ContainsAny(words, {"summary", "overview", "tl;dr", "tldr"})) return PostmortemPart::kSummary;
  if (words == "date" || words == "when") return PostmortemPart::kDate;
  return PostmortemPart::kNarrative;
}

core::FactorCategory GuessFactorCategory(std::string_view text) {
  using core::FactorCategory;
  std::string words = AsciiLower(text);
  struct Sign {
    FactorCategory category;
    std::initializer_list<std::string_view> words;
  };
  static const Sign kSigns[] = {
      {FactorCategory::kDetectionMonitoring, {"alert", "monitor", "dashboard", "detect", "metric"}},
      {FactorCategory::kCapacity,
       {"capacity", "memory", "disk", "quota", "load", "exhaust", "limit"}},
      {FactorCategory::kChangeProcess,
       {"deploy", "release", "rollout", "upgrade", "migration", "change"}},
      {FactorCategory::kDocumentationRunbooks, {"runbook", "documentation", "docs", "playbook"}},
      {FactorCategory::kCommunicationCoordination,
       {"communicat", "handover", "hand-off", "coordinat"}},
      {FactorCategory::kDependencies,
       {"dependency", "upstream", "third-party", "vendor", "provider"}},
      {FactorCategory::kToolingAutomation, {"script", "automation", "tool", "command", "ci "}},
      {FactorCategory::kKnowledgeTraining, {"knowledge", "training", "unfamiliar", "onboarding"}},
      {FactorCategory::kOrganisationalPressure,
       {"pressure", "deadline", "staffing", "weekend", "fatigue"}},
      {FactorCategory::kDesign, {"design", "architecture", "single point", "bug", "race"}},
  };
  for (const Sign& sign : kSigns) {
    if (ContainsAny(words, sign.words)) return sign.category;
  }
  return FactorCategory::kOther;
}

core::EventKind GuessEventKind(std::string_view text) {
  using core::EventKind;
  std::string words = AsciiLower(text);
  if (ContainsAny(words, {"alert", "paged", "pager", "fired", "firing", "alarm"})) {
    return EventKind::kAlert;
  }
  if (ContainsAny(words, {"deploy", "rolled out", "rollout", "released", "merged", "upgrade",
                          "reverted", "rollback", "roll back", "pushed"})) {
    return EventKind::kChange;
  }
  if (ContainsAny(words, {"decided", "decision", "declare", "chose"})) return EventKind::kDecision;
  if (ContainsAny(words, {"announce", "email", "tweet", "status page", "posted", "notif",
                          "communicat", "informed"})) {
    return EventKind::kCommunication;
  }
  if (ContainsAny(words, {"outage", "unavailable", "failing", "errors", "down ", "impact"})) {
    return EventKind::kImpact;
  }
  return EventKind::kObservation;
}

}  // namespace debrief::ingest
