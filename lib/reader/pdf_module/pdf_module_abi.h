#pragma once
/* The interface between libannals and its PDF module, annals_pdf.so (pdf_words.cpp), which holds
   everything that touches poppler-cpp. A C interface: the module and the library may be built by
   different compilers, and no exception or C++ object crosses it. libannals opens the module
   with dlopen the first time it reads a PDF (platform/optional_library_detail.hpp), so a process
   that reads no PDF never loads poppler and the thirty libraries behind it.

   Bump ANNALS_PDF_ABI when anything below changes; the library refuses a module of another
   version. */

#include <stddef.h>

#define ANNALS_PDF_ABI 1

/* One word as poppler reports it: its UTF-8 text (not NUL-terminated; valid only during the
   callback), its box in points from the page's top left, and whether poppler saw a space after it. */
struct annals_pdf_word {
  const char* text;
  size_t size;
  double x0, y0, x1, y1;
  int space_after;
};

/* Called once per page, in order, with the page's words in poppler's reading order (none for a
   page without a text layer). Returns 0 to go on, anything else to stop. */
typedef int (*annals_pdf_page_fn)(void* context, int page, int pages, const struct annals_pdf_word* words,
                                  size_t count);

/* What annals_pdf_read returns. */
enum annals_pdf_status {
  ANNALS_PDF_OK = 0,
  ANNALS_PDF_DAMAGED = 1,   /* poppler cannot open it */
  ANNALS_PDF_LOCKED = 2,    /* encrypted: a password is needed */
  ANNALS_PDF_NO_PAGES = 3,
  ANNALS_PDF_TOO_LARGE = 4, /* over poppler's 2 GB */
  ANNALS_PDF_STOPPED = 5,   /* the callback asked to stop */
  ANNALS_PDF_FAILED = 6     /* poppler or the module failed (out of memory) */
};

#ifdef __cplusplus
extern "C" {
#endif

/* The module's ANNALS_PDF_ABI. */
typedef int (*annals_pdf_abi_fn)(void);
/* Reads the PDF in data[0, size) page by page into on_page. */
typedef int (*annals_pdf_read_fn)(const char* data, size_t size, void* context, annals_pdf_page_fn on_page);

#ifdef __cplusplus
}
#endif
