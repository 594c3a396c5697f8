// Who owns an action item written as a list item. Postmortems written by hand name the owner in
// a few shapes after the work itself: "(owner: @alice)", "[assignee: Bob Li]", "- owner: bob",
// "... in CI. Owner: @alice", "— @alice", or a trailing "@alice". Only these shapes count, at the
// end of the item: an address or a name in the middle of a sentence ("email support@example.com
// about the refund") is words.
#pragma once

#include <string>
#include <string_view>

namespace debrief::ingest {

struct OwnedItem {
  std::string title;  // The item without its owner part.
  std::string owner;  // As written ("@alice", "Bob Li"); empty when the item names none.
};

OwnedItem SplitOwner(std::string_view item);

}  // namespace debrief::ingest
