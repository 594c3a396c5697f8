#include "render/incident_html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/validation.h"
#include "render/incident_markdown.h"
#include "render/markdown_text.h"

namespace debrief::render {
namespace {

// Private-use characters around a field's number: debrief's own Markdown never holds them, and
// cmark passes them through unchanged.
constexpr std::string_view kOpen = "\xEE\x80\x80";   // U+E000
constexpr std::string_view kClose = "\xEE\x80\x81";  // U+E001

// Each field becomes HTML of its own, and a placeholder in the document's Markdown.
class HtmlFieldText final : public FieldText {
 public:
  std::string Inline(std::string_view text) override { return Hold(HtmlText(text, false), false); }
  std::string Block(std::string_view text) override { return Hold(HtmlText(text, true), false); }
  std::string Markdown(std::string_view text, int heading_level) override {
    return Hold(SafeHtml(text, heading_level), true);
  }
  std::string Link(std::string_view url) override {
    std::string text = HtmlText(url, false);
    if (!core::IsSafeLink(url)) return Hold(text, false);
    return Hold("<a href=\"" + text + "\">" + text + "</a>", false);
  }

  // The document's HTML with each placeholder replaced by its field; a Markdown field's blocks
  // take the place of the paragraph its placeholder stood in.
  std::string Fill(std::string_view html) const {
    std::string out;
    out.reserve(html.size() + size_);
    size_t copied = 0;
    for (size_t open = html.find(kOpen); open != std::string_view::npos;
         open = html.find(kOpen, copied)) {
      size_t close = html.find(kClose, open);
      if (close == std::string_view::npos) break;
      // Only the digits between the marks: copying the rest of the page for each field made
      // filling quadratic in the number of fields.
      std::string_view digits = html.substr(open + kOpen.size(), close - open - kOpen.size());
      size_t number = 0;
      std::from_chars(digits.data(), digits.data() + digits.size(), number);
      const Field& field = fields_.at(number);
      size_t start = open;
      size_t end = close + kClose.size();
      if (field.block && html.substr(0, start).ends_with("<p>") &&
          html.substr(end).starts_with("</p>\n")) {
        start -= 3;
        end += 5;
      }
      out.append(html.substr(copied, start - copied));
      out += field.html;
      copied = end;
    }
    out.append(html.substr(copied));
    return out;
  }

 private:
  struct Field {
    std::string html;
    bool block;
  };

  std::string Hold(std::string html, bool block) {
    size_ += html.size();
    fields_.push_back({std::move(html), block});
    return std::string(kOpen) + std::to_string(fields_.size() - 1) + std::string(kClose);
  }

  std::vector<Field> fields_;
  size_t size_ = 0;
};

// The document's own Markdown (its shape, with placeholders) as HTML. Its size grows with the
// number of fields, not their text.
std::string ShapeHtml(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  if (cmark_syntax_extension* table = cmark_find_syntax_extension("table")) {
    cmark_parser_attach_syntax_extension(parser, table);
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* root = cmark_parser_finish(parser);
  char* body =
      cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  std::string html = body;
  std::free(body);
  cmark_node_free(root);
  cmark_parser_free(parser);
  return html;
}

}  // namespace

std::string RenderHtml(const IncidentDocument& document) {
  HtmlFieldText fields;
  std::string html = fields.Fill(ShapeHtml(RenderMarkdown(document, fields)));
  std::string title = HtmlText(document.incident.key + ": " + document.incident.title, false);
  // The page loads nothing from anywhere: a saved export opened later fetches no image, font or
  // script, whatever its text holds.
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" +
         title +
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
