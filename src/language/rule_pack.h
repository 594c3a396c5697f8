// Rule packs: the checker's rules as data. The default pack is compiled in
// (rules/default.toml); an organisation's pack, layered on top, can add rules, disable them,
// change their severity and list phrases that are always fine for it.
//
//   [[rule]]
//   id = "counterfactual-should-have"
//   category = "counterfactual"
//   severity = "warning"                 # info | warning | error
//   phrases = ["should have", "could have"]
//   when = ["person-before", "participle-after"]
//   unless_next = ["3", "a"]             # the phrase is fine when the next word is one of these
//   message = "Why the phrasing hurts learning."
//   suggestion = "A reframe."
//   replace = { "could have" = "" }      # optional: text that may stand in for a phrase, which
//                                        # the UI offers as a one-click edit ("" deletes it)
//
//   [overrides]                           # organisation packs
//   disable = ["judgmental-simply"]
//   severity = { "judgmental-just" = "info" }
//   allow = ["clearly labelled"]
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::language {

enum class Severity { kInfo, kWarning, kError };
std::string_view ToString(Severity severity);

// What must hold around a phrase for it to be a finding.
enum class Condition {
  kPersonBefore,         // A person is the subject: "we forgot", "the engineer failed to".
  kPersonAfter,          // A person follows: "caused by Alice".
  kParticipleAfter,      // A past participle follows: "should have checked".
  kNotHeading,           // Not on a Markdown heading line.
  kVerbAfter,            // Followed by a word that reads as an action: "just restart".
  kInvertedConditional,  // Opens a sentence, then a person, then a participle: "Had Bob checked".
};

struct Rule {
  std::string id;
  std::string category;
  Severity severity = Severity::kWarning;
  std::vector<std::string> phrases;  // Folded words separated by single spaces.
  std::vector<Condition> conditions;
  std::vector<std::string> unless_next;
  std::string message;
  std::string suggestion;
  // Folded phrase -> text that may replace it; only for phrases with a mechanical fix.
  std::map<std::string, std::string, std::less<>> replacements;
};

struct RulePack {
  std::vector<Rule> rules;
  std::vector<std::string> allowed_phrases;  // Folded; a finding inside one is dropped.
};

// Parses a pack; errors name the rule and the field.
core::Result<RulePack> ParseRulePack(std::string_view toml, std::string_view source_name);

// The pack compiled into the binary.
core::Result<RulePack> DefaultRulePack();

// `organisation` on top of `base`: its rules added (replacing same ids), its overrides applied.
core::Result<RulePack> LayerRulePack(RulePack base, std::string_view organisation_toml,
                                     std::string_view source_name);

}  // namespace debrief::language
