// GET /library/feed.atom: an Atom feed (RFC 4287) of the newest published reviews, as the
// caller may read them (anonymised for viewers).
#include <string>

#include "app/incident_access.h"
#include "http/anonymised_view.h"
#include "http/handlers/handlers.h"
#include "store/library.h"

namespace debrief::http::handlers {
namespace {

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

// Atom (RFC 4287) of the 50 newest published reviews. Feed readers send the same bearer token
// as any API client.
core::Result<ApiResponse> LibraryFeed(Context& context) {
  store::LibraryQuery query;
  DEBRIEF_ASSIGN_OR_RETURN(query.anonymised, ReadsAnonymised(context));
  query.sort = store::LibrarySort::kNewest;
  query.limit = 50;
  DEBRIEF_ASSIGN_OR_RETURN(query.hidden_incident_ids,
                           app::HiddenIncidents(context.store(), context.caller()));
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
