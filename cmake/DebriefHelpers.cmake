# Helpers shared by every CMakeLists.txt: one static library per src/ area, one gtest binary
# per test area, and the build step that embeds data files (migrations, rule packs, web assets).

set(DEBRIEF_WARNINGS -Wall -Wextra -Werror -Wpedantic)
# GCC 12 reports std::string concatenation at -O2 as out of bounds (GCC bugs 105329, 105651);
# these three checks only produce those false alarms on our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND DEBRIEF_WARNINGS -Wno-array-bounds -Wno-stringop-overflow -Wno-restrict)
endif()

# debrief_library(NAME SOURCES a.cc b.cc DEPS x y)
function(debrief_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${DEBRIEF_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# debrief_test(NAME SOURCES a_test.cc DEPS debrief_core)
function(debrief_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PROPERTIES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${DEBRIEF_WARNINGS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300 ${ARG_PROPERTIES})
endfunction()

# debrief_embed(TARGET OUT_CC NAMESPACE ns FUNCTION fn FILES a b ...)
# Generates a .cc defining `std::span<const EmbeddedFile> ns::fn()` holding the files' bytes, so
# the binary runs from any folder without its data next to it.
function(debrief_embed out_var)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;FUNCTION;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE}
            -DFUNCTION=${ARG_FUNCTION} -DBASE=${ARG_BASE} "-DFILES=${ARG_FILES}"
            -P ${PROJECT_SOURCE_DIR}/cmake/Embed.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/Embed.cmake
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
  set(${out_var} ${ARG_OUTPUT} PARENT_SCOPE)
endfunction()
