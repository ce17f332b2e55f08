#pragma once

#include <QWidget>

#include "AnalysisJob.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace snn::gui {

class AnalysisSession;
class NetworkDocument;
class ThemedPlot;

// The Analysis dock: measurements of the document's network made in a worker thread with a
// progress bar and Cancel (core/analysis, the same as `snnwb-cli analyze`):
//  - f–I curve: a population's firing rate against a constant injected current, the measured
//    points with the model's closed form drawn over them (LIF, IF) or joined (Izhikevich, HH);
//  - parameter sweep: any number field of any object over a range, a population's rate against it;
//  - spike statistics: a run of the project, per population the spike count, rate, neurons
//    firing, mean ISI and CV in a table, and the ISI histogram of the selected row.
// GUI thread.
class AnalysisPanel : public QWidget {
  Q_OBJECT

 public:
  enum class Tool { FiCurve, Sweep, Statistics };

  AnalysisPanel(NetworkDocument* document, QWidget* parent = nullptr);
  ~AnalysisPanel() override;

  AnalysisSession* session() const { return session_; }
  void showTool(Tool tool);
  // Sets up and starts a measurement as the controls would (for tests and lessons).
  bool measureFi(const QString& population, double fromNa, double toNa, int steps);
  bool sweep(const QString& object, const QString& field, double from, double to, int steps,
             const QString& measure);
  bool measureStatistics();
  // What the last measurement gave (for tests).
  AnalysisResultPtr lastResult() const { return last_; }
  ThemedPlot* plot() const { return plot_; }
  QTableWidget* table() const { return table_; }

 Q_SIGNALS:
  void messageReported(const QString& message);

 private:
  void refreshObjects();
  void refreshFields();
  void start();
  void onFinished(AnalysisResultPtr result);
  void drawFi(const AnalysisResult& r);
  void drawSweep(const SweepResult& r);
  void drawStatistics(const std::vector<PopulationStatistics>& stats);
  void drawHistogram(int row);

  NetworkDocument* document_;
  AnalysisSession* session_;
  AnalysisResultPtr last_;
  QTabWidget* tabs_;
  QComboBox* fiPopulation_;
  QDoubleSpinBox* fiFrom_;
  QDoubleSpinBox* fiTo_;
  QSpinBox* fiSteps_;
  QComboBox* sweepObject_;
  QComboBox* sweepField_;
  QComboBox* sweepMeasure_;
  QDoubleSpinBox* sweepFrom_;
  QDoubleSpinBox* sweepTo_;
  QSpinBox* sweepSteps_;
  QDoubleSpinBox* bin_;
  QTableWidget* table_;
  QDoubleSpinBox* duration_;
  QPushButton* start_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* message_;
  ThemedPlot* plot_;
};

}  // namespace snn::gui
