#include "app/review_templates.h"

#include <boost/json.hpp>

namespace debrief::app {

core::Result<core::ReviewTemplate> TemplateOf(store::Store& store, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewTemplate> templates,
                           store.ListReviewTemplates());
  return core::TemplateFor(incident.severity, templates);
}

core::Result<core::ReviewTemplate> SaveTemplate(store::Store& store,
                                                const core::SeverityScale& scale,
                                                core::ReviewTemplate review_template,
                                                int64_t expected_version, int64_t actor_id) {
  if (review_template.severity != core::kDefaultTemplate &&
      !scale.Contains(review_template.severity)) {
    std::string levels;
    for (const std::string& level : scale.levels) levels += ", " + level;
    return core::Error::NotFound("a template is for default" + levels + ", not " +
                                 review_template.severity);
  }
  DEBRIEF_RETURN_IF_ERROR(core::Validate(review_template));
  // The audit entry says which template changed; the questions are the organisation's, not
  // anyone's private words, but the entry needs no more than the name.
  std::string diff =
      boost::json::serialize(boost::json::object{{"severity", review_template.severity}});
  return store.PutReviewTemplate(std::move(review_template), expected_version,
                                 {actor_id, std::move(diff)});
}

}  // namespace debrief::app
