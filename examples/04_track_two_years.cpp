// 04_track_two_years: what became of last year's commitments, and do this year's growth figures
// agree with last year's numbers?
//
// annals::track compares an earlier report with a later one of the same jurisdiction under a
// versioned rubric (annals-track/1). Every verdict carries the passages it rests on.
//
//   04_track_two_years [EARLIER LATER]   (default: data/chengdu-2024.txt, the real report, and
//                                          data/chengdu-2025.txt, a made-up test document)

#include <annals/reader.hpp>
#include <annals/text.hpp>
#include <annals/track.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::string earlier_path = argc > 2 ? argv[1] : ANNALS_DATA_DIR "/chengdu-2024.txt";
  const std::string later_path = argc > 2 ? argv[2] : ANNALS_DATA_DIR "/chengdu-2025.txt";
  try {
    const annals::report earlier = annals::read_report(earlier_path);
    const annals::report later = annals::read_report(later_path);
    const annals::tracking t = annals::track(earlier, later);

    // 1. Each next step, plan and problem of the earlier year, with its status and evidence.
    for (const auto& c : t.commitments) {
      std::cout << c.earlier << " " << annals::to_string(c.kind) << " "
                << (c.title.empty() ? std::string(annals::utf8::substr(c.text, 0, 24)) : c.title) << ": " << annals::to_string(c.status);
      if (!c.evidence.empty()) std::cout << "  «" << annals::utf8::substr(c.evidence.front().text, 0, 30) << "»";
      std::cout << "\n";
    }

    // 2. Each stated growth of the later year against the two figures.
    for (const auto& m : t.metrics) {
      if (!m.stated) continue;
      std::cout << m.later_label << " " << m.stated->text << ": " << annals::to_string(m.verdict);
      // a change in percentage points is checked as one, never as a relative growth
      if (m.stated->kind == annals::change_kind::pp && m.change_pp)
        std::cout << " (the figures give " << m.change_pp->to_string(2) << " pp)";
      else if (m.stated->kind != annals::change_kind::pp && m.growth_pct)
        std::cout << " (the figures give " << m.growth_pct->to_string(2) << "%)";
      if (!m.reason.empty()) std::cout << " — " << m.reason;
      std::cout << "\n";
    }
    std::cout << (t.has_inconsistency() ? "inconsistencies found\n" : "no inconsistency\n");

    // 3. The same as annals.tracking/1 JSON for other tools: annals::to_json(t).
    return 0;
  } catch (const annals::error& e) {
    std::cerr << "04_track_two_years: " << e.what() << "\n";
    return 1;
  }
}
