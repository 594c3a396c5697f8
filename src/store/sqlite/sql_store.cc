// The relational store's member functions, instantiated for SQLite.
#include "store/relational/definitions.h"
#include "store/sqlite/sqlite_store.h"

template class debrief::store::relational::SqlStore<debrief::store::sqlite::Backend>;
