#include "core/timeline_suggestions.h"

#include <algorithm>
#include <map>
#include <optional>

namespace debrief::core {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// A name rather than a word: "HighErrorRate", "4.2.1", "web-1", "db_pool", "5xx". Trailing
// punctuation is trimmed before this is asked, so a dot here is inside the word.
bool LooksLikeAName(std::string_view word) {
  if (word.size() < 3) return false;
  for (size_t index = 0; index < word.size(); ++index) {
    char c = word[index];
    if ((c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') return true;
    if (c >= 'A' && c <= 'Z' && index > 0 && word[index - 1] >= 'a' && word[index - 1] <= 'z') {
      return true;
    }
  }
  return false;
}

bool IsAlertFiring(const TimelineEvent& event) {
  return event.kind == EventKind::kAlert && event.source.starts_with("import:") &&
         !event.source.ends_with("/resolved");
}

std::string EventRef(const TimelineEvent& event) { return "event:" + std::to_string(event.id); }

std::string FirstLine(std::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  if (line.size() > 120) line = line.substr(0, 117) + "...";
  return line;
}

void SuggestKeyMoments(const Incident& incident, std::span<const TimelineEvent> events,
                       TimelineSuggestions& suggestions) {
  const TimelineEvent* first_firing = nullptr;
  std::map<std::string_view, const TimelineEvent*> resolutions;  // By the firing's source.
  size_t firings = 0;
  for (const TimelineEvent& event : events) {
    if (IsAlertFiring(event)) {
      ++firings;
      if (first_firing == nullptr || event.at < first_firing->at) first_firing = &event;
    } else if (event.kind == EventKind::kAlert && event.source.ends_with("/resolved")) {
      std::string_view source = event.source;
      resolutions.emplace(source.substr(0, source.size() - std::string_view("/resolved").size()),
                          &event);
    }
  }
  if (first_firing == nullptr) return;
  if (incident.detected_at != first_firing->at) {
    suggestions.key_moments.push_back({"detected_at", first_firing->at, EventRef(*first_firing),
                                       "the first alert fired: " + FirstLine(first_firing->text)});
  }
  const TimelineEvent* last_resolution = nullptr;
  size_t resolved = 0;
  for (const TimelineEvent& event : events) {
    if (!IsAlertFiring(event)) continue;
    auto found = resolutions.find(event.source);
    if (found == resolutions.end()) return;  // Still firing: nothing to suggest yet.
    ++resolved;
    if (last_resolution == nullptr || found->second->at > last_resolution->at) {
      last_resolution = found->second;
    }
  }
  if (last_resolution != nullptr && resolved == firings &&
      incident.resolved_at != last_resolution->at) {
    suggestions.key_moments.push_back(
        {"resolved_at", last_resolution->at, EventRef(*last_resolution),
         "the last of " + std::to_string(firings) +
             (firings == 1 ? " alert resolved: " : " alerts resolved: ") +
             FirstLine(last_resolution->text)});
  }
}

}  // namespace

std::vector<std::string> NamesIn(std::string_view text, std::span<const std::string> services) {
  std::vector<std::string> names;
  size_t position = 0;
  while (position < text.size()) {
    while (position < text.size() && !IsWordChar(text[position])) ++position;
    size_t start = position;
    while (position < text.size() && IsWordChar(text[position])) ++position;
    std::string_view word = text.substr(start, position - start);
    // Sentence punctuation is not part of a name: "checkout." and "4.2.1," read as the name.
    while (!word.empty() && (word.back() == '.' || word.back() == '-' || word.back() == '_')) {
      word.remove_suffix(1);
    }
    if (word.empty()) continue;
    std::string lower = Lower(word);
    bool is_service =
        std::any_of(services.begin(), services.end(),
                    [&](const std::string& service) { return Lower(service) == lower; });
    if ((is_service || LooksLikeAName(word)) &&
        std::find(names.begin(), names.end(), lower) == names.end()) {
      names.push_back(std::move(lower));
    }
  }
  return names;
}

TimelineSuggestions SuggestFromTimeline(const Incident& incident,
                                        std::span<const EntryInput> entries,
                                        std::span<const TimelineEvent> events,
                                        const SuggestionOptions& options) {
  TimelineSuggestions suggestions;
  SuggestKeyMoments(incident, events, suggestions);

  // Imported events by time, their names read only when an entry is near them.
  std::vector<const TimelineEvent*> imported;
  for (const TimelineEvent& event : events) {
    if (event.source.starts_with("import:")) imported.push_back(&event);
  }
  std::sort(imported.begin(), imported.end(),
            [](const TimelineEvent* a, const TimelineEvent* b) { return a->at < b->at; });
  std::vector<std::optional<std::vector<std::string>>> event_names(imported.size());

  for (const EntryInput& input : entries) {
    const AccountEntry& entry = input.entry;
    std::string text = entry.did + "\n" + entry.saw + "\n" + entry.expected + "\n" + entry.assumed +
                       "\n" + entry.looking_at;
    std::vector<std::string> names = NamesIn(text, incident.services);
    if (names.empty()) continue;
    auto first =
        std::lower_bound(imported.begin(), imported.end(), entry.at - options.link_window,
                         [](const TimelineEvent* event, Timestamp at) { return event->at < at; });
    std::vector<EntryLinkSuggestion> candidates;
    for (auto it = first; it != imported.end() && (*it)->at <= entry.at + options.link_window;
         ++it) {
      const TimelineEvent& event = **it;
      if (std::find(entry.seen_event_ids.begin(), entry.seen_event_ids.end(), event.id) !=
          entry.seen_event_ids.end()) {
        continue;
      }
      std::optional<std::vector<std::string>>& known = event_names[it - imported.begin()];
      if (!known) known = NamesIn(event.text, incident.services);
      auto shared = std::find_first_of(names.begin(), names.end(), known->begin(), known->end());
      if (shared == names.end()) continue;
      Duration apart = event.at > entry.at ? event.at - entry.at : entry.at - event.at;
      candidates.push_back({"entry:" + std::to_string(entry.id), EventRef(event), *shared, apart});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const EntryLinkSuggestion& a, const EntryLinkSuggestion& b) {
                       return a.apart < b.apart;
                     });
    if (candidates.size() > options.links_per_entry) candidates.resize(options.links_per_entry);
    for (EntryLinkSuggestion& candidate : candidates) {
      suggestions.links.push_back(std::move(candidate));
    }
  }
  return suggestions;
}

}  // namespace debrief::core
