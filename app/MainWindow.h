#pragma once

#include <QMainWindow>

class QDockWidget;
class QTabWidget;

namespace snn::gui {
class AnalysisPanel;
class ConversionPanel;
class EnergyPanel;
class CrossbarPanel;
class FeedAnswerView;
class LessonRunTracker;
class LessonsPanel;
class RunRecorder;
class InspectorPanel;
class LivePlotUpdater;
class MembraneTracePlot;
class ModelPalette;
class NetworkDocument;
class NetworkScene;
class NetworkView;
class PopulationRatePlot;
class ProblemsPanel;
class ProjectDiagnostics;
class ImportExportController;
class ProjectFileController;
class RunControls;
class SimulationSession;
class SpikeRasterPlot;
class TrainingPanel;
class TrainingSession;
class TrainingViews;
}  // namespace snn::gui

// The workbench window. It assembles what snn_widgets provides (the document, the session, the
// canvas, the inspector, the plots and the panels) into docks, menus and tool bars, and keeps
// the window's geometry and dock layout in QSettings. It holds no logic of its own.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(const QString& examplesDir);
  ~MainWindow() override;

  snn::gui::ProjectFileController* files() const { return files_; }
  snn::gui::ImportExportController* importExport() const { return importExport_; }
  snn::gui::SimulationSession* session() const { return session_; }
  snn::gui::LivePlotUpdater* plots() const { return plots_; }
  snn::gui::TrainingSession* training() const { return training_; }
  snn::gui::TrainingPanel* trainingPanel() const { return trainingPanel_; }
  snn::gui::TrainingViews* trainingViews() const { return trainingViews_; }
  // Brings the training views and the Training dock to the front.
  void showTraining();
  // Selects a population or projection on the canvas; false if there is none of that id.
  bool select(const QString& id);
  // Restores the saved geometry and dock layout (not for screenshots: they use the default).
  void restoreLayout();
  snn::gui::NetworkDocument* document() const { return document_; }
  snn::gui::LessonsPanel* lessons() const { return lessons_; }
  snn::gui::AnalysisPanel* analysis() const { return analysis_; }
  snn::gui::ConversionPanel* conversion() const { return conversion_; }
  snn::gui::EnergyPanel* energy() const { return energy_; }
  // Brings the Conversion dock to the front, wide enough for its plots.
  void showConversion();
  void narrowConversionDock();
  snn::gui::FeedAnswerView* answers() const { return answers_; }
  snn::gui::MembraneTracePlot* traces() const { return traces_; }
  snn::gui::RunRecorder* recorder() const { return recorder_; }
  QDockWidget* dock(const QString& objectName) const;
  // Shows the Lessons dock on lesson `index` (and opens its network when `openNetwork`).
  void showLesson(int index, bool openNetwork);
  bool isTrainingPageShown() const;
  void showNetworkPage();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  QDockWidget* addDock(QWidget* widget, const QString& title, const QString& name,
                       Qt::DockWidgetArea area);
  void createMenus();
  void createTeachingMenus();  // Lessons, Analysis, the gallery, export, shortcuts
  void createCrossbarDocks();  // MainWindowCrossbars.cpp
  void exportRecording();
  QString lessonsDir() const;  // next to the examples
  void updateTitle();
  void onPageChanged();

  snn::gui::NetworkDocument* document_;
  snn::gui::ProjectDiagnostics* diagnostics_;
  snn::gui::SimulationSession* session_;
  snn::gui::NetworkScene* scene_;
  snn::gui::NetworkView* view_;
  snn::gui::ModelPalette* palette_;
  snn::gui::InspectorPanel* inspector_;
  snn::gui::ProblemsPanel* problems_;
  snn::gui::SpikeRasterPlot* raster_;
  snn::gui::MembraneTracePlot* traces_;
  snn::gui::PopulationRatePlot* rates_;
  snn::gui::LivePlotUpdater* plots_;
  snn::gui::ProjectFileController* files_;
  snn::gui::ImportExportController* importExport_;
  snn::gui::RunControls* run_;
  snn::gui::TrainingSession* training_;
  snn::gui::TrainingPanel* trainingPanel_;
  snn::gui::TrainingViews* trainingViews_;
  QTabWidget* pages_;  // the canvas and the training views
  QDockWidget* trainingDock_;
  QList<QDockWidget*> docks_;
  QList<QDockWidget*> networkDocks_;       // make way for the training views
  QList<QDockWidget*> networkDocksShown_;  // which were open when the Training page came up
  int conversionWidthBefore_ = 0;  // the right dock area's width before showConversion widened it
  QByteArray networkLayout_;  // the Network page's dock sizes, put back after the Training page
  QString examplesDir_;
  snn::gui::FeedAnswerView* answers_;
  snn::gui::LessonRunTracker* lessonRun_;
  snn::gui::LessonsPanel* lessons_;
  snn::gui::AnalysisPanel* analysis_;
  snn::gui::RunRecorder* recorder_;
  QDockWidget* answerDock_;
  QDockWidget* lessonsDock_;
  snn::gui::CrossbarPanel* crossbars_ = nullptr;
  snn::gui::ConversionPanel* conversion_ = nullptr;
  snn::gui::EnergyPanel* energy_ = nullptr;
};
