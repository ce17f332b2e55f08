#include "ConversionSession.h"

#include <QThread>
#include <algorithm>
#include <stdexcept>

#include "conversion/ConversionEnergy.h"
#include "conversion/FsEvaluator.h"
#include "conversion/RateConverter.h"
#include "data/DatasetCache.h"
#include "model/Diagnostic.h"

namespace snn::gui {

namespace {

constexpr int64_t kChunkSamples = 250;  // cancel is checked between chunks of this many samples

// The first `n` test samples in chunks of kChunkSamples (copies: the evaluators take a Dataset).
std::vector<Dataset> chunksOf(const Dataset& test, int64_t n) {
  std::vector<Dataset> chunks;
  for (int64_t b0 = 0; b0 < n; b0 += kChunkSamples) {
    const int64_t m = std::min(kChunkSamples, n - b0);
    Dataset c;
    c.name = test.name;
    c.height = test.height;
    c.width = test.width;
    c.classes = test.classes;
    c.images = test.images.middleRows(b0, m);
    c.labels.assign(test.labels.begin() + b0, test.labels.begin() + b0 + m);
    chunks.push_back(std::move(c));
  }
  return chunks;
}

// Adds one chunk's evaluation to the running total of a T.
void accumulate(ConversionResult& total, const ConversionResult& chunk) {
  const double right =
      total.snnAccuracy * double(total.testSamples) + chunk.snnAccuracy * double(chunk.testSamples);
  total.testSamples += chunk.testSamples;
  total.snnAccuracy = total.testSamples > 0 ? right / double(total.testSamples) : 0.0;
  total.simSeconds += chunk.simSeconds;
  if (total.activity.empty()) {
    total.activity = chunk.activity;
  } else {
    for (size_t s = 0; s < total.activity.size() && s < chunk.activity.size(); ++s) {
      total.activity[s].spikes += chunk.activity[s].spikes;
      total.activity[s].synapticOps += chunk.activity[s].synapticOps;
    }
  }
  int64_t neurons = 0, spikes = 0;
  for (const StageActivity& a : total.activity) neurons += a.neurons, spikes += a.spikes;
  total.spikesPerNeuron = total.testSamples > 0 && neurons > 0
                              ? double(spikes) / (double(neurons) * double(total.testSamples))
                              : 0.0;
}

}  // namespace

bool ConversionWorker::cancelled() const {
  return cancel_->load() || QThread::currentThread()->isInterruptionRequested();
}

void ConversionWorker::run(ConversionJobPtr job) {
  try {
    const std::shared_ptr<const DatasetSplit> data = sharedDataset(job->dataset);
    if (AnnShape{1, data->test.height, data->test.width} != job->ann.input)
      throw std::invalid_argument("dataset '" + job->dataset + "' has 1x" +
                                  std::to_string(data->test.height) + "x" +
                                  std::to_string(data->test.width) + " images but ANN '" +
                                  job->annId + "' takes " + job->ann.input.toString());
    const int64_t n =
        job->testLimit > 0 ? std::min(job->testLimit, data->test.size()) : data->test.size();
    auto setup = std::make_shared<ConversionSetup>();
    setup->snn = std::make_shared<const ConvertedSnn>(
        convertToRate(job->ann, data->train, job->calibrationSamples, job->options));
    setup->annAccuracy = annTestAccuracy(job->ann, data->test, n, job->threads);
    setup->testSamples = n;
    setup->dataset = job->dataset;
    Q_EMIT prepared(setup);
    const ConvertedSnn& snn = *setup->snn;
    const std::vector<Dataset> chunks = chunksOf(data->test, n);
    const auto total = static_cast<qint64>(job->timesteps.size() * chunks.size());
    qint64 done = 0;
    const int64_t shown = std::min<int64_t>(job->diagnosticSamples, n);
    const FsCoefficients* edited = job->fsReluCode ? &*job->fsReluCode : nullptr;
    for (int t : job->timesteps) {
      auto point = std::make_shared<ConversionPoint>();
      point->result.method = job->method;
      point->result.timesteps = t;
      for (const Dataset& chunk : chunks) {
        if (cancelled()) {
          Q_EMIT finished(ConversionOutcome::Cancelled, tr("Cancelled"));
          return;
        }
        const ConversionResult r =
            job->method == "fs" ? evaluateFs(snn, chunk, chunk.size(), t, job->threads, edited)
                                : evaluateConverted(snn, chunk, chunk.size(), t, job->threads);
        accumulate(point->result, r);
        Q_EMIT progressed(++done, total);
      }
      point->result.annAccuracy = setup->annAccuracy;
      point->energy = conversionEnergy(snn, job->ann, point->result, job->energy);
      const float* first = data->test.images.data();
      point->diagnostics =
          job->method == "fs"
              ? fsDiagnostics(snn, job->ann, first, shown, t, 4000, job->threads, edited)
              : rateDiagnostics(snn, job->ann, first, shown, t, 4000, job->threads);
      Q_EMIT pointReady(point);
    }
    Q_EMIT finished(ConversionOutcome::Completed, {});
  } catch (const SpecError& e) {
    Q_EMIT finished(ConversionOutcome::Failed,
                    QString::fromStdString(joinDiagnostics(e.diagnostics())));
  } catch (const std::exception& e) {
    Q_EMIT finished(ConversionOutcome::Failed, QString::fromStdString(e.what()));
  }
}

ConversionSession::ConversionSession(QObject* parent)
    : QObject(parent),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      thread_(new ConversionWorker(cancel_), QStringLiteral("snnwb conversion"),
              [cancel = cancel_] { *cancel = true; }) {
  qRegisterMetaType<ConversionJobPtr>();
  qRegisterMetaType<ConversionSetupPtr>();
  qRegisterMetaType<ConversionPointPtr>();
  qRegisterMetaType<ConversionOutcome>();
  ConversionWorker* w = thread_.worker();
  connect(w, &ConversionWorker::prepared, this, &ConversionSession::prepared);
  connect(w, &ConversionWorker::pointReady, this, &ConversionSession::pointReady);
  connect(w, &ConversionWorker::progressed, this, &ConversionSession::progressed);
  connect(w, &ConversionWorker::finished, this,
          [this](ConversionOutcome outcome, const QString& message) {
            busy_ = false;
            Q_EMIT busyChanged(false);
            Q_EMIT finished(outcome, message);
          });
  thread_.start();
}

ConversionSession::~ConversionSession() {
  shutdown();
}

void ConversionSession::shutdown() {
  thread_.shutdown();
}

bool ConversionSession::start(ConversionJob job) {
  if (busy_) return false;
  busy_ = true;
  *cancel_ = false;
  Q_EMIT busyChanged(true);
  thread_.post([w = thread_.worker(), job = std::make_shared<const ConversionJob>(std::move(job))] {
    w->run(job);
  });
  return true;
}

void ConversionSession::cancel() {
  *cancel_ = true;
}

}  // namespace snn::gui
