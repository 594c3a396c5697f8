#include "http/metrics.h"

#include <fmt/format.h>

namespace debrief::http {

void Histogram::Observe(double seconds) {
  for (size_t index = 0; index < kBounds.size(); ++index) {
    if (seconds <= kBounds[index]) ++buckets_[index];
  }
  ++count_;
  sum_ += seconds;
}

void Histogram::Write(std::string& out, std::string_view name, std::string_view labels) const {
  std::string prefix = labels.empty() ? "" : std::string(labels) + ",";
  for (size_t index = 0; index < kBounds.size(); ++index) {
    out +=
        fmt::format("{}_bucket{{{}le=\"{}\"}} {}\n", name, prefix, kBounds[index], buckets_[index]);
  }
  out += fmt::format("{}_bucket{{{}le=\"+Inf\"}} {}\n", name, prefix, count_);
  std::string braces = labels.empty() ? "" : "{" + std::string(labels) + "}";
  out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, braces, sum_, name, braces, count_);
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, unsigned status,
                             std::chrono::nanoseconds duration) {
  auto key = std::make_tuple(std::string(method), std::string(route), status);
  std::lock_guard lock(mutex_);
  ++requests_[key];
  auto histogram = latency_by_route_.find(route);
  if (histogram == latency_by_route_.end()) {
    histogram = latency_by_route_.emplace(std::string(route), Histogram()).first;
  }
  histogram->second.Observe(std::chrono::duration<double>(duration).count());
}

void Metrics::ObserveQuery(std::chrono::nanoseconds duration) {
  std::lock_guard lock(mutex_);
  queries_.Observe(std::chrono::duration<double>(duration).count());
}

void Metrics::ObserveBusyRetry() {
  std::lock_guard lock(mutex_);
  ++busy_retries_;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP debrief_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE debrief_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("debrief_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    method, route, status, count);
  }
  out += "# HELP debrief_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE debrief_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_by_route_) {
    histogram.Write(out, "debrief_http_request_duration_seconds",
                    fmt::format("route=\"{}\"", route));
  }
  out += "# HELP debrief_db_query_duration_seconds Time to run one database statement.\n";
  out += "# TYPE debrief_db_query_duration_seconds histogram\n";
  queries_.Write(out, "debrief_db_query_duration_seconds", "");
  out +=
      "# HELP debrief_db_busy_retries_total Requests run again because another connection held "
      "the database's write lock.\n";
  out += "# TYPE debrief_db_busy_retries_total counter\n";
  out += fmt::format("debrief_db_busy_retries_total {}\n", busy_retries_);
  return out;
}

}  // namespace debrief::http
