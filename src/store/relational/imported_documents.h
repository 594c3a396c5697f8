// SqlStore's imported documents: the files incidents were imported from, by digest.
#pragma once

#include "store/columns.h"
#include "store/relational/alert_hooks.h"  // IncidentKeyOfQuery
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

// A row of (id, incident_id, name, digest, content, imported_at).
template <class Statement>
Result<ImportedDocument> ReadImportedDocument(const Statement& statement) {
  ImportedDocument document;
  document.id = statement.Int64(0);
  document.incident_id = statement.Int64(1);
  document.name = std::string(statement.Text(2));
  document.digest = std::string(statement.Text(3));
  document.content = std::string(statement.Text(4));
  if (!ReadColumn(statement, 5, document.imported_at)) {
    return core::Error::Internal("imported document " + std::to_string(document.id) +
                                 " has an unreadable time");
  }
  return document;
}

}  // namespace detail

template <class Backend>
Result<std::optional<std::string>> SqlStore<Backend>::ImportedDocumentIncident(
    std::string_view digest) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kImportedDocumentIncident));
  statement->Bind(1, digest);
  return IncidentKeyOfQuery(*statement);
}

template <class Backend>
Result<ImportedDocument> SqlStore<Backend>::AddImportedDocument(ImportedDocument document,
                                                                const Change& change) {
  // The document belongs to its incident: the scope locks the incident before the id is drawn.
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, document.incident_id));
  document.imported_at = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kInsertImportedDocument));
  statement->Bind(1, document.incident_id);
  BindColumn(*statement, 2, document.name);
  BindColumn(*statement, 3, document.digest);
  BindColumn(*statement, 4, document.content);
  BindColumn(*statement, 5, document.imported_at);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  if (!has_row) return core::Error::Internal("an imported document insert returned no row");
  document.id = statement->Int64(0);
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("import", "imported_documents", document.id, document.incident_id, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return document;
}

template <class Backend>
Result<std::vector<ImportedDocument>> SqlStore<Backend>::ListImportedDocuments(
    int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListImportedDocuments));
  statement->Bind(1, incident_id);
  std::vector<ImportedDocument> documents;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto document = detail::ReadImportedDocument(*statement);
    if (!document) {
      statement->Reset();
      return document.error();
    }
    documents.push_back(std::move(*document));
  }
  statement->Reset();
  return documents;
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreImportedDocument(const ImportedDocument& document) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kRestoreImportedDocument));
  statement->Bind(1, document.id);
  statement->Bind(2, document.incident_id);
  BindColumn(*statement, 3, document.name);
  BindColumn(*statement, 4, document.digest);
  BindColumn(*statement, 5, document.content);
  BindColumn(*statement, 6, document.imported_at);
  return statement->Run();
}

}  // namespace debrief::store::relational
