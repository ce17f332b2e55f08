#pragma once

#include <cstdint>
#include <random>
#include <string_view>

namespace snn {

// Every random quantity of a run comes from its own std::mt19937_64, seeded from the run's seed,
// what the stream is for, the object it belongs to and an index. Streams do not depend on the
// order objects are built in or on the number of threads, so the same project and seed always
// give the same network and the same spikes.
std::mt19937_64 makeRandomStream(uint64_t runSeed, std::string_view purpose,
                                 std::string_view objectId, uint64_t index = 0);

}  // namespace snn
