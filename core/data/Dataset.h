#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace snn {

// Images with class labels, as the learning code consumes them: one row per sample, pixels in
// row-major order scaled to [0, 1].
struct Dataset {
  using Images = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  std::string name;
  int height = 0;
  int width = 0;
  int classes = 0;
  Images images;                // samples x (height * width), in [0, 1]
  std::vector<uint8_t> labels;  // one per sample, 0 .. classes - 1

  int64_t size() const { return static_cast<int64_t>(labels.size()); }
  int pixels() const { return height * width; }
  // The first n samples (all if n <= 0 or n >= size()).
  Dataset head(int64_t n) const;
};

struct DatasetSplit {
  Dataset train;
  Dataset test;
};

// The 8x8 handwritten digits compiled into the library (resources/datasets/README.md): 1797
// samples, every fourth one (index % 4 == 3) held out as the test set: 1348 train, 449 test.
DatasetSplit loadDigits();

// An MNIST-format folder: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-...,
// t10k-labels-... , each optionally gzipped (.gz). Throws std::runtime_error naming the file and
// what is wrong with it.
DatasetSplit loadMnistFolder(const std::filesystem::path& folder, const std::string& name = "");

// Where Debian's dataset-fashion-mnist package installs Fashion-MNIST.
inline const char* kFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

// "digits", "fashion-mnist", or the path of an MNIST-format folder.
DatasetSplit loadDataset(const std::string& nameOrPath);

}  // namespace snn
