#include "app/related_reviews.h"

#include <set>
#include <string>

#include "search/query_text.h"

namespace debrief::app {

// Ten words are enough to say what a title is about, and few enough to score quickly.
constexpr size_t kTitleWords = 10;

core::Result<std::vector<store::LibraryHit>> RelatedReviews(store::Store& store,
                                                            const core::Incident& incident,
                                                            bool anonymised, int limit,
                                                            std::vector<int64_t> hidden) {
  store::RelatedQuery query;
  query.hidden_incident_ids = std::move(hidden);
  query.anonymised = anonymised;
  query.limit = limit;
  query.incident_id = incident.id;
  query.services = incident.services;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ContributingFactor> factors,
                           store.factors().List(incident.id));
  std::set<std::string> categories;
  for (const core::ContributingFactor& factor : factors) {
    categories.insert(std::string(core::ToString(factor.category)));
  }
  query.factor_categories.assign(categories.begin(), categories.end());
  query.words = search::DistinctiveWords(incident.title, kTitleWords);
  return store.RelatedInLibrary(query);
}

}  // namespace debrief::app
