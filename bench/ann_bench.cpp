// The ANN engine's side of bench/ann_vs_pytorch.py (not a test: it prints figures, asserts
// nothing).
//
//   snnwb-bench-ann evaluate MODEL.onnx [--dataset D] [--threads N] [--batch B]
//                   [--predictions FILE]
//       imports an ONNX model, classifies the dataset's test images and prints one JSON line:
//       {"model", "layers", "test_acc", "test_samples", "import_s", "forward_s",
//        "images_per_s", "disagreements"} (disagreements: test images whose predicted class
//       differs from FILE's, one byte per image, as bench/ann_fashion_pytorch.py writes them).
//   snnwb-bench-ann train-cnn [--dataset D] [--epochs N] [--threads N] [--batch B] [--lr LR]
//                   [--seed S] [--train-limit N] [--init MODEL.onnx] [--no-shuffle]
//       trains the benchmark CNN (the network of bench/ann_fashion_pytorch.py's "cnn": two
//       conv 5x5 - ReLU - avg pool 2 stages of 16 and 32 channels, dense 128, ReLU, dense 10)
//       with Adam and prints one JSON line per epoch: {"epoch", "train_s", "train_cpu_s",
//       "train_acc", "test_acc", "loss", "test_forward_s"} (train_cpu_s: the process's CPU
//       time over the epoch's training, all threads). --init starts from an ONNX model's weights
//       (the same network, e.g. PyTorch's initial one), --no-shuffle takes the samples in order.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "ann/AnnModel.h"
#include "data/Dataset.h"
#include "io/OnnxImporter.h"
#include "learning/AnnTrainer.h"

using namespace snn;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Options {
  std::string command, model, dataset = "fashion-mnist", predictions, init;
  bool shuffle = true;
  int threads = 2, epochs = 1;
  int64_t batch = 128, trainLimit = 0;
  double lr = 1e-3;
  uint64_t seed = 1;
};

Options parse(int argc, char** argv) {
  Options o;
  if (argc < 2)
    throw std::runtime_error("usage: snnwb-bench-ann evaluate MODEL.onnx | train-cnn [options]");
  o.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--dataset")
      o.dataset = value();
    else if (a == "--threads")
      o.threads = std::stoi(value());
    else if (a == "--epochs")
      o.epochs = std::stoi(value());
    else if (a == "--batch")
      o.batch = std::stoll(value());
    else if (a == "--lr")
      o.lr = std::stod(value());
    else if (a == "--seed")
      o.seed = std::stoull(value());
    else if (a == "--train-limit")
      o.trainLimit = std::stoll(value());
    else if (a == "--predictions")
      o.predictions = value();
    else if (a == "--init")
      o.init = value();
    else if (a == "--no-shuffle")
      o.shuffle = false;
    else if (o.model.empty() && a.rfind("--", 0) != 0)
      o.model = a;
    else
      throw std::runtime_error("unknown argument " + a);
  }
  return o;
}

// The classes of every test image, and the seconds the forward passes took.
double classify(AnnModel& model, const Dataset& test, int64_t batch,
                std::vector<int32_t>& predicted) {
  predicted.assign(static_cast<size_t>(test.size()), 0);
  const auto start = Clock::now();
  model.predict(test.images.data(), test.size(), predicted.data(), batch);
  return secondsSince(start);
}

int evaluate(const Options& o) {
  const auto start = Clock::now();
  const OnnxImport imported = importOnnx(o.model);
  const double importSeconds = secondsSince(start);
  const DatasetSplit data = loadDataset(o.dataset);
  AnnModel model(imported.spec);
  model.setThreads(o.threads);
  std::vector<int32_t> predicted;
  classify(model, data.test, o.batch, predicted);  // warm-up: first touch of every buffer
  const double forward = classify(model, data.test, o.batch, predicted);
  int64_t correct = 0;
  for (int64_t i = 0; i < data.test.size(); ++i)
    correct += predicted[size_t(i)] == data.test.labels[size_t(i)];
  nlohmann::json out{{"model", o.model},
                     {"layers", imported.spec.layers.size()},
                     {"test_acc", double(correct) / double(data.test.size())},
                     {"test_samples", data.test.size()},
                     {"import_s", importSeconds},
                     {"forward_s", forward},
                     {"images_per_s", double(data.test.size()) / forward}};
  if (!o.predictions.empty()) {
    std::ifstream in(o.predictions, std::ios::binary);
    std::string theirs((std::istreambuf_iterator<char>(in)), {});
    if (int64_t(theirs.size()) != data.test.size())
      throw std::runtime_error(o.predictions + ": expected one byte per test image");
    int64_t differ = 0;
    for (int64_t i = 0; i < data.test.size(); ++i)
      differ += uint8_t(theirs[size_t(i)]) != predicted[size_t(i)];
    out["disagreements"] = differ;
  }
  std::cout << out.dump() << std::endl;
  return 0;
}

AnnLayerSpec layer(const std::string& id, AnnLayerType type) {
  AnnLayerSpec l;
  l.id = id;
  l.type = type;
  for (const ParamInfo& p : annLayerParams(type)) setAnnLayerParam(l, p.name, p.defaultValue);
  return l;
}

AnnSpec benchmarkCnn() {
  AnnSpec s;
  s.input = {1, 28, 28};
  auto conv = [](const char* id, int channels) {
    AnnLayerSpec c = layer(id, AnnLayerType::Conv2d);
    c.outChannels = channels;
    c.kernelH = c.kernelW = 5;
    c.padTop = c.padLeft = c.padBottom = c.padRight = 2;
    return c;
  };
  AnnLayerSpec fc1 = layer("fc1", AnnLayerType::Dense), fc2 = layer("fc2", AnnLayerType::Dense);
  fc1.units = 128;
  fc2.units = 10;
  s.layers = {conv("conv1", 16),
              layer("relu1", AnnLayerType::Relu),
              layer("pool1", AnnLayerType::AvgPool2d),
              conv("conv2", 32),
              layer("relu2", AnnLayerType::Relu),
              layer("pool2", AnnLayerType::AvgPool2d),
              layer("flatten", AnnLayerType::Flatten),
              fc1,
              layer("relu3", AnnLayerType::Relu),
              fc2};
  return s;
}

int trainCnn(const Options& o) {
  AnnTrainingSettings settings;
  settings.batchSize = o.batch;
  settings.learningRate = o.lr;
  settings.seed = o.seed;
  settings.shuffle = o.shuffle;
  AnnSpec spec = benchmarkCnn();
  if (!o.init.empty()) {
    spec = importOnnx(o.init).spec;
    if (spec.layers.size() != benchmarkCnn().layers.size())
      throw std::runtime_error(o.init + " is not the benchmark CNN");
  }
  DatasetSplit data = loadDataset(o.dataset);
  AnnTrainer trainer(spec, std::move(data), settings,
                     {.threads = o.threads, .trainLimit = o.trainLimit});
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const std::clock_t cpu = std::clock();
    EpochReport r = trainer.trainEpoch(epoch, {});
    const std::clock_t cpuEvaluated = std::clock();
    const auto start = Clock::now();
    trainer.evaluate();
    const double forward = secondsSince(start);
    // trainEpoch() ends with the same evaluation: its CPU time taken off.
    const double cpuSeconds =
        double((cpuEvaluated - cpu) - (std::clock() - cpuEvaluated)) / CLOCKS_PER_SEC;
    std::cout << nlohmann::json{{"epoch", epoch},
                                {"train_s", r.trainSeconds},
                                {"train_cpu_s", cpuSeconds},
                                {"train_acc", r.trainAccuracy},
                                {"test_acc", r.testAccuracy},
                                {"loss", r.loss},
                                {"test_forward_s", forward}}
                     .dump()
              << std::endl;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    if (o.command == "evaluate") return evaluate(o);
    if (o.command == "train-cnn") return trainCnn(o);
    throw std::runtime_error("unknown command " + o.command);
  } catch (const std::exception& e) {
    std::cerr << "snnwb-bench-ann: " << e.what() << "\n";
    return 2;
  }
}
