#include "store/sqlite/split_read.h"

#include <thread>

namespace debrief::store::sqlite {

Result<ReadTransaction> ReadTransaction::Begin(Connection& connection) {
  DEBRIEF_RETURN_IF_ERROR(connection.Execute("BEGIN"));
  return ReadTransaction(connection);
}

ReadTransaction::ReadTransaction(ReadTransaction&& other) noexcept
    : connection_(other.connection_) {
  other.connection_ = nullptr;
}

ReadTransaction::~ReadTransaction() {
  // Ending a transaction that wrote nothing cannot fail for a reason worth reporting; if it did,
  // the next BEGIN on the connection says so.
  if (connection_ != nullptr) (void)connection_->Execute("COMMIT");
}

void RunSideBySide(const std::function<void()>& here, const std::function<void()>& there) {
  std::jthread other(there);
  here();
}

}  // namespace debrief::store::sqlite
