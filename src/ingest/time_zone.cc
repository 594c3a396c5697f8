#include "ingest/time_zone.h"

#include <date/tz.h>

#include <charconv>
#include <map>
#include <set>

#include "ingest/clock_text.h"

namespace debrief::ingest {
namespace {

// "+02:00", "-0530", "+2": the offset, or nothing.
std::optional<std::chrono::minutes> ParseOffset(std::string_view text) {
  if (text.empty() || (text.front() != '+' && text.front() != '-')) return std::nullopt;
  int sign = text.front() == '-' ? -1 : 1;
  text.remove_prefix(1);
  std::string digits;
  for (char c : text) {
    if (c == ':') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  int hours = 0;
  int minutes = 0;
  if (digits.size() <= 2 && !digits.empty()) {
    hours = std::stoi(digits);
  } else if (digits.size() == 4) {
    hours = std::stoi(digits.substr(0, 2));
    minutes = std::stoi(digits.substr(2));
  } else {
    return std::nullopt;
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  return std::chrono::minutes(sign * (hours * 60 + minutes));
}

}  // namespace

std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text) {
  size_t at = 0;
  auto expect = [&](char c) {
    if (at >= text.size() || text[at] != c) return false;
    ++at;
    return true;
  };
  std::optional<core::Date> date = ReadIsoDate(text, at);
  if (!date || !(expect(' ') || expect('T'))) return std::nullopt;
  auto hours = ReadDigits(text, at, 2);
  if (!hours || !expect(':')) return std::nullopt;
  auto minutes = ReadDigits(text, at, 2);
  if (!minutes) return std::nullopt;
  int seconds = 0;
  int millis = 0;
  if (expect(':')) {
    auto read = ReadDigits(text, at, 2);
    if (!read) return std::nullopt;
    seconds = *read;
    if (expect('.') || expect(',')) {
      int scale = 100;
      size_t first = at;
      for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, scale /= 10) {
        millis += (text[at] - '0') * scale;
      }
      if (at == first) return std::nullopt;
    }
  }
  if (at != text.size() || *hours > 23 || *minutes > 59 || seconds > 60) return std::nullopt;
  return LocalDateTime{
      *date, std::chrono::milliseconds(((*hours * 60 + *minutes) * 60 + seconds) * 1000 + millis)};
}

core::Result<TimeZone> TimeZone::Parse(std::string_view name) {
  TimeZone zone;
  zone.name_ = std::string(name);
  if (name == "UTC" || name == "Z" || name == "GMT") return zone;
  std::string_view offset = name;
  if (offset.starts_with("UTC") || offset.starts_with("GMT")) offset.remove_prefix(3);
  if (auto minutes = ParseOffset(offset)) {
    zone.offset_ = *minutes;
    return zone;
  }
  try {
    zone.zone_ = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return core::Error::InvalidArgument(
        "unknown time zone \"" + std::string(name) +
            "\" (give a name such as Europe/Berlin, UTC, or an offset such as +02:00)",
        "time_zone");
  }
  return zone;
}

core::Timestamp TimeZone::ToUtc(std::chrono::sys_days day,
                                std::chrono::milliseconds time_of_day) const {
  using namespace std::chrono;
  if (zone_ == nullptr) {
    return time_point_cast<core::Timestamp::duration>(day + time_of_day - offset_);
  }
  auto local = date::local_days{date::days{day.time_since_epoch().count()}} + time_of_day;
  date::local_info info = zone_->get_info(local);
  // Unique, or the first of two (clocks going back), or in a gap (clocks going forward), where
  // the offset before the gap moves the time on by it: the same sum in each case.
  auto utc = sys_time<milliseconds>{local.time_since_epoch() - info.first.offset};
  return time_point_cast<core::Timestamp::duration>(utc);
}

bool IsZoneName(std::string_view name) {
  static const std::set<std::string, std::less<>> names = [] {
    std::set<std::string, std::less<>> built;
    try {
      // The system's database, as this build reads it, lists its links ("US/Pacific") as zones.
      for (const date::time_zone& zone : date::get_tzdb().zones) built.emplace(zone.name());
    } catch (const std::exception&) {
      // No tz database: no name is a zone's.
    }
    return built;
  }();
  return names.contains(name);
}

std::string ZoneOfPlace(std::string_view place) {
  static const std::map<std::string, std::string> places = [] {
    std::map<std::string, std::string> built;
    try {
      for (const date::time_zone& zone : date::get_tzdb().zones) {
        std::string name(zone.name());
        size_t slash = name.rfind('/');
        // Areas' cities only: "Etc/GMT+2" and bare names ("EST5EDT") are no places.
        if (slash == std::string::npos || name.starts_with("Etc/")) continue;
        std::string city = name.substr(slash + 1);
        for (char& c : city) {
          c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        built.emplace(std::move(city), std::move(name));  // The first zone of a name wins.
      }
    } catch (const std::exception&) {
      // No tz database: no place names a zone.
    }
    return built;
  }();
  std::string key;
  for (char c : place) {
    key += c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto found = places.find(key);
  return found == places.end() ? std::string() : found->second;
}

}  // namespace debrief::ingest
