// annals_pdf.so: the words of each page of a PDF, through poppler-cpp (pdf_module_abi.h). The
// layout work (lines, page furniture, paragraphs) stays in libannals (lib/reader/pdf.cpp); this
// module only opens the document and hands each page's word boxes over.

#include "pdf_module_abi.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

/// Poppler reports damaged objects on stderr by default; annals reports what matters itself.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

int read_pdf(const char* data, size_t size, void* context, annals_pdf_page_fn on_page) {
  silence_poppler();
  if (size > static_cast<size_t>(INT_MAX)) return ANNALS_PDF_TOO_LARGE;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data, static_cast<int>(size)));
  if (!doc) return ANNALS_PDF_DAMAGED;
  if (doc->is_locked()) return ANNALS_PDF_LOCKED;
  const int n = doc->pages();
  if (n <= 0) return ANNALS_PDF_NO_PAGES;
  std::vector<std::string> texts;
  std::vector<annals_pdf_word> words;
  for (int i = 0; i < n; ++i) {
    texts.clear();
    words.clear();
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (p) {
      const std::vector<poppler::text_box> boxes = p->text_list();
      texts.reserve(boxes.size());
      for (const auto& b : boxes) {
        const poppler::byte_array u = b.text().to_utf8();
        texts.emplace_back(u.begin(), u.end());
      }
      words.reserve(boxes.size());
      for (std::size_t k = 0; k < boxes.size(); ++k) {
        const poppler::rectf r = boxes[k].bbox();
        words.push_back({texts[k].data(), texts[k].size(), r.x(), r.y(), r.x() + r.width(), r.y() + r.height(),
                         boxes[k].has_space_after() ? 1 : 0});
      }
    }
    if (on_page(context, i, n, words.data(), words.size()) != 0) return ANNALS_PDF_STOPPED;
  }
  return ANNALS_PDF_OK;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int annals_pdf_abi(void) { return ANNALS_PDF_ABI; }

__attribute__((visibility("default"))) int annals_pdf_read(const char* data, size_t size, void* context,
                                                           annals_pdf_page_fn on_page) {
  try {
    return read_pdf(data, size, context, on_page);
  } catch (...) {  // no exception crosses the C interface: poppler's or std::bad_alloc
    return ANNALS_PDF_FAILED;
  }
}

}  // extern "C"
