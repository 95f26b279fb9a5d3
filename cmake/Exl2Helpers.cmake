# Small helpers shared by every folder's CMakeLists.txt.

# Strict warnings on project code only (never on third-party headers). -Wno-restrict: GCC 12 reports
# false positives inside std::string at -O3 (GCC bug 105329).
function(exl2_project_warnings target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Werror -Wno-restrict>)
  if(EXL2_SANITIZE)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined>)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# exl2_core_area(NAME <area> [DEPS exl2_x ...] [LIBS ...])
# One static library per folder of core/: exl2_<area>, built from every .cpp below core/<area>.
# Areas stay separate so that a test of one area compiles only that area and what it depends on.
function(exl2_core_area)
  cmake_parse_arguments(A "" "NAME" "DEPS;LIBS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(target exl2_${A_NAME})
  if(NOT sources)  # a folder not written yet still links as an empty area
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(${target} INTERFACE ${A_DEPS} ${A_LIBS})
    set_property(GLOBAL APPEND PROPERTY EXL2_CORE_AREAS ${target})
    return()
  endif()
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/core)
  target_link_libraries(${target} PUBLIC ${A_DEPS} ${A_LIBS})
  set_target_properties(${target} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
  exl2_project_warnings(${target})
  set_property(GLOBAL APPEND PROPERTY EXL2_CORE_AREAS ${target})
endfunction()
