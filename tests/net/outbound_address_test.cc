#include <gtest/gtest.h>

#include "net/http_post.h"

namespace debrief::net {
namespace {

TEST(IsPublicAddress, RefusesEveryInternalRange) {
  for (const char* internal : {"127.0.0.1",
                               "127.1.2.3",
                               "10.0.0.5",
                               "172.16.0.1",
                               "172.31.255.255",
                               "192.168.1.10",
                               "169.254.169.254",
                               "100.64.0.1",
                               "0.0.0.0",
                               "224.0.0.1",
                               "255.255.255.255",
                               "198.18.0.1",
                               "::1",
                               "::",
                               "fe80::1",
                               "fd00::1",
                               "fc12::3",
                               "ff02::1",
                               "::ffff:127.0.0.1",
                               "::ffff:10.1.2.3",
                               "64:ff9b::a00:1",
                               "2001:db8::1",
                               "not an address"}) {
    EXPECT_FALSE(IsPublicAddress(internal)) << internal;
  }
}

TEST(IsPublicAddress, AcceptsThePublicInternet) {
  for (const char* outside : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                              "2606:4700:4700::1111", "::ffff:8.8.8.8"}) {
    EXPECT_TRUE(IsPublicAddress(outside)) << outside;
  }
}

}  // namespace
}  // namespace debrief::net
