// Every member function of relational::SqlStore, for the one file per back end that instantiates
// it (sqlite/sql_store.cc, postgres/sql_store.cc). Nothing else includes these definitions.
#pragma once

#include "store/relational/alert_hooks.h"
#include "store/relational/api_tokens.h"
#include "store/relational/audience_memberships.h"
#include "store/relational/erasure.h"
#include "store/relational/event_imports.h"
#include "store/relational/groups.h"
#include "store/relational/imported_documents.h"
#include "store/relational/incident_readers.h"
#include "store/relational/incidents.h"
#include "store/relational/language_feedback.h"
#include "store/relational/notifications.h"
#include "store/relational/people.h"
#include "store/relational/published_versions.h"
#include "store/relational/pulse.h"
#include "store/relational/restore.h"
#include "store/relational/review_rules.h"
#include "store/relational/review_templates.h"
#include "store/relational/transactions.h"
#include "store/relational/webhooks.h"
