#include "SurrogateModel.h"

#include <cmath>
#include <random>
#include <set>

#include "TrainerRegistry.h"
#include "model/Diagnostic.h"
#include "model/RandomStreams.h"
#include "neurons/LifNeuron.h"
#include "neurons/Propagators.h"
#include "sim/NeuronModelRegistry.h"

namespace snn {

namespace {

[[noreturn]] void fail(ObjectKind kind, const std::string& id, const std::string& field,
                       const std::string& message) {
  throw SpecError(Diagnostic{kind, id, field, message});
}

// A parameter the discrete model needs as one number for the whole population.
double uniformParam(const PopulationSpec& pop, const ModelInfo& info, const std::string& name) {
  const ParamInfo* p = info.findParam(name);
  auto it = pop.params.find(name);
  if (it == pop.params.end()) return p ? p->defaultValue : 0.0;
  const ValueSpec* v = std::get_if<ValueSpec>(&it->second);
  if (!v || !v->isScalar())
    fail(ObjectKind::Population, pop.id, "params." + name,
         "must be one number for surrogate training (the discrete model is the same for every "
         "neuron of a layer)");
  return v->scalar;
}

std::string choiceParam(const PopulationSpec& pop, const ModelInfo& info, const std::string& name) {
  if (auto it = pop.params.find(name); it != pop.params.end())
    if (const std::string* s = std::get_if<std::string>(&it->second)) return *s;
  const ParamInfo* p = info.findParam(name);
  return p && !p->choices.empty() ? p->choices.front() : std::string();
}

// A uniform draw in [-bound, bound) from 24 random bits, the same on every platform.
float symmetricDraw(std::mt19937_64& rng, double bound) {
  const double unit = static_cast<double>(rng() >> 40) * 0x1.0p-24;
  return static_cast<float>((2.0 * unit - 1.0) * bound);
}

// The discrete membrane of a LIF or IF population and the scale from nA to the model's units.
SurrogateLayerSpec describeLayer(const PopulationSpec& pop, double dt) {
  const NeuronModelEntry* entry = NeuronModelRegistry::instance().find(pop.model);
  if (!entry || (pop.model != "lif" && pop.model != "if"))
    fail(ObjectKind::Population, pop.id, "model",
         "surrogate training needs 'lif' or 'if' neurons here (got '" + pop.model + "')");
  const ModelInfo& info = *entry->info;
  const bool leaky = pop.model == "lif";
  auto param = [&](const char* name) { return uniformParam(pop, info, name); };
  const double baseline = leaky ? param("v_rest") : param("v_reset");
  const double theta = param("v_thresh") - baseline;
  if (!(theta > 0.0))
    fail(ObjectKind::Population, pop.id, "params.v_thresh",
         std::string("must lie above ") + (leaky ? "v_rest" : "v_reset") +
             " for surrogate training");
  if (param("tau_syn_exc") != 0.0)
    fail(ObjectKind::Population, pop.id, "params.tau_syn_exc",
         "must be 0 for surrogate training: the discrete model has no synaptic current, a spike's "
         "current lasts one step");
  if (refractorySteps(param("t_ref"), dt) != 0)
    fail(ObjectKind::Population, pop.id, "params.t_ref",
         "must be shorter than dt for surrogate training (the discrete model has no refractory "
         "period)");
  if (auto it = pop.init.find("v"); it != pop.init.end())
    if (!it->second.isScalar() || it->second.scalar != baseline)
      fail(ObjectKind::Population, pop.id, "init.v",
           "must be left out for surrogate training: every sample starts from rest");

  SurrogateLayerSpec layer;
  layer.population = pop.id;
  layer.neurons = pop.size;
  const double tauM = leaky ? param("tau_m") : INFINITY;
  const double gain = propagators::constantCurrentGain(dt, tauM, param("cm"));  // mV per nA
  layer.dynamics.beta = static_cast<float>(propagators::membraneDecay(dt, tauM));
  layer.dynamics.subtractReset = choiceParam(pop, info, "reset") == "subtract";
  layer.dynamics.resetValue = static_cast<float>((param("v_reset") - baseline) / theta);
  layer.dynamics.resetAmount = static_cast<float>((param("v_thresh") - param("v_reset")) / theta);
  layer.weightScale = gain / theta;
  layer.biasScale = gain / theta;
  layer.iOffset = {0.0};
  if (auto it = pop.params.find("i_offset"); it != pop.params.end()) {
    const ValueSpec* v = std::get_if<ValueSpec>(&it->second);
    if (!v || v->isRandom())
      fail(ObjectKind::Population, pop.id, "params.i_offset",
           "must be a number or a per-neuron array for surrogate training");
    layer.iOffsetIsArray = v->kind == ValueSpec::Kind::Array;
    layer.iOffset = layer.iOffsetIsArray ? v->array : std::vector<double>{v->scalar};
  }
  return layer;
}

}  // namespace

SurrogateModel SurrogateModel::fromProject(const Project& project, const TrainerEntry& method) {
  SurrogateModel m;
  const TrainingEndpoints ends = resolveTrainingEndpoints(project);
  m.input = ends.input;
  m.output = ends.output;
  m.dt = project.experiment.dt;
  m.seed = project.experiment.seed;
  const NetworkSpec& net = project.network;
  const PopulationSpec* in = net.findPopulation(m.input);
  if (!in || in->model != "direct_current")
    fail(ObjectKind::Experiment, "training", "input",
         "surrogate training needs a direct_current source as input (got '" + m.input + "')");
  m.inputSize = in->size;
  const double inputGain =
      uniformParam(*in, *NeuronModelRegistry::instance().find(in->model)->info, "gain");

  // Follow the chain input -> ... -> output, one all_to_all projection per step.
  std::set<std::string> seen{m.input};
  std::string current = m.input;
  while (current != m.output) {
    const ProjectionSpec* next = nullptr;
    for (const ProjectionSpec& p : net.projections) {
      if (p.pre != current) continue;
      if (next)
        fail(ObjectKind::Population, current, "",
             "feeds more than one projection; surrogate training needs a feed-forward chain "
             "from the input to the output");
      next = &p;
    }
    if (!next)
      fail(ObjectKind::Population, current, "",
           "has no projection towards the output population '" + m.output + "'");
    const ProjectionSpec& p = *next;
    if (p.connector.type != ConnectorSpec::Type::AllToAll)
      fail(ObjectKind::Projection, p.id, "connector", "must be all_to_all for surrogate training");
    if (p.receptor != Receptor::Excitatory)
      fail(ObjectKind::Projection, p.id, "receptor",
           "must be exc for surrogate training (weights carry their own sign)");
    if (!p.delay.isScalar() || p.delay.scalar != 0.0)
      fail(ObjectKind::Projection, p.id, "delay", "must be 0 for surrogate training");
    if (seen.count(p.post))
      fail(ObjectKind::Projection, p.id, "post", "closes a loop; surrogate training needs a chain");
    for (const ProjectionSpec& q : net.projections)
      if (q.post == p.post && q.id != p.id)
        fail(ObjectKind::Projection, q.id, "",
             "is a second projection into '" + p.post + "'; surrogate training needs a chain");
    SurrogateLayerSpec layer = describeLayer(*net.findPopulation(p.post), m.dt);
    layer.projection = p.id;
    layer.inputs = m.layers.empty() ? m.inputSize : m.layers.back().neurons;
    if (m.layers.empty()) {
      layer.inputKind = DenseLifLayer::InputKind::ConstantCurrent;
      layer.weightScale *= inputGain;
    }
    if (p.weight.kind == ValueSpec::Kind::Array) layer.startWeights = p.weight.array;
    m.layers.push_back(std::move(layer));
    seen.insert(p.post);
    current = p.post;
  }
  for (const ProjectionSpec& p : net.projections)
    if (p.pre == m.output)
      fail(ObjectKind::Projection, p.id, "",
           "leaves the output population; surrogate training needs the output to be last");

  auto number = [&](const char* name) { return trainingParam(project, method, name); };
  auto word = [&](const char* name) { return trainingChoice(project, method, name); };
  m.steps = static_cast<int64_t>(number("steps"));
  m.batchSize = static_cast<int64_t>(number("batch_size"));
  m.adam = {number("learning_rate"), number("adam_beta1"), number("adam_beta2"),
            number("adam_epsilon")};
  m.bptt.surrogate = {*SurrogateFunction::parse(word("surrogate")),
                      static_cast<float>(number("slope"))};
  m.bptt.detachReset = word("reset_gradient") == "detached";
  m.loss.kind = *ClassificationLoss::parse(word("loss"));
  m.trainBias = word("bias") == "on";
  return m;
}

SurrogateNetwork SurrogateModel::buildNetwork(int threads) const {
  std::vector<DenseLifLayer> built;
  for (const SurrogateLayerSpec& spec : layers) {
    DenseLifLayer layer(spec.inputs, spec.neurons, spec.inputKind, spec.dynamics);
    const double bound = 1.0 / std::sqrt(static_cast<double>(spec.inputs));
    float* w = layer.weights().data();
    const int64_t count = layer.weights().size();
    if (!spec.startWeights.empty()) {
      for (int64_t e = 0; e < count; ++e)
        w[e] = static_cast<float>(spec.weightScale * spec.startWeights[static_cast<size_t>(e)]);
    } else {
      std::mt19937_64 rng = makeRandomStream(seed, "surrogate_weights", spec.projection);
      for (int64_t e = 0; e < count; ++e) w[e] = symmetricDraw(rng, bound);
    }
    Eigen::VectorXf& b = layer.bias();
    if (trainBias && !spec.iOffsetIsArray) {
      std::mt19937_64 rng = makeRandomStream(seed, "surrogate_bias", spec.population);
      for (int64_t i = 0; i < spec.neurons; ++i) b[i] = symmetricDraw(rng, bound);
    } else {
      for (int64_t i = 0; i < spec.neurons; ++i)
        b[i] = static_cast<float>(spec.biasScale *
                                  spec.iOffset[spec.iOffsetIsArray ? static_cast<size_t>(i) : 0]);
    }
    built.push_back(std::move(layer));
  }
  BpttOptions options = bptt;
  options.threads = threads;
  return SurrogateNetwork(std::move(built), steps, options, loss, trainBias);
}

void SurrogateModel::storeWeights(const SurrogateNetwork& network, Project& project) const {
  for (size_t l = 0; l < layers.size(); ++l) {
    const SurrogateLayerSpec& spec = layers[l];
    const DenseLifLayer& layer = network.layers()[l];
    std::vector<double> w(static_cast<size_t>(layer.weights().size()));
    for (size_t e = 0; e < w.size(); ++e) w[e] = layer.weights().data()[e] / spec.weightScale;
    project.network.findProjection(spec.projection)->weight = ValueSpec::perElement(std::move(w));
    if (trainBias) {
      std::vector<double> b(static_cast<size_t>(layer.neurons()));
      for (size_t i = 0; i < b.size(); ++i)
        b[i] = layer.bias()[static_cast<int64_t>(i)] / spec.biasScale;
      project.network.findPopulation(spec.population)->params["i_offset"] =
          ValueSpec::perElement(std::move(b));
    }
  }
  project.experiment.duration = static_cast<double>(steps) * dt;
}

}  // namespace snn
