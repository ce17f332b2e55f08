#include "ObjectFields.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace snn {

namespace {

using Value = std::optional<ParamValue>;
constexpr double kInf = std::numeric_limits<double>::infinity();

ParamValue number(double v) {
  return ValueSpec::constant(v);
}
double scalar(const ParamValue& v) {
  return std::get<ValueSpec>(v).scalar;
}
const std::string& word(const ParamValue& v) {
  return std::get<std::string>(v);
}
ParamValue flag(bool on) {
  return number(on ? 1.0 : 0.0);
}

// Longest presentation or rest of a dataset feed: a day. Keeps every step count the feed
// implies far inside 64-bit integers at any time step the experiment allows.
constexpr double kMaxFeedMs = 86'400'000.0;
// Largest index of a first sample: beyond any dataset, exactly representable as a double.
constexpr double kMaxFirstSample = 1e15;

// A sample index as read: saturated to int64 (NaN to the lowest) so that the range check sees a
// value out of range instead of what an overflowing conversion would make of it.
int64_t sampleIndex(double x) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (!(x > -kTwo63)) return std::numeric_limits<int64_t>::min();
  if (x >= kTwo63) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(x);
}

// A whole-pixel setting of a conv2d or avg_pool2d connector (absent for the other types, and
// for conv2d when `only` is avg_pool2d).
Field<ProjectionSpec> shapedField(const char* name, const char* meaning, double defaultValue,
                                  double min, int64_t ConnectorSpec::*member,
                                  std::optional<ConnectorSpec::Type> only = std::nullopt) {
  auto applies = [only](const ConnectorSpec& c) { return only ? c.type == *only : c.isShaped(); };
  return {{.name = name,
           .kind = ParamKind::Scalar,
           .defaultValue = defaultValue,
           .min = min,
           .max = 4096,
           .meaning = meaning,
           .integer = true},
          [member, applies](const ProjectionSpec& p) -> Value {
            if (!applies(p.connector)) return std::nullopt;
            return number(static_cast<double>(p.connector.*member));
          },
          [member](ProjectionSpec& p, const ParamValue& v) {
            p.connector.*member = static_cast<int64_t>(scalar(v));
          }};
}

}  // namespace

const std::vector<Field<ExperimentSpec>>& experimentFields() {
  using E = ExperimentSpec;
  static const std::vector<Field<E>> fields = {
      {{.name = "dt",
        .unit = "ms",
        .kind = ParamKind::Scalar,
        .defaultValue = E{}.dt,
        .min = 0.0,
        .max = 10.0,
        .minInclusive = false,
        .meaning = "Time step of the simulation"},
       +[](const E& e) -> Value { return number(e.dt); },
       +[](E& e, const ParamValue& v) { e.dt = scalar(v); }},
      {{.name = "duration",
        .unit = "ms",
        .kind = ParamKind::Scalar,
        .defaultValue = E{}.duration,
        .min = 0.0,
        .meaning = "How long a run simulates (unless it runs continuously)",
        .effect = RunEffect::Live},
       +[](const E& e) -> Value { return number(e.duration); },
       +[](E& e, const ParamValue& v) { e.duration = scalar(v); }},
      {{.name = "seed",
        .kind = ParamKind::Scalar,
        .defaultValue = static_cast<double>(E{}.seed),
        .min = 0.0,
        .meaning = "Seed of every random stream: the same seed gives the same spikes",
        .integer = true},
       +[](const E& e) -> Value { return number(static_cast<double>(e.seed)); },
       +[](E& e, const ParamValue& v) { e.seed = static_cast<uint64_t>(scalar(v)); }},
  };
  return fields;
}

const std::vector<Field<PopulationSpec>>& populationFields() {
  using P = PopulationSpec;
  static const DatasetFeedSpec feed;
  static const std::vector<Field<P>> fields = {
      {{.name = "model",
        .kind = ParamKind::Choice,
        .meaning = "The neuron or source model (snnwb-cli models lists them)"},
       +[](const P& p) -> Value { return p.model; },
       +[](P& p, const ParamValue& v) { p.model = word(v); }},
      {{.name = "size",
        .kind = ParamKind::Scalar,
        .defaultValue = 100,
        .min = 1,
        .max = static_cast<double>(kMaxPopulationSize),
        .meaning = "Number of neurons",
        .integer = true},
       +[](const P& p) -> Value { return number(static_cast<double>(p.size)); },
       +[](P& p, const ParamValue& v) { p.size = static_cast<int64_t>(scalar(v)); }},
      {{.name = "shape",
        .kind = ParamKind::Shape,
        .meaning = "Layout of the neurons as [channels, height, width] (an image, feature maps); "
                   "its product is the size"},
       +[](const P& p) -> Value {
         if (!p.shape) return Sequence{};
         return Sequence{double(p.shape->channels), double(p.shape->height),
                         double(p.shape->width)};
       },
       +[](P& p, const ParamValue& v) {
         const Sequence& s = std::get<Sequence>(v);
         if (s.size() != 3) {
           p.shape.reset();
           return;
         }
         p.shape = TensorShape{int64_t(s[0]), int64_t(s[1]), int64_t(s[2])};
       }},
      {{.name = "feed",
        .kind = ParamKind::Flag,
        .meaning = "Dataset images shown to this encoder during any run, one after another"},
       +[](const P& p) -> Value { return flag(p.feed.has_value()); },
       +[](P& p, const ParamValue& v) {
         if (scalar(v) != 0.0 && !p.feed) p.feed = DatasetFeedSpec{};
         if (scalar(v) == 0.0) p.feed.reset();
       }},
      {{.name = "feed.dataset",
        .kind = ParamKind::Text,
        .meaning = "digits, fashion-mnist, or the path of an MNIST-format folder"},
       +[](const P& p) -> Value { return p.feed ? Value(p.feed->dataset) : std::nullopt; },
       +[](P& p, const ParamValue& v) {
         if (p.feed) p.feed->dataset = word(v);
       }},
      {{.name = "feed.split",
        .kind = ParamKind::Choice,
        .meaning = "Which samples are shown: the test or the training split",
        .choices = {"test", "train"},
        .choiceLabels = {"test samples", "training samples"}},
       +[](const P& p) -> Value { return p.feed ? Value(p.feed->split) : std::nullopt; },
       +[](P& p, const ParamValue& v) {
         if (p.feed) p.feed->split = word(v);
       }},
      {{.name = "feed.present_ms",
        .unit = "ms",
        .kind = ParamKind::Scalar,
        .defaultValue = feed.presentMs,
        .min = 0.0,
        .max = kMaxFeedMs,
        .minInclusive = false,
        .meaning = "How long each image is shown (Diehl & Cook: 350 ms)"},
       +[](const P& p) -> Value {
         return p.feed ? Value(number(p.feed->presentMs)) : std::nullopt;
       },
       +[](P& p, const ParamValue& v) {
         if (p.feed) p.feed->presentMs = scalar(v);
       }},
      {{.name = "feed.rest_ms",
        .unit = "ms",
        .kind = ParamKind::Scalar,
        .defaultValue = feed.restMs,
        .min = 0.0,
        .max = kMaxFeedMs,
        .meaning = "Silence after each image (Diehl & Cook: 150 ms)"},
       +[](const P& p) -> Value { return p.feed ? Value(number(p.feed->restMs)) : std::nullopt; },
       +[](P& p, const ParamValue& v) {
         if (p.feed) p.feed->restMs = scalar(v);
       }},
      {{.name = "feed.first",
        .kind = ParamKind::Scalar,
        .defaultValue = 0.0,
        .min = 0.0,
        .max = kMaxFirstSample,
        .meaning = "Index of the first sample shown; the next ones follow in order",
        .integer = true},
       +[](const P& p) -> Value {
         return p.feed ? Value(number(static_cast<double>(p.feed->first))) : std::nullopt;
       },
       +[](P& p, const ParamValue& v) {
         if (p.feed) p.feed->first = sampleIndex(scalar(v));
       }},
  };
  return fields;
}

const std::vector<Field<ProjectionSpec>>& projectionFields() {
  using P = ProjectionSpec;
  using T = ConnectorSpec::Type;
  static const std::vector<Field<P>> fields = {
      {{.name = "pre",
        .kind = ParamKind::Reference,
        .meaning = "The population whose spikes travel"},
       +[](const P& p) -> Value { return p.pre; },
       +[](P& p, const ParamValue& v) { p.pre = word(v); }},
      {{.name = "post", .kind = ParamKind::Reference, .meaning = "The population the spikes reach"},
       +[](const P& p) -> Value { return p.post; },
       +[](P& p, const ParamValue& v) { p.post = word(v); }},
      {{.name = "receptor",
        .kind = ParamKind::Choice,
        .meaning = "Which synaptic current of the target the spikes add their weight to",
        .choices = {"exc", "inh"},
        .choiceLabels = {"Excitatory (i_exc)", "Inhibitory (i_inh)"}},
       +[](const P& p) -> Value { return std::string(receptorName(p.receptor)); },
       +[](P& p, const ParamValue& v) {
         p.receptor = word(v) == "inh" ? Receptor::Inhibitory : Receptor::Excitatory;
       }},
      {{.name = "connector.type",
        .kind = ParamKind::Choice,
        .meaning = "How the synapses are drawn between the two populations",
        .choices = {"all_to_all", "one_to_one", "random", "fixed_in_degree", "from_list", "conv2d",
                    "avg_pool2d"},
        .choiceLabels = {"All to all", "One to one", "Random (probability p)",
                         "Fixed in-degree (n sources)", "Listed synapses",
                         "2-D convolution (shaped populations)",
                         "2-D average pooling (shaped populations)"}},
       +[](const P& p) -> Value { return std::string(connectorTypeName(p.connector.type)); },
       +[](P& p, const ParamValue& v) {
         for (T t : {T::AllToAll, T::OneToOne, T::Random, T::FixedInDegree, T::FromList, T::Conv2d,
                     T::AvgPool2d})
           if (word(v) == connectorTypeName(t)) p.connector.type = t;
       }},
      {{.name = "connector.p",
        .kind = ParamKind::Scalar,
        .defaultValue = 0.1,
        .min = 0.0,
        .max = 1.0,
        .meaning = "Probability that each pair is connected (random)"},
       +[](const P& p) -> Value {
         return p.connector.type == T::Random ? Value(number(p.connector.p)) : std::nullopt;
       },
       +[](P& p, const ParamValue& v) { p.connector.p = scalar(v); }},
      {{.name = "connector.n",
        .kind = ParamKind::Scalar,
        .defaultValue = 10,
        .min = 0.0,
        .meaning = "Number of distinct sources each target receives (fixed_in_degree)",
        .integer = true},
       +[](const P& p) -> Value {
         return p.connector.type == T::FixedInDegree
                    ? Value(number(static_cast<double>(p.connector.n)))
                    : std::nullopt;
       },
       +[](P& p, const ParamValue& v) { p.connector.n = static_cast<int64_t>(scalar(v)); }},
      {{.name = "connector.allow_self",
        .kind = ParamKind::Flag,
        .defaultValue = 1,
        .meaning = "Whether a neuron may connect to itself (a population onto itself)"},
       +[](const P& p) -> Value { return flag(p.connector.allowSelf); },
       +[](P& p, const ParamValue& v) { p.connector.allowSelf = scalar(v) != 0.0; }},
      shapedField("connector.stride_h", "Step of the window down the image (conv2d, avg_pool2d)", 1,
                  1, &ConnectorSpec::strideH),
      shapedField("connector.stride_w", "Step of the window across the image (conv2d, avg_pool2d)",
                  1, 1, &ConnectorSpec::strideW),
      shapedField("connector.pad_h",
                  "Zero rows added above and below the input (conv2d, avg_pool2d)", 0, 0,
                  &ConnectorSpec::padH),
      shapedField("connector.pad_w",
                  "Zero columns added left and right of the input (conv2d, avg_pool2d)", 0, 0,
                  &ConnectorSpec::padW),
      shapedField("connector.window_h", "Height of the pooling window (avg_pool2d)", 2, 1,
                  &ConnectorSpec::windowH, T::AvgPool2d),
      shapedField("connector.window_w", "Width of the pooling window (avg_pool2d)", 2, 1,
                  &ConnectorSpec::windowW, T::AvgPool2d),
      {{.name = "connector.kernel",
        .kind = ParamKind::Table,
        .meaning = "The convolution kernel (conv2d), stored once: a packed array of shape "
                   "[out_channels, in_channels, kernel_h, kernel_w], PyTorch's Conv2d weight; a "
                   "synapse's weight is the projection's weight times its entry"}},
      {{.name = "connector.list",
        .kind = ParamKind::Table,
        .meaning = "The synapses one by one (from_list): [pre, post], [pre, post, weight] or "
                   "[pre, post, weight, delay_ms]"}},
      {{.name = "weight",
        .unit = "nA",
        .kind = ParamKind::PerNeuron,
        .min = -kInf,
        .meaning = "Jump of the target's synaptic current per spike (negative for inhibition); a "
                   "number, uniform(a, b) / normal(m, sd), or one value per synapse; a gain for "
                   "a current source",
        .effect = RunEffect::Live},
       +[](const P& p) -> Value { return p.weight; },
       +[](P& p, const ParamValue& v) { p.weight = std::get<ValueSpec>(v); }},
      {{.name = "delay",
        .unit = "ms",
        .kind = ParamKind::PerNeuron,
        .min = 0.0,
        .meaning = "Transmission delay, rounded to whole time steps"},
       +[](const P& p) -> Value { return p.delay; },
       +[](P& p, const ParamValue& v) { p.delay = std::get<ValueSpec>(v); }},
      {{.name = "crossbar",
        .kind = ParamKind::Reference,
        .meaning = "The memristor crossbar whose devices carry the synapses (empty: ideal "
                   "synapses): the pre population's spikes are its row voltages, its column "
                   "currents what the post population receives"},
       +[](const P& p) -> Value { return p.crossbar; },
       +[](P& p, const ParamValue& v) { p.crossbar = word(v); }},
      {{.name = "plasticity",
        .kind = ParamKind::Flag,
        .meaning = "Whether the weights learn during a run (a rule and its parameters)"},
       +[](const P& p) -> Value { return flag(p.plasticity.has_value()); },
       +[](P& p, const ParamValue& v) {
         if (scalar(v) != 0.0 && !p.plasticity) p.plasticity = PlasticitySpec{};
         if (scalar(v) == 0.0) p.plasticity.reset();
       }},
      {{.name = "plasticity.rule",
        .kind = ParamKind::Choice,
        .meaning = "The learning rule (plasticity.params hold its parameters)"},
       +[](const P& p) -> Value { return p.plasticity ? Value(p.plasticity->rule) : std::nullopt; },
       +[](P& p, const ParamValue& v) {
         if (p.plasticity) p.plasticity->rule = word(v);
       }},
  };
  return fields;
}

const std::vector<Field<MonitorSpec>>& monitorFields() {
  using M = MonitorSpec;
  using T = MonitorSpec::Type;
  static const std::vector<Field<M>> fields = {
      {{.name = "type",
        .kind = ParamKind::Choice,
        .meaning = "What is recorded: spikes, a state variable, or the population rate",
        .choices = {"spikes", "state", "rate"}},
       +[](const M& m) -> Value { return std::string(monitorTypeName(m.type)); },
       +[](M& m, const ParamValue& v) {
         for (T t : {T::Spikes, T::State, T::Rate})
           if (word(v) == monitorTypeName(t)) m.type = t;
       }},
      {{.name = "target", .kind = ParamKind::Reference, .meaning = "The population recorded"},
       +[](const M& m) -> Value { return m.target; },
       +[](M& m, const ParamValue& v) { m.target = word(v); }},
      {{.name = "variable",
        .kind = ParamKind::Text,
        .meaning = "The state variable a state monitor records, e.g. v"},
       +[](const M& m) -> Value { return m.variable; },
       +[](M& m, const ParamValue& v) { m.variable = word(v); }},
      {{.name = "neurons",
        .kind = ParamKind::Table,
        .meaning = "The neurons recorded (spikes: empty means all; state: the traced ones)"}},
      {{.name = "every",
        .kind = ParamKind::Scalar,
        .defaultValue = 1,
        .min = 1,
        .meaning = "A state monitor records every k-th step",
        .integer = true},
       +[](const M& m) -> Value { return number(static_cast<double>(m.every)); },
       +[](M& m, const ParamValue& v) { m.every = static_cast<int64_t>(scalar(v)); }},
  };
  return fields;
}

const std::vector<Field<TrainingSpec>>& trainingFields() {
  using S = TrainingSpec;
  static const std::vector<Field<S>> fields = {
      {{.name = "method",
        .kind = ParamKind::Choice,
        .meaning = "How the network learns (params holds the method's parameters)",
        .effect = RunEffect::NotRun},
       +[](const S& t) -> Value { return t.method; },
       +[](S& t, const ParamValue& v) { t.method = word(v); }},
      {{.name = "dataset",
        .kind = ParamKind::Text,
        .meaning = "digits, fashion-mnist, or the path of an MNIST-format folder",
        .effect = RunEffect::NotRun},
       +[](const S& t) -> Value { return t.dataset; },
       +[](S& t, const ParamValue& v) { t.dataset = word(v); }},
      {{.name = "input",
        .kind = ParamKind::Reference,
        .meaning = "The population the dataset feeds (empty: the first source)",
        .effect = RunEffect::NotRun},
       +[](const S& t) -> Value { return t.input; },
       +[](S& t, const ParamValue& v) { t.input = word(v); }},
      {{.name = "output",
        .kind = ParamKind::Reference,
        .meaning = "The population whose spikes give the answer (empty: the last neurons)",
        .effect = RunEffect::NotRun},
       +[](const S& t) -> Value { return t.output; },
       +[](S& t, const ParamValue& v) { t.output = word(v); }},
      {{.name = "ann",
        .kind = ParamKind::Reference,
        .meaning = "Method ann: the ANN node it trains (empty: the first)",
        .effect = RunEffect::NotRun},
       +[](const S& t) -> Value { return t.ann; },
       +[](S& t, const ParamValue& v) { t.ann = word(v); }},
  };
  return fields;
}

}  // namespace snn
