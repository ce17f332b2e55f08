#pragma once

#include <QWidget>
#include <map>
#include <string>

#include "energy/EnergyReport.h"
#include "energy/OperationCounts.h"

class QComboBox;
class QLabel;
class QTableWidget;
class QTimer;

namespace snn::gui {

class EnergyPlot;
class NetworkDocument;
class SimulationSession;
struct ChangeEvent;

// The Energy dock: the present run's energy on every substrate (an ANN on a CMOS accelerator,
// the SNN on CMOS and on the chosen neuromorphic chip, analog crossbars) as stacked bars, with
// the table of constants and their sources. The chip and every constant are edited through
// undoable ChangeEnergy commands into the project's energy block. Counts come from the
// session's chunks (cumulative since the run started). Exports CSV and pictures. GUI thread.
class EnergyPanel : public QWidget {
  Q_OBJECT

 public:
  EnergyPanel(NetworkDocument* document, SimulationSession* session, QWidget* parent = nullptr);

  // The counts the bars show (what a chunk's counts do); the report is remade at once.
  void setCounts(const OperationCounts& counts);
  // An accuracy measured for a substrate (e.g. by an evaluation), shown under its bar.
  void setAccuracy(const std::string& substrate, double accuracy);
  const EnergyReport& report() const { return report_; }
  EnergyPlot* plot() const { return plot_; }
  QTableWidget* constantsTable() const { return table_; }
  QComboBox* chipChooser() const { return chip_; }

  // Writes substrate,chip,layer,kind,joules,joules_per_inference rows (atomically); returns
  // the reason on failure, an empty string on success.
  QString exportCsv(const QString& path) const;

 private:
  void refresh();  // the report from counts_ and the document's energy block
  void fillConstants();
  void onDocumentChanged(const ChangeEvent& event);
  void onConstantEdited(int row, int column);
  void onChipChosen(int index);
  void chooseExport(bool picture);

  NetworkDocument* document_;
  EnergyPlot* plot_;
  QComboBox* chip_;
  QComboBox* stacking_;
  QTableWidget* table_;
  QLabel* status_;
  QTimer* refreshTimer_;
  OperationCounts counts_;
  EnergyReport report_;
  std::map<std::string, double> accuracy_;
  bool filling_ = false;
};

}  // namespace snn::gui
