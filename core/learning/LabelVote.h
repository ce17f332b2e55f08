#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn {

// How a network trained by STDP answers (Diehl & Cook 2015, get_recognized_number_ranking): each
// output neuron carries the class it responded to most during labelling; a sample's answer is
// the class whose labelled neurons fired most on average. Shared by the trainer's test pass and
// the window's live answer, so they cannot disagree.

// The average spike count per labelled neuron of each class, from the output neurons that fired
// (one entry per spike). Classes without a labelled neuron vote 0.
std::vector<double> labelVotes(std::span<const int> labels, std::span<const int32_t> fired,
                               int classes);

// The class with the most votes (the first on a tie, as the trainer counts); -1 when no
// labelled neuron fired.
int votedClass(std::span<const double> votes);

// The labels a training run wrote into the project (the training block's "labels"), or empty.
std::vector<int> trainedLabels(const Project& project);

}  // namespace snn
