#include "formats/review_diff.h"

#include <boost/json.hpp>
#include <map>

#include "formats/json/record_json.h"

namespace debrief::formats {
namespace {

namespace bj = boost::json;

constexpr const char* kSections[] = {"participants", "accounts",     "events",  "decisions",
                                     "factors",      "work_as_done", "actions", "lessons"};

std::map<int64_t, bj::object> ById(const bj::object& review, std::string_view section) {
  std::map<int64_t, bj::object> records;
  const bj::value* items = review.if_contains(section);
  if (items == nullptr || !items->is_array()) return records;
  for (const bj::value& item : items->get_array()) {
    if (!item.is_object()) continue;
    const bj::value* id = item.get_object().if_contains("id");
    if (id != nullptr && id->is_int64()) records[id->get_int64()] = item.get_object();
  }
  return records;
}

void DiffSection(const std::map<int64_t, bj::object>& before,
                 const std::map<int64_t, bj::object>& after, std::string_view section,
                 const bj::object& extra, bj::array& changes) {
  auto emit = [&](int64_t id, std::string_view change, const char* key, bj::value body) {
    bj::object entry{{"section", section}, {"id", id}, {"change", change}};
    for (const auto& [name, value] : extra) entry[name] = value;
    entry[key] = std::move(body);
    changes.push_back(std::move(entry));
  };
  for (const auto& [id, record] : after) {
    auto previous = before.find(id);
    if (previous == before.end()) {
      emit(id, "added", "record", record);
      continue;
    }
    bj::object left = previous->second;
    bj::object right = record;
    left.erase("entries");  // Compared on their own, below.
    right.erase("entries");
    bj::object fields = json::DiffFields(left, right);
    if (!fields.empty()) emit(id, "changed", "fields", std::move(fields));
  }
  for (const auto& [id, record] : before) {
    if (!after.contains(id)) emit(id, "removed", "record", record);
  }
}

}  // namespace

bj::array DiffReviews(const bj::object& before, const bj::object& after) {
  bj::array changes;
  const bj::value* old_incident = before.if_contains("incident");
  const bj::value* new_incident = after.if_contains("incident");
  if (new_incident != nullptr && new_incident->is_object()) {
    bj::object fields = json::DiffFields(old_incident != nullptr && old_incident->is_object()
                                             ? old_incident->get_object()
                                             : bj::object(),
                                         new_incident->get_object());
    if (!fields.empty()) {
      changes.push_back({{"section", "incident"},
                         {"id", new_incident->get_object().at("id")},
                         {"change", "changed"},
                         {"fields", std::move(fields)}});
    }
  }
  for (const char* section : kSections) {
    DiffSection(ById(before, section), ById(after, section), section, {}, changes);
  }
  // Entries, account by account.
  std::map<int64_t, bj::object> old_accounts = ById(before, "accounts");
  std::map<int64_t, bj::object> new_accounts = ById(after, "accounts");
  std::map<int64_t, bool> account_ids;
  for (const auto& [id, account] : old_accounts) account_ids[id] = true;
  for (const auto& [id, account] : new_accounts) account_ids[id] = true;
  for (const auto& [id, unused] : account_ids) {
    auto old_account = old_accounts.find(id);
    auto new_account = new_accounts.find(id);
    DiffSection(old_account == old_accounts.end() ? std::map<int64_t, bj::object>()
                                                  : ById(old_account->second, "entries"),
                new_account == new_accounts.end() ? std::map<int64_t, bj::object>()
                                                  : ById(new_account->second, "entries"),
                "entries", {{"account_id", id}}, changes);
  }
  return changes;
}

}  // namespace debrief::formats
