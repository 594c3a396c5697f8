// Result<T>: a value or an Error, returned by everything that can fail because of a user or the
// environment. It is [[nodiscard]], so an ignored failure stops the -Werror build.
//
//   Result<Incident> incident = store.GetIncident(key);
//   DEBRIEF_ASSIGN_OR_RETURN(Incident incident, store.GetIncident(key));
//   DEBRIEF_RETURN_IF_ERROR(ValidateIncident(incident));
#pragma once

#include <tl/expected.hpp>
#include <utility>

#include "core/error.h"

namespace debrief::core {

template <class T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using tl::expected<T, Error>::expected;
  Result(Error error) : tl::expected<T, Error>(tl::unexpect, std::move(error)) {}  // NOLINT
};

// Success of a Result<void>.
inline Result<void> Ok() { return {}; }

}  // namespace debrief::core

#define DEBRIEF_CONCAT_INNER_(a, b) a##b
#define DEBRIEF_CONCAT_(a, b) DEBRIEF_CONCAT_INNER_(a, b)

#define DEBRIEF_RETURN_IF_ERROR(expr)            \
  do {                                           \
    auto debrief_result_ = (expr);               \
    if (!debrief_result_) {                      \
      return std::move(debrief_result_).error(); \
    }                                            \
  } while (false)

#define DEBRIEF_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp) return std::move(tmp).error();             \
  lhs = std::move(*tmp)

#define DEBRIEF_ASSIGN_OR_RETURN(lhs, expr) \
  DEBRIEF_ASSIGN_OR_RETURN_IMPL_(DEBRIEF_CONCAT_(debrief_result_, __LINE__), lhs, expr)
