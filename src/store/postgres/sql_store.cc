// The relational store's member functions, instantiated for PostgreSQL.
#include "store/postgres/postgres_store.h"
#include "store/relational/definitions.h"

template class debrief::store::relational::SqlStore<debrief::store::postgres::Backend>;
