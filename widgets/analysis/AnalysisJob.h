#pragma once

#include <QMetaType>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "analysis/FiCurve.h"
#include "analysis/ParameterSweep.h"
#include "analysis/SpikeStatistics.h"
#include "model/NetworkSpec.h"

namespace snn::gui {

// One analysis the window runs in its worker thread (core/analysis): an f–I curve, a parameter
// sweep, or the spike statistics of a fresh run of the project. An immutable value.
struct FiJob {
  std::string population;
  std::vector<double> currents;
};
struct SweepJob {
  SweepRequest request;
};
struct StatisticsJob {
  double binMs = 2.0;
};

struct AnalysisJob {
  Project project;          // a copy: editing never races the analysis
  AnalysisOptions options;  // durations; progress and cancel are the worker's
  std::variant<FiJob, SweepJob, StatisticsJob> what;
};

// What came back: the curve, the sweep or the statistics, or the reason there is none.
struct AnalysisResult {
  std::variant<std::monostate, FiCurve, SweepResult, std::vector<PopulationStatistics>> value;
  std::vector<double> closedFormCurrents, closedFormRates;  // FiCurve: a smooth closed form
  std::string error;  // a refusal, naming the object and field
  bool cancelled = false;
};

using AnalysisJobPtr = std::shared_ptr<const AnalysisJob>;
using AnalysisResultPtr = std::shared_ptr<const AnalysisResult>;

}  // namespace snn::gui

Q_DECLARE_METATYPE(snn::gui::AnalysisJobPtr)
Q_DECLARE_METATYPE(snn::gui::AnalysisResultPtr)
