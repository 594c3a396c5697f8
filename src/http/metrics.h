// Metrics: request counts by route and status, request latency, and database query time, served
// at /metrics in the Prometheus text format. Thread-safe: the event loop and the request workers
// (each with a database connection whose statements it times) observe into one set.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace debrief::http {

class Histogram {
 public:
  // Upper bounds in seconds, as Prometheus' default buckets but finer below 10 ms.
  static constexpr std::array<double, 13> kBounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0};
  void Observe(double seconds);
  // Appends the _bucket, _sum and _count lines for `name` with `labels` ("a=\"b\"" or empty).
  void Write(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::array<uint64_t, kBounds.size()> buckets_{};
  uint64_t count_ = 0;
  double sum_ = 0;
};

class Metrics {
 public:
  void ObserveRequest(std::string_view method, std::string_view route, unsigned status,
                      std::chrono::nanoseconds duration);
  void ObserveQuery(std::chrono::nanoseconds duration);
  // A request run again because the database was locked by another writer.
  void ObserveBusyRetry();
  std::string Render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, unsigned>, uint64_t, std::less<>> requests_;
  std::map<std::string, Histogram, std::less<>> latency_by_route_;
  Histogram queries_;
  uint64_t busy_retries_ = 0;
};

}  // namespace debrief::http
