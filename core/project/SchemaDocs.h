#pragma once

#include <string>

namespace snn {

// The reference part of docs/project-format.md, generated from the schemas so it cannot drift
// from what the reader, the validator and the inspector do: one table per kind of object (every
// fixed field with its kind, unit, default, range, meaning and whether a running network takes it
// live), then every neuron and source model, plasticity rule and training method with its
// parameters. `snnwb-cli schema --markdown` prints it.
std::string schemaMarkdown();

}  // namespace snn
