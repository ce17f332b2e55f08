#include "DatasetCache.h"

#include <map>
#include <mutex>

namespace snn {

std::shared_ptr<const DatasetSplit> sharedDataset(const std::string& nameOrPath) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const DatasetSplit>> cache;
  static std::shared_ptr<const DatasetSplit> lastUsed;  // survives a recompile that drops it
  std::lock_guard<std::mutex> lock(mutex);
  auto alive = cache[nameOrPath].lock();
  if (!alive) {
    alive = std::make_shared<const DatasetSplit>(loadDataset(nameOrPath));
    cache[nameOrPath] = alive;
  }
  lastUsed = alive;
  return alive;
}

}  // namespace snn
