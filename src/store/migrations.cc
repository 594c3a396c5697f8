#include "store/migrations.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace debrief::store {

std::string MigrationChecksum(std::string_view sql) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : sql) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int index = 15; index >= 0; --index, hash >>= 4) text[index] = kHex[hash & 0xf];
  return text;
}

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
