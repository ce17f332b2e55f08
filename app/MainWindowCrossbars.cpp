// MainWindow's crossbar docks (issue 11, "In the window"): the Crossbar dock with the live views
// of one crossbar, and the twin run and sweep views. Kept apart from MainWindow.cpp so that the
// window's other parts merge without touching these.
#include <QDockWidget>
#include <QGraphicsScene>
#include <vector>

#include "MainWindow.h"
#include "canvas/NetworkScene.h"
#include "crossbar/CrossbarPanel.h"
#include "crossbar/SweepPanel.h"
#include "crossbar/TwinRunPanel.h"
#include "document/NetworkDocument.h"
#include "session/SimulationSession.h"

using namespace snn::gui;

void MainWindow::createCrossbarDocks() {
  crossbars_ = new CrossbarPanel(document_, this);
  QDockWidget* crossbarDock =
      addDock(crossbars_, tr("Crossbar"), "crossbarDock", Qt::RightDockWidgetArea);
  // In the right-hand tabs (the inspector's group: Qt makes a split with a tabbed dock a tab),
  // not beside the run plots, where they squeezed the raster and the traces to a few pixels.
  if (auto* inspector = findChild<QDockWidget*>("inspectorDock"))
    tabifyDockWidget(inspector, crossbarDock);
  networkDocks_.append(crossbarDock);
  QDockWidget* twinDock = addDock(new TwinRunPanel(document_, this), tr("Ideal vs. Crossbar"),
                                  "crossbarTwinDock", Qt::RightDockWidgetArea);
  QDockWidget* sweepDock = addDock(new SweepPanel(document_, this), tr("Crossbar Sweep"),
                                   "crossbarSweepDock", Qt::RightDockWidgetArea);
  tabifyDockWidget(crossbarDock, twinDock);
  tabifyDockWidget(crossbarDock, sweepDock);
  networkDocks_.append({twinDock, sweepDock});
  // The dock is for projects with crossbars; selecting a crossbar node brings it to the front.
  auto hasCrossbars = [this] { return !document_->project().network.crossbars.empty(); };
  const std::vector<QDockWidget*> crossbarDocks = {crossbarDock, twinDock, sweepDock};
  for (QDockWidget* d : crossbarDocks) d->setVisible(hasCrossbars());
  connect(document_, &NetworkDocument::changed, this,
          [crossbarDocks, hasCrossbars](const ChangeEvent& e) {
            const bool added =
                e.type == ChangeEvent::Type::ObjectAdded && e.kind == snn::ObjectKind::Crossbar;
            if (e.type == ChangeEvent::Type::ProjectReplaced || added)
              for (QDockWidget* d : crossbarDocks) d->setVisible(hasCrossbars());
          });
  connect(session_, &SimulationSession::crossbarsReady, crossbars_,
          &CrossbarPanel::setRunSnapshots);
  connect(session_, &SimulationSession::stateChanged, crossbars_, [this](RunState state) {
    if (state == RunState::Idle) crossbars_->setRunSnapshots(nullptr);  // back to as programmed
  });
  connect(scene_, &QGraphicsScene::selectionChanged, this, [this, crossbarDock] {
    for (const std::string& id : scene_->selectedNodes())
      if (document_->project().network.findCrossbar(id)) {
        crossbars_->showCrossbar(id);
        crossbarDock->show();
        crossbarDock->raise();
        return;
      }
  });
}
