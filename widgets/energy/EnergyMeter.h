#pragma once

#include <QLabel>

#include "energy/OperationCounts.h"

namespace snn::gui {

class NetworkDocument;
class SimulationSession;

// The status bar's live energy meter while a network runs: the joules per simulated second on
// the project's chosen substrate (energy.substrate, snn_chip by default, on energy.chip), from
// the operation counts of each chunk the session delivers (the difference to the previous
// chunk's). Hidden until a chunk with counts arrives. GUI thread.
class EnergyMeter : public QLabel {
  Q_OBJECT

 public:
  EnergyMeter(NetworkDocument* document, SimulationSession* session, QWidget* parent = nullptr);

  // Takes the cumulative counts as of a chunk's end (what onChunk does with chunk.counts).
  void addCounts(const OperationCounts& counts);
  void restart();  // a new run: the next counts start from zero
  // The last figure shown: joules per simulated second (watts of simulated time), or 0.
  double watts() const { return watts_; }

 private:
  NetworkDocument* document_;
  OperationCounts previous_;
  double watts_ = 0.0;
};

}  // namespace snn::gui
