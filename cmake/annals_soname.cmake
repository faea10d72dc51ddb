# annals_soname(<out-var> <pkg-prefix> <name>): the soname of lib<name> among the libraries
# pkg_check_modules found for <pkg-prefix> (libpq.so.5, libzip.so.4), read from the library
# itself. annals opens these libraries by soname with dlopen on first use instead of linking them
# (lib/platform/optional_library_detail.hpp), so the name must be the one the headers match.
function(annals_soname out prefix name)
  foreach(lib IN LISTS ${prefix}_LINK_LIBRARIES)
    get_filename_component(file "${lib}" NAME)
    if(file MATCHES "^lib${name}\\.so")
      execute_process(COMMAND ${CMAKE_OBJDUMP} -p "${lib}" OUTPUT_VARIABLE dump RESULT_VARIABLE rc ERROR_QUIET)
      if(rc EQUAL 0 AND dump MATCHES "SONAME[ \t]+([^ \t\r\n]+)")
        set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
  message(FATAL_ERROR "annals: cannot read the soname of lib${name} from '${${prefix}_LINK_LIBRARIES}' (objdump -p)")
endfunction()
