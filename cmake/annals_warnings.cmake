# Warnings for annals' own targets only; never pushed onto consumers.
function(annals_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
  if(ANNALS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
