#include "render/incident_html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>

#include "render/incident_markdown.h"

namespace debrief::render {

std::string RenderHtml(const IncidentDocument& document) {
  std::string markdown = RenderMarkdown(document);
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, extension);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* root = cmark_parser_finish(parser);
  char* body =
      cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  std::string html = body;
  std::free(body);
  cmark_node_free(root);
  cmark_parser_free(parser);

  std::string title = document.incident.key + ": " + document.incident.title;
  std::replace(title.begin(), title.end(), '\n', ' ');
  std::string escaped_title;
  for (char c : title) {
    switch (c) {
      case '&':
        escaped_title += "&amp;";
        break;
      case '<':
        escaped_title += "&lt;";
        break;
      case '>':
        escaped_title += "&gt;";
        break;
      case '"':
        escaped_title += "&quot;";
        break;
      default:
        escaped_title += c;
    }
  }
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" +
         escaped_title +
         "</title>\n<style>\n"
         "body{font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1d2433;"
         "max-width:52rem;margin:2rem auto;padding:0 1rem}\n"
         "h1{font-size:1.7rem}h2{margin-top:2rem;border-bottom:1px solid "
         "#d9dee8;padding-bottom:.2rem}"
         "table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.92rem}"
         "th,td{border:1px solid #d9dee8;padding:.35rem .5rem;text-align:left;vertical-align:top}"
         "th{background:#f3f5f9}code,pre{font-family:ui-monospace,monospace;font-size:.9em}"
         "pre{background:#f3f5f9;padding:.75rem;overflow:auto}\n"
         "@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}"
         "table,tr{break-inside:avoid}a{color:inherit}}\n"
         "</style>\n</head>\n<body>\n" +
         html + "</body>\n</html>\n";
}

}  // namespace debrief::render
