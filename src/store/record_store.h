// What every write names for the audit log (Change), and the store of one kind of record that
// belongs to an incident (RecordStore).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace debrief::store {

using core::Result;

// Who makes a write, and what it changes, for the audit log. `diff_json` is a JSON object of
// changed fields ({"title": {"from": "a", "to": "b"}}), computed by the caller who has both
// versions in hand.
struct Change {
  std::optional<int64_t> actor_id;
  std::string diff_json = "{}";
};

// CRUD for one kind of record that belongs to an incident.
template <class T>
class RecordStore {
 public:
  virtual ~RecordStore() = default;
  // Stores a new record (id, version, created_at, updated_at are assigned).
  virtual Result<T> Insert(T record, const Change& change) = 0;
  virtual Result<T> Get(int64_t incident_id, int64_t id) = 0;
  // Every record of the incident, oldest first.
  virtual Result<std::vector<T>> List(int64_t incident_id) = 0;
  // Replaces the record if its stored version is still `expected_version`.
  virtual Result<T> Update(T record, int64_t expected_version, const Change& change) = 0;
  virtual Result<void> Delete(int64_t incident_id, int64_t id, int64_t expected_version,
                              const Change& change) = 0;
  // Inserts a record from a backup exactly as given: id, version and timestamps included, no
  // audit entry (the backup's audit log is restored as it was). For Store::Restore.
  virtual Result<void> Restore(const T& record) = 0;
};

}  // namespace debrief::store
