#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "data/Dataset.h"

namespace snn {

// What every mini-batch trainer needs around its own forward and backward passes: the sample
// order of an epoch, the copy of a batch out of the dataset, and the wall clock for progress.

// The sample order of one epoch: a Fisher-Yates shuffle of 0 .. n-1 drawn from the seeded stream
// `purpose` (one per trainer, so two trainers with the same seed do not share an order), with an
// explicit draw so the order is the same with every standard library.
std::vector<int64_t> shuffledOrder(int64_t n, uint64_t seed, std::string_view purpose, int epoch);

// Copies samples order[first, first + n) (first, first + 1, ... when `order` is empty) into
// `images`, one sample's pixels after another (the batch as pixels x n, column-major), and their
// labels into `labels`. Both must hold n samples.
void gatherBatch(const Dataset& data, const std::vector<int64_t>& order, int64_t first, int64_t n,
                 float* images, uint8_t* labels);

using TrainingClock = std::chrono::steady_clock;
double secondsSince(TrainingClock::time_point start);

}  // namespace snn
