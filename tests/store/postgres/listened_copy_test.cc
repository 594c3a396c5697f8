// ListenedCopy keeps a value read from the database only while every change is heard, and never
// one read across a change.
#include "store/postgres/listened_copy.h"

#include <gtest/gtest.h>

namespace debrief::store::postgres {
namespace {

TEST(ListenedCopyTest, KeepsAReadOnlyWhileListening) {
  ListenedCopy<int> copy;
  int reads = 0;
  auto read = [&]() -> core::Result<int> { return ++reads; };
  EXPECT_EQ(*copy.Read(read), 1);
  EXPECT_EQ(*copy.Read(read), 2) << "not listening: every read goes to the database";
  copy.SetListening(true);
  EXPECT_EQ(*copy.Read(read), 3);
  EXPECT_EQ(*copy.Read(read), 3) << "kept";
  copy.Changed();
  EXPECT_EQ(*copy.Read(read), 4);
  EXPECT_EQ(*copy.Read(read), 4);
  copy.SetListening(false);
  EXPECT_EQ(*copy.Read(read), 5) << "deaf: the copy is dropped and none is kept";
  EXPECT_EQ(*copy.Read(read), 6);
}

TEST(ListenedCopyTest, AReadAcrossAChangeIsAnsweredButNotKept) {
  ListenedCopy<int> copy;
  copy.SetListening(true);
  int reads = 0;
  // The change lands while the database is being read: what was read may predate it.
  EXPECT_EQ(*copy.Read([&]() -> core::Result<int> {
    copy.Changed();
    return ++reads;
  }),
            1);
  EXPECT_EQ(*copy.Read([&]() -> core::Result<int> { return ++reads; }), 2);
  EXPECT_EQ(*copy.Read([&]() -> core::Result<int> { return ++reads; }), 2);
  // So does a listener that went deaf and came back meanwhile.
  copy.Changed();
  EXPECT_EQ(*copy.Read([&]() -> core::Result<int> {
    copy.SetListening(false);
    copy.SetListening(true);
    return ++reads;
  }),
            3);
  EXPECT_EQ(*copy.Read([&]() -> core::Result<int> { return ++reads; }), 4);
}

TEST(ListenedCopyTest, AFailedReadIsNotKept) {
  ListenedCopy<int> copy;
  copy.SetListening(true);
  auto failed = copy.Read([]() -> core::Result<int> { return core::Error::Unavailable("gone"); });
  EXPECT_FALSE(failed);
  EXPECT_EQ(*copy.Read([]() -> core::Result<int> { return 7; }), 7);
  EXPECT_EQ(*copy.Read([]() -> core::Result<int> { return 8; }), 7);
}

}  // namespace
}  // namespace debrief::store::postgres
