#pragma once

#include "io/ProjectJson.h"
#include "project/ProjectValidator.h"
#include "sim/NetworkFootprint.h"

// Validates `project` and refuses it, before anything is allocated, when its footprint for this
// run (the command's threads, whether it keeps every chunk) exceeds the memory this process can
// still get: throws SpecError naming the object and field of the largest part. Sets
// `validation` so that compile() does not repeat the machine-wide estimate with other
// assumptions. (When the validator itself calls checkFootprint, this only adds the run's own
// thread count.)
void refuseWhatDoesNotFit(const snn::Project& project, const snn::FootprintOptions& options,
                          snn::ValidationOptions& validation);
