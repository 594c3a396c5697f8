// POST /api/v1/lint: the blameless-language checker on any text, for the UI's hints as people
// type and for tools that write reviews elsewhere.
//
//   {"text": "...", "participants": ["Priya Raman"], "incident": "INC-2026-0001",
//    "markdown": true}                                  -> {"findings": [...]}
//   {"texts": ["...", "..."], ...}                      -> {"results": [{"findings": [...]}]}
//
// "texts" checks many fields in one request (a page of entries opening at once). Either
// "text" or "texts" is required. "participants" and "incident" (whose participants' names are
// added) are optional; markdown (default true) skips code, URLs and HTML comments and honours
// debrief-disable directives.
#include "formats/json/values.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/lint_request.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// A review section pasted whole is far below this; the cap bounds one request's work.
constexpr size_t kLintTextLimit = 200'000;
constexpr size_t kMaxTexts = 500;

// Requests up to this size are checked on the event loop: a few milliseconds at most.
constexpr size_t kLintOnTheLoop = 16 * 1024;

}  // namespace

core::Result<ApiResponse> LintText(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(
      OnlyFields(body, {"text", "texts", "participants", "incident", "markdown"}));
  std::vector<core::FieldViolation> violations;
  std::vector<std::string> texts(1);
  bool batch = body.contains("texts");
  if (batch == body.contains("text")) {
    violations.push_back({"text", "give either text (a string) or texts (a list of strings)"});
  } else if (batch) {
    if (auto decoded = formats::json::FromJson(body.at("texts"), {"texts", kLintTextLimit}, texts);
        !decoded) {
      violations.push_back({"texts", decoded.error().message()});
    } else if (texts.size() > kMaxTexts) {
      violations.push_back({"texts", "texts holds at most 500 strings"});
    }
  } else if (auto decoded =
                 formats::json::FromJson(body.at("text"), {"text", kLintTextLimit}, texts[0]);
             !decoded) {
    violations.push_back({"text", decoded.error().message()});
  }
  language::CheckOptions options = ReadLintOptions(body, violations);
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  DEBRIEF_RETURN_IF_ERROR(AddIncidentNames(context, body, options));
  options.suppressions = SuppressionsFor(context);
  const language::Checker& checker = context.services.checker;
  auto lint = [&checker, texts = std::move(texts), options = std::move(options), batch]() {
    if (!batch) {
      bj::array findings;
      formats::json::AppendFindings(checker, texts[0], options, {}, std::nullopt, findings);
      return ApiResponse::Json({{"findings", std::move(findings)}});
    }
    bj::array results;
    for (const std::string& text : texts) {
      bj::array findings;
      formats::json::AppendFindings(checker, text, options, {}, std::nullopt, findings);
      results.push_back(bj::object{{"findings", std::move(findings)}});
    }
    return ApiResponse::Json({{"results", std::move(results)}});
  };
  // What people type is checked at once; a whole document (an import, a pasted postmortem)
  // is checked on a worker, so the loop keeps answering. The checker holds no state.
  if (context.request.body.size() < kLintOnTheLoop) return lint();
  ApiResponse response;
  response.off_loop = [lint = std::move(lint)]() -> LoopStep {
    auto answer = std::make_shared<ApiResponse>(lint());
    return [answer]() -> core::Result<ApiResponse> { return std::move(*answer); };
  };
  return response;
}

core::Result<ApiResponse> ListLintRules(Context& context) {
  bj::array rules;
  for (const language::Rule& rule : context.services.checker.pack().rules) {
    bj::array phrases;
    for (const std::string& phrase : rule.phrases) phrases.emplace_back(phrase);
    bj::object entry{{"id", rule.id},
                     {"category", rule.category},
                     {"severity", language::ToString(rule.severity)},
                     {"message", rule.message},
                     {"suggestion", rule.suggestion},
                     {"phrases", std::move(phrases)},
                     {"learned", rule.learned}};
    if (rule.learned) entry["min_probability"] = rule.min_probability;
    rules.push_back(std::move(entry));
  }
  return ApiResponse::Json({{"rules", std::move(rules)}});
}

}  // namespace debrief::http::handlers
