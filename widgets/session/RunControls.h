#pragma once

#include <QObject>

class QAction;
class QComboBox;
class QLabel;
class QToolBar;
class QWidget;

namespace snn::gui {

class SimulationSession;
enum class RunState;

// The run actions (Run/Pause on Space, Step, Stop, Reset, Run continuously), the speed control
// and the status bar text (simulated time, real-time factor, state), bound to a session. The
// main window puts the actions in its menu and the tool bar in its tool bar area.
class RunControls : public QObject {
  Q_OBJECT

 public:
  RunControls(SimulationSession* session, QWidget* parent);

  QAction* runAction() const { return run_; }  // Run, or Pause while running
  QAction* stepAction() const { return step_; }
  QAction* stopAction() const { return stop_; }
  QAction* resetAction() const { return reset_; }
  QAction* continuousAction() const { return continuous_; }
  QToolBar* toolBar() const { return toolBar_; }
  QLabel* statusLabel() const { return status_; }
  QComboBox* speedBox() const { return speed_; }

  // Speeds offered, simulated per wall-clock time; 0 = as fast as possible.
  static const std::vector<double>& speeds();
  // Chooses a speed (one of speeds()).
  void setSpeed(double speed);

 private:
  void onStateChanged(RunState state);
  void updateStatus();

  SimulationSession* session_;
  QAction* run_;
  QAction* step_;
  QAction* stop_;
  QAction* reset_;
  QAction* continuous_;
  QComboBox* speed_;
  QToolBar* toolBar_;
  QLabel* status_;
};

}  // namespace snn::gui
