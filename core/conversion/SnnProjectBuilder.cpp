#include "SnnProjectBuilder.h"

#include <algorithm>

#include "PoolFolding.h"

namespace snn {

namespace {

constexpr double kDt = 1.0;                 // ms; cm = dt makes a current of 1 add 1 to v
constexpr double kSilentThreshold = 1e300;  // a membrane readout's output never fires

TensorShape tensorShape(const AnnShape& s) {
  return {s.channels, s.height, s.width};
}

PopulationSpec ifPopulation(const SnnStage& stage, const ConvertedSnn& snn) {
  PopulationSpec p{.id = stage.id, .model = "if", .size = stage.out.size()};
  p.shape = tensorShape(stage.out);
  const bool silent = stage.output && snn.options.readout == OutputReadout::Membrane;
  p.params["cm"] = ValueSpec::constant(kDt);
  p.params["tau_syn_exc"] = ValueSpec::constant(0.0);
  p.params["tau_syn_inh"] = ValueSpec::constant(0.0);
  p.params["v_reset"] = ValueSpec::constant(0.0);
  p.params["v_thresh"] = ValueSpec::constant(silent ? kSilentThreshold : stage.threshold);
  p.params["reset"] = std::string(snn.options.reset == IfReset::Subtract ? "subtract" : "value");
  const std::vector<float>& bias = stage.op.bias.values;
  if (!bias.empty() && std::any_of(bias.begin(), bias.end(), [](float b) { return b != 0.0f; })) {
    // One bias per output channel (dense: per unit), spread over the channel's plane.
    const int64_t plane = int64_t(stage.out.height) * stage.out.width;
    std::vector<double> offset(static_cast<size_t>(stage.out.size()));
    for (size_t i = 0; i < offset.size(); ++i)
      offset[i] = bias[i / static_cast<size_t>(plane)] / kDt;
    p.params["i_offset"] = ValueSpec::perElement(std::move(offset));
  }
  if (stage.initialV != 0.0f)
    p.init["v"] = ValueSpec::constant(double(stage.initialV) * stage.threshold);
  return p;
}

ProjectionSpec projection(const SnnStage& stage, const std::string& pre) {
  ProjectionSpec p{.id = pre + "_to_" + stage.id, .pre = pre, .post = stage.id};
  const AnnLayerSpec& op = stage.op;
  if (op.type == AnnLayerType::Dense) {
    // PyTorch's weight is [out, in]; the projection's array is row-major by pre.
    const auto in = static_cast<size_t>(stage.in.size()), out = static_cast<size_t>(op.units);
    std::vector<double> w(in * out);
    for (size_t i = 0; i < in; ++i)
      for (size_t o = 0; o < out; ++o) w[i * out + o] = op.weight.values[o * in + i];
    p.connector.type = ConnectorSpec::Type::AllToAll;
    p.weight = ValueSpec::perElement(std::move(w));
    return p;
  }
  ConnectorSpec& c = p.connector;
  c.type = op.type == AnnLayerType::Conv2d ? ConnectorSpec::Type::Conv2d
                                           : ConnectorSpec::Type::AvgPool2d;
  c.strideH = op.strideH;
  c.strideW = op.strideW;
  c.padH = op.padTop;
  c.padW = op.padLeft;
  if (op.type == AnnLayerType::Conv2d) {
    c.kernelShape = op.weight.shape;
    c.kernel = op.weight.values;
  } else {
    c.windowH = op.kernelH;
    c.windowW = op.kernelW;
  }
  p.weight = ValueSpec::constant(1.0);
  return p;
}

}  // namespace

Project buildSnnProject(const ConvertedSnn& snn, const SnnProjectOptions& options) {
  Project project;
  project.experiment.dt = kDt;
  project.experiment.duration =
      kDt * static_cast<double>(options.timesteps) * static_cast<double>(options.samples);
  NetworkSpec& net = project.network;
  const bool direct = snn.options.input == InputCoding::DirectCurrent;
  PopulationSpec input{
      .id = "input", .model = direct ? "direct_current" : "poisson", .size = snn.input.size()};
  input.shape = tensorShape(snn.input);
  if (!direct) input.params["rate_max"] = ValueSpec::constant(1000.0 / kDt);
  if (direct && !snn.inputMean.empty()) {  // the encoder feeds (x - mean) / std
    const int64_t plane = int64_t(snn.input.height) * snn.input.width;
    std::vector<double> gain, offset;
    for (int64_t i = 0; i < snn.input.size(); ++i) {
      const auto c = static_cast<size_t>(i / plane);
      gain.push_back(1.0 / double(snn.inputStd[c]));
      offset.push_back(-double(snn.inputMean[c]) / double(snn.inputStd[c]));
    }
    input.params["gain"] = ValueSpec::perElement(std::move(gain));
    input.params["offset"] = ValueSpec::perElement(std::move(offset));
  }
  input.feed = DatasetFeedSpec{.dataset = options.dataset,
                               .split = options.split,
                               .presentMs = kDt * options.timesteps,
                               .restMs = 0.0,
                               .first = 0};
  net.populations.push_back(std::move(input));
  std::string pre = "input";
  for (const SnnStage& stage : snn.stages) {
    net.populations.push_back(ifPopulation(stage, snn));
    net.projections.push_back(projection(foldedStage(stage), pre));
    pre = stage.id;
  }
  const SnnStage& out = snn.stages.back();
  net.monitors.push_back({.type = MonitorSpec::Type::Spikes, .target = out.id});
  if (snn.options.readout == OutputReadout::Membrane)
    net.monitors.push_back({.type = MonitorSpec::Type::State, .target = out.id, .variable = "v"});
  double x = 0.0;
  for (const PopulationSpec& p : net.populations) {
    project.layout[p.id] = NodePosition{x, 0.0};
    x += 160.0;
  }
  return project;
}

int fsStepsPerSample(const ConvertedSnn& snn, int k) {
  return (static_cast<int>(snn.stages.size()) + 1) * k;
}

Project buildFsProject(const ConvertedSnn& snn, const std::vector<FsCoefficients>& codes,
                       const SnnProjectOptions& options) {
  ConvertedSnn direct = snn;
  direct.options.input = InputCoding::DirectCurrent;
  direct.options.readout = OutputReadout::Membrane;
  SnnProjectOptions o = options;
  o.timesteps = fsStepsPerSample(snn, codes.front().steps());
  Project project = buildSnnProject(direct, o);
  auto sequence = [](const std::vector<float>& v) { return Sequence(v.begin(), v.end()); };
  for (size_t s = 0; s < snn.stages.size(); ++s) {
    const SnnStage& stage = snn.stages[s];
    const FsCoefficients& code = codes[s];
    PopulationSpec* p = nullptr;
    for (PopulationSpec& q : project.network.populations)
      if (q.id == stage.id) p = &q;
    if (!p) continue;
    ParamValue offset = p->params.count("i_offset") ? p->params.at("i_offset")
                                                    : ParamValue{ValueSpec::constant(0.0)};
    p->model = "fs";
    p->params.clear();
    p->init.clear();
    p->params["k"] = ValueSpec::constant(code.steps());
    p->params["thresholds"] =
        stage.output ? Sequence(size_t(code.steps()), kSilentThreshold) : sequence(code.threshold);
    p->params["resets"] = sequence(code.reset);
    p->params["spike_weights"] = sequence(code.weight);
    if (s > 0) p->params["input_weights"] = sequence(codes[s - 1].weight);
    p->params["cm"] = ValueSpec::constant(kDt);
    p->params["i_offset"] = offset;
  }
  return project;
}

}  // namespace snn
