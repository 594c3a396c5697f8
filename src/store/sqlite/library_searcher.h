// A searcher of the library (store::LibrarySearcher) for another thread: a connection of its own to
// the database file the index reads, and that connection's reader of the shared index.
#pragma once

#include <memory>
#include <string>

#include "store/sqlite/library_index.h"

namespace debrief::store::sqlite {

// `index` must outlive the searcher; `path` is the file `index` reads.
Result<std::unique_ptr<LibrarySearcher>> OpenLibrarySearcherOn(const LibraryIndex& index,
                                                               const std::string& path);

}  // namespace debrief::store::sqlite
