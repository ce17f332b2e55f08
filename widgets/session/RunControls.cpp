#include "RunControls.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QToolBar>

#include "SimulationSession.h"
#include "style/Theme.h"

namespace snn::gui {

const std::vector<double>& RunControls::speeds() {
  static const std::vector<double> list = {0.01, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 0.0};
  return list;
}

RunControls::RunControls(SimulationSession* session, QWidget* parent)
    : QObject(parent), session_(session) {
  run_ = new QAction(themeIcon("run"), tr("&Run"), this);
  run_->setShortcut(Qt::Key_Space);
  run_->setShortcutContext(Qt::WindowShortcut);
  run_->setStatusTip(tr("Run the network (Space pauses and resumes)"));
  step_ = new QAction(themeIcon("step"), tr("S&tep"), this);
  step_->setShortcut(QKeySequence(tr("Ctrl+.")));
  step_->setStatusTip(tr("Advance 1 ms of simulated time, then hold"));
  stop_ = new QAction(themeIcon("stop"), tr("St&op"), this);
  stop_->setShortcut(QKeySequence(tr("Shift+F5")));
  stop_->setStatusTip(tr("End the run; the next Run compiles the network afresh"));
  reset_ = new QAction(themeIcon("reset"), tr("R&eset"), this);
  reset_->setShortcut(QKeySequence(tr("Ctrl+R")));
  reset_->setStatusTip(tr("Back to t = 0 with the same network"));
  continuous_ = new QAction(tr("Run &Continuously"), this);
  continuous_->setCheckable(true);
  continuous_->setStatusTip(tr("Keep running past the experiment's duration"));
  connect(run_, &QAction::triggered, session_, &SimulationSession::toggleRun);
  connect(step_, &QAction::triggered, session_, &SimulationSession::step);
  connect(stop_, &QAction::triggered, session_, &SimulationSession::stop);
  connect(reset_, &QAction::triggered, session_, &SimulationSession::reset);
  connect(continuous_, &QAction::toggled, session_, &SimulationSession::setContinuous);

  speed_ = new QComboBox(parent);
  speed_->setToolTip(tr("Simulated time per wall-clock time"));
  for (double s : speeds())
    speed_->addItem(s == 0 ? tr("As fast as possible") : tr("%1× real time").arg(s), s);
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this](int i) { session_->setSpeed(speed_->itemData(i).toDouble()); });
  setSpeed(1.0);

  toolBar_ = new QToolBar(tr("Simulation"), parent);
  toolBar_->setObjectName("simulationToolBar");
  toolBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toolBar_->addAction(run_);
  toolBar_->addAction(step_);
  toolBar_->addAction(stop_);
  toolBar_->addAction(reset_);
  toolBar_->addSeparator();
  auto* speedLabel = new QLabel(tr(" Speed "), parent);
  toolBar_->addWidget(speedLabel);
  toolBar_->addWidget(speed_);

  status_ = new QLabel(parent);
  status_->setMinimumWidth(
      status_->fontMetrics().horizontalAdvance("t = 00 000.0 ms   ×0000 real time   Compiling…"));
  connect(session_, &SimulationSession::stateChanged, this, &RunControls::onStateChanged);
  connect(session_, &SimulationSession::progressed, this, &RunControls::updateStatus);
  onStateChanged(session_->state());
}

void RunControls::setSpeed(double speed) {
  const int i = speed_->findData(speed);
  if (i >= 0) speed_->setCurrentIndex(i);
  session_->setSpeed(speed);
}

void RunControls::onStateChanged(RunState state) {
  const bool running = state == RunState::Running || state == RunState::Compiling;
  run_->setText(running ? tr("&Pause") : tr("&Run"));
  run_->setIcon(themeIcon(running ? "pause" : "run"));
  step_->setEnabled(state != RunState::Compiling && state != RunState::Running);
  stop_->setEnabled(state != RunState::Idle);
  updateStatus();
}

void RunControls::updateStatus() {
  QString state;
  switch (session_->state()) {
    case RunState::Idle:
      state = tr("Ready");
      break;
    case RunState::Compiling:
      state = tr("Compiling…");
      break;
    case RunState::Running:
      state = tr("Running");
      break;
    case RunState::Paused:
      state = tr("Paused");
      break;
    case RunState::Finished:
      state = tr("Finished");
      break;
  }
  const QLocale locale;
  QString text = tr("t = %1 ms").arg(locale.toString(session_->simulatedMs(), 'f', 1));
  if (session_->state() == RunState::Running && session_->realTimeFactor() > 0)
    text += tr("   ×%1 real time").arg(locale.toString(session_->realTimeFactor(), 'g', 3));
  status_->setText(text + "   " + state);
}

}  // namespace snn::gui
