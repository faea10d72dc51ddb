# Proves the installed package works: installs a built annals tree into a scratch prefix, then
# configures, builds and runs tests/package against it with find_package(annals CONFIG REQUIRED).
# Run by ctest as `package_consumer`:
#   cmake -DANNALS_BUILD_DIR=… -DCONSUMER_SOURCE_DIR=… -DWORK_DIR=… [-DCONSUMER_CXX_COMPILER=…]
#         [-DCONSUMER_BUILD_TYPE=…] [-DCONSUMER_FLAGS=…] [-DCONSUMER_GENERATOR=…] -P annals_package_test.cmake
# Any failing step stops with FATAL_ERROR and that step's output.

foreach(var ANNALS_BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "annals_package_test: ${var} is not set")
  endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "annals_package_test: ${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
  set(step_error "${err}" PARENT_SCOPE)
endfunction()

step("install into ${prefix}" "${CMAKE_COMMAND}" --install "${ANNALS_BUILD_DIR}" --prefix "${prefix}")
if(NOT EXISTS "${prefix}/lib/cmake/annals/annals-config.cmake" AND
   NOT EXISTS "${prefix}/lib64/cmake/annals/annals-config.cmake")
  file(GLOB_RECURSE found "${prefix}/*annals-config.cmake")
  if(NOT found)
    message(FATAL_ERROR "annals_package_test: no annals-config.cmake under ${prefix}")
  endif()
endif()

set(configure "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${build}" "-DCMAKE_PREFIX_PATH=${prefix}")
if(CONSUMER_GENERATOR)
  list(APPEND configure -G "${CONSUMER_GENERATOR}")
endif()
if(CONSUMER_CXX_COMPILER)
  list(APPEND configure "-DCMAKE_CXX_COMPILER=${CONSUMER_CXX_COMPILER}")
endif()
if(CONSUMER_BUILD_TYPE)
  list(APPEND configure "-DCMAKE_BUILD_TYPE=${CONSUMER_BUILD_TYPE}")
endif()
# -H: the compiler lists every header it opens (on stderr), so the build below can prove that the
# consumer compiles without the headers of annals's private dependencies (issue 14)
list(APPEND configure "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS} -H")
if(CONSUMER_FLAGS)
  list(APPEND configure "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}")
endif()
step("configure the consumer" ${configure})
step("build the consumer" "${CMAKE_COMMAND}" --build "${build}")
string(REGEX MATCHALL "[^\n]*(/boost/|/fmt/|nlohmann|sqlite3\\.h|SQLiteCpp)[^\n]*" private_headers "${step_error}")
if(private_headers)
  list(JOIN private_headers "\n" private_headers)
  message(FATAL_ERROR "annals_package_test: the consumer's compile opened headers of annals's private "
                      "dependencies (Boost, fmt, nlohmann/json, SQLite); the public headers must not "
                      "include them:\n${private_headers}")
endif()
if(NOT step_error MATCHES "annals/growth\\.hpp")
  message(FATAL_ERROR "annals_package_test: no header list from -H in the build output; cannot check "
                      "the consumer's includes:\n${step_output}\n${step_error}")
endif()

find_program(consumer annals_consumer PATHS "${build}" "${build}/Debug" "${build}/Release" NO_DEFAULT_PATH)
if(NOT consumer)
  message(FATAL_ERROR "annals_package_test: the consumer was not built in ${build}")
endif()
step("run the consumer" "${consumer}")
if(NOT step_output MATCHES "373 -> 709 = 90\\.08%")
  message(FATAL_ERROR "annals_package_test: unexpected consumer output:\n${step_output}")
endif()
message(STATUS "annals_package_test: ${step_output}")

# The same program built without CMake, the way a Makefile user would (README.md, "Using the
# library"): c++ -std=c++20 main.cpp $(pkg-config --cflags --libs annals).
find_program(pkg_config NAMES pkg-config pkgconf)
if(NOT pkg_config)
  message(FATAL_ERROR "annals_package_test: pkg-config not found (Debian: apt-get install pkg-config)")
endif()
file(GLOB_RECURSE pc_file "${prefix}/*/pkgconfig/annals.pc")
if(NOT pc_file)
  message(FATAL_ERROR "annals_package_test: no pkgconfig/annals.pc under ${prefix}")
endif()
list(GET pc_file 0 pc_file)
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
step("pkg-config --cflags --libs annals" "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pc_dir}"
     "${pkg_config}" --cflags --libs annals)
string(STRIP "${step_output}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(consumer_flags UNIX_COMMAND "${CONSUMER_FLAGS}")
if(CONSUMER_CXX_COMPILER)
  set(cxx "${CONSUMER_CXX_COMPILER}")
else()
  set(cxx c++)
endif()
set(pc_consumer "${WORK_DIR}/pc_consumer")
step("build the consumer with pkg-config" "${cxx}" -std=c++20 ${consumer_flags}
     "${CONSUMER_SOURCE_DIR}/main.cpp" -o "${pc_consumer}" ${pc_flags})
get_filename_component(pc_libdir "${pc_dir}" DIRECTORY)
step("run the pkg-config consumer" "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${pc_libdir}" "${pc_consumer}")
if(NOT step_output MATCHES "373 -> 709 = 90\\.08%")
  message(FATAL_ERROR "annals_package_test: unexpected output of the pkg-config consumer:\n${step_output}")
endif()
message(STATUS "annals_package_test: pkg-config consumer: ${step_output}")
