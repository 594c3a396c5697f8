// The library of published reviews: search with snippets and facets, lessons by theme, related
// incidents, anniversaries, and an Atom feed. Viewers (and anyone asking ?anonymised=true) read
// the library's anonymised copy, searched on its own, so even a search for a name tells them
// nothing about who took part.
//
// GET /library/search?q=&severity=&service=&factor_category=&tag=&from=&to=&sort=&limit=&offset=
// GET /library/lessons?q=&theme=&limit=&offset=
// GET /library/on-this-day?date=&window=
// GET /library/feed.atom
// GET /incidents/{key}/related
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <set>

#include "http/anonymised_view.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/response_cache.h"
#include "http/search_terms.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kMaxFilterValues = 50;

core::Result<bool> ReadsAnonymised(const Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bool requested, AnonymisedRequested(context));
  return core::SeesAnonymised(context.caller(), requested);
}

// A filter given as comma-separated values ("service=api,billing").
core::Result<std::vector<std::string>> ListParameter(const Context& context,
                                                     std::string_view name) {
  std::vector<std::string> values;
  auto text = context.Query(name);
  if (!text) return values;
  size_t start = 0;
  while (start <= text->size()) {
    size_t comma = text->find(',', start);
    if (comma == std::string_view::npos) comma = text->size();
    std::string_view value = text->substr(start, comma - start);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (!value.empty()) values.emplace_back(value);
    start = comma + 1;
  }
  if (values.size() > kMaxFilterValues) {
    return core::Error::InvalidArgument(
        std::string(name) + " takes at most " + std::to_string(kMaxFilterValues) + " values",
        std::string(name));
  }
  return values;
}

core::Result<int> IntParameter(const Context& context, std::string_view name, int lowest,
                               int highest, int fallback) {
  auto text = context.Query(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < lowest ||
      value > highest) {
    return core::Error::InvalidArgument(std::string(name) + " must be a number from " +
                                            std::to_string(lowest) + " to " +
                                            std::to_string(highest),
                                        std::string(name));
  }
  return value;
}

core::Result<std::optional<core::Date>> DateParameter(const Context& context,
                                                      std::string_view name) {
  auto text = context.Query(name);
  if (!text) return std::optional<core::Date>();
  std::optional<core::Date> date = core::ParseDate(*text);
  if (!date) {
    return core::Error::InvalidArgument(std::string(name) + " must be a date (YYYY-MM-DD)",
                                        std::string(name));
  }
  return date;
}

// The encoders take the storage to build in: a search's answer is built in one monotonic
// buffer, freed at once, instead of a few hundred separate allocations.
bj::array Strings(const std::vector<std::string>& values, const bj::storage_ptr& storage = {}) {
  bj::array out(storage);
  out.reserve(values.size());
  for (const std::string& value : values) out.emplace_back(value);
  return out;
}

bj::value OptionalTime(const std::optional<core::Timestamp>& value,
                       const bj::storage_ptr& storage = {}) {
  if (!value) return bj::value(nullptr, storage);
  return bj::value(core::FormatRfc3339(*value), storage);
}

bj::object EncodeHit(const store::LibraryHit& hit, const bj::storage_ptr& storage = {}) {
  bj::array snippets(storage);
  for (const store::LibrarySnippet& snippet : hit.snippets) {
    bj::array parts(storage);
    for (const store::SnippetPart& part : snippet.parts) {
      parts.emplace_back(bj::object({{"text", part.text}, {"match", part.match}}, storage));
    }
    snippets.emplace_back(
        bj::object({{"section", snippet.section}, {"parts", std::move(parts)}}, storage));
  }
  return bj::object({{"key", hit.key},
                     {"title", hit.title},
                     {"summary", hit.summary},
                     {"severity", hit.severity},
                     {"services", Strings(hit.services, storage)},
                     {"tags", Strings(hit.tags, storage)},
                     {"factor_categories", Strings(hit.factor_categories, storage)},
                     {"started_at", OptionalTime(hit.started_at, storage)},
                     {"published_at", core::FormatRfc3339(hit.published_at)},
                     {"version", hit.version},
                     // JSON has no NaN or infinity: a score that is not a number would break
                     // every reader.
                     {"score", std::isfinite(hit.score) ? hit.score : 0.0},
                     {"snippets", std::move(snippets)}},
                    storage);
}

bj::array EncodeHits(const std::vector<store::LibraryHit>& hits,
                     const bj::storage_ptr& storage = {}) {
  bj::array items(storage);
  items.reserve(hits.size());
  for (const store::LibraryHit& hit : hits) items.emplace_back(EncodeHit(hit, storage));
  return items;
}

bj::array EncodeCounts(const std::vector<store::FacetCount>& counts,
                       const bj::storage_ptr& storage = {}) {
  bj::array out(storage);
  out.reserve(counts.size());
  for (const store::FacetCount& count : counts) {
    out.emplace_back(bj::object({{"value", count.value}, {"count", count.count}}, storage));
  }
  return out;
}

// Characters XML 1.0 cannot carry are dropped; the rest escaped.
std::string XmlText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

core::Result<ApiResponse> SearchLibrary(Context& context) {
  store::LibraryQuery query;
  DEBRIEF_ASSIGN_OR_RETURN(query.anonymised, ReadsAnonymised(context));
  // The same search gives the same answer until the library changes, and people repeat
  // searches (the same failure mode, the same service): those are answered from the cache.
  // Only valid searches are ever cached, so a hit needs no further checks.
  std::string cache_key = query.anonymised ? "library/search/anonymised" : "library/search/named";
  for (const auto& [name, value] : context.request.query) {
    cache_key += '\0' + name + '=' + value;
  }
  DEBRIEF_ASSIGN_OR_RETURN(int64_t generation, context.store().LibraryGeneration());
  if (auto cached = context.services.response_cache.Find(cache_key, generation)) {
    ApiResponse response;
    response.body = std::move(*cached);
    return response;
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.terms, ParseSearchTerms(context.Query("q").value_or("")));
  DEBRIEF_ASSIGN_OR_RETURN(query.filters.severities, ListParameter(context, "severity"));
  DEBRIEF_ASSIGN_OR_RETURN(query.filters.services, ListParameter(context, "service"));
  DEBRIEF_ASSIGN_OR_RETURN(query.filters.factor_categories,
                           ListParameter(context, "factor_category"));
  for (const std::string& category : query.filters.factor_categories) {
    if (!core::ParseEnum<core::FactorCategory>(category)) {
      return core::Error::InvalidArgument(
          "factor_category must be " + core::AllowedValues<core::FactorCategory>(),
          "factor_category");
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.filters.tags, ListParameter(context, "tag"));
  DEBRIEF_ASSIGN_OR_RETURN(query.filters.started_from, DateParameter(context, "from"));
  DEBRIEF_ASSIGN_OR_RETURN(query.filters.started_to, DateParameter(context, "to"));
  if (query.filters.started_from && query.filters.started_to &&
      *query.filters.started_from > *query.filters.started_to) {
    return core::Error::InvalidArgument("from must not be after to", "from");
  }
  if (auto sort = context.Query("sort")) {
    if (*sort == "newest") {
      query.sort = store::LibrarySort::kNewest;
    } else if (*sort != "relevance") {
      return core::Error::InvalidArgument("sort must be relevance or newest", "sort");
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.limit, IntParameter(context, "limit", 1, 100, 20));
  DEBRIEF_ASSIGN_OR_RETURN(query.offset, IntParameter(context, "offset", 0, 10'000, 0));
  // The index is made current here, on the store's thread; the search itself, snippets and the
  // JSON run on a search worker while the event loop serves other requests.
  DEBRIEF_RETURN_IF_ERROR(context.store().PrepareLibrarySearch(query));
  ApiResponse response;
  response.search_work = [query = std::move(query), cache_key = std::move(cache_key), generation,
                          &cache = context.services.response_cache](
                             store::LibrarySearcher& searcher) -> core::Result<ApiResponse> {
    DEBRIEF_ASSIGN_OR_RETURN(store::LibraryPage page, searcher.Search(query));
    unsigned char first_block[16 * 1024];
    bj::monotonic_resource resource(first_block, sizeof first_block);
    bj::storage_ptr storage(&resource);
    bj::object facets(storage);
    for (const store::LibraryFacet& facet : page.facets) {
      facets[facet.name] = EncodeCounts(facet.counts, storage);
    }
    ApiResponse found = ApiResponse::Json(bj::object({{"total", page.total},
                                                      {"offset", query.offset},
                                                      {"limit", query.limit},
                                                      {"anonymised", query.anonymised},
                                                      {"items", EncodeHits(page.hits, storage)},
                                                      {"facets", std::move(facets)}},
                                                     storage));
    cache.Put(cache_key, generation, found.body);
    return found;
  };
  return response;
}

core::Result<ApiResponse> SearchLessons(Context& context) {
  store::LessonQuery query;
  DEBRIEF_ASSIGN_OR_RETURN(query.anonymised, ReadsAnonymised(context));
  DEBRIEF_ASSIGN_OR_RETURN(query.terms, ParseSearchTerms(context.Query("q").value_or("")));
  if (auto theme = context.Query("theme")) {
    if (!core::ParseEnum<core::FactorCategory>(*theme)) {
      return core::Error::InvalidArgument(
          "theme must be " + core::AllowedValues<core::FactorCategory>(), "theme");
    }
    query.theme = std::string(*theme);
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.limit, IntParameter(context, "limit", 1, 200, 50));
  DEBRIEF_ASSIGN_OR_RETURN(query.offset, IntParameter(context, "offset", 0, 100'000, 0));
  DEBRIEF_ASSIGN_OR_RETURN(store::LessonPage page, context.store().SearchLessons(query));
  bj::array items;
  for (const store::LibraryLessonHit& hit : page.lessons) {
    items.push_back({{"key", hit.key},
                     {"incident_title", hit.incident_title},
                     {"published_at", core::FormatRfc3339(hit.published_at)},
                     {"themes", Strings(hit.themes)},
                     {"title", hit.lesson.title},
                     {"body", hit.lesson.body},
                     {"authors", Strings(hit.lesson.authors)}});
  }
  return ApiResponse::Json({{"total", page.total},
                            {"offset", query.offset},
                            {"limit", query.limit},
                            {"anonymised", query.anonymised},
                            {"items", std::move(items)},
                            {"themes", EncodeCounts(page.themes)}});
}

core::Result<ApiResponse> RelatedIncidents(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  store::RelatedQuery query;
  DEBRIEF_ASSIGN_OR_RETURN(query.anonymised, ReadsAnonymised(context));
  DEBRIEF_ASSIGN_OR_RETURN(query.limit, IntParameter(context, "limit", 1, 20, 5));
  query.incident_id = incident.id;
  // Every incident page asks for this, and scoring against the whole library costs tens of
  // milliseconds at 100,000 reviews: the answer is kept until the library or the incident
  // (its services, factors, title) changes.
  DEBRIEF_ASSIGN_OR_RETURN(int64_t incident_generation,
                           context.store().IncidentGeneration(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t library_generation, context.store().LibraryGeneration());
  std::string cache_key =
      "library/related/" + std::to_string(incident.id) + "/" + std::to_string(incident_generation) +
      (query.anonymised ? "/anonymised/" : "/named/") + std::to_string(query.limit);
  if (auto cached = context.services.response_cache.Find(cache_key, library_generation)) {
    ApiResponse response;
    response.body = std::move(*cached);
    return response;
  }
  query.services = incident.services;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ContributingFactor> factors,
                           context.store().factors().List(incident.id));
  std::set<std::string> categories;
  for (const core::ContributingFactor& factor : factors) {
    categories.insert(std::string(core::ToString(factor.category)));
  }
  query.factor_categories.assign(categories.begin(), categories.end());
  query.words = DistinctiveWords(incident.title, 10);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<store::LibraryHit> hits,
                           context.store().RelatedInLibrary(query));
  ApiResponse response = ApiResponse::Json({{"items", EncodeHits(hits)}});
  context.services.response_cache.Put(cache_key, library_generation, response.body);
  return response;
}

core::Result<ApiResponse> LibraryOnThisDay(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bool anonymised, ReadsAnonymised(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::Date> date, DateParameter(context, "date"));
  DEBRIEF_ASSIGN_OR_RETURN(int window, IntParameter(context, "window", 0, 31, 3));
  DEBRIEF_ASSIGN_OR_RETURN(int limit, IntParameter(context, "limit", 1, 100, 10));
  core::Date today =
      date.value_or(std::chrono::floor<std::chrono::days>(context.services.clock.Now()));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<store::LibraryHit> hits,
                           context.store().LibraryAnniversaries(today, window, anonymised, limit));
  return ApiResponse::Json(
      {{"date", core::FormatDate(today)}, {"window", window}, {"items", EncodeHits(hits)}});
}

// Atom (RFC 4287) of the 50 newest published reviews. Feed readers send the same bearer token
// as any API client.
core::Result<ApiResponse> LibraryFeed(Context& context) {
  store::LibraryQuery query;
  DEBRIEF_ASSIGN_OR_RETURN(query.anonymised, ReadsAnonymised(context));
  query.sort = store::LibrarySort::kNewest;
  query.limit = 50;
  DEBRIEF_ASSIGN_OR_RETURN(store::LibraryPage page, context.store().SearchLibrary(query));
  std::string host(context.request.Header("host"));
  std::string base = "http://" + (host.empty() ? std::string("127.0.0.1") : host) + "/";
  std::string updated = page.hits.empty() ? core::FormatRfc3339(core::Timestamp{})
                                          : core::FormatRfc3339(page.hits.front().published_at);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"" +
      XmlText(base) +
      "\">\n"
      "  <id>urn:debrief:library</id>\n"
      "  <title>Published incident reviews</title>\n"
      "  <link rel=\"alternate\" href=\"library\"/>\n"
      "  <link rel=\"self\" href=\"api/v1/library/feed.atom\"/>\n"
      "  <updated>" +
      updated + "</updated>\n";
  for (const store::LibraryHit& hit : page.hits) {
    std::string when = core::FormatRfc3339(hit.published_at);
    xml += "  <entry>\n    <id>urn:debrief:incident:" + XmlText(hit.key) + ":v" +
           std::to_string(hit.version) + "</id>\n    <title>" +
           XmlText(hit.key + ": " + hit.title) +
           "</title>\n    <link rel=\"alternate\" href=\"incidents/" + XmlText(hit.key) +
           "\"/>\n    <published>" + when + "</published>\n    <updated>" + when +
           "</updated>\n    <author><name>debrief</name></author>\n";
    for (const std::string& service : hit.services) {
      xml += "    <category term=\"" + XmlText(service) + "\"/>\n";
    }
    xml += "    <summary>" + XmlText(hit.summary) + "</summary>\n  </entry>\n";
  }
  xml += "</feed>\n";
  ApiResponse response;
  response.content_type = "application/atom+xml; charset=utf-8";
  response.body = std::move(xml);
  return response;
}

}  // namespace debrief::http::handlers
