// TextImport: how one text input (a file, standard input, or the body of a request) becomes an
// EventSource, for every format read line by line: JSON Lines, CSV, a JSON document, a chat log,
// events pasted one per line, and the presets (journald, kubectl, pagerduty). The CLI's
// `debrief import FORMAT` and the API's timeline import both open their sources here, so a
// format reads the same whichever way it arrives.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/event_mapping.h"
#include "ingest/event_source.h"
#include "ingest/line_reader.h"

namespace debrief::ingest {

struct TextImportSettings {
  // "jsonl", "csv", "json", "chat", "paste", or a preset: "journald", "kubectl", "pagerduty".
  std::string format;
  // Records: how each becomes an event (a preset's mapping, changed by options).
  EventMapping mapping;
  std::string time_format = "auto";  // auto, rfc3339, s, ms, us, ns or slack.
  std::string event_kind;            // Every record's kind (records) or every line's (paste).
  std::string delimiter = ",";       // CSV: one character, or "tab".
  // Chat logs and pasted lines: the day the first line is on when it gives a time only, and the
  // zone of times without an offset.
  std::string date;
  std::string time_zone = "UTC";
};

// The settings of `format` with its preset's mapping (the `mapping.kind_name` is the format's).
TextImportSettings DefaultSettings(std::string_view format);

// Whether `format` is one OpenTextSource reads.
bool IsTextFormat(std::string_view format);
// The formats OpenTextSource reads, for help texts and errors: "jsonl, csv, ...".
std::string TextFormatNames();

// An EventSource over `lines` as `settings` say; an error names the setting that is wrong.
core::Result<std::unique_ptr<EventSource>> OpenTextSource(const TextImportSettings& settings,
                                                          std::unique_ptr<LineReader> lines);

}  // namespace debrief::ingest
