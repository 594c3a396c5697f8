// PostgresStore's review templates: one row per severity (or 'default'), the sections as JSON,
// versioned like every other write.
#include "store/postgres/postgres_store.h"

#include <boost/json.hpp>

#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

namespace bj = boost::json;

constexpr char kListTemplates[] =
    "SELECT severity, version, sections FROM review_templates ORDER BY severity COLLATE \"C\"";
constexpr char kGetTemplateVersion[] = "SELECT version FROM review_templates WHERE severity = $1";
constexpr char kInsertTemplate[] =
    "INSERT INTO review_templates (severity, version, sections) VALUES ($1, 1, $2)";
constexpr char kUpdateTemplate[] =
    "UPDATE review_templates SET version = version + 1, sections = $2 "
    "WHERE severity = $1 AND version = $3";
constexpr char kRestoreTemplate[] =
    "INSERT INTO review_templates (severity, version, sections) VALUES ($1, $2, $3)";
constexpr char kDeleteTemplate[] =
    "DELETE FROM review_templates WHERE severity = $1 AND version = $2";

std::string EncodeSections(const std::vector<core::TemplateSection>& sections) {
  bj::array list;
  for (const core::TemplateSection& section : sections) {
    bj::array questions;
    for (const std::string& question : section.questions) questions.emplace_back(question);
    list.push_back({{"section", core::ToString(section.section)}, {"questions", questions}});
  }
  return bj::serialize(list);
}

// Sections this version of debrief does not know are passed over.
Result<std::vector<core::TemplateSection>> DecodeSections(std::string_view text) {
  boost::system::error_code error;
  bj::value parsed = bj::parse(text, error);
  if (error || !parsed.is_array()) {
    return core::Error::Internal("a stored review template cannot be read");
  }
  std::vector<core::TemplateSection> sections;
  for (const bj::value& item : parsed.get_array()) {
    const bj::object* object = item.if_object();
    const bj::value* name = object ? object->if_contains("section") : nullptr;
    if (!name || !name->is_string()) continue;
    auto section = core::ParseEnum<core::ReviewSection>(std::string_view(name->get_string()));
    if (!section) continue;
    core::TemplateSection read{*section, {}};
    if (const bj::value* questions = object->if_contains("questions");
        questions && questions->is_array()) {
      for (const bj::value& question : questions->get_array()) {
        if (question.is_string()) read.questions.emplace_back(question.get_string());
      }
    }
    sections.push_back(std::move(read));
  }
  return sections;
}

}  // namespace

Result<std::vector<core::ReviewTemplate>> PostgresStore::ListReviewTemplates() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kListTemplates));
  std::vector<core::ReviewTemplate> templates;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::ReviewTemplate read;
    read.severity = std::string(statement->Text(0));
    read.version = statement->Int64(1);
    auto sections = DecodeSections(statement->Text(2));
    if (!sections) {
      statement->Reset();
      return sections.error();
    }
    read.sections = std::move(*sections);
    templates.push_back(std::move(read));
  }
  return templates;
}

Result<void> PostgresStore::ReviewTemplateNotWritten(std::string_view severity,
                                                     int64_t expected_version) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kGetTemplateVersion));
  statement->Bind(1, severity);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no review template for " + std::string(severity));
  int64_t current = statement->Int64(0);
  statement->Reset();
  return core::Error::FailedPrecondition("the review template for " + std::string(severity) +
                                         " is at version " + std::to_string(current) + ", not " +
                                         std::to_string(expected_version) +
                                         ": someone changed it since you read it");
}

Result<core::ReviewTemplate> PostgresStore::PutReviewTemplate(core::ReviewTemplate review_template,
                                                              int64_t expected_version,
                                                              const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(expected_version == 0 ? kInsertTemplate : kUpdateTemplate));
  statement->Bind(1, std::string_view(review_template.severity));
  std::string sections = EncodeSections(review_template.sections);
  statement->Bind(2, std::string_view(sections));
  if (expected_version != 0) statement->Bind(3, expected_version);
  auto ran = statement->Run();
  if (!ran) {
    if (ran.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("a review template for " + review_template.severity +
                                            " exists already; change it with its version",
                                        "severity");
    }
    return ran.error();
  }
  if (statement->Changes() == 0) {
    DEBRIEF_RETURN_IF_ERROR(ReviewTemplateNotWritten(review_template.severity, expected_version));
  }
  review_template.version = expected_version + 1;
  DEBRIEF_RETURN_IF_ERROR(AuditWrite(expected_version == 0 ? "create" : "update",
                                     "review_templates", 0, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return review_template;
}

Result<void> PostgresStore::RestoreReviewTemplate(const core::ReviewTemplate& review_template) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kRestoreTemplate));
  statement->Bind(1, std::string_view(review_template.severity));
  statement->Bind(2, review_template.version);
  std::string sections = EncodeSections(review_template.sections);
  statement->Bind(3, std::string_view(sections));
  return statement->Run();
}

Result<void> PostgresStore::DeleteReviewTemplate(std::string_view severity,
                                                 int64_t expected_version, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kDeleteTemplate));
  statement->Bind(1, severity);
  statement->Bind(2, expected_version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_RETURN_IF_ERROR(ReviewTemplateNotWritten(severity, expected_version));
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "review_templates", 0, std::nullopt, change));
  return scope.Commit();
}

}  // namespace debrief::store::postgres
