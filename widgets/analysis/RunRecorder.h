#pragma once

#include <QObject>
#include <QString>
#include <vector>

#include "io/RecordingCsv.h"
#include "session/SessionTypes.h"

namespace snn::gui {

class SimulationSession;

// Keeps what the window's run recorded — every population's spikes and the traced neurons'
// membranes, chunk by chunk from t = 0 — so it can be exported after the run (CSV, or HDF5 in
// NIR's layout: io/RecordingCsv.h, io/RecordingHdf5.h), within a memory bound past which it stops
// keeping (and says so). GUI thread.
class RunRecorder : public QObject {
  Q_OBJECT

 public:
  static constexpr int64_t kMaxValuesKept = 40'000'000;  // spikes + samples, ~400 MB at most

  explicit RunRecorder(SimulationSession* session, QObject* parent = nullptr);

  bool isEmpty() const { return recording_.chunks().empty(); }
  bool isTruncated() const { return truncated_; }
  // Writes the spikes (CSV: population,neuron,time_ms), the traces (CSV:
  // population,variable,neuron,time_ms,value) or both as HDF5; the reason on failure.
  QString exportSpikesCsv(const QString& path) const;
  QString exportTracesCsv(const QString& path) const;
  QString exportHdf5(const QString& path) const;

 private:
  Recording recording_;
  std::vector<int64_t> sizes_;
  int64_t kept_ = 0;
  bool truncated_ = false;
};

}  // namespace snn::gui
