#pragma once

#include <QUndoCommand>
#include <vector>

#include "document/NetworkDocument.h"
#include "session/SessionTypes.h"

namespace snn::gui {

// Saves the neurons traced in the window with the project: the project's membrane monitors
// (state monitors of "v") become one per traced population, listing its traced neurons; spike
// monitors and monitors of other variables stay. A run of the saved project (in the window or
// `snnwb-cli run --traces`) traces them again. One undo step.
class SetMonitors : public QUndoCommand {
 public:
  SetMonitors(NetworkDocument* document, const std::vector<Probe>& probes,
              QUndoCommand* parent = nullptr);

  // The monitor list `probes` gives `project`.
  static std::vector<MonitorSpec> withProbes(const Project& project,
                                             const std::vector<Probe>& probes);

  void redo() override;
  void undo() override;

 private:
  NetworkDocument* document_;
  std::vector<MonitorSpec> old_;
  std::vector<MonitorSpec> new_;
};

}  // namespace snn::gui
