#include "store/sqlite/library_searcher.h"

namespace debrief::store::sqlite {
namespace {

class SqliteLibrarySearcher final : public LibrarySearcher {
 public:
  SqliteLibrarySearcher(const LibraryIndex& index, std::unique_ptr<Connection> connection,
                        std::unique_ptr<LibraryIndex::Reader> reader)
      : index_(index), connection_(std::move(connection)), reader_(std::move(reader)) {}
  ~SqliteLibrarySearcher() override {
    reader_.reset();  // Its tokenizer belongs to the connection.
  }

  Result<LibraryPage> Search(const LibraryQuery& query) override {
    return index_.Search(query, *reader_);
  }

 private:
  const LibraryIndex& index_;
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<LibraryIndex::Reader> reader_;
};

}  // namespace

Result<std::unique_ptr<LibrarySearcher>> OpenLibrarySearcherOn(const LibraryIndex& index,
                                                               const std::string& path) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, Connection::Open(path, {}));
  // A search reads the text of each hit it shows: mapped, those reads are memory copies instead
  // of a system call each. (SQLite caps the size at 2 GiB unless built otherwise.)
  DEBRIEF_RETURN_IF_ERROR(connection->Execute("PRAGMA mmap_size = 2147418112"));
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LibraryIndex::Reader> reader,
                           LibraryIndex::Reader::Open(*connection));
  return std::unique_ptr<LibrarySearcher>(
      new SqliteLibrarySearcher(index, std::move(connection), std::move(reader)));
}

}  // namespace debrief::store::sqlite
