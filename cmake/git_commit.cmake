# Writes OUT, a header defining MEMSNAP_GIT_COMMIT: what 'git describe'
# says of the checkout in SRC ("" outside a checkout or without git).
# Run at every build, it rewrites OUT only when that changed, so a new
# commit relinks the program and nothing else is rebuilt.
set(commit "")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SRC}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SRC}" describe --always --dirty --abbrev=12
                  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE status ERROR_QUIET)
  if(NOT status EQUAL 0)
    set(commit "")
  endif()
endif()
set(text "/* Generated at build time by cmake/git_commit.cmake. */\n#define MEMSNAP_GIT_COMMIT \"${commit}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE "${OUT}" "${text}")
endif()
