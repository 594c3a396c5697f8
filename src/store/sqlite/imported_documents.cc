// SqliteStore's imported documents: the files incidents were imported from, by digest.
#include "store/columns.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {
namespace {

constexpr char kDocumentColumns[] = "id, incident_id, name, digest, content, imported_at";

Result<ImportedDocument> ReadDocument(const Statement& statement) {
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

}  // namespace

Result<std::optional<std::string>> SqliteStore::ImportedDocumentIncident(std::string_view digest) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("SELECT incidents.key FROM imported_documents JOIN incidents ON "
                           "incidents.id = imported_documents.incident_id WHERE digest = ?"));
  statement->Bind(1, digest);
  return IncidentKeyOfQuery(*statement);
}

Result<ImportedDocument> SqliteStore::AddImportedDocument(ImportedDocument document,
                                                          const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  document.imported_at = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("INSERT INTO imported_documents (incident_id, name, digest, content, "
                           "imported_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
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

Result<std::vector<ImportedDocument>> SqliteStore::ListImportedDocuments(int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("SELECT ") + kDocumentColumns +
                                                " FROM imported_documents WHERE incident_id = ? "
                                                "ORDER BY id"));
  statement->Bind(1, incident_id);
  std::vector<ImportedDocument> documents;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto document = ReadDocument(*statement);
    if (!document) {
      statement->Reset();
      return document.error();
    }
    documents.push_back(std::move(*document));
  }
  statement->Reset();
  return documents;
}

Result<void> SqliteStore::RestoreImportedDocument(const ImportedDocument& document) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("INSERT INTO imported_documents (") +
                                                kDocumentColumns + ") VALUES (?, ?, ?, ?, ?, ?)"));
  statement->Bind(1, document.id);
  statement->Bind(2, document.incident_id);
  BindColumn(*statement, 3, document.name);
  BindColumn(*statement, 4, document.digest);
  BindColumn(*statement, 5, document.content);
  BindColumn(*statement, 6, document.imported_at);
  return statement->Run();
}

}  // namespace debrief::store::sqlite
