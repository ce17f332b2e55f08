#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/Diagnostic.h"
#include "model/NetworkSpec.h"

namespace snn {

// The project file format, `*.snnwb.json` (DESIGN.md, "Project file"):
//   {"format": "snn-workbench", "version": 1, "network": {...}, "experiment": {...}, "layout":
//   {...}}

inline constexpr const char* kProjectFormat = "snn-workbench";
inline constexpr int kProjectVersion = 1;

// Parses project text. Type and shape errors (malformed JSON, a string where a number belongs, an
// unknown field, a newer version) come back as diagnostics naming the object and field; the
// returned project then holds whatever could be read. Ranges and references are checked by
// validateProject().
struct ProjectParseResult {
  Project project;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return diagnostics.empty(); }
};
ProjectParseResult parseProject(std::string_view jsonText);

// Reads and parses a file without validating it (callers that adjust the project first, like
// the command line's --dt, validate afterwards). Throws SpecError when it cannot be read.
ProjectParseResult readProjectFile(const std::filesystem::path& path);

// Reads, parses and validates a file; throws SpecError with every diagnostic found.
Project loadProject(const std::filesystem::path& path);

// The project as JSON text (2-space indented, parameters in schema order, only those set).
std::string serializeProject(const Project& project);

// Writes atomically: a temporary file in the same folder, renamed over the target. Throws
// std::runtime_error naming the file on failure; the old file is then untouched.
void saveProject(const Project& project, const std::filesystem::path& path);

}  // namespace snn
