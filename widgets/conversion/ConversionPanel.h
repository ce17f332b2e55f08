#pragma once

#include <QList>
#include <QWidget>

#include "ConversionJob.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace snn::gui {

class AccuracyTimestepsPlot;
class ActivationRatePlot;
class ConversionLayerTable;
class ConversionSession;
class DatasetChooser;
class EnergyTimestepsPlot;
class FsCodeView;
class NetworkDocument;

// The Conversion dock (issue 10, "In the window"): an ANN node of the document converted to a
// spiking network and evaluated as `snnwb-cli convert` does, in the worker thread with progress
// and Cancel. Choose the ANN, the method (rate: IF neurons; fs: few-spike neurons), the
// normalisation (max or the p-th percentile), the T values (K for fs), the dataset and how many
// test samples. While it runs:
//  - Accuracy: the SNN's accuracy against T, one point per T as it is evaluated, the ANN's as a
//    line;
//  - Layers: per layer its shape, normalisation factor lambda and spikes per neuron at each T;
//  - Activation vs rate: per layer and T, the ANN activation against the SNN's rate;
//  - FS code: the K-step few-spike approximation of ReLU, coefficients editable;
//  - Energy: energy per inference per substrate against T, with the accuracy.
// "Convert to project" adds the converted SNN (rate) to the canvas as one undoable edit: the
// input population and one population of IF neurons per layer, with their shapes. The
// conversion never edits the document by itself. GUI thread.
class ConversionPanel : public QWidget {
  Q_OBJECT

 public:
  enum class Tab { Accuracy, Layers, Scatter, FsCode, Energy };

  ConversionPanel(NetworkDocument* document, QWidget* parent = nullptr);
  ~ConversionPanel() override;

  ConversionSession* session() const { return session_; }
  NetworkDocument* document() const { return document_; }
  // Sets the controls as given and starts, as the Convert button does (for tests, lessons and
  // screenshots; an empty ann or dataset keeps the one chosen); false when it did not start
  // (busy, no ANN, a bad T list: message() says why).
  bool convert(const QString& ann, const QString& method, const QList<int>& timesteps,
               const QString& dataset, qint64 testLimit);
  // Adds the last conversion's SNN at `timesteps` (0: the largest T run) to the document as
  // one undo step; the reason when it cannot (nothing converted, method fs), else empty.
  QString convertToProject(int timesteps = 0);
  void showTab(Tab tab);

  // What the dock shows (for tests).
  AccuracyTimestepsPlot* accuracyPlot() const { return accuracy_; }
  ActivationRatePlot* scatterPlot() const { return scatter_; }
  EnergyTimestepsPlot* energyPlot() const { return energy_; }
  FsCodeView* fsCode() const { return fsCode_; }
  ConversionLayerTable* layerTable() const { return layers_; }
  QString message() const;
  ConversionSetupPtr setup() const { return setup_; }
  const ConversionJob& lastJob() const { return lastJob_; }  // the ANN and settings of points()
  const QList<ConversionPointPtr>& points() const { return points_; }

 Q_SIGNALS:
  void messageReported(const QString& message);
  // Convert to project added the SNN to the document (the canvas may make room for it).
  void addedToProject();

 private:
  QWidget* buildControls();
  void refreshAnns();
  void forget();
  void onMethodChanged();
  void start();
  void onPrepared(ConversionSetupPtr setup);
  void onPoint(ConversionPointPtr point);
  void onFinished(ConversionOutcome outcome, const QString& message);
  void fillLayerTable();
  void showScatter();
  void chooseEnergyExport(bool picture);

  NetworkDocument* document_;
  ConversionSession* session_;
  QComboBox* ann_;
  QComboBox* method_;
  QComboBox* norm_;
  QDoubleSpinBox* percentile_;
  QLineEdit* timesteps_;
  DatasetChooser* dataset_;
  QString datasetName_ = "digits";
  QSpinBox* testLimit_;
  QPushButton* start_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* message_;
  QTabWidget* tabs_;
  AccuracyTimestepsPlot* accuracy_;
  ConversionLayerTable* layers_;
  QComboBox* scatterLayer_;
  QComboBox* scatterSteps_;
  ActivationRatePlot* scatter_;
  FsCodeView* fsCode_;
  EnergyTimestepsPlot* energy_;
  QPushButton* toProject_;
  ConversionJob lastJob_;
  ConversionSetupPtr setup_;
  QList<ConversionPointPtr> points_;
  bool stale_ = false;  // the document was replaced: ignore what the running job reports
};

}  // namespace snn::gui
