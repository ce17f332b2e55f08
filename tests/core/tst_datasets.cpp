// Dataset readers on files written here: a well-formed MNIST-format folder (plain and gzipped)
// reads back exactly; truncated files, a bad magic number, corrupt gzip data, trailing bytes and
// images without matching labels give an error that names the file and the problem, never a
// crash. Plus the embedded digits' split as documented.
#include <zlib.h>

#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "TestSupport.h"
#include "data/Dataset.h"
#include "data/IdxFile.h"

using namespace snn;

namespace {

std::vector<uint8_t> idx(std::vector<uint32_t> dims, const std::vector<uint8_t>& data) {
  std::vector<uint8_t> out = {0, 0, 0x08, uint8_t(dims.size())};
  for (uint32_t d : dims)
    for (int shift : {24, 16, 8, 0}) out.push_back(uint8_t(d >> shift));
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

void writeFile(const std::string& path, const std::vector<uint8_t>& bytes, bool gzip) {
  if (gzip) {
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, bytes.data(), unsigned(bytes.size()));
    gzclose(f);
  } else {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  }
}

// A tiny MNIST-format folder: n images of 2 x 3 pixels with pixel value (sample * 10 + pixel),
// labels sample % 3.
void writeFolder(const QString& dir, int trainImages, int trainLabels, bool gzip) {
  auto images = [](int n) {
    std::vector<uint8_t> d;
    for (int s = 0; s < n; ++s)
      for (int p = 0; p < 6; ++p) d.push_back(uint8_t(s * 10 + p));
    return idx({uint32_t(n), 2, 3}, d);
  };
  auto labels = [](int n) {
    std::vector<uint8_t> d;
    for (int s = 0; s < n; ++s) d.push_back(uint8_t(s % 3));
    return idx({uint32_t(n)}, d);
  };
  const std::string gz = gzip ? ".gz" : "";
  const std::string base = dir.toStdString() + "/";
  writeFile(base + "train-images-idx3-ubyte" + gz, images(trainImages), gzip);
  writeFile(base + "train-labels-idx1-ubyte" + gz, labels(trainLabels), gzip);
  writeFile(base + "t10k-images-idx3-ubyte" + gz, images(2), gzip);
  writeFile(base + "t10k-labels-idx1-ubyte" + gz, labels(2), gzip);
}

// The message of what `f` throws, or "" when it does not.
template <class F>
std::string errorOf(F f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

class TestDatasets : public QObject {
  Q_OBJECT
 private slots:
  void wellFormedFolder_data();
  void wellFormedFolder();
  void badFiles_data();
  void badFiles();
  void countMismatch();
  void missingFile();
  void embeddedDigits();
};

void TestDatasets::wellFormedFolder_data() {
  QTest::addColumn<bool>("gzip");
  QTest::newRow("plain") << false;
  QTest::newRow("gzip") << true;
}

void TestDatasets::wellFormedFolder() {
  QFETCH(bool, gzip);
  QTemporaryDir dir;
  writeFolder(dir.path(), 5, 5, gzip);
  const DatasetSplit d = loadMnistFolder(dir.path().toStdString(), "tiny");
  QCOMPARE(d.train.size(), int64_t(5));
  QCOMPARE(d.test.size(), int64_t(2));
  QCOMPARE(d.train.height, 2);
  QCOMPARE(d.train.width, 3);
  QCOMPARE(d.train.classes, 3);
  QCOMPARE(d.train.labels[4], uint8_t(1));
  QCOMPARE(d.train.images(4, 5), (40 + 5) / 255.0f);
}

void TestDatasets::badFiles_data() {
  QTest::addColumn<QByteArray>("bytes");
  QTest::addColumn<bool>("gzip");
  QTest::addColumn<QString>("words");
  const std::vector<uint8_t> good = idx({4, 2, 2}, std::vector<uint8_t>(16, 7));
  auto bytes = [](const std::vector<uint8_t>& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), int(v.size()));
  };
  QTest::newRow("truncated data") << bytes(std::vector<uint8_t>(good.begin(), good.end() - 5))
                                  << false << "is truncated";
  QTest::newRow("truncated gzip data")
      << bytes(std::vector<uint8_t>(good.begin(), good.end() - 5)) << true << "is truncated";
  QTest::newRow("truncated header")
      << bytes(std::vector<uint8_t>(good.begin(), good.begin() + 6)) << false << "is truncated";
  QTest::newRow("empty") << QByteArray() << false << "is truncated";
  std::vector<uint8_t> magic = good;
  magic[0] = 0x1f;
  magic[1] = 0x00;
  QTest::newRow("bad magic") << bytes(magic) << false << "not an IDX file";
  std::vector<uint8_t> type = good;
  type[2] = 0x0D;  // floats
  QTest::newRow("float elements") << bytes(type) << false << "only unsigned bytes";
  std::vector<uint8_t> extra = good;
  extra.push_back(1);
  QTest::newRow("trailing bytes") << bytes(extra) << false << "bytes after the data";
  // A gzip header followed by garbage instead of deflate data.
  QTest::newRow("corrupt gzip")
      << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage-not-deflate", 30) << false
      << "corrupt";
}

void TestDatasets::badFiles() {
  QFETCH(QByteArray, bytes);
  QFETCH(bool, gzip);
  QFETCH(QString, words);
  QTemporaryDir dir;
  const std::string path = dir.path().toStdString() + "/train-images-idx3-ubyte";
  writeFile(path, std::vector<uint8_t>(bytes.begin(), bytes.end()), gzip);
  const std::string message = errorOf([&] { readIdxFile(path); });
  QVERIFY2(message.find(words.toStdString()) != std::string::npos, message.c_str());
  QVERIFY2(message.find(path) != std::string::npos, message.c_str());  // names the file
}

void TestDatasets::countMismatch() {
  QTemporaryDir dir;
  writeFolder(dir.path(), 5, 4, true);
  const std::string message = errorOf([&] { loadMnistFolder(dir.path().toStdString()); });
  QVERIFY2(message.find("has 5 images but") != std::string::npos, message.c_str());
  QVERIFY2(message.find("has 4 labels") != std::string::npos, message.c_str());
}

void TestDatasets::missingFile() {
  QTemporaryDir dir;
  writeFolder(dir.path(), 3, 3, false);
  QFile::remove(dir.path() + "/t10k-labels-idx1-ubyte");
  const std::string message = errorOf([&] { loadMnistFolder(dir.path().toStdString()); });
  QVERIFY2(message.find("t10k-labels-idx1-ubyte") != std::string::npos, message.c_str());
  QVERIFY(!errorOf([] { loadDataset("/nonexistent/folder"); }).empty());
}

void TestDatasets::embeddedDigits() {
  // resources/datasets: 1797 samples of 8 x 8, every fourth held out.
  const DatasetSplit d = loadDigits();
  QCOMPARE(d.train.size(), int64_t(1348));
  QCOMPARE(d.test.size(), int64_t(449));
  QCOMPARE(d.train.pixels(), 64);
  QCOMPARE(d.train.classes, 10);
  for (int64_t k = 0; k < d.train.images.size(); ++k)
    QVERIFY(d.train.images.data()[k] >= 0.0f && d.train.images.data()[k] <= 1.0f);
}

QTEST_GUILESS_MAIN(TestDatasets)
#include "tst_datasets.moc"
