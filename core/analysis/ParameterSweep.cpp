#include "ParameterSweep.h"

#include "model/ObjectFields.h"
#include "project/FieldSchemas.h"

namespace snn {

namespace {

SpecError refused(const SweepRequest& r, const std::string& message) {
  return SpecError(Diagnostic{r.kind, r.id, r.field, message});
}

}  // namespace

std::pair<std::pair<ObjectKind, std::string>, std::string> splitFieldPath(const Project& project,
                                                                          const std::string& path) {
  const std::string experiment = "experiment.";
  if (path.rfind(experiment, 0) == 0)
    return {{ObjectKind::Experiment, ""}, path.substr(experiment.size())};
  for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
    const std::string id = path.substr(0, dot);
    if (auto kind = project.network.kindOf(id)) return {{*kind, id}, path.substr(dot + 1)};
  }
  throw SpecError(Diagnostic{ObjectKind::Network, "", path,
                             "expected OBJECT.FIELD with OBJECT a population or projection of "
                             "the project, or experiment.FIELD"});
}

SweepResult runSweep(const Project& project, const SweepRequest& request,
                     const AnalysisOptions& options) {
  const std::optional<ParamInfo> info =
      fieldSchema(project, request.kind, request.id, request.field);
  if (!info) throw refused(request, "no such field");
  if (info->kind != ParamKind::PerNeuron && info->kind != ParamKind::Scalar)
    throw refused(request, "only a number field can be swept");
  const PopulationSpec* measured = project.network.findPopulation(request.measure);
  if (!measured)
    throw SpecError(
        Diagnostic{ObjectKind::Population, request.measure, "", "no population to measure"});
  if (request.values.empty()) throw refused(request, "no value to sweep");
  if (!(options.durationMs > options.skipMs) || options.skipMs < 0)
    throw SpecError(Diagnostic{ObjectKind::Experiment, "", "duration",
                               "the measured time must be longer than the skipped transient"});

  SweepResult result{.unit = info->unit};
  const auto total = static_cast<int64_t>(request.values.size());
  for (int64_t k = 0; k < total; ++k) {
    const double value = request.values[static_cast<size_t>(k)];
    const ParamValue v = ValueSpec::constant(value);
    if (auto why = checkParamValue(*info, v, 1)) throw refused(request, *why);
    Project copy = project;
    setField(copy, request.kind, request.id, request.field, v);
    AnalysisOptions inner = options;
    inner.progress = nullptr;
    const std::vector<PopulationSpikes> spikes = recordSpikes(copy, options.durationMs, inner);
    SweepPoint point{.value = value};
    for (const PopulationSpikes& s : spikes) {
      if (s.id != request.measure) continue;
      for (double t : s.timesMs)
        if (t >= options.skipMs) ++point.spikes;
      const double seconds = (options.durationMs - options.skipMs) / 1000.0;
      point.rateHz = static_cast<double>(point.spikes) /
                     static_cast<double>(std::max<int64_t>(s.size, 1)) / seconds;
    }
    result.points.push_back(point);
    if (options.progress) options.progress(k + 1, total);
  }
  return result;
}

}  // namespace snn
