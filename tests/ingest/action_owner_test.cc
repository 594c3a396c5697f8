// Owners of action items written as list items: the shapes people use after the work itself,
// and the words that only look like an owner.
#include "ingest/action_owner.h"

#include <gtest/gtest.h>

namespace debrief::ingest {
namespace {

void ExpectOwned(std::string_view item, std::string_view title, std::string_view owner) {
  OwnedItem owned = SplitOwner(item);
  EXPECT_EQ(owned.title, title) << item;
  EXPECT_EQ(owned.owner, owner) << item;
}

TEST(ActionOwner, ReadsTheShapesPeopleWriteOwnersIn) {
  ExpectOwned("Alert on consumer lag growth (owner: alice@example.com)",
              "Alert on consumer lag growth", "alice@example.com");
  ExpectOwned("Rotate the signing key [Assignee: Bob Li]", "Rotate the signing key", "Bob Li");
  ExpectOwned("Add a canary stage (@priya)", "Add a canary stage", "@priya");
  ExpectOwned("Document the failover - owner: sre-team", "Document the failover", "sre-team");
  ExpectOwned("Cap the retry budget \u2014 @jo.kim", "Cap the retry budget", "@jo.kim");
  ExpectOwned("Page on disk pressure, assigned to Dana", "Page on disk pressure", "Dana");
  ExpectOwned("Shorten the DNS TTL @mateo_r", "Shorten the DNS TTL", "@mateo_r");
  ExpectOwned("Review the runbook (Owners: @a, @b)", "Review the runbook", "@a, @b");
  // After the sentence it belongs to; the sentence keeps its full stop.
  ExpectOwned("Rotate the signing keys every quarter. Assignee: Dana Li",
              "Rotate the signing keys every quarter.", "Dana Li");
}

TEST(ActionOwner, WordsThatOnlyLookLikeAnOwnerStayInTheTitle) {
  ExpectOwned("Email support@example.com about the refunds",
              "Email support@example.com about "
              "the refunds",
              "");
  ExpectOwned("Get owner approval for schema changes (owner approval needed)",
              "Get owner approval for schema changes (owner approval needed)", "");
  ExpectOwned("Upgrade @types/node", "Upgrade @types/node", "");
  ExpectOwned("Split the queue (see RFC 12)", "Split the queue (see RFC 12)", "");
  ExpectOwned("Reduce batch size - it was 5,000", "Reduce batch size - it was 5,000", "");
  ExpectOwned("@carol", "@carol", "");
  ExpectOwned("Drain the node. Owners were paged twice", "Drain the node. Owners were paged twice",
              "");
}

}  // namespace
}  // namespace debrief::ingest
