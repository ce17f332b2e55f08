#pragma once

#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "energy/EnergyReport.h"
#include "energy/OperationCounts.h"
#include "model/AnnSpec.h"
#include "project/SubstrateAccuracy.h"

class QComboBox;
class QLabel;
class QTableWidget;
class QTimer;

namespace snn::gui {

class AccuracyBar;
class EnergyPlot;
class NetworkDocument;
class SimulationSession;
struct ChangeEvent;

// The Energy dock: the present run's energy on every substrate (an ANN on a CMOS accelerator,
// the SNN on CMOS and on the chosen neuromorphic chip, analog crossbars) as stacked bars, with
// the table of constants and their sources. The chip and every constant are edited through
// undoable ChangeEnergy commands into the project's energy block. Counts come from the
// session's chunks (cumulative since the run started), or from a conversion (showConversion:
// the converted network at the T chosen in the "Showing" list). Each bar has its accuracy
// beside it: for a run, measured in the background by the accuracy row (AccuracyBar) after a
// run on a dataset feed, or on demand; for a conversion, the conversion's own. "—" with a
// tooltip where there is none. Exports CSV and pictures. GUI thread.
class EnergyPanel : public QWidget {
  Q_OBJECT

 public:
  // One evaluated T of a conversion: its counts (conversionCounts) and accuracies.
  struct ConvertedPoint {
    int timesteps = 0;
    OperationCounts counts;
    double annAccuracy = 0.0, snnAccuracy = 0.0;
  };

  EnergyPanel(NetworkDocument* document, SimulationSession* session, QWidget* parent = nullptr);

  // The counts the bars show (what a chunk's counts do); the report is remade at once.
  void setCounts(const OperationCounts& counts);
  // An accuracy measured for a substrate (e.g. by an evaluation), shown under its bar; without
  // one, `note` says why (the bar shows "—").
  void setAccuracy(const std::string& substrate, std::optional<double> accuracy,
                   const std::string& note = {});
  void setAccuracies(const SubstrateAccuracies& accuracies);
  // A finished conversion of `ann`: its bars at each T, priced with the project's energy block
  // (the ANN bars from the ANN itself), shown at the largest T until a run starts.
  void showConversion(std::shared_ptr<const AnnSpec> ann, std::vector<ConvertedPoint> points);
  // Which conversion point the bars show (-1: the present run).
  int shownConversionPoint() const;
  void showConversionPoint(int index);
  AccuracyBar* accuracyBar() const { return accuracyBar_; }
  const EnergyReport& report() const { return report_; }
  EnergyPlot* plot() const { return plot_; }
  QTableWidget* constantsTable() const { return table_; }
  QComboBox* chipChooser() const { return chip_; }

  // Writes substrate,chip,layer,kind,joules,joules_per_inference rows (atomically); returns
  // the reason on failure, an empty string on success.
  QString exportCsv(const QString& path) const;

 private:
  void refresh();  // the report from counts_ (or the conversion) and the energy block
  EnergyReport convertedReport(size_t point) const;
  void fillConstants();
  void onDocumentChanged(const ChangeEvent& event);
  void onConstantEdited(int row, int column);
  void onChipChosen(int index);
  void chooseExport(bool picture);

  NetworkDocument* document_;
  EnergyPlot* plot_;
  QComboBox* chip_;
  QComboBox* stacking_;
  QComboBox* source_;  // the present run, or one T of the last conversion
  AccuracyBar* accuracyBar_;
  QTableWidget* table_;
  QLabel* status_;
  QTimer* refreshTimer_;
  OperationCounts counts_;
  EnergyReport report_;
  std::map<std::string, SubstrateAccuracy> accuracy_;  // of the run
  std::shared_ptr<const AnnSpec> convertedAnn_;
  std::vector<ConvertedPoint> converted_;
  bool filling_ = false;
};

}  // namespace snn::gui
