#pragma once

#include <optional>
#include <string>

#include "model/NetworkSpec.h"

namespace snn::gui {

// Population and projection ids share one name space (the validator's rule).
bool isIdTaken(const Project& project, const std::string& id);

// `base` if free, else base_2, base_3, ...; `base` is first made a valid id (spaces become _).
std::string uniqueId(const Project& project, std::string base);

// Why `newId` cannot replace `oldId` ("is already used by a population"), or nothing.
std::optional<std::string> renameProblem(const Project& project, const std::string& oldId,
                                         const std::string& newId);

}  // namespace snn::gui
