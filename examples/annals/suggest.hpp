#pragma once
// "Did you mean": the known word closest to a mistyped command or option, for the usage errors of
// main.cpp (issue 13: an unknown subcommand said only "A subcommand is required").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals::cli {

/// Edits between two words: insertions, deletions, substitutions and swaps of two neighbouring
/// characters (optimal string alignment distance), over bytes (commands and options are ASCII).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate most likely meant by `word`: the one with the fewest edits, if that is at most a
/// quarter of the longer word (at least 1, at most 3: import is not report) and no other candidate is as close; or the
/// only candidate that `word` is a prefix of (at least 3 characters). Nothing when nothing fits.
[[nodiscard]] std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

/// What a usage error should say when the command line names a command the tool does not have or
/// an option its command does not take: "unknown command 'extrac' (did you mean 'extract'?)",
/// "extract: unknown option --formt (did you mean --format?)". `args` are argv[1…]; `commands`
/// the tool's commands; `options_of(command)` that command's long options ("--format", …).
/// Nothing when every word is known (the parser's own message is then the right one).
template <class OptionsOf>
std::optional<std::string> explain_unknown(const std::vector<std::string>& args, const std::vector<std::string>& commands,
                                           OptionsOf&& options_of);

}  // namespace annals::cli

#include <algorithm>

namespace annals::cli {

template <class OptionsOf>
std::optional<std::string> explain_unknown(const std::vector<std::string>& args, const std::vector<std::string>& commands,
                                           OptionsOf&& options_of) {
  // the command: the first word that is not an option (the tool's own options take no value)
  std::size_t at = 0;
  while (at < args.size() && !args[at].empty() && args[at][0] == '-') ++at;
  if (at == args.size()) return std::nullopt;
  const std::string& command = args[at];
  if (std::find(commands.begin(), commands.end(), command) == commands.end()) {
    std::string message = "unknown command '" + command + "'";
    if (const auto near = closest(command, commands)) message += " (did you mean '" + *near + "'?)";
    return message;
  }
  const std::vector<std::string> options = options_of(command);
  for (std::size_t i = at + 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;  // the rest are operands
    if (a.size() < 3 || a[0] != '-' || a[1] != '-') continue;
    const std::string name = a.substr(0, a.find('='));
    if (std::find(options.begin(), options.end(), name) != options.end()) continue;
    std::string message = command + ": unknown option " + name;
    if (const auto near = closest(name, options)) message += " (did you mean " + *near + "?)";
    return message;
  }
  return std::nullopt;
}

}  // namespace annals::cli
