// The library of published reviews: search with snippets and facets, lessons by theme, related
// incidents, anniversaries, and an Atom feed. Viewers (and anyone asking ?anonymised=true) read
// the library's anonymised copy, searched on its own, so even a search for a name tells them
// nothing about who took part.
//
// GET /library/search?q=&severity=&service=&factor_category=&tag=&from=&to=&sort=&limit=&offset=
// GET /library/lessons?q=&theme=&limit=&offset=
// GET /library/on-this-day?date=&window=
// GET /library/feed.atom (library_feed.cc)
// GET /incidents/{key}/related
#include <boost/json.hpp>

#include "app/incident_access.h"
#include "app/related_reviews.h"
#include "http/anonymised_view.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/library_json.h"
#include "http/query_parameters.h"
#include "http/response_cache.h"
#include "search/query_text.h"

namespace debrief::http::handlers {

namespace bj = boost::json;

namespace {

// What of a cached answer depends on who asks: the restricted incidents they may not see. Two
// readers who see the same share an answer; one who sees less never gets one made for more.
std::string HiddenPart(const std::vector<int64_t>& hidden) {
  std::string part = "/hidden:";
  for (int64_t id : hidden) part += std::to_string(id) + ",";
  return part;
}

}  // namespace

core::Result<ApiResponse> SearchLibrary(Context& context) {
  store::LibraryQuery query;
  DEBRIEF_ASSIGN_OR_RETURN(query.anonymised, ReadsAnonymised(context));
  DEBRIEF_ASSIGN_OR_RETURN(query.hidden_incident_ids,
                           app::HiddenIncidents(context.store(), context.caller()));
  // The same search gives the same answer until the library changes, and people repeat
  // searches (the same failure mode, the same service): those are answered from the cache.
  // Only valid searches are ever cached, so a hit needs no further checks.
  std::string cache_key = query.anonymised ? "library/search/anonymised" : "library/search/named";
  cache_key += HiddenPart(query.hidden_incident_ids);
  for (const auto& [name, value] : context.request.query) {
    cache_key += '\0' + name + '=' + value;
  }
  DEBRIEF_ASSIGN_OR_RETURN(int64_t generation, context.store().LibraryGeneration());
  if (auto cached = context.services.response_cache.Find(cache_key, generation)) {
    ApiResponse response;
    response.body = std::move(*cached);
    return response;
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.terms, search::ParseSearchTerms(context.Query("q").value_or("")));
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
    ApiResponse found =
        ApiResponse::Json(bj::object({{"total", page.total},
                                      {"offset", query.offset},
                                      {"limit", query.limit},
                                      {"anonymised", query.anonymised},
                                      {"items", EncodeHits(page.hits, query.offset + 1, storage)},
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
  DEBRIEF_ASSIGN_OR_RETURN(query.terms, search::ParseSearchTerms(context.Query("q").value_or("")));
  if (auto theme = context.Query("theme")) {
    if (!core::ParseEnum<core::FactorCategory>(*theme)) {
      return core::Error::InvalidArgument(
          "theme must be " + core::AllowedValues<core::FactorCategory>(), "theme");
    }
    query.theme = std::string(*theme);
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.limit, IntParameter(context, "limit", 1, 200, 50));
  DEBRIEF_ASSIGN_OR_RETURN(query.offset, IntParameter(context, "offset", 0, 100'000, 0));
  DEBRIEF_ASSIGN_OR_RETURN(query.hidden_incident_ids,
                           app::HiddenIncidents(context.store(), context.caller()));
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
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> hidden,
                           app::HiddenIncidents(context.store(), context.caller()));
  std::string cache_key = "library/related/" + std::to_string(incident.id) + "/" +
                          std::to_string(incident_generation) +
                          (query.anonymised ? "/anonymised/" : "/named/") +
                          std::to_string(query.limit) + HiddenPart(hidden);
  if (auto cached = context.services.response_cache.Find(cache_key, library_generation)) {
    ApiResponse response;
    response.body = std::move(*cached);
    return response;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<store::LibraryHit> hits,
                           app::RelatedReviews(context.store(), incident, query.anonymised,
                                               query.limit, std::move(hidden)));
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
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> hidden,
                           app::HiddenIncidents(context.store(), context.caller()));
  // A list without totals: enough asked for to fill it after the hidden are left out.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<store::LibraryHit> hits,
                           context.store().LibraryAnniversaries(
                               today, window, anonymised, limit + static_cast<int>(hidden.size())));
  std::erase_if(hits, [&](const store::LibraryHit& hit) {
    return std::binary_search(hidden.begin(), hidden.end(), hit.incident_id);
  });
  if (hits.size() > static_cast<size_t>(limit)) hits.resize(static_cast<size_t>(limit));
  return ApiResponse::Json(
      {{"date", core::FormatDate(today)}, {"window", window}, {"items", EncodeHits(hits)}});
}

}  // namespace debrief::http::handlers
