#include "language/checker.h"

#include <algorithm>
#include <unordered_set>

#include "language/context.h"
#include "language/directives.h"
#include "language/sentence_features.h"
#include "language/suppressions.h"
#include "language/text.h"

namespace debrief::language {
namespace {

using detail::Context;

// "a b c" -> {"a", "b", "c"}: phrases are stored as folded words separated by one space.
std::vector<std::string_view> SplitPhrase(std::string_view phrase) {
  std::vector<std::string_view> words;
  while (!phrase.empty()) {
    size_t space = phrase.find(' ');
    words.push_back(phrase.substr(0, space));
    if (space == std::string_view::npos) break;
    phrase.remove_prefix(space + 1);
  }
  return words;
}

uint64_t HashWord(std::string_view word) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a: short words, no set-up cost.
  for (char c : word) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

uint32_t Checker::WordId(std::string_view word) const {
  if (word_slots_.empty()) return kNoWord;
  uint64_t hash = HashWord(word);
  size_t mask = word_slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const auto& [slot_hash, id_plus_one] = word_slots_[slot];
    if (id_plus_one == 0) return kNoWord;
    if (slot_hash == hash && words_[id_plus_one - 1] == word) return id_plus_one - 1;
  }
}

uint32_t Checker::AddWord(std::string_view word) {
  uint32_t id = WordId(word);
  if (id != kNoWord) return id;
  id = static_cast<uint32_t>(words_.size());
  words_.emplace_back(word);
  // Keep the table at most a quarter full so a miss ends at the first empty slot.
  if (word_slots_.size() < words_.size() * 4) {
    size_t capacity = 64;
    while (capacity < words_.size() * 8) capacity *= 2;
    word_slots_.assign(capacity, {0, 0});
    for (uint32_t existing = 0; existing + 1 < words_.size(); ++existing) {
      uint64_t hash = HashWord(words_[existing]);
      size_t slot = hash & (capacity - 1);
      while (word_slots_[slot].second != 0) slot = (slot + 1) & (capacity - 1);
      word_slots_[slot] = {hash, existing + 1};
    }
  }
  uint64_t hash = HashWord(word);
  size_t mask = word_slots_.size() - 1;
  size_t slot = hash & mask;
  while (word_slots_[slot].second != 0) slot = (slot + 1) & mask;
  word_slots_[slot] = {hash, id + 1};
  return id;
}

void Checker::AddPhrase(const std::string& phrase, uint32_t rule_index, bool allowed) {
  uint32_t node = 0;
  for (std::string_view word : SplitPhrase(phrase)) {
    uint32_t word_id = AddWord(word);
    auto& next = nodes_[node].next;
    auto found = std::find_if(next.begin(), next.end(),
                              [&](const auto& edge) { return edge.first == word_id; });
    if (found != next.end()) {
      node = found->second;
      continue;
    }
    auto child = static_cast<uint32_t>(nodes_.size());
    nodes_[node].next.emplace_back(word_id, child);  // Before emplace_back: it may reallocate.
    nodes_.emplace_back();
    node = child;
  }
  if (node == 0) return;
  if (allowed) {
    nodes_[node].allowed = true;
  } else if (std::find(nodes_[node].rules.begin(), nodes_[node].rules.end(), rule_index) ==
             nodes_[node].rules.end()) {
    nodes_[node].rules.push_back(rule_index);
  }
}

Checker::Checker(RulePack pack) : Checker(std::move(pack), nullptr) {
  bool learned = std::any_of(pack_.rules.begin(), pack_.rules.end(),
                             [](const Rule& rule) { return rule.learned; });
  if (learned) classifier_ = SentenceClassifier::Default();
}

Checker::Checker(RulePack pack, std::shared_ptr<const SentenceClassifier> classifier)
    : pack_(std::move(pack)), classifier_(std::move(classifier)), nodes_(1) {
  for (uint32_t rule_index = 0; rule_index < pack_.rules.size(); ++rule_index) {
    for (const std::string& phrase : pack_.rules[rule_index].phrases) {
      AddPhrase(phrase, rule_index, false);
    }
  }
  for (const std::string& phrase : pack_.allowed_phrases) AddPhrase(phrase, 0, true);
  root_next_.assign(words_.size(), 0);
  for (const auto& [word_id, child] : nodes_[0].next) root_next_[word_id] = child;
}

std::optional<std::string_view> Checker::Replacement(const Finding& finding,
                                                     std::string_view text) {
  if (finding.rule->replacements.empty() || finding.end > text.size()) return std::nullopt;
  std::string phrase;
  for (const Token& token : Tokenize(text.substr(finding.begin, finding.end - finding.begin))) {
    if (!phrase.empty()) phrase += ' ';
    phrase += token.folded;
  }
  auto found = finding.rule->replacements.find(phrase);
  if (found == finding.rule->replacements.end()) return std::nullopt;
  return std::string_view(found->second);
}

std::vector<Finding> Checker::Check(std::string_view text, const CheckOptions& options) const {
  std::string masked;
  if (options.markdown) masked = MaskMarkdown(text);
  TokenizedText tokens = Tokenize(options.markdown ? std::string_view(masked) : text);
  const size_t count = tokens.size();

  // One pass over the text finds every phrase; conditions are checked only on those matches.
  struct Match {
    size_t first;
    size_t last;
    uint32_t node;
  };
  std::vector<Match> matches;
  std::vector<bool> allowed;  // Tokens inside an allowed phrase; sized on the first one.
  std::vector<uint32_t> word_ids(count);
  for (size_t index = 0; index < count; ++index) word_ids[index] = WordId(tokens[index].folded);
  for (size_t first = 0; first < count; ++first) {
    if (word_ids[first] == kNoWord) continue;
    uint32_t node = root_next_[word_ids[first]];
    for (size_t last = first; node != 0;) {
      if (nodes_[node].allowed) {
        if (allowed.empty()) allowed.resize(count, false);
        std::fill(allowed.begin() + static_cast<std::ptrdiff_t>(first),
                  allowed.begin() + static_cast<std::ptrdiff_t>(last + 1), true);
      }
      if (!nodes_[node].rules.empty()) matches.push_back({first, last, node});
      if (++last >= count || word_ids[last] == kNoWord) break;
      const auto& next = nodes_[node].next;
      auto edge = std::find_if(next.begin(), next.end(),
                               [&](const auto& pair) { return pair.first == word_ids[last]; });
      node = edge == next.end() ? 0 : edge->second;
    }
  }
  bool learned = options.learned && classifier_ != nullptr;
  if (matches.empty() && !learned) return {};

  Context context(tokens.tokens(), options);
  std::vector<Finding> findings;
  std::vector<bool> reported_once(pack_.rules.size(), false);  // Rules found once per text.
  for (const Match& match : matches) {
    const size_t first = match.first;
    const size_t last = match.last;
    if (!allowed.empty() && std::any_of(allowed.begin() + static_cast<std::ptrdiff_t>(first),
                                        allowed.begin() + static_cast<std::ptrdiff_t>(last + 1),
                                        [](bool value) { return value; })) {
      continue;
    }
    for (uint32_t rule_index : nodes_[match.node].rules) {
      const Rule& rule = pack_.rules[rule_index];
      if (rule.severity < options.min_severity) continue;
      size_t after = last + 1;
      if (after < count && std::find(rule.unless_next.begin(), rule.unless_next.end(),
                                     tokens[after].folded) != rule.unless_next.end()) {
        continue;
      }
      if (!rule.particles.empty() && !context.ParticleAfter(after, rule.particles)) continue;
      if (!rule.only_next.empty() &&
          (after >= count || std::find(rule.only_next.begin(), rule.only_next.end(),
                                       tokens[after].folded) == rule.only_next.end())) {
        continue;
      }
      bool holds = true;
      for (Condition condition : rule.conditions) {
        switch (condition) {
          case Condition::kPersonBefore:
            holds = holds && context.PersonBefore(first);
            break;
          case Condition::kPersonAfter:
            holds = holds && context.PersonAfter(after);
            break;
          case Condition::kParticipleAfter:
            holds = holds && context.ParticipleAfter(after);
            break;
          case Condition::kNotHeading:
            holds = holds && !tokens[first].in_heading;
            break;
          case Condition::kVerbAfter:
            holds = holds && context.VerbAfter(after);
            break;
          case Condition::kInvertedConditional:
            holds = holds && context.InvertedConditional(first, after);
            break;
          case Condition::kPersonAgent:
            holds = holds && context.ClauseOf(first, after).agent == Agent::kPerson;
            break;
          case Condition::kNegatedPerson: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.negated && clause.subject_is_person;
            break;
          }
          case Condition::kNegatedOtherPerson: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.negated && clause.past && clause.subject_is_person &&
                    !tokens[first].folded.ends_with("ing") && context.SubjectIsAnother(clause) &&
                    !context.Asked(first, after);
            break;
          }
          case Condition::kAgentlessPassive: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.passive && clause.agent == Agent::kUnnamed && !clause.subject_is_person;
            break;
          }
          case Condition::kPersonInClause:
            holds = holds && context.PersonInSentence(first, after);
            break;
          case Condition::kImpactStated:
            holds = holds && context.ImpactStated(first, after);
            break;
          case Condition::kPastConditional:
            holds = holds && context.PastConditional(first, after);
            break;
          case Condition::kActionAsSubject:
            holds = holds && context.ActionAsSubject(first);
            break;
          case Condition::kAnotherPersonAgent: {
            if (!holds) break;
            VerbClause clause = context.ClauseOf(first, after);
            holds = clause.agent == Agent::kPerson && context.SubjectIsAnother(clause) &&
                    clause.subject_first < clause.subject_end &&
                    !context.FirstPerson(clause.subject_first, clause.subject_end);
            break;
          }
          case Condition::kNotOwn: {
            if (!holds) break;
            auto [begin, end] = context.SentenceAround(first, after);
            holds = !context.FirstPerson(begin, end);
            break;
          }
          case Condition::kPast:
            holds = holds && context.ClauseOf(first, after).past;
            break;
          case Condition::kPersonBeforeOrOpens:
            holds = holds && (context.PersonBefore(first) || context.OpensSentence(first));
            break;
          case Condition::kNotAsked:
            holds = holds && !context.Asked(first, after);
            break;
          case Condition::kNotChat:
            holds = holds && !context.ChatLine(first, after);
            break;
          case Condition::kPersonOrWork:
            holds = holds && context.PersonOrWorkInSentence(first, after);
            break;
          case Condition::kAssertedCause:
            holds = holds && context.AssertedCause(first, after);
            break;
          case Condition::kNotNegated:
            holds = holds && !context.SentenceNegatedOrAsked(first, after);
            break;
          case Condition::kNegated:
            holds = holds && context.ClauseOf(first, after).negated;
            break;
          case Condition::kNotIntended:
            holds = holds && !context.IntentStated(first, after);
            break;
          case Condition::kPersonOrAgentless:  // Learned rules only (the pack refuses others).
            holds = false;
            break;
        }
      }
      if (!holds || context.Mentioned(first, after)) continue;
      if (rule.once_per_text) {
        if (reported_once[rule_index]) continue;
        reported_once[rule_index] = true;
      }
      // One finding per rule and starting word: the longest phrase ("forgot to" over "forgot").
      // Matches come in text order, so findings at the same word are the last few.
      auto same = findings.rbegin();
      while (same != findings.rend() && same->begin == tokens[first].begin && same->rule != &rule) {
        ++same;
      }
      if (same != findings.rend() && same->begin == tokens[first].begin) {
        same->end = tokens[last].end;
        continue;
      }
      findings.push_back({&rule, tokens[first].begin, tokens[last].end, tokens[first].in_quote});
    }
  }
  // One finding per phrase. Where rules' phrases overlap ("just need to" is moralising and
  // minimising; "should have known better" a judgement and a counterfactual), the more serious
  // reading stands, then the longer, more specific one. Findings come in order of their first
  // word, so overlapping ones are neighbours.
  auto outranks = [](const Finding& a, const Finding& b) {
    if (a.rule->severity != b.rule->severity) return a.rule->severity > b.rule->severity;
    return a.end - a.begin > b.end - b.begin;
  };
  size_t kept = 0;
  for (const Finding& finding : findings) {
    if (kept > 0 && finding.begin < findings[kept - 1].end) {
      if (outranks(finding, findings[kept - 1])) findings[kept - 1] = finding;
      continue;
    }
    findings[kept++] = finding;
  }
  findings.resize(kept);
  if (learned) AddLearnedFindings(tokens.tokens(), context, options, findings);
  if (options.markdown) ApplyDirectives(FindDirectives(text), text, findings);
  const std::vector<Token>& list = tokens.tokens();
  for (Finding& finding : findings) {
    auto at =
        std::lower_bound(list.begin(), list.end(), finding.begin,
                         [](const Token& token, size_t begin) { return token.begin < begin; });
    if (at == list.end()) continue;
    size_t index = static_cast<size_t>(at - list.begin());
    auto [begin, end] = context.SentenceAround(index, index + 1);
    finding.sentence_begin = list[begin].begin;
    finding.sentence_end = std::max(list[end - 1].end, finding.end);
  }
  if (options.suppressions) options.suppressions->Apply(text, findings);
  return findings;
}

void Checker::AddLearnedFindings(const std::vector<Token>& tokens, const Context& context,
                                 const CheckOptions& options,
                                 std::vector<Finding>& findings) const {
  // Nothing to ask the classifier for: no learned rule is wanted at this severity and no veto.
  bool veto = pack_.learned_veto_below > 0;
  bool wanted = std::any_of(pack_.rules.begin(), pack_.rules.end(), [&](const Rule& rule) {
    return rule.learned && rule.severity >= options.min_severity;
  });
  if (!veto && !wanted) return;
  const size_t rule_findings = findings.size();
  std::vector<bool> vetoed(rule_findings, false);
  size_t next_finding = 0;  // Findings are in text order, as sentences are.
  for (const SentenceFeatures& sentence : ReadSentenceFeatures(tokens, context)) {
    if (tokens[sentence.first].in_heading) continue;
    size_t begin = tokens[sentence.first].begin;
    size_t end = tokens[sentence.end - 1].end;
    while (next_finding < rule_findings && findings[next_finding].end <= begin) ++next_finding;
    size_t touching_end = next_finding;
    while (touching_end < rule_findings && findings[touching_end].begin < end) ++touching_end;
    // The classifier learned from sentences: labels, fragments and table cells are the rules'.
    if (!sentence.prose) continue;
    bool touched = touching_end > next_finding;
    // A sentence a rule found something in is asked about only for a veto.
    if (touched ? !veto : !wanted) continue;
    SentenceVerdict verdict = classifier_->Classify(sentence.line);
    if (verdict.known_words < pack_.learned_min_known_words) continue;
    if (touched) {
      if (verdict.blame < pack_.learned_veto_below) {
        std::fill(vetoed.begin() + static_cast<std::ptrdiff_t>(next_finding),
                  vetoed.begin() + static_cast<std::ptrdiff_t>(touching_end), true);
      }
      continue;
    }
    if (verdict.category.empty()) continue;
    LearnedSentence facts;
    facts.agentless_passive = sentence.agentless_passive;
    facts.asked = tokens[sentence.end - 1].folded == "?";
    // Who is named is read only when a rule could report the sentence if someone were.
    facts.person = true;
    if (LearnedRuleFor(pack_, verdict.category, verdict.blame, facts, options.min_severity) ==
        nullptr) {
      continue;
    }
    facts.person = false;
    for (size_t index = sentence.first; index < sentence.end && !facts.person; ++index) {
      facts.person = context.IsPersonAt(index);
    }
    const Rule* rule =
        LearnedRuleFor(pack_, verdict.category, verdict.blame, facts, options.min_severity);
    if (rule == nullptr) continue;
    // A framing of the whole text ("once"): one hint, and none beside a rule's.
    if (rule->once_per_text &&
        std::any_of(findings.begin(), findings.end(), [&](const Finding& finding) {
          return finding.rule->category == rule->category;
        })) {
      continue;
    }
    // The sentence without the mark that ends it.
    size_t last = sentence.end - 1;
    while (last > sentence.first && !tokens[last].is_word) --last;
    findings.push_back({rule, begin, tokens[last].end, tokens[sentence.first].in_quote});
  }
  size_t kept = 0;
  for (size_t index = 0; index < findings.size(); ++index) {
    if (index < rule_findings && vetoed[index]) continue;
    findings[kept++] = findings[index];
  }
  findings.resize(kept);
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
}

}  // namespace debrief::language
