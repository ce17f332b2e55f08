// Hostile dataset files: an IDX header that claims more than its file holds is refused as
// truncated before anything that size is allocated (checked under an address-space limit of
// 512 MB above what the test uses, where allocating the claim throws std::bad_alloc); a gzip
// stream that ends early says so; an empty split, a directory or a FIFO where a file should be
// each get their own message naming the path, and the FIFO does not hang the reader.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <future>
#include <random>

#include "AddressSpaceLimit.h"
#include "TestSupport.h"
#include "data/Dataset.h"
#include "data/IdxFile.h"

using namespace snn;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes idx(std::vector<uint32_t> dims, const Bytes& data) {
  Bytes out = {0, 0, 0x08, uint8_t(dims.size())};
  for (uint32_t d : dims)
    for (int shift : {24, 16, 8, 0}) out.push_back(uint8_t(d >> shift));
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

Bytes gzipped(const Bytes& plain) {
  uLongf size = compressBound(uLong(plain.size())) + 64;
  Bytes out(size);
  z_stream s{};
  deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  s.next_in = const_cast<Bytef*>(plain.data());
  s.avail_in = uInt(plain.size());
  s.next_out = out.data();
  s.avail_out = uInt(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

Bytes randomBytes(size_t n) {
  std::mt19937 rng(7);
  Bytes b(n);
  for (uint8_t& x : b) x = uint8_t(rng());
  return b;
}

void writeFile(const std::string& path, const Bytes& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// What reading `path` under the address-space limit throws: the message, "bad_alloc" when it
// tried to allocate what the file claims, or "" when it read the file.
std::string readError(const std::string& path) {
  test::AddressSpaceLimit limit(512e6);
  try {
    readIdxFile(path);
  } catch (const std::bad_alloc&) {
    return "bad_alloc";
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

std::string loadError(const QString& folder) {
  try {
    loadMnistFolder(folder.toStdString());
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

// A well-formed folder of `train` and `test` images of 2 x 3 pixels.
void writeFolder(const QString& dir, uint32_t train, uint32_t test) {
  const std::string base = dir.toStdString() + "/";
  writeFile(base + "train-images-idx3-ubyte", idx({train, 2, 3}, Bytes(train * 6, 7)));
  writeFile(base + "train-labels-idx1-ubyte", idx({train}, Bytes(train, 1)));
  writeFile(base + "t10k-images-idx3-ubyte", idx({test, 2, 3}, Bytes(test * 6, 7)));
  writeFile(base + "t10k-labels-idx1-ubyte", idx({test}, Bytes(test, 1)));
}

}  // namespace

class TestIdxLimits : public QObject {
  Q_OBJECT
 private slots:
  void claimsAreCheckedBeforeAllocating_data();
  void claimsAreCheckedBeforeAllocating();
  void emptySplitIsAnError_data();
  void emptySplitIsAnError();
  void directoryIsReportedAsDirectory();
  void fifoIsRefusedWithoutHanging();
};

void TestIdxLimits::claimsAreCheckedBeforeAllocating_data() {
  QTest::addColumn<QByteArray>("bytes");
  QTest::addColumn<QString>("expected");
  auto row = [](const char* name, const Bytes& b, const char* expected) {
    QTest::newRow(name) << QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()))
                        << QString(expected);
  };
  // 16 bytes claiming 2^34 bytes (65536 images of 512 x 512).
  const Bytes huge = idx({65536, 512, 512}, {});
  row("16-byte file claims 16 GiB", huge, "truncated");
  row("16-byte file claims 16 GiB, gzipped", gzipped(huge), "truncated");
  // A 28-byte label file whose count byte changed: 20 labels become 3 000 000 020.
  Bytes labels = idx({20}, Bytes(20, 3));
  labels[4] = 0xB2;
  labels[5] = 0xD0;
  labels[6] = 0x5E;
  row("28-byte label file claims 3 GB", labels, "truncated");
  row("28-byte label file claims 3 GB, gzipped", gzipped(labels), "truncated");
  // Incompressible data: the claim passes the deflate-ratio check and the stream ends early.
  row("gzip stream with half the data", gzipped(idx({1000, 28, 28}, randomBytes(392000))),
      "ends after 392000 of the 784000 bytes");
  Bytes cut = gzipped(idx({1000, 28, 28}, randomBytes(784000)));
  cut.resize(cut.size() / 2);
  row("gzip stream cut in half", cut, "truncated");
}

void TestIdxLimits::claimsAreCheckedBeforeAllocating() {
  QFETCH(QByteArray, bytes);
  QFETCH(QString, expected);
  QTemporaryDir dir;
  const std::string path = dir.filePath("train-images-idx3-ubyte").toStdString();
  writeFile(path, Bytes(bytes.begin(), bytes.end()));
  const std::string error = readError(path);
  QVERIFY2(error != "bad_alloc", "allocated what the header claims before checking the file");
  QVERIFY2(error.find(expected.toStdString()) != std::string::npos, error.c_str());
  QVERIFY2(error.find(path) != std::string::npos, error.c_str());
}

void TestIdxLimits::emptySplitIsAnError_data() {
  QTest::addColumn<uint32_t>("train");
  QTest::addColumn<uint32_t>("test");
  QTest::addColumn<QString>("file");
  QTest::newRow("empty training split") << 0u << 4u << "train-images-idx3-ubyte";
  QTest::newRow("empty test split") << 4u << 0u << "t10k-images-idx3-ubyte";
}

void TestIdxLimits::emptySplitIsAnError() {
  QFETCH(uint32_t, train);
  QFETCH(uint32_t, test);
  QFETCH(QString, file);
  QTemporaryDir dir;
  writeFolder(dir.path(), train, test);
  const std::string error = loadError(dir.path());
  QVERIFY2(error.find(file.toStdString()) != std::string::npos, error.c_str());
  QVERIFY2(error.find("no images") != std::string::npos, error.c_str());
}

void TestIdxLimits::directoryIsReportedAsDirectory() {
  QTemporaryDir dir;
  writeFolder(dir.path(), 4, 4);
  QFile::remove(dir.filePath("train-labels-idx1-ubyte"));
  QVERIFY(QDir(dir.path()).mkdir("train-labels-idx1-ubyte"));
  const std::string error = loadError(dir.path());
  QVERIFY2(error.find("train-labels-idx1-ubyte' is a directory") != std::string::npos,
           error.c_str());
  QVERIFY2(error.find("corrupt") == std::string::npos, error.c_str());
}

void TestIdxLimits::fifoIsRefusedWithoutHanging() {
  QTemporaryDir dir;
  writeFolder(dir.path(), 4, 4);
  const QString fifo = dir.filePath("t10k-images-idx3-ubyte");
  QFile::remove(fifo);
  QVERIFY(mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
  auto error = std::async(std::launch::async, [&] { return loadError(dir.path()); });
  if (error.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    // Release the reader blocked in open() so the test can end, then fail.
    const int fd = ::open(fifo.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
    error.wait();
    QFAIL("reading a FIFO in place of a file hangs");
  }
  const std::string message = error.get();
  QVERIFY2(message.find("t10k-images-idx3-ubyte' is a FIFO") != std::string::npos, message.c_str());
}

QTEST_GUILESS_MAIN(TestIdxLimits)
#include "tst_idxlimits.moc"
