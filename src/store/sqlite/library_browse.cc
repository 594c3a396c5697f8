// LibraryIndex's other ways in: reviews related to an incident, lessons by theme, and reviews of
// incidents that started on this day in earlier years.
#include "store/sqlite/library_index.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <string_view>

#include "store/columns.h"
#include "store/sqlite/library_sql.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {

using namespace library_sql;

namespace {

// Whether `incident_id` is among `hidden` (ascending).
bool IsHidden(const std::vector<int64_t>& hidden, int64_t incident_id) {
  return std::binary_search(hidden.begin(), hidden.end(), incident_id);
}

}  // namespace

Result<std::vector<LibraryHit>> LibraryIndex::Related(const RelatedQuery& query) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  std::unordered_map<size_t, double> scores;
  auto ids_of = [&](Facet facet, const std::vector<std::string>& values) {
    std::vector<uint32_t> ids;
    for (const std::string& value : values) {
      if (auto id = dictionaries_[facet].Find(value)) ids.push_back(*id);
    }
    return ids;
  };
  std::vector<uint32_t> services = ids_of(kService, query.services);
  std::vector<uint32_t> categories = ids_of(kCategory, query.factor_categories);
  auto shared = [](const std::vector<uint32_t>& mine, const std::vector<uint32_t>& theirs) {
    int count = 0;
    for (uint32_t id : theirs) count += std::count(mine.begin(), mine.end(), id) > 0;
    return count;
  };
  if (!services.empty() || !categories.empty()) {
    for (size_t position = 0; position < entries_.size(); ++position) {
      const Entry& entry = entries_[position];
      if (IsHidden(query.hidden_incident_ids, entry.incident_id)) continue;
      double score =
          2.0 * shared(services, entry.services) + 1.5 * shared(categories, entry.categories);
      if (score > 0) scores[position] = score;
    }
  }
  std::vector<LibraryTerm> terms;
  for (const std::string& word : query.words) terms.push_back({{word}, false, false});
  if (!terms.empty()) {
    // Any of the words, in titles and summaries only: what the incident was about.
    std::string any;
    for (const LibraryTerm& term : terms) {
      any += (any.empty() ? "" : " OR ") + FtsExpression({term});
    }
    std::string expression = "{title summary} : (" + any + ")";
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                             connection_.Prepare(ForTable(kRelatedText, query.anonymised)));
    statement->Bind(1, std::string_view(expression));
    std::vector<std::pair<size_t, double>> text;
    double best = 0;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
      if (!has_row) break;
      size_t hint = 0;  // Ranked, not in id order.
      std::optional<uint32_t> position = PositionOf(statement->Int64(0), hint);
      if (!position) continue;
      // Not even as the best match the others are scaled by.
      if (IsHidden(query.hidden_incident_ids, entries_[*position].incident_id)) continue;
      double relevance = -statement->Double(1);
      best = std::max(best, relevance);
      text.emplace_back(*position, relevance);
    }
    statement->Reset();
    // Text counts up to as much as three shared services.
    for (const auto& [position, relevance] : text) {
      if (best > 0) scores[position] += 6.0 * relevance / best;
    }
  }
  std::vector<std::pair<size_t, double>> ranked;
  for (const auto& [position, score] : scores) {
    if (entries_[position].incident_id != query.incident_id) ranked.emplace_back(position, score);
  }
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return entries_[a.first].published_at > entries_[b.first].published_at;
  });
  if (ranked.size() > static_cast<size_t>(query.limit)) ranked.resize(query.limit);
  std::vector<LibraryHit> hits;
  for (const auto& [position, score] : ranked) {
    hits.push_back(HitFor(entries_[position], query.anonymised, score));
  }
  return hits;
}

Result<LessonPage> LibraryIndex::Lessons(const LessonQuery& query) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  std::optional<uint32_t> theme;
  if (query.theme) {
    theme = dictionaries_[kCategory].Find(*query.theme);
    if (!theme) return LessonPage{};
  }
  auto has_theme = [&](const Entry& entry) {
    return !theme || std::count(entry.categories.begin(), entry.categories.end(), *theme) > 0;
  };
  struct Found {
    double score;
    const Entry* entry;
    LibraryLesson lesson;
  };
  LessonPage page;
  std::vector<int64_t> theme_counts(dictionaries_[kCategory].size(), 0);
  auto read_lesson = [](Statement& statement) {
    LibraryLesson lesson;
    lesson.title = statement.Text(2);
    lesson.body = statement.Text(3);
    ReadColumn(statement, 4, lesson.authors);
    return lesson;
  };
  auto to_hit = [&](const Entry& entry, LibraryLesson lesson) {
    LibraryLessonHit hit;
    hit.incident_id = entry.incident_id;
    hit.key = entry.key;
    hit.incident_title = query.anonymised ? entry.anonymised_title : entry.title;
    hit.published_at = entry.published_at;
    for (uint32_t id : entry.categories) hit.themes.push_back(dictionaries_[kCategory].At(id));
    hit.lesson = std::move(lesson);
    return hit;
  };
  size_t offset = static_cast<size_t>(std::max(query.offset, 0));
  size_t limit = static_cast<size_t>(std::max(query.limit, 0));

  std::string expression = FtsExpression(query.terms);
  if (!query.terms.empty() && expression.empty()) {
    return core::Error::InvalidArgument("a search needs at least one word to look for", "q");
  }
  if (!expression.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kSearchLessons));
    statement->Bind(1, std::string_view(expression));
    statement->Bind(2, int64_t{query.anonymised});
    std::vector<Found> found;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
      if (!has_row) break;
      const Entry* entry = Find(statement->Int64(1));
      if (entry == nullptr || IsHidden(query.hidden_incident_ids, entry->incident_id)) continue;
      for (uint32_t id : entry->categories) ++theme_counts[id];
      if (!has_theme(*entry)) continue;
      found.push_back({-statement->Double(5), entry, read_lesson(*statement)});
    }
    statement->Reset();
    std::stable_sort(found.begin(), found.end(),
                     [](const Found& a, const Found& b) { return a.score > b.score; });
    page.total = static_cast<int64_t>(found.size());
    for (size_t index = offset; index < found.size() && index < offset + limit; ++index) {
      page.lessons.push_back(to_hit(*found[index].entry, std::move(found[index].lesson)));
    }
  } else {
    std::vector<const Entry*> ordered;
    for (const Entry& entry : entries_) {
      if (entry.lesson_count == 0 || IsHidden(query.hidden_incident_ids, entry.incident_id)) {
        continue;
      }
      for (uint32_t id : entry.categories) theme_counts[id] += entry.lesson_count;
      if (has_theme(entry)) ordered.push_back(&entry);
    }
    std::sort(ordered.begin(), ordered.end(), [](const Entry* a, const Entry* b) {
      if (a->published_at != b->published_at) return a->published_at > b->published_at;
      return a->incident_id > b->incident_id;
    });
    size_t seen = 0;
    for (const Entry* entry : ordered) {
      page.total += entry->lesson_count;
      size_t first = seen;
      seen += static_cast<size_t>(entry->lesson_count);
      if (seen <= offset || page.lessons.size() >= limit) continue;
      DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kLessonsOf));
      statement->Bind(1, entry->incident_id);
      statement->Bind(2, int64_t{query.anonymised});
      for (size_t index = first;; ++index) {
        DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
        if (!has_row) break;
        if (index < offset || page.lessons.size() >= limit) continue;
        page.lessons.push_back(to_hit(*entry, read_lesson(*statement)));
      }
      statement->Reset();
    }
  }
  for (uint32_t id = 0; id < theme_counts.size(); ++id) {
    if (theme_counts[id] > 0)
      page.themes.push_back({dictionaries_[kCategory].At(id), theme_counts[id]});
  }
  std::sort(page.themes.begin(), page.themes.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return page;
}

Result<std::vector<LibraryHit>> LibraryIndex::Anniversaries(core::Date today, int window_days,
                                                            bool anonymised, int limit) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  std::chrono::year_month_day now{today};
  int this_year = static_cast<int>(now.year());
  int today_in_year = DayInYear(now);
  std::vector<std::pair<const Entry*, int>> found;  // Entry and days from today's month-day.
  for (const Entry& entry : entries_) {
    if (!entry.started_at || entry.started_year >= this_year) continue;
    int apart = DaysApart(entry.started_day, today_in_year);
    if (apart <= window_days) found.emplace_back(&entry, apart);
  }
  auto closest = [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second < b.second;
    return *a.first->started_at > *b.first->started_at;
  };
  size_t kept = std::min(found.size(), static_cast<size_t>(std::max(limit, 0)));
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    closest);
  found.resize(kept);
  std::vector<LibraryHit> hits;
  for (const auto& [entry, apart] : found) {
    hits.push_back(HitFor(*entry, anonymised, 0));
    DEBRIEF_ASSIGN_OR_RETURN(hits.back().summary,
                             Summary(entry->incident_id, anonymised, connection_));
  }
  return hits;
}

}  // namespace debrief::store::sqlite
