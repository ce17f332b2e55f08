#include "RunRecorder.h"

#include "io/RecordingHdf5.h"
#include "session/SimulationSession.h"
#include "util/QtText.h"

namespace snn::gui {

RunRecorder::RunRecorder(SimulationSession* session, QObject* parent) : QObject(parent) {
  connect(session, &SimulationSession::runStarted, this, [this](RunLayoutPtr layout) {
    recording_ = {};
    sizes_.clear();
    for (const RunPopulation& p : layout->populations) sizes_.push_back(p.size);
    kept_ = 0;
    truncated_ = false;
  });
  connect(session, &SimulationSession::recordingCleared, this, [this] {
    recording_ = {};
    kept_ = 0;
    truncated_ = false;
  });
  connect(session, &SimulationSession::chunkReady, this, [this](ChunkPtr chunk) {
    if (truncated_) return;
    int64_t values = 0;
    for (const SpikeRecord& s : chunk->spikes) values += static_cast<int64_t>(s.steps.size());
    for (const StateRecord& s : chunk->states) values += static_cast<int64_t>(s.values.size());
    if (kept_ + values > kMaxValuesKept) {
      truncated_ = true;  // what is kept is a whole prefix of the run
      return;
    }
    kept_ += values;
    SimulationChunk copy = *chunk;
    copy.countsPerStep.clear();  // rates are not exported; they are the bulk of a chunk
    recording_.append(std::move(copy));
  });
}

namespace {
template <class Write>
QString attempt(Write write) {
  try {
    write();
    return {};
  } catch (const std::exception& e) {
    return toQ(e.what());
  }
}
}  // namespace

QString RunRecorder::exportSpikesCsv(const QString& path) const {
  return attempt([&] { writeSpikeCsv(recording_, toStd(path)); });
}

QString RunRecorder::exportTracesCsv(const QString& path) const {
  return attempt([&] { writeTraceCsv(recording_, toStd(path)); });
}

QString RunRecorder::exportHdf5(const QString& path) const {
  return attempt([&] { writeRecordingHdf5(recording_, sizes_, toStd(path), true, true); });
}

}  // namespace snn::gui
