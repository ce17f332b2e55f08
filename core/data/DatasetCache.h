#pragma once

#include <memory>
#include <string>

#include "Dataset.h"

namespace snn {

// Datasets loaded once per process and shared: the GUI recompiles on every structural edit, and
// reading Fashion-MNIST takes a noticeable fraction of a second. Thread-safe. Throws what
// loadDataset throws.
std::shared_ptr<const DatasetSplit> sharedDataset(const std::string& nameOrPath);

}  // namespace snn
