#include "store/migrations.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace debrief::store {

core::Result<std::vector<Migration>> MigrationsFor(std::string_view backend) {
  std::vector<Migration> migrations;
  std::string prefix = std::string(backend) + "/";
  for (const core::EmbeddedFile& file : EmbeddedMigrationFiles()) {
    if (!file.path.starts_with(prefix) || !file.path.ends_with(".sql")) continue;
    std::string_view name = file.path.substr(prefix.size());
    name.remove_suffix(4);
    Migration migration{0, name, file.content};
    auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), migration.version);
    if (error != std::errc() || end == name.data() || migration.version <= 0) {
      return core::Error::Internal("migration " + std::string(file.path) +
                                   " does not start with its version number");
    }
    migrations.push_back(migration);
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t index = 1; index < migrations.size(); ++index) {
    if (migrations[index].version == migrations[index - 1].version) {
      return core::Error::Internal("two migrations share version " +
                                   std::to_string(migrations[index].version));
    }
  }
  return migrations;
}

}  // namespace debrief::store
