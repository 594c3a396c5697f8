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

uint32_t LibraryIndex::Dictionary::Intern(const std::string& value) {
  auto [at, added] = ids_.try_emplace(value, static_cast<uint32_t>(values_.size()));
  if (added) values_.push_back(value);
  return at->second;
}

std::optional<uint32_t> LibraryIndex::Dictionary::Find(const std::string& value) const {
  auto found = ids_.find(value);
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

Result<int64_t> LibraryIndex::StoredGeneration() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kGeneration));
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  int64_t generation = found ? statement->Int64(0) : 0;
  statement->Reset();
  return generation;
}

LibraryIndex::Entry LibraryIndex::MakeEntry(const LibraryEntry& entry) {
  Entry out;
  out.incident_id = entry.incident_id;
  out.key = entry.key;
  out.version = entry.version;
  out.title = entry.named.title;
  out.anonymised_title = entry.anonymised.title;
  out.severity = dictionaries_[kSeverity].Intern(entry.severity);
  for (const std::string& service : entry.services) {
    out.services.push_back(dictionaries_[kService].Intern(service));
  }
  for (const std::string& tag : entry.tags) out.tags.push_back(dictionaries_[kTag].Intern(tag));
  for (const std::string& category : entry.factor_categories) {
    out.categories.push_back(dictionaries_[kCategory].Intern(category));
  }
  out.started_at = entry.started_at;
  if (entry.started_at) {
    std::chrono::year_month_day started{DayOf(*entry.started_at)};
    out.started_year = static_cast<int>(started.year());
    out.started_day = DayInYear(started);
  }
  out.published_at = entry.published_at;
  out.lesson_count = static_cast<int64_t>(entry.named_lessons.size());
  return out;
}

void LibraryIndex::Upsert(Entry entry, bool in_bulk) {
  auto at = std::lower_bound(by_incident_.begin(), by_incident_.end(),
                             std::pair<int64_t, uint32_t>{entry.incident_id, 0});
  bool added = at == by_incident_.end() || at->first != entry.incident_id;
  if (added)
    at = by_incident_.insert(at, {entry.incident_id, static_cast<uint32_t>(entries_.size())});
  uint32_t position = at->second;
  LibraryFacets::Values old;
  if (!added) old = FacetValues(entries_[position]);
  std::optional<int32_t> started_day;
  if (entry.started_at) started_day = DayNumber(DayOf(*entry.started_at));
  facets_.Set(position, old, FacetValues(entry), started_day);
  if (added) recency_.emplace_back();
  recency_[position] = {core::ToEpochMillis(entry.published_at), entry.incident_id};
  if (in_bulk) {
    by_recency_.push_back(position);
  } else {
    // A publish is almost always the newest: then this is an append.
    if (!added) by_recency_.erase(std::find(by_recency_.begin(), by_recency_.end(), position));
    auto older = [&](uint32_t a, uint32_t b) { return recency_[a] < recency_[b]; };
    by_recency_.insert(std::upper_bound(by_recency_.begin(), by_recency_.end(), position, older),
                       position);
  }
  if (added) {
    entries_.push_back(std::move(entry));
  } else {
    entries_[position] = std::move(entry);
  }
}

void LibraryIndex::SortByRecency() {
  std::sort(by_recency_.begin(), by_recency_.end(),
            [&](uint32_t a, uint32_t b) { return recency_[a] < recency_[b]; });
}

LibraryFacets::Values LibraryIndex::FacetValues(const Entry& entry) {
  return {std::vector<uint32_t>{entry.severity}, entry.services, entry.categories, entry.tags};
}

const LibraryIndex::Entry* LibraryIndex::Find(int64_t incident_id) const {
  size_t hint = 0;
  std::optional<uint32_t> position = PositionOf(incident_id, hint);
  return position ? &entries_[*position] : nullptr;
}

std::optional<uint32_t> LibraryIndex::PositionOf(int64_t incident_id, size_t& hint) const {
  auto id_below = [](const std::pair<int64_t, uint32_t>& item, int64_t id) {
    return item.first < id;
  };
  size_t low = hint < by_incident_.size() && by_incident_[hint].first <= incident_id ? hint : 0;
  size_t step = 1;
  size_t high = low;
  while (high < by_incident_.size() && by_incident_[high].first < incident_id) {
    low = high;
    high += step;
    step *= 2;
  }
  high = std::min(high, by_incident_.size());
  auto found = std::lower_bound(by_incident_.begin() + static_cast<std::ptrdiff_t>(low),
                                by_incident_.begin() + static_cast<std::ptrdiff_t>(high),
                                incident_id, id_below);
  hint = static_cast<size_t>(found - by_incident_.begin());
  if (found == by_incident_.end() || found->first != incident_id) return std::nullopt;
  return found->second;
}

Result<void> LibraryIndex::Refresh() {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t stored, StoredGeneration());
  if (stored == generation_) return core::Ok();
  std::unique_lock lock(mutex_);
  ++reloads_;
  generation_ = -1;  // Until the reload is whole.
  bool built[2] = {postings_[0] != nullptr, postings_[1] != nullptr};
  entries_.clear();
  by_incident_.clear();
  for (Dictionary& dictionary : dictionaries_) dictionary = Dictionary();
  for (auto& postings : postings_) postings.reset();
  facets_.Clear();
  recency_.clear();
  by_recency_.clear();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kLoadEntries));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    LibraryEntry row;
    row.incident_id = statement->Int64(0);
    row.key = statement->Text(1);
    row.version = statement->Int64(2);
    row.severity = statement->Text(3);
    bool readable =
        ReadColumn(*statement, 4, row.services) && ReadColumn(*statement, 5, row.tags) &&
        ReadColumn(*statement, 6, row.factor_categories) &&
        ReadColumn(*statement, 7, row.started_at) && ReadColumn(*statement, 8, row.published_at);
    if (!readable) {
      statement->Reset();
      return core::Error::Internal("library entry " + std::to_string(row.incident_id) +
                                   " cannot be read");
    }
    row.named.title = statement->Text(9);
    row.anonymised.title = statement->Text(10);
    Entry entry = MakeEntry(row);
    entry.lesson_count = statement->Int64(11);
    Upsert(std::move(entry), /*in_bulk=*/true);
  }
  statement->Reset();
  SortByRecency();
  // Readers may be about to search either copy: what was built is built again.
  for (bool anonymised : {false, true}) {
    if (built[anonymised]) DEBRIEF_RETURN_IF_ERROR(BuildPostings(anonymised));
  }
  generation_ = stored;
  return core::Ok();
}

Result<void> LibraryIndex::Put(const LibraryEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t before, StoredGeneration());
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_));
  for (bool anonymised : {false, true}) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * remove,
                             connection_.Prepare(ForTable(kDeleteText, anonymised)));
    remove->Bind(1, entry.incident_id);
    DEBRIEF_RETURN_IF_ERROR(remove->Run());
  }
  for (const char* sql : {kDeleteLessons, kDeleteEntry}) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * remove, connection_.Prepare(sql));
    remove->Bind(1, entry.incident_id);
    DEBRIEF_RETURN_IF_ERROR(remove->Run());
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_.Prepare(kInsertEntry));
  insert->Bind(1, entry.incident_id);
  insert->Bind(2, std::string_view(entry.key));
  insert->Bind(3, entry.version);
  insert->Bind(4, std::string_view(entry.severity));
  BindColumn(*insert, 5, entry.services);
  BindColumn(*insert, 6, entry.tags);
  BindColumn(*insert, 7, entry.factor_categories);
  BindOptionalTime(*insert, 8, entry.started_at);
  insert->Bind(9, core::ToEpochMillis(entry.published_at));
  insert->Bind(10, std::string_view(entry.named.title));
  insert->Bind(11, std::string_view(entry.anonymised.title));
  DEBRIEF_RETURN_IF_ERROR(insert->Run());
  for (bool anonymised : {false, true}) {
    const LibraryText& text = anonymised ? entry.anonymised : entry.named;
    DEBRIEF_ASSIGN_OR_RETURN(Statement * add,
                             connection_.Prepare(ForTable(kInsertText, anonymised)));
    add->Bind(1, entry.incident_id);
    int index = 2;
    for (std::string_view section : SectionsOf(text)) add->Bind(index++, section);
    DEBRIEF_RETURN_IF_ERROR(add->Run());
    const std::vector<LibraryLesson>& lessons =
        anonymised ? entry.anonymised_lessons : entry.named_lessons;
    for (size_t position = 0; position < lessons.size(); ++position) {
      DEBRIEF_ASSIGN_OR_RETURN(Statement * lesson, connection_.Prepare(kInsertLesson));
      lesson->Bind(1, entry.incident_id);
      lesson->Bind(2, int64_t{anonymised});
      lesson->Bind(3, static_cast<int64_t>(position));
      lesson->Bind(4, std::string_view(lessons[position].title));
      lesson->Bind(5, std::string_view(lessons[position].body));
      BindColumn(*lesson, 6, lessons[position].authors);
      DEBRIEF_RETURN_IF_ERROR(lesson->Run());
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * bump, connection_.Prepare(kBumpGeneration));
  DEBRIEF_ASSIGN_OR_RETURN(bool bumped, bump->Step());
  int64_t after = bumped ? bump->Int64(0) : 0;
  bump->Reset();
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  // Keep the in-memory copy current without a full reload when nothing else changed it. (Should
  // an enclosing transaction roll back, the stored generation goes back too and the next call
  // reloads.)
  if (generation_ == before) {
    std::unique_lock lock(mutex_);
    Upsert(MakeEntry(entry));
    size_t hint = 0;
    uint32_t position = PositionOf(entry.incident_id, hint).value();
    for (bool anonymised : {false, true}) {
      if (postings_[anonymised] == nullptr) continue;
      const LibraryText& text = anonymised ? entry.anonymised : entry.named;
      postings_[anonymised]->Put(position, SectionsOf(text));
    }
    generation_ = after;
  } else {
    generation_ = -1;
  }
  return core::Ok();
}

LibraryIndex::~LibraryIndex() = default;

Result<std::unique_ptr<LibraryIndex::Reader>> LibraryIndex::Reader::Open(Connection& connection) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<FtsTokenizer> tokenizer, FtsTokenizer::Open(connection));
  return std::unique_ptr<Reader>(new Reader(connection, std::move(tokenizer)));
}

Result<size_t> LibraryIndex::Warm() {
  DEBRIEF_RETURN_IF_ERROR(Prepare(false, true));
  return entries_.size();
}

Result<void> LibraryIndex::Prepare(bool anonymised, bool with_words) {
  DEBRIEF_RETURN_IF_ERROR(Refresh());
  if (!with_words || postings_[anonymised] != nullptr) return core::Ok();
  std::unique_lock lock(mutex_);
  return BuildPostings(anonymised);
}

Result<void> LibraryIndex::BuildPostings(bool anonymised) {
  std::unique_ptr<LibraryPostings>& postings = postings_[anonymised];
  if (tokenizer_ == nullptr) {
    DEBRIEF_ASSIGN_OR_RETURN(tokenizer_, FtsTokenizer::Open(connection_));
    terms_ = std::make_unique<TermDictionary>(*tokenizer_);
  }
  auto built = std::make_unique<LibraryPostings>(*terms_);
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_.Prepare(ForTable(kAllText, anonymised)));
  size_t hint = 0;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    std::optional<uint32_t> position = PositionOf(statement->Int64(0), hint);
    if (!position) continue;
    LibraryPostings::Sections sections;
    for (size_t index = 0; index < sections.size(); ++index) {
      sections[index] = statement->Text(static_cast<int>(index) + 1);
    }
    built->Put(*position, sections);
  }
  statement->Reset();
  built->Finish();
  postings = std::move(built);
  return core::Ok();
}

Result<std::vector<int64_t>> LibraryIndex::Backlog() {
  std::vector<int64_t> ids;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * complete, connection_.Prepare(kLibraryComplete));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, complete->Step());
  bool is_complete = has_row && complete->Int64(0) == 1;
  complete->Reset();
  if (is_complete) return ids;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_.Prepare(kBacklog));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    ids.push_back(statement->Int64(0));
  }
  statement->Reset();
  return ids;
}

}  // namespace debrief::store::sqlite
