#include "ingest/text_import.h"

#include <array>

#include "core/enums.h"
#include "ingest/alertmanager_file.h"
#include "ingest/chat_log.h"
#include "ingest/csv_source.h"
#include "ingest/json_lines.h"
#include "ingest/json_records.h"
#include "ingest/time_zone.h"

namespace debrief::ingest {
namespace {

constexpr std::array<std::string_view, 10> kFormats = {
    "jsonl",    "csv",     "json",      "chat",     "paste",
    "journald", "kubectl", "pagerduty", "opsgenie", "alertmanager"};

core::Result<std::optional<core::EventKind>> EventKindSetting(const TextImportSettings& settings) {
  if (settings.event_kind.empty()) return std::optional<core::EventKind>();
  auto kind = core::ParseEnum<core::EventKind>(settings.event_kind);
  if (!kind) {
    return core::Error::InvalidArgument(
        "event kind must be " + core::AllowedValues<core::EventKind>(), "event_kind");
  }
  return std::optional<core::EventKind>(*kind);
}

core::Result<std::unique_ptr<EventSource>> OpenLines(const TextImportSettings& settings,
                                                     std::unique_ptr<LineReader> lines) {
  std::optional<core::Date> day;
  if (!settings.date.empty()) {
    day = core::ParseDate(settings.date);
    if (!day) return core::Error::InvalidArgument("the date must be YYYY-MM-DD", "date");
  }
  DEBRIEF_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Parse(settings.time_zone));
  ChatLogStyle style;
  if (settings.format == "paste") {
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::EventKind> kind, EventKindSetting(settings));
    style = PastedEventsStyle(kind.value_or(core::EventKind::kObservation));
  }
  return std::unique_ptr<EventSource>(
      new ChatLogSource(std::move(lines), day, std::move(zone), std::move(style)));
}

}  // namespace

TextImportSettings DefaultSettings(std::string_view format) {
  TextImportSettings settings;
  settings.format = std::string(format);
  if (auto preset = PresetMapping(format)) settings.mapping = *preset;
  settings.mapping.kind_name = std::string(format);
  return settings;
}

bool IsTextFormat(std::string_view format) {
  for (std::string_view known : kFormats) {
    if (known == format) return true;
  }
  return false;
}

std::string TextFormatNames() {
  std::string names;
  for (std::string_view known : kFormats) {
    if (!names.empty()) names += ", ";
    names += known;
  }
  return names;
}

core::Result<std::unique_ptr<EventSource>> OpenTextSource(const TextImportSettings& settings,
                                                          std::unique_ptr<LineReader> lines) {
  if (!IsTextFormat(settings.format)) {
    return core::Error::InvalidArgument("the format must be one of " + TextFormatNames(), "format");
  }
  if (settings.format == "chat" || settings.format == "paste") {
    return OpenLines(settings, std::move(lines));
  }
  if (settings.format == "alertmanager") return AlertmanagerFileSource::Open(std::move(lines));
  EventMapping mapping = settings.mapping;
  auto format = core::ParseEventTimeFormat(settings.time_format);
  if (!format) {
    return core::Error::InvalidArgument(
        "the time format must be auto, rfc3339, s, ms, us, ns or slack", "time_format");
  }
  if (settings.time_format != "auto" || mapping.time_format == core::EventTimeFormat::kAuto) {
    mapping.time_format = *format;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::EventKind> kind, EventKindSetting(settings));
  if (kind) mapping.kind = *kind;
  DEBRIEF_ASSIGN_OR_RETURN(CompiledMapping compiled, CompiledMapping::Compile(std::move(mapping)));
  if (settings.format == "csv") {
    // A std::string: the conditional makes one, which a string_view would outlive.
    const std::string delimiter = settings.delimiter == "tab" ? "\t" : settings.delimiter;
    if (delimiter.size() != 1 || delimiter == "\"") {
      return core::Error::InvalidArgument("the delimiter must be one character, or \"tab\"",
                                          "delimiter");
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        std::unique_ptr<CsvSource> csv,
        CsvSource::Open(std::move(lines), std::move(compiled), delimiter.front()));
    return std::unique_ptr<EventSource>(std::move(csv));
  }
  if (settings.format == "json" || settings.format == "kubectl" || settings.format == "pagerduty" ||
      settings.format == "opsgenie") {
    return std::unique_ptr<EventSource>(
        new JsonRecordsSource(std::move(lines), std::move(compiled)));
  }
  return std::unique_ptr<EventSource>(new JsonLinesSource(std::move(lines), std::move(compiled)));
}

}  // namespace debrief::ingest
