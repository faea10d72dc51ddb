#pragma once
// PDFs written by hand for tests: a correct xref table, Courier text placed where a test says.
// Used by formats_test (the PDF reader's layout rules) and optional_library_test (loading the
// PDF module on the first PDF).

#include <cstdio>
#include <string>
#include <vector>

namespace annals::test {

/// A PDF from its objects (1 0 obj … in order), with a correct xref table and `trailer_extra`
/// added to the trailer dictionary.
inline std::string make_pdf(const std::vector<std::string>& objects, const std::string& trailer_extra = {}) {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t o : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " + trailer_extra +
         " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

inline std::string stream(const std::string& content) {
  return "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream";
}

/// Pages of ASCII lines in Courier 12 (7.2 pt a character) on US Letter; each page is a list of {x, y, text}.
struct placed {
  int x, y;
  std::string text;
};
inline std::string text_pdf(const std::vector<std::vector<placed>>& pages) {
  std::vector<std::string> objs;
  objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objs.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                   "/Contents " + std::to_string(5 + 2 * i) + " 0 R >>");
    std::string ops;
    for (const auto& p : pages[i])
      ops += "BT /F1 12 Tf " + std::to_string(p.x) + " " + std::to_string(p.y) + " Td (" + p.text + ") Tj ET\n";
    objs.push_back(stream(ops));
  }
  return make_pdf(objs);
}

}  // namespace annals::test
