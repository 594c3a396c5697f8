#include "language/context.h"

namespace debrief::language::detail {

const std::unordered_set<std::string_view>& Pronouns() {
  static const std::unordered_set<std::string_view> kWords = {
      "i",        "we",     "he",       "she",       "they",   "you",     "someone",
      "somebody", "nobody", "everyone", "everybody", "anyone", "anybody", "me",
      "us",       "him",    "her",      "them",      "his",    "their"};
  return kWords;
}

const std::unordered_set<std::string_view>& RoleNouns() {
  static const std::unordered_set<std::string_view> kWords = {
      "engineer",    "engineers",  "operator",      "operators",
      "on-call",     "oncall",     "sre",           "sres",
      "developer",   "developers", "dev",           "devs",
      "admin",       "admins",     "administrator", "administrators",
      "team",        "teams",      "responder",     "responders",
      "commander",   "ic",         "manager",       "managers",
      "staff",       "person",     "people",        "intern",
      "interns",     "lead",       "reviewer",      "reviewers",
      "owner",       "owners",     "colleague",     "colleagues",
      "guy",         "analyst",    "analysts",      "contractor",
      "contractors", "dba",        "dbas",          "ops",
      "support",     "approver",   "approvers",     "author",
      "authors",     "maintainer", "maintainers",   "committer",
      "committers",  "architect",  "architects",    "sysadmin",
      "sysadmins",   "employee",   "employees",     "hire",
      "junior",      "tester",     "testers",       "on-caller",
      "oncaller",    "requester",  "director",      "cto",
      "vp",          "whoever"};
  return kWords;
}

// Words that may stand between a subject and its verb: "we just forgot", "they had failed to".
const std::unordered_set<std::string_view>& Fillers() {
  static const std::unordered_set<std::string_view> kWords = {
      "just", "also", "then", "simply", "probably", "obviously", "clearly", "really", "again",
      "still", "had", "have", "has", "was", "were", "completely", "totally", "apparently",
      "accidentally", "initially", "later", "both", "all", "never", "unfortunately", "themselves",
      "himself", "herself", "ourselves", "myself",
      // "the SRE on shift failed to", "the engineer on duty forgot".
      "on", "shift", "duty"};
  return kWords;
}

// Words after "just"/"simply" that mark time, amount or comparison, not an easy action.
const std::unordered_set<std::string_view>& NotActions() {
  static const std::unordered_set<std::string_view> kWords = {
      "before",  "after",   "as",      "now",      "then",     "in",       "about",   "over",
      "under",   "when",    "once",    "around",   "past",     "gone",     "like",    "enough",
      "that",    "the",     "a",       "an",       "one",      "two",      "three",   "four",
      "five",    "few",     "minutes", "seconds",  "hours",    "days",     "under",   "below",
      "above",   "because", "so",      "to",       "for",      "at",       "on",      "by",
      "this",    "these",   "those",   "started",  "finished", "happened", "arrived", "missed",
      "in-time", "barely",  "began",   "released", "been",     "as",       "fine",    "ok",
      "okay",    "right",   "wrong",   "out",      "too",      "slightly", "seconds", "ms",
      "%",       "not",     "how",     "what",     "where",    "why",      "who",     "in",
      "one-off"};
  return kWords;
}

bool IsNumber(std::string_view word) {
  return !word.empty() &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace debrief::language::detail
