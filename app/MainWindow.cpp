#include "MainWindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <algorithm>

#include "analysis/AnalysisPanel.h"
#include "analysis/RunRecorder.h"
#include "canvas/ModelPalette.h"
#include "canvas/NetworkScene.h"
#include "canvas/NetworkView.h"
#include "conversion/ConversionPanel.h"
#include "conversion/ConversionSession.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"
#include "energy/ConvertedEnergy.h"
#include "energy/EnergyMeter.h"
#include "energy/EnergyPanel.h"
#include "files/ImportExportController.h"
#include "files/ProjectFileController.h"
#include "files/RecoveryFile.h"
#include "inspector/InspectorPanel.h"
#include "panels/ProblemsPanel.h"
#include "plots/FeatureMapView.h"
#include "plots/FeedAnswerView.h"
#include "plots/LivePlotUpdater.h"
#include "plots/MembraneTracePlot.h"
#include "plots/PopulationRatePlot.h"
#include "plots/SpikeRasterPlot.h"
#include "session/FeedIndicator.h"
#include "session/RunControls.h"
#include "session/SimulationSession.h"
#include "style/Theme.h"
#include "teaching/LessonRunTracker.h"
#include "teaching/LessonsPanel.h"
#include "teaching/ShortcutsDialog.h"
#include "training/TrainingPanel.h"
#include "training/TrainingSession.h"
#include "training/TrainingViews.h"

using namespace snn::gui;

MainWindow::MainWindow(const QString& examplesDir) : examplesDir_(examplesDir) {
  setObjectName("MainWindow");
  setWindowIcon(themeIcon("snnwb"));
  setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

  document_ = new NetworkDocument(this);
  diagnostics_ = new ProjectDiagnostics(document_, this);
  session_ = new SimulationSession(document_, this);
  training_ = new TrainingSession(document_, this);
  // A crash or kill loses at most the last edit (issue 9).
  (new RecoveryFile(document_, this))->saveWhenStarting(session_, training_);
  scene_ = new NetworkScene(document_, diagnostics_, this);
  view_ = new NetworkView(scene_, this);
  trainingViews_ = new TrainingViews(training_, this);
  pages_ = new QTabWidget(this);
  pages_->setDocumentMode(true);
  pages_->addTab(view_, tr("Network"));
  pages_->addTab(trainingViews_, themeIcon("train"), tr("Training"));
  setCentralWidget(pages_);

  palette_ = new ModelPalette(this);
  inspector_ = new InspectorPanel(document_, scene_, this);
  problems_ = new ProblemsPanel(diagnostics_, this);
  raster_ = new SpikeRasterPlot(this);
  traces_ = new MembraneTracePlot(this);
  rates_ = new PopulationRatePlot(this);
  plots_ = new LivePlotUpdater(session_, raster_, traces_, rates_, this);
  plots_->followSelection(scene_);
  plots_->followDocument(document_);
  files_ = new ProjectFileController(document_, examplesDir, this);
  importExport_ = new ImportExportController(document_, files_, this);
  run_ = new RunControls(session_, this);
  trainingPanel_ = new TrainingPanel(document_, training_, this);
  answers_ = new FeedAnswerView(document_, session_, this);
  recorder_ = new RunRecorder(session_, this);
  lessonRun_ = new LessonRunTracker(session_, answers_, this);
  lessons_ = new LessonsPanel(document_, lessonRun_, examplesDir, this);
  analysis_ = new AnalysisPanel(document_, this);

  QDockWidget* paletteDock = addDock(palette_, tr("Models"), "paletteDock", Qt::LeftDockWidgetArea);
  QDockWidget* problemsDock =
      addDock(problems_, tr("Problems"), "problemsDock", Qt::LeftDockWidgetArea);
  QDockWidget* inspectorDock =
      addDock(inspector_, tr("Inspector"), "inspectorDock", Qt::RightDockWidgetArea);
  trainingDock_ = addDock(trainingPanel_, tr("Training"), "trainingDock", Qt::RightDockWidgetArea);
  tabifyDockWidget(inspectorDock, trainingDock_);
  inspectorDock->raise();
  QDockWidget* rasterDock =
      addDock(raster_, tr("Spike Raster"), "rasterDock", Qt::BottomDockWidgetArea);
  QDockWidget* tracesDock =
      addDock(traces_, tr("Membrane Potential"), "tracesDock", Qt::BottomDockWidgetArea);
  QDockWidget* ratesDock =
      addDock(rates_, tr("Population Rate"), "ratesDock", Qt::BottomDockWidgetArea);
  auto* featureMaps = new FeatureMapView(this);
  featureMaps->followSession(session_);
  featureMaps->followSelection(scene_);
  QDockWidget* featureMapsDock =
      addDock(featureMaps, tr("Feature Maps"), "featureMapsDock", Qt::BottomDockWidgetArea);
  connect(view_, &NetworkView::featureMapsRequested, this, [featureMaps, featureMapsDock](auto id) {
    featureMapsDock->show();
    featureMapsDock->raise();
    featureMaps->showPopulation(id);
  });
  answerDock_ = addDock(answers_, tr("Input and Answer"), "answerDock", Qt::BottomDockWidgetArea);
  lessonsDock_ = addDock(lessons_, tr("Lessons"), "lessonsDock", Qt::LeftDockWidgetArea);
  tabifyDockWidget(paletteDock, lessonsDock_);
  lessonsDock_->raise();  // a first-time user starts with the lessons (Models is one tab away)
  QDockWidget* analysisDock =
      addDock(analysis_, tr("Analysis"), "analysisDock", Qt::RightDockWidgetArea);
  tabifyDockWidget(inspectorDock, analysisDock);
  energy_ = new EnergyPanel(document_, session_, this);
  QDockWidget* energyDock = addDock(energy_, tr("Energy"), "energyDock", Qt::RightDockWidgetArea);
  tabifyDockWidget(inspectorDock, energyDock);
  conversion_ = new ConversionPanel(document_, this);
  QDockWidget* conversionDock =
      addDock(conversion_, tr("Conversion"), "conversionDock", Qt::RightDockWidgetArea);
  tabifyDockWidget(inspectorDock, conversionDock);
  connect(conversionDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
    if (!visible) QTimer::singleShot(0, this, [this] { narrowConversionDock(); });
  });
  connect(conversion_, &ConversionPanel::messageReported, this,
          [this](const QString& m) { statusBar()->showMessage(m, 6000); });
  connect(conversion_, &ConversionPanel::addedToProject, view_, &NetworkView::fitToView);
  connect(conversion_->session(), &ConversionSession::finished, energy_,
          [this](ConversionOutcome o) {
            if (o == ConversionOutcome::Completed) showConversionEnergy(*conversion_, *energy_);
          });
  inspectorDock->raise();
  splitDockWidget(rasterDock, tracesDock, Qt::Horizontal);
  splitDockWidget(rasterDock, answerDock_, Qt::Horizontal);  // the input next to its raster
  splitDockWidget(tracesDock, ratesDock, Qt::Vertical);
  tabifyDockWidget(ratesDock, featureMapsDock);
  ratesDock->raise();
  answerDock_->hide();  // shown for a run that a dataset feeds
  connect(answers_, &FeedAnswerView::relevanceChanged, answerDock_, &QDockWidget::setVisible);
  resizeDocks({rasterDock, tracesDock}, {3, 2}, Qt::Horizontal);
  resizeDocks({rasterDock}, {400}, Qt::Vertical);  // the plots are what a class reads
  resizeDocks({tracesDock, ratesDock}, {250, 150}, Qt::Vertical);  // membrane strips need room
  resizeDocks({docks_.first(), problemsDock}, {520, 140}, Qt::Vertical);
  resizeDocks({docks_.first()}, {330}, Qt::Horizontal);  // room for a lesson's page
  networkDocks_ = {paletteDock, problemsDock, rasterDock,     tracesDock,
                   ratesDock,   answerDock_,  featureMapsDock};
  createCrossbarDocks();
  inspectorDock->raise();  // the crossbar tabs, added and hidden, left the last tab in front
  connect(pages_, &QTabWidget::currentChanged, this, &MainWindow::onPageChanged);
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

  connect(problems_, &ProblemsPanel::objectActivated, this,
          [this](const QString& id) { scene_->selectObject(id.toStdString()); });
  connect(problems_, &ProblemsPanel::countChanged, this, [problemsDock](int n) {
    problemsDock->setWindowTitle(n == 0 ? tr("Problems") : tr("Problems (%1)").arg(n));
  });
  connect(palette_, &ModelPalette::modelActivated, this, [this](const QString& model) {
    view_->addPopulationAt(model, view_->mapToScene(view_->viewport()->rect().center()));
  });
  connect(session_, &SimulationSession::compileFailed, this, [this](const auto& diagnostics) {
    diagnostics_->setCompileDiagnostics(diagnostics);
    statusBar()->showMessage(
        tr("The network has problems: see the red marks and the Problems panel"), 8000);
  });
  connect(session_, &SimulationSession::messageReported, this,
          [this](const QString& m) { statusBar()->showMessage(m, 6000); });
  connect(files_, &ProjectFileController::messageReported, this,
          [this](const QString& m) { statusBar()->showMessage(m, 4000); });
  connect(importExport_, &ImportExportController::messageReported, this,
          [this](const QString& m) { statusBar()->showMessage(m, 6000); });
  connect(trainingPanel_, &TrainingPanel::messageReported, this,
          [this](const QString& m) { statusBar()->showMessage(m, 6000); });
  connect(trainingPanel_, &TrainingPanel::trainingRequested, this, &MainWindow::showTraining);
  connect(files_, &ProjectFileController::titleChanged, this, &MainWindow::updateTitle);
  connect(document_, &NetworkDocument::modifiedChanged, this, &MainWindow::updateTitle);
  connect(document_, &NetworkDocument::changed, this, [this](const ChangeEvent& e) {
    if (e.type != ChangeEvent::Type::ProjectReplaced) return;
    view_->fitToView();
    // The Training dock is for projects that say how to train them (Training › Show Training
    // Views brings it back for the others).
    trainingDock_->setVisible(document_->project().training.has_value());
  });

  QToolBar* fileBar = addToolBar(tr("File"));
  fileBar->setObjectName("fileToolBar");
  fileBar->addActions({files_->newAction(), files_->openAction(), files_->saveAction()});
  addToolBar(run_->toolBar());
  QToolBar* trainBar = addToolBar(tr("Training"));
  trainBar->setObjectName("trainingToolBar");
  trainBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  trainBar->addActions({trainingPanel_->trainAction(), trainingPanel_->cancelAction()});
  QToolBar* viewBar = addToolBar(tr("View"));
  viewBar->setObjectName("viewToolBar");
  viewBar->addActions({view_->zoomInAction(), view_->zoomOutAction(), view_->fitAction()});
  statusBar()->addPermanentWidget(new EnergyMeter(document_, session_, this));
  statusBar()->addPermanentWidget(new FeedIndicator(document_, session_, this));
  statusBar()->addPermanentWidget(run_->statusLabel());
  createMenus();
  resize(1440, 900);
  updateTitle();
}

MainWindow::~MainWindow() {
  training_->shutdown();
  session_->shutdown();
}

void MainWindow::onPageChanged() {
  // Each page keeps its own docks, as Qt Creator's modes do: the palette, the problems and the
  // run plots make way for the training views, and come back with the canvas.
  if (pages_->currentWidget() == trainingViews_) {
    networkLayout_ = saveState();  // hiding and showing docks loses their sizes
    networkDocksShown_.clear();
    for (QDockWidget* dock : networkDocks_)
      if (dock->isVisible()) {
        networkDocksShown_.append(dock);
        dock->hide();
      }
  } else {
    for (QDockWidget* dock : networkDocksShown_) dock->show();
    networkDocksShown_.clear();
    if (!networkLayout_.isEmpty()) restoreState(networkLayout_);
  }
}

void MainWindow::showConversion() {
  // Its plots want room while it is in front; the width the user had (that of the tab in front
  // now) comes back when another tab of the area is raised and before the layout is saved, so
  // the canvas stays wide. The widths of the tabs behind are stale: ask the tab bar which is in
  // front.
  QDockWidget* d = dock("conversionDock");
  QList<QDockWidget*> group = tabifiedDockWidgets(d);
  group.append(d);
  int before = 0;
  for (QTabBar* bar : findChildren<QTabBar*>(QString(), Qt::FindDirectChildrenOnly))
    for (QDockWidget* tab : group)
      if (bar->isVisible() && bar->currentIndex() >= 0 &&
          bar->tabText(bar->currentIndex()) == tab->windowTitle())
        before = tab->width();
  d->show();
  d->raise();
  if (before == 0 || before >= 620) return;  // floating, or wide enough
  if (conversionWidthBefore_ == 0) conversionWidthBefore_ = before;
  resizeDocks({d}, {620}, Qt::Horizontal);
}

void MainWindow::narrowConversionDock() {
  QDockWidget* d = dock("conversionDock");
  if (conversionWidthBefore_ == 0 || d->isFloating()) return;
  QList<QDockWidget*> group = tabifiedDockWidgets(d);
  group.append(d);
  resizeDocks(group, QList<int>(group.size(), conversionWidthBefore_), Qt::Horizontal);
  conversionWidthBefore_ = 0;
}

void MainWindow::showTraining() {
  pages_->setCurrentWidget(trainingViews_);
  trainingDock_->show();
  trainingDock_->raise();
}

QDockWidget* MainWindow::addDock(QWidget* widget, const QString& title, const QString& name,
                                 Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(name);
  dock->setWidget(widget);
  addDockWidget(area, dock);
  docks_.append(dock);
  return dock;
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(files_->newAction());
  file->addAction(files_->openAction());
  file->addMenu(files_->recentMenu());
  file->addMenu(files_->examplesMenu());
  file->addSeparator();
  file->addAction(files_->saveAction());
  file->addAction(files_->saveAsAction());
  file->addSeparator();
  file->addAction(importExport_->importAction());
  file->addAction(importExport_->exportAction());
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  undo->setIcon(themeIcon("edit-undo"));
  QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  redo->setIcon(themeIcon("edit-redo"));
  edit->addActions({undo, redo});
  edit->addSeparator();
  edit->addActions(
      {view_->cutAction(), view_->copyAction(), view_->pasteAction(), view_->deleteAction()});
  edit->addSeparator();
  edit->addAction(view_->selectAllAction());

  QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
  viewMenu->addActions({view_->zoomInAction(), view_->zoomOutAction(), view_->fitAction()});
  viewMenu->addSeparator();
  for (QDockWidget* dock : docks_) viewMenu->addAction(dock->toggleViewAction());
  viewMenu->addSeparator();
  QMenu* theme = viewMenu->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const QString current = QSettings().value("theme", "light").toString();
  for (const auto& [label, key, kind] : {std::tuple{tr("&Light"), "light", ThemeKind::Light},
                                         std::tuple{tr("&Dark"), "dark", ThemeKind::Dark}}) {
    QAction* a = theme->addAction(label, this, [key, kind] {
      applyTheme(*qApp, kind);
      QSettings().setValue("theme", key);
    });
    a->setCheckable(true);
    a->setChecked(current == key);
    themes->addAction(a);
  }

  QMenu* sim = menuBar()->addMenu(tr("&Simulation"));
  sim->addActions({run_->runAction(), run_->stepAction(), run_->stopAction(), run_->resetAction()});
  sim->addSeparator();
  sim->addAction(run_->continuousAction());

  QMenu* train = menuBar()->addMenu(tr("&Training"));
  train->addActions({trainingPanel_->trainAction(), trainingPanel_->cancelAction()});
  train->addSeparator();
  train->addActions({trainingPanel_->applyAction(), trainingPanel_->saveTrainedAction()});
  train->addSeparator();
  train->addAction(tr("Show Training &Views"), this, &MainWindow::showTraining);

  createTeachingMenus();

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Lessons"), this, [this] { showLesson(lessons_->currentLesson(), false); });
  help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this,
                  [this] { ShortcutsDialog(findChildren<QAction*>(), this).exec(); });
  help->addSeparator();
  help->addAction(tr("&About SNN Workbench"), this, [this] {
    QMessageBox::about(this, tr("About SNN Workbench"),
                       tr("<h3>SNN Workbench %1</h3><p>A workbench for spiking neural networks: "
                          "draw a network, run it, watch it spike.</p>")
                           .arg(QApplication::applicationVersion()));
  });
}

void MainWindow::updateTitle() {
  setWindowTitle(files_->documentTitle() + "[*] — SNN Workbench");
  setWindowModified(document_->isModified());
}

bool MainWindow::select(const QString& id) {
  scene_->selectObject(id.toStdString());
  return !scene_->selectedItems().isEmpty();
}

void MainWindow::restoreLayout() {
  // Once the project of the command line is open: offer what a crashed session left.
  QTimer::singleShot(0, this, [this] { findChild<RecoveryFile*>()->offerRestore(this); });
  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  run_->continuousAction()->setChecked(settings.value("run/continuous", false).toBool());
  run_->setSpeed(settings.value("run/speed", 1.0).toDouble());
  trainingPanel_->setRequest({.epochs = settings.value("training/epochs", 1).toInt(),
                              .trainLimit = settings.value("training/trainLimit", 0).toLongLong(),
                              .testLimit = settings.value("training/testLimit", 0).toLongLong()});
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!files_->maybeSave()) {
    event->ignore();
    return;
  }
  pages_->setCurrentWidget(view_);  // the dock layout saved is the Network page's
  narrowConversionDock();
  training_->shutdown();  // the trainer stops within a sample or a mini-batch
  session_->shutdown();   // the simulation between two chunks
  QSettings settings;
  const TrainingRequest request = trainingPanel_->request();
  settings.setValue("training/epochs", request.epochs);
  settings.setValue("training/trainLimit", static_cast<qlonglong>(request.trainLimit));
  settings.setValue("training/testLimit", static_cast<qlonglong>(request.testLimit));
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  settings.setValue("run/continuous", run_->continuousAction()->isChecked());
  settings.setValue("run/speed", session_->speed());
  event->accept();
}
