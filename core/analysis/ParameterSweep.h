#pragma once

#include <string>
#include <vector>

#include "AnalysisRun.h"
#include "model/Diagnostic.h"

namespace snn {

// A generic parameter sweep: any number field of any object (its schema entry from
// project/FieldSchemas.h, written with setField from model/ObjectFields.h) takes each value of
// a range in turn; for each, the network is compiled and run afresh, and the firing rate of one
// population is measured after the transient. E.g. the input rate of a Poisson source against
// the output rate ("rate coding"), a projection's weight, the inhibitory weight of CUBA.
struct SweepRequest {
  ObjectKind kind = ObjectKind::Population;
  std::string id;     // the object; empty for the experiment
  std::string field;  // e.g. "params.rate", "weight", "connector.p"
  std::vector<double> values;
  std::string measure;  // the population whose rate is measured
};

struct SweepPoint {
  double value = 0.0;
  double rateHz = 0.0;  // spikes per neuron per second of `measure`
  int64_t spikes = 0;
};

struct SweepResult {
  std::string unit;  // the field's, from its schema
  std::vector<SweepPoint> points;
};

// Throws SpecError naming the object and field when the field has no schema, is not a number,
// or refuses a value of the range (with the schema's reason), or when `measure` is no
// population; AnalysisCancelled when cancelled (between two values or two chunks).
SweepResult runSweep(const Project& project, const SweepRequest& request,
                     const AnalysisOptions& options);

// "neurons.params.tau_m" -> (population 'neurons', "params.tau_m"); "experiment.dt" -> the
// experiment's "dt"; the first dot after an id that names a node or projection splits. Throws
// SpecError when no object of the project has that id.
std::pair<std::pair<ObjectKind, std::string>, std::string> splitFieldPath(const Project& project,
                                                                          const std::string& path);

}  // namespace snn
