#include "Dataset.h"

#include <sstream>
#include <stdexcept>

#include "EmbeddedData.h"
#include "IdxFile.h"
#include "system/MemoryBudget.h"

namespace snn {

Dataset Dataset::head(int64_t n) const {
  if (n <= 0 || n >= size()) return *this;
  Dataset d;
  d.name = name;
  d.height = height;
  d.width = width;
  d.classes = classes;
  d.images = images.topRows(n);
  d.labels.assign(labels.begin(), labels.begin() + n);
  return d;
}

DatasetSplit loadDigits() {
  const auto gz = embeddedDigitsCsvGz();
  const std::vector<uint8_t> text = gunzip(gz.data(), gz.size(), "the embedded digits dataset");
  std::vector<std::vector<float>> rows;
  std::vector<uint8_t> labels;
  std::istringstream in(std::string(text.begin(), text.end()));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<float> values;
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, ',')) values.push_back(std::stof(field));
    if (values.size() != 65) throw std::runtime_error("the embedded digits dataset is malformed");
    labels.push_back(static_cast<uint8_t>(values.back()));
    values.pop_back();
    rows.push_back(std::move(values));
  }
  DatasetSplit split;
  for (Dataset* d : {&split.train, &split.test}) {
    d->name = "digits";
    d->height = d->width = 8;
    d->classes = 10;
  }
  const int64_t testCount = static_cast<int64_t>(rows.size()) / 4;
  split.test.images.resize(testCount, 64);
  split.train.images.resize(static_cast<int64_t>(rows.size()) - testCount, 64);
  int64_t tr = 0, te = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const bool test = i % 4 == 3;
    Dataset& d = test ? split.test : split.train;
    const int64_t r = test ? te++ : tr++;
    for (int p = 0; p < 64; ++p) d.images(r, p) = rows[i][static_cast<size_t>(p)] / 16.0f;
    d.labels.push_back(labels[i]);
  }
  return split;
}

namespace {

// Images larger than this are refused (a 4096 x 4096 image; MNIST's are 28 x 28).
constexpr uint64_t kMaxPixels = uint64_t(1) << 24;

std::filesystem::path findIdx(const std::filesystem::path& folder, const std::string& stem) {
  for (const char* suffix : {".gz", ""}) {
    std::filesystem::path p = folder / (stem + suffix);
    // A directory or FIFO under that name is found here and refused by readIdxFile.
    if (std::filesystem::exists(std::filesystem::symlink_status(p)) || std::filesystem::exists(p))
      return p;
  }
  throw std::runtime_error(
      "'" + folder.string() + "' has no " + stem + " or " + stem +
      ".gz (an MNIST-format folder needs train-images-idx3-ubyte, "
      "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)");
}

Dataset readPair(const std::filesystem::path& folder, const std::string& prefix,
                 const std::string& name) {
  const auto imagesPath = findIdx(folder, prefix + "-images-idx3-ubyte");
  const auto labelsPath = findIdx(folder, prefix + "-labels-idx1-ubyte");
  const IdxArray images = readIdxFile(imagesPath);
  const IdxArray labels = readIdxFile(labelsPath);
  if (images.dims.size() != 3)
    throw std::runtime_error("'" + imagesPath.string() +
                             "' should hold a 3-d array (samples x rows x columns)");
  if (labels.dims.size() != 1)
    throw std::runtime_error("'" + labelsPath.string() + "' should hold a 1-d array of labels");
  if (images.dims[0] != labels.dims[0])
    throw std::runtime_error("'" + imagesPath.string() + "' has " + std::to_string(images.dims[0]) +
                             " images but '" + labelsPath.string() + "' has " +
                             std::to_string(labels.dims[0]) + " labels");
  // An empty split would train on nothing and report 0 % instead of an error.
  if (images.dims[0] == 0)
    throw std::runtime_error("'" + imagesPath.string() + "' holds no images (the " +
                             (prefix == "train" ? "training" : "test") + " split is empty)");
  const uint64_t height = images.dims[1], width = images.dims[2];
  if (height == 0 || width == 0 || height * width > kMaxPixels)
    throw std::runtime_error("'" + imagesPath.string() + "' holds images of " +
                             std::to_string(height) + " x " + std::to_string(width) +
                             " pixels; expected 1 to " + std::to_string(kMaxPixels) + " pixels");
  Dataset d;
  d.name = name;
  d.height = static_cast<int>(height);
  d.width = static_cast<int>(width);
  const int64_t n = images.dims[0];
  const int64_t pixels = int64_t(d.height) * d.width;
  requireMemory(static_cast<double>(n) * static_cast<double>(pixels) * sizeof(float),
                "the images of '" + imagesPath.string() + "' as floats");
  d.images.resize(n, pixels);
  for (int64_t i = 0; i < n * pixels; ++i)
    d.images.data()[i] = images.data[static_cast<size_t>(i)] / 255.0f;
  d.labels = labels.data;
  int maxLabel = 0;
  for (uint8_t l : d.labels) maxLabel = std::max<int>(maxLabel, l);
  d.classes = maxLabel + 1;
  return d;
}

}  // namespace

DatasetSplit loadMnistFolder(const std::filesystem::path& folder, const std::string& name) {
  if (!std::filesystem::is_directory(folder))
    throw std::runtime_error(
        "dataset folder '" + folder.string() +
        (std::filesystem::exists(folder) ? "' is not a folder" : "' does not exist"));
  const std::string n = name.empty() ? folder.filename().string() : name;
  DatasetSplit split{readPair(folder, "train", n), readPair(folder, "t10k", n)};
  if (split.train.pixels() != split.test.pixels())
    throw std::runtime_error("'" + folder.string() + "': training and test images differ in size");
  split.train.classes = split.test.classes = std::max(split.train.classes, split.test.classes);
  return split;
}

DatasetSplit loadDataset(const std::string& nameOrPath) {
  if (nameOrPath == "digits") return loadDigits();
  if (nameOrPath == "fashion-mnist") {
    if (!std::filesystem::is_directory(kFashionMnistFolder))
      throw std::runtime_error(std::string("Fashion-MNIST is not installed (expected in ") +
                               kFashionMnistFolder + "; install Debian's dataset-fashion-mnist)");
    return loadMnistFolder(kFashionMnistFolder, "fashion-mnist");
  }
  return loadMnistFolder(nameOrPath);
}

}  // namespace snn
