// The teaching part of the window's assembly: the Lessons and Analysis menus, the examples
// gallery, exporting what a run recorded, and saving traced neurons with the project. Kept apart
// from MainWindow.cpp so that file stays the assembly of the workbench's core docks.
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

#include "MainWindow.h"
#include "analysis/AnalysisPanel.h"
#include "analysis/RunRecorder.h"
#include "canvas/NetworkView.h"
#include "commands/SetMonitors.h"
#include "document/NetworkDocument.h"
#include "files/ProjectFileController.h"
#include "io/RecordingHdf5.h"
#include "session/SimulationSession.h"
#include "style/Theme.h"
#include "teaching/ExamplesGallery.h"
#include "teaching/LessonsPanel.h"
#include "training/TrainingViews.h"

using namespace snn::gui;

QDockWidget* MainWindow::dock(const QString& objectName) const {
  for (QDockWidget* d : docks_)
    if (d->objectName() == objectName) return d;
  return nullptr;
}

bool MainWindow::isTrainingPageShown() const {
  return pages_->currentWidget() == trainingViews_;
}

void MainWindow::showNetworkPage() {
  pages_->setCurrentWidget(view_);
}

void MainWindow::showLesson(int index, bool openNetwork) {
  lessonsDock_->show();
  lessonsDock_->raise();
  lessons_->showLesson(std::max(index, 0));
  if (openNetwork) lessons_->openProject();
}

void MainWindow::createTeachingMenus() {
  // File: the gallery and the export, next to Open Example.
  QMenu* file = menuBar()->actions().first()->menu();
  QAction* beforeSave = file->actions().at(file->actions().indexOf(files_->saveAction()) - 1);
  QAction* gallery = new QAction(tr("Examples &Gallery…"), this);
  gallery->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
  connect(gallery, &QAction::triggered, this, [this] {
    ExamplesGallery dialog(examplesDir_, this);
    connect(&dialog, &ExamplesGallery::exampleChosen, this, [this](const QString& path) {
      if (!files_->maybeSave()) return;
      const QString problem = files_->openExample(path);
      if (!problem.isEmpty()) QMessageBox::warning(this, tr("Open Example"), problem);
    });
    dialog.exec();
  });
  file->insertAction(beforeSave, gallery);
  QAction* exportAction = new QAction(themeIcon("export"), tr("E&xport Recording…"), this);
  exportAction->setStatusTip(tr("Write the last run's spikes or traces as CSV, or both as HDF5"));
  connect(exportAction, &QAction::triggered, this, &MainWindow::exportRecording);
  file->insertAction(beforeSave, exportAction);

  QMenu* lessons = menuBar()->addMenu(tr("&Lessons"));
  lessons->addAction(tr("Show &Lessons"), QKeySequence(tr("Ctrl+L")), this,
                     [this] { showLesson(lessons_->currentLesson(), false); });
  lessons->addAction(tr("&Open the Lesson's Network"), this, [this] { lessons_->openProject(); });
  lessons->addSeparator();
  lessons->addAction(tr("Open Lesson &Folder…"), this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("A folder of lessons"));
    if (folder.isEmpty()) return;
    const QStringList problems = lessons_->loadFolder(folder);
    if (!problems.isEmpty()) QMessageBox::warning(this, tr("Lessons"), problems.join("\n"));
    showLesson(0, false);
  });
  lessons->addAction(tr("&Reload Lessons"), this, [this] {
    const int at = lessons_->currentLesson();
    const QStringList problems = lessons_->loadFolder(lessonsDir());
    if (!problems.isEmpty()) statusBar()->showMessage(problems.join("; "), 10000);
    lessons_->showLesson(at);
  });
  connect(lessons_, &LessonsPanel::openProjectRequested, this, [this](const QString& path) {
    if (!files_->maybeSave()) return;
    const QString problem = files_->openExample(path);
    if (!problem.isEmpty()) QMessageBox::warning(this, tr("Lessons"), problem);
    showNetworkPage();
  });
  const QStringList problems = lessons_->loadFolder(lessonsDir());
  for (const QString& p : problems) qWarning("lessons: %s", qPrintable(p));

  QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
  auto tool = [this](AnalysisPanel::Tool t) {
    return [this, t] {
      QDockWidget* d = dock("analysisDock");
      d->show();
      d->raise();
      analysis_->showTool(t);
    };
  };
  analysis->addAction(tr("&f–I Curve"), this, tool(AnalysisPanel::Tool::FiCurve));
  analysis->addAction(tr("Parameter &Sweep"), this, tool(AnalysisPanel::Tool::Sweep));
  analysis->addAction(tr("Spike &Statistics (ISI, CV)"), this,
                      tool(AnalysisPanel::Tool::Statistics));
  analysis->addSeparator();
  analysis->addAction(exportAction);
  analysis->addAction(tr("Save &Traced Neurons with the Project"), this, [this] {
    if (session_->probes().empty()) {
      statusBar()->showMessage(tr("No neuron is traced: click one in the raster first"), 5000);
      return;
    }
    document_->undoStack()->push(new SetMonitors(document_, session_->probes()));
    statusBar()->showMessage(tr("The traced neurons are saved with the project as monitors"), 5000);
  });
  connect(analysis_, &AnalysisPanel::messageReported, this,
          [this](const QString& m) { statusBar()->showMessage(m, 6000); });
}

QString MainWindow::lessonsDir() const {
  return QDir(examplesDir_ + "/../lessons").absolutePath();
}

void MainWindow::exportRecording() {
  if (recorder_->isEmpty()) {
    QMessageBox::information(this, tr("Export Recording"),
                             tr("Nothing recorded yet: run the network first."));
    return;
  }
  const QString spikes = tr("Spikes as CSV (*.csv)"),
                traces = tr("Traced membranes as CSV (*.csv)"),
                hdf5 = tr("Spikes and traces as HDF5, NIR layout (*.h5)");
  QString filter = spikes;
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Recording"), "recording.csv",
                                                    spikes + ";;" + traces + ";;" + hdf5, &filter);
  if (path.isEmpty()) return;
  QString problem;
  if (filter == hdf5 || snn::isHdf5Path(path.toStdString()))
    problem = recorder_->exportHdf5(path);
  else if (filter == traces)
    problem = recorder_->exportTracesCsv(path);
  else
    problem = recorder_->exportSpikesCsv(path);
  if (!problem.isEmpty())
    QMessageBox::warning(this, tr("Export Recording"), tr("Not exported: %1").arg(problem));
  else
    statusBar()->showMessage(
        tr("Written %1%2")
            .arg(path, recorder_->isTruncated()
                           ? tr(" (the run outgrew the memory bound: its start only)")
                           : QString()),
        6000);
}
