#pragma once

#include <QWidget>
#include <string>

#include "CrossbarSnapshot.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QTimer;

namespace snn::gui {

class ConductanceHistogram;
class CrossbarMapPlot;
class CrossbarProbe;
class NetworkDocument;
struct ChangeEvent;

// The Crossbar dock: one crossbar of the project at a time (chosen in its list, or by selecting
// its node), one tile of it at a time — its conductance heat map (µS) with the faulty devices
// marked, the IR-drop map of its last read (the row-wire voltage at each cell), and the
// histogram of its devices' conductances against the target levels.
//
// While no run goes, it shows the crossbars as compiling programs them (CrossbarProbe, in a
// worker thread, again after every edit); during a run, the snapshots the simulation worker
// takes after each chunk (setRunSnapshots). Clicking a device makes it stuck ON (Shift: OFF), or
// frees a device marked stuck: one undoable edit of the crossbar's stuck_cells. GUI thread.
class CrossbarPanel : public QWidget {
  Q_OBJECT

 public:
  explicit CrossbarPanel(NetworkDocument* document, QWidget* parent = nullptr);
  ~CrossbarPanel() override;

  // Shows crossbar `id` (if the project has it).
  void showCrossbar(const std::string& id);
  // Snapshots taken during a run (empty pointer: the run ended; back to the programmed view).
  void setRunSnapshots(CrossbarSnapshotsPtr snapshots);
  // Asks for the programmed view again now (instead of after the edit pause).
  void refreshNow();

  const std::string& crossbar() const { return crossbar_; }
  const CrossbarSnapshot* shown() const;  // the snapshot drawn, or null
  int tile() const;
  CrossbarMapPlot* conductanceMap() const { return conductance_; }
  CrossbarMapPlot* voltageMap() const { return voltage_; }
  ConductanceHistogram* histogram() const { return histogram_; }
  // What a click on device (row, col) does (see cellClicked).
  void clickCell(int64_t row, int64_t col, bool shift);

 Q_SIGNALS:
  // Snapshots arrived and were drawn.
  void snapshotsShown();

 private:
  void onDocumentChanged(const ChangeEvent& event);
  void showSnapshots(CrossbarSnapshotsPtr snapshots);
  void fillChoices();
  void draw();

  NetworkDocument* document_;
  CrossbarProbe* probe_;
  QTimer* edits_;
  QComboBox* choice_;
  QSpinBox* tileBox_;
  QLabel* status_;
  CrossbarMapPlot* conductance_;
  CrossbarMapPlot* voltage_;
  ConductanceHistogram* histogram_;
  CrossbarSnapshotsPtr snapshots_;
  bool live_ = false;  // run snapshots are coming
  std::string crossbar_;
};

}  // namespace snn::gui
