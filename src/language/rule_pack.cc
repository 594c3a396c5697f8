#include "language/rule_pack.h"

// Header-only and without exceptions: Debian ships toml++ compiled only with exceptions, and
// debrief does not throw. ingest/front_matter.cc includes it the same way.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <span>

#include "core/embedded_file.h"
#include "core/toml_ascii.h"
#include "language/grammar.h"
#include "language/text.h"

namespace debrief::language {

std::span<const core::EmbeddedFile> EmbeddedRulePacks();

namespace {

core::Error PackError(std::string_view source, std::string message) {
  return core::Error::InvalidArgument(std::string(source) + ": " + message);
}

core::Result<Severity> ParseSeverity(std::string_view text, std::string_view source,
                                     std::string_view rule) {
  if (text == "info") return Severity::kInfo;
  if (text == "warning") return Severity::kWarning;
  if (text == "error") return Severity::kError;
  return PackError(source,
                   "rule " + std::string(rule) + ": severity must be info, warning or error");
}

core::Result<Condition> ParseCondition(std::string_view text, std::string_view source,
                                       std::string_view rule) {
  if (text == "person-before") return Condition::kPersonBefore;
  if (text == "person-after") return Condition::kPersonAfter;
  if (text == "participle-after") return Condition::kParticipleAfter;
  if (text == "not-heading") return Condition::kNotHeading;
  if (text == "verb-after") return Condition::kVerbAfter;
  if (text == "inverted-conditional") return Condition::kInvertedConditional;
  if (text == "person-agent") return Condition::kPersonAgent;
  if (text == "negated-person") return Condition::kNegatedPerson;
  if (text == "negated-other-person") return Condition::kNegatedOtherPerson;
  if (text == "agentless-passive") return Condition::kAgentlessPassive;
  if (text == "person-in-clause") return Condition::kPersonInClause;
  if (text == "person-or-agentless") return Condition::kPersonOrAgentless;
  if (text == "asserted-cause") return Condition::kAssertedCause;
  if (text == "not-negated") return Condition::kNotNegated;
  if (text == "negated") return Condition::kNegated;
  if (text == "not-intended") return Condition::kNotIntended;
  if (text == "person-or-work") return Condition::kPersonOrWork;
  if (text == "not-asked") return Condition::kNotAsked;
  if (text == "person-before-or-opens") return Condition::kPersonBeforeOrOpens;
  if (text == "not-own") return Condition::kNotOwn;
  if (text == "past") return Condition::kPast;
  if (text == "impact-stated") return Condition::kImpactStated;
  if (text == "past-conditional") return Condition::kPastConditional;
  if (text == "action-as-subject") return Condition::kActionAsSubject;
  if (text == "another-person-agent") return Condition::kAnotherPersonAgent;
  if (text == "not-chat") return Condition::kNotChat;
  return PackError(
      source, "rule " + std::string(rule) + ": unknown condition \"" + std::string(text) + "\"");
}

template <class View>
std::vector<std::string> Strings(const View& node) {
  std::vector<std::string> values;
  if (const toml::array* array = node.as_array()) {
    for (const toml::node& item : *array) {
      if (auto text = item.value<std::string>()) values.push_back(*text);
    }
  }
  return values;
}

core::Result<Rule> ParseRule(const toml::table& table, std::string_view source) {
  Rule rule;
  rule.id = table["id"].value_or(std::string());
  if (rule.id.empty()) return PackError(source, "a rule has no id");
  rule.category = table["category"].value_or(std::string());
  if (rule.category.empty()) return PackError(source, "rule " + rule.id + ": category is required");
  DEBRIEF_ASSIGN_OR_RETURN(
      rule.severity,
      ParseSeverity(table["severity"].value_or(std::string("warning")), source, rule.id));
  for (const std::string& phrase : Strings(table["phrases"])) {
    std::string normalised = NormalisePhrase(phrase);
    if (!normalised.empty()) rule.phrases.push_back(normalised);
  }
  // Verbs by their lemma ("take down"): every form of each is a phrase.
  for (const std::string& lemma : Strings(table["verbs"])) {
    for (const std::string& form : grammar::VerbForms(NormalisePhrase(lemma))) {
      if (std::find(rule.phrases.begin(), rule.phrases.end(), form) == rule.phrases.end()) {
        rule.phrases.push_back(form);
      }
    }
  }
  rule.learned = table["learned"].value_or(false);
  if (rule.learned) {
    if (!rule.phrases.empty()) {
      return PackError(source, "rule " + rule.id + ": a learned rule has no phrases or verbs");
    }
    auto probability = table["min_probability"].value<double>();
    if (!probability || *probability <= 0.0 || *probability > 1.0) {
      return PackError(source, "rule " + rule.id + ": min_probability must be a number in (0, 1]");
    }
    rule.min_probability = *probability;
  } else if (rule.phrases.empty()) {
    return PackError(source, "rule " + rule.id + ": phrases or verbs are required");
  }
  rule.once_per_text = table["once"].value_or(false);
  for (const std::string& condition : Strings(table["when"])) {
    DEBRIEF_ASSIGN_OR_RETURN(Condition parsed, ParseCondition(condition, source, rule.id));
    rule.conditions.push_back(parsed);
  }
  for (Condition condition : rule.conditions) {
    bool of_a_sentence = condition == Condition::kPersonInClause ||
                         condition == Condition::kPersonOrAgentless ||
                         condition == Condition::kNotAsked;
    if (rule.learned && !of_a_sentence) {
      return PackError(source, "rule " + rule.id +
                                   ": a learned rule takes only the conditions person-in-clause, "
                                   "person-or-agentless and not-asked");
    }
    if (!rule.learned && condition == Condition::kPersonOrAgentless) {
      return PackError(source, "rule " + rule.id + ": person-or-agentless is for learned rules");
    }
  }
  for (const std::string& word : Strings(table["unless_next"]))
    rule.unless_next.push_back(Fold(word));
  for (const std::string& word : Strings(table["only_next"])) rule.only_next.push_back(Fold(word));
  for (const std::string& word : Strings(table["particles"])) rule.particles.push_back(Fold(word));
  rule.message = table["message"].value_or(std::string());
  rule.suggestion = table["suggestion"].value_or(std::string());
  if (rule.message.empty()) return PackError(source, "rule " + rule.id + ": message is required");
  if (const toml::table* replace = table["replace"].as_table()) {
    for (const auto& [phrase, replacement] : *replace) {
      std::string normalised = NormalisePhrase(phrase.str());
      auto text = replacement.value<std::string>();
      if (!text) {
        return PackError(source, "rule " + rule.id + ": replace values must be strings");
      }
      if (std::find(rule.phrases.begin(), rule.phrases.end(), normalised) == rule.phrases.end()) {
        return PackError(source, "rule " + rule.id + ": replace names \"" +
                                     std::string(phrase.str()) +
                                     "\", which is not one of its phrases");
      }
      rule.replacements.emplace(std::move(normalised), std::move(*text));
    }
  }
  return rule;
}

core::Result<toml::table> ParseToml(std::string_view text, std::string_view source) {
  core::AsciiToml ascii = core::ToAsciiToml(text);
  if (!ascii.ok()) {
    return PackError(source, "line " + std::to_string(ascii.problem_line) + ": " + ascii.problem);
  }
  toml::parse_result parsed = toml::parse(ascii.text, source);
  if (!parsed) {
    const toml::parse_error& error = parsed.error();
    return PackError(source, "line " + std::to_string(error.source().begin.line) + ": " +
                                 std::string(error.description()));
  }
  return std::move(parsed).table();
}

}  // namespace

const Rule* LearnedRuleFor(const RulePack& pack, std::string_view category, double blame,
                           const LearnedSentence& sentence, Severity min_severity) {
  auto holds = [&](Condition condition) {
    switch (condition) {
      case Condition::kPersonInClause:
        return sentence.person;
      case Condition::kNotAsked:
        return !sentence.asked;
      case Condition::kPersonOrAgentless:
        return sentence.agentless_passive || sentence.person;
      default:
        return false;  // The pack refuses others on learned rules.
    }
  };
  for (const Rule& rule : pack.rules) {
    if (rule.learned && rule.category == category && rule.severity >= min_severity &&
        blame >= rule.min_probability &&
        std::all_of(rule.conditions.begin(), rule.conditions.end(), holds)) {
      return &rule;
    }
  }
  return nullptr;
}

std::string NormalisePhrase(std::string_view phrase) {
  // A possessive phrase ("'s mistake") starts with the "'s" the tokeniser splits off names.
  if (phrase.starts_with("'s ")) return "'s " + NormalisePhrase(phrase.substr(3));
  std::string normalised;
  for (const Token& token : Tokenize(phrase)) {
    if (!normalised.empty()) normalised += ' ';
    normalised += token.folded;
  }
  return normalised;
}

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "warning";
}

core::Result<RulePack> ParseRulePack(std::string_view text, std::string_view source) {
  DEBRIEF_ASSIGN_OR_RETURN(toml::table table, ParseToml(text, source));
  RulePack pack;
  if (const toml::array* rules = table["rule"].as_array()) {
    for (const toml::node& node : *rules) {
      const toml::table* rule_table = node.as_table();
      if (rule_table == nullptr) return PackError(source, "[[rule]] entries must be tables");
      DEBRIEF_ASSIGN_OR_RETURN(Rule rule, ParseRule(*rule_table, source));
      pack.rules.push_back(std::move(rule));
    }
  }
  for (const std::string& phrase : Strings(table["overrides"]["allow"])) {
    pack.allowed_phrases.push_back(NormalisePhrase(phrase));
  }
  if (const toml::node* veto = table["learned"]["veto_below"].node()) {
    auto value = veto->value<double>();
    if (!value || *value < 0.0 || *value >= 1.0) {
      return PackError(source, "[learned] veto_below must be a number in [0, 1)");
    }
    pack.learned_veto_below = *value;
  }
  if (const toml::node* known = table["learned"]["min_known_words"].node()) {
    auto value = known->value<double>();
    if (!value || *value < 0.0 || *value > 1.0) {
      return PackError(source, "[learned] min_known_words must be a number in [0, 1]");
    }
    pack.learned_min_known_words = *value;
  }
  return pack;
}

core::Result<RulePack> DefaultRulePack() {
  for (const core::EmbeddedFile& file : EmbeddedRulePacks()) {
    if (file.path == "default.toml") return ParseRulePack(file.content, "default.toml");
  }
  return core::Error::Internal("the default rule pack is not compiled in");
}

core::Result<RulePack> LayerRulePack(RulePack base, std::string_view text,
                                     std::string_view source) {
  DEBRIEF_ASSIGN_OR_RETURN(RulePack organisation, ParseRulePack(text, source));
  for (Rule& rule : organisation.rules) {
    auto existing = std::find_if(base.rules.begin(), base.rules.end(),
                                 [&](const Rule& candidate) { return candidate.id == rule.id; });
    if (existing != base.rules.end()) {
      *existing = std::move(rule);
    } else {
      base.rules.push_back(std::move(rule));
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(toml::table table, ParseToml(text, source));
  for (const std::string& id : Strings(table["overrides"]["disable"])) {
    std::erase_if(base.rules, [&](const Rule& rule) { return rule.id == id; });
  }
  if (const toml::table* severities = table["overrides"]["severity"].as_table()) {
    for (const auto& [id, value] : *severities) {
      std::string_view wanted = id.str();
      auto rule = std::find_if(base.rules.begin(), base.rules.end(),
                               [&](const Rule& candidate) { return candidate.id == wanted; });
      if (rule == base.rules.end()) {
        return PackError(source, "overrides.severity names unknown rule " + std::string(id.str()));
      }
      DEBRIEF_ASSIGN_OR_RETURN(rule->severity,
                               ParseSeverity(value.value_or(std::string()), source, rule->id));
    }
  }
  if (table["learned"]["veto_below"]) base.learned_veto_below = organisation.learned_veto_below;
  if (table["learned"]["min_known_words"]) {
    base.learned_min_known_words = organisation.learned_min_known_words;
  }
  base.allowed_phrases.insert(base.allowed_phrases.end(), organisation.allowed_phrases.begin(),
                              organisation.allowed_phrases.end());
  return base;
}

}  // namespace debrief::language
