#pragma once

#include "model/NetworkSpec.h"

namespace snn {

// How the window runs a network that STDP training labelled (trainedLabels() not empty), so that
// Run shows the trained network answering the way the trainer's test pass measured it (Diehl &
// Cook 2015): plasticity off, so the learned weights stay; the output's adaptive thresholds
// frozen (theta_plus = 0) at what training left them (the output's "init": {"theta": ...}); and
// the input driven at the rate at which the labelling samples drew the protocol's minimum of
// spikes (the training block's "answer_rate",
// which training writes, else the input's own rate_max). A project that has no labels runs as
// it is.
Project runnableProject(const Project& project);

// Whether runnableProject changes anything: the project holds a labelled, trained network.
bool runsAsTrained(const Project& project);

}  // namespace snn
