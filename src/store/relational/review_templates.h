// SqlStore's review templates: one row per severity (or 'default'), the sections as JSON,
// versioned like every other write.
#pragma once

#include <boost/json.hpp>

#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

inline std::string EncodeTemplateSections(const std::vector<core::TemplateSection>& sections) {
  namespace bj = boost::json;
  bj::array list;
  for (const core::TemplateSection& section : sections) {
    bj::array questions;
    for (const std::string& question : section.questions) questions.emplace_back(question);
    list.push_back({{"section", core::ToString(section.section)}, {"questions", questions}});
  }
  return bj::serialize(list);
}

// Sections this version of debrief does not know are passed over.
inline Result<std::vector<core::TemplateSection>> DecodeTemplateSections(std::string_view text) {
  namespace bj = boost::json;
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

}  // namespace detail

template <class Backend>
Result<std::vector<core::ReviewTemplate>> SqlStore<Backend>::ListReviewTemplates() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListReviewTemplates));
  std::vector<core::ReviewTemplate> templates;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::ReviewTemplate read;
    read.severity = std::string(statement->Text(0));
    read.version = statement->Int64(1);
    auto sections = detail::DecodeTemplateSections(statement->Text(2));
    if (!sections) {
      statement->Reset();
      return sections.error();
    }
    read.sections = std::move(*sections);
    templates.push_back(std::move(read));
  }
  return templates;
}

// Why a conditional write to a template changed nothing.
template <class Backend>
Result<void> SqlStore<Backend>::ReviewTemplateNotWritten(std::string_view severity,
                                                         int64_t expected_version) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kGetReviewTemplateVersion));
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

template <class Backend>
Result<core::ReviewTemplate> SqlStore<Backend>::PutReviewTemplate(
    core::ReviewTemplate review_template, int64_t expected_version, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(expected_version == 0 ? Sql::kInsertReviewTemplate
                                                 : Sql::kUpdateReviewTemplate));
  statement->Bind(1, std::string_view(review_template.severity));
  std::string sections = detail::EncodeTemplateSections(review_template.sections);
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

template <class Backend>
Result<void> SqlStore<Backend>::RestoreReviewTemplate(const core::ReviewTemplate& review_template) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kRestoreReviewTemplate));
  statement->Bind(1, std::string_view(review_template.severity));
  statement->Bind(2, review_template.version);
  std::string sections = detail::EncodeTemplateSections(review_template.sections);
  statement->Bind(3, std::string_view(sections));
  return statement->Run();
}

template <class Backend>
Result<void> SqlStore<Backend>::DeleteReviewTemplate(std::string_view severity,
                                                     int64_t expected_version,
                                                     const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDeleteReviewTemplate));
  statement->Bind(1, severity);
  statement->Bind(2, expected_version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_RETURN_IF_ERROR(ReviewTemplateNotWritten(severity, expected_version));
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "review_templates", 0, std::nullopt, change));
  return scope.Commit();
}

}  // namespace debrief::store::relational
