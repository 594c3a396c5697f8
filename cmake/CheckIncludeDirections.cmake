# Fails when a file includes across a floor it must not reach (docs/architecture.md draws them):
# - core/ and language/: pure, no I/O library;
# - markdown/: cmark-gfm within bounds, no I/O and nothing above core;
# - search/: the library's search engine, in memory: no I/O, no store, no database API (a back
#   end lends it a tokenizer through search/tokenizer.h);
# - formats/: persisted formats only, no use case, edge, server or database API;
# - app/: use cases, reaching storage through store/*.h only, no HTTP server or database API;
# - cli/: the command-line edge, nothing from the HTTP edge (server/ joins the two).
set(io_libraries "boost/asio" "boost/beast" "sqlite3.h" "libpq" "<fstream>" "<iostream>")
set(databases "sqlite3.h" "libpq" "store/sqlite/" "store/postgres/")
set(forbidden_core ${io_libraries})
set(forbidden_language ${io_libraries})
set(forbidden_markdown ${io_libraries} "store/" "app/" "http/" "cli/" "server/")
set(forbidden_search ${io_libraries} "store/" "app/" "http/" "cli/" "server/")
set(forbidden_formats "boost/asio" "boost/beast" "app/" "http/" "cli/" "server/" ${databases})
set(forbidden_app "boost/asio" "boost/beast" "http/" "cli/" "server/" ${databases})
set(forbidden_cli "http/" "server/" ${databases})
set(failures "")
foreach(area core language markdown search formats app cli)
  file(GLOB_RECURSE files "${ROOT}/${area}/*.h" "${ROOT}/${area}/*.cc")
  foreach(file IN LISTS files)
    file(STRINGS ${file} includes REGEX "^#include")
    foreach(line IN LISTS includes)
      foreach(pattern IN LISTS forbidden_${area})
        string(FIND "${line}" "${pattern}" found)
        if(NOT found EQUAL -1)
          list(APPEND failures "${file}: ${line}")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
if(failures)
  message(FATAL_ERROR "an include crosses a floor it must not:\n${failures}")
endif()
message(STATUS "core/, language/ and search/ include no I/O; formats/, app/ and cli/ keep to their floors")
