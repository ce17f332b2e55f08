#include "TrainingPanel.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QSaveFile>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <cmath>

#include "TrainingSession.h"
#include "TrainingSetupEditor.h"
#include "commands/ApplyTrainedWeights.h"
#include "document/NetworkDocument.h"
#include "io/ProjectJson.h"
#include "learning/TrainerRegistry.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QString duration(double seconds) {
  if (seconds < 0.995) return QObject::tr("%1 ms").arg(std::round(1000.0 * seconds));
  if (seconds < 9.95) return QObject::tr("%1 s").arg(seconds, 0, 'f', 1);
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return QObject::tr("%1 s").arg(s);
  if (s < 3600) return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
  return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString percent(double fraction) {
  return std::isfinite(fraction) ? QString::number(100.0 * fraction, 'f', 1) + " %" : "–";
}

QString passName(const std::string& phase) {
  if (phase == "train") return QObject::tr("training");
  if (phase == "label") return QObject::tr("labelling neurons");
  if (phase == "test") return QObject::tr("testing");
  return toQ(phase);
}

QSpinBox* sampleLimit(QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(0, 10'000'000);
  box->setSingleStep(100);
  box->setSpecialValueText(QObject::tr("all"));
  box->setGroupSeparatorShown(true);
  return box;
}

}  // namespace

TrainingPanel::TrainingPanel(NetworkDocument* document, TrainingSession* session, QWidget* parent)
    : QScrollArea(parent), document_(document), session_(session) {
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setMinimumWidth(300);
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);
  layout->setContentsMargins(10, 10, 10, 10);

  auto* setupBox = new QGroupBox(tr("Setup"), content);
  auto* setupLayout = new QVBoxLayout(setupBox);
  setup_ = new TrainingSetupEditor(document_, setupBox);
  setupLayout->addWidget(setup_);
  layout->addWidget(setupBox);

  auto* runBox = new QGroupBox(tr("Run"), content);
  auto* form = new QFormLayout(runBox);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  epochs_ = new QSpinBox(runBox);
  epochs_->setRange(1, 10000);
  epochs_->setToolTip(tr("Passes over the training samples, each followed by a test"));
  form->addRow(tr("Epochs"), epochs_);
  trainLimit_ = sampleLimit(runBox);
  trainLimit_->setToolTip(tr("Train on the first N training samples only (all: the whole set)"));
  form->addRow(tr("Training samples"), trainLimit_);
  testLimit_ = sampleLimit(runBox);
  testLimit_->setToolTip(tr("Test on the first N test samples only (all: the whole set)"));
  form->addRow(tr("Test samples"), testLimit_);

  train_ = new QAction(themeIcon("train"), tr("&Train"), this);
  train_->setShortcut(QKeySequence(tr("Ctrl+T")));
  train_->setToolTip(tr("Train the network on its dataset (Ctrl+T)"));
  connect(train_, &QAction::triggered, this, [this] {
    session_->start(request());
    Q_EMIT trainingRequested();
  });
  cancel_ = new QAction(themeIcon("stop"), tr("&Cancel Training"), this);
  cancel_->setIconText(tr("Cancel"));
  cancel_->setToolTip(tr("Stop training; the epoch in progress is rolled back"));
  connect(cancel_, &QAction::triggered, session_, &TrainingSession::cancel);
  apply_ = new QAction(themeIcon("apply"), tr("&Apply Trained Weights"), this);
  apply_->setToolTip(
      tr("Put what was learned into the network (one undo step); Run then shows "
         "the trained network"));
  connect(apply_, &QAction::triggered, this, [this] {
    const QString problem = applyTrainedWeights();
    Q_EMIT messageReported(
        problem.isEmpty() ? tr("Trained weights applied: Run shows the trained network") : problem);
  });
  saveTrained_ = new QAction(themeIcon("document-save-as"), tr("Save Trained Project &As…"), this);
  saveTrained_->setToolTip(tr("Write the trained network to a new project file"));
  connect(saveTrained_, &QAction::triggered, this, [this] {
    const QFileInfo info(document_->filePath());
    const QString base = info.fileName().isEmpty() ? QStringLiteral("network")
                                                   : info.fileName().remove(".snnwb.json");
    QString path = QFileDialog::getSaveFileName(this, tr("Save Trained Project"),
                                                info.dir().filePath(base + "-trained.snnwb.json"),
                                                tr("SNN Workbench projects (*.snnwb.json)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(".json")) path += ".snnwb.json";
    const QString problem = saveTrainedProject(path);
    Q_EMIT messageReported(problem.isEmpty() ? tr("Saved %1").arg(path) : problem);
  });
  auto* buttons = new QHBoxLayout;
  for (QAction* a : {train_, cancel_}) {
    auto* b = new QToolButton(runBox);
    b->setDefaultAction(a);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    buttons->addWidget(b);
  }
  buttons->addStretch(1);
  form->addRow(buttons);
  progress_ = new QProgressBar(runBox);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  form->addRow(progress_);
  status_ = new QLabel(runBox);
  status_->setWordWrap(true);
  form->addRow(status_);
  layout->addWidget(runBox);

  auto* resultsBox = new QGroupBox(tr("Results"), content);
  auto* resultsLayout = new QVBoxLayout(resultsBox);
  results_ = new QTreeWidget(resultsBox);
  results_->setRootIsDecorated(false);
  results_->setHeaderLabels({tr("Epoch"), tr("Train"), tr("Test"), tr("Loss"), tr("Time")});
  results_->header()->setSectionResizeMode(QHeaderView::Stretch);
  results_->header()->setStretchLastSection(false);  // else the last keeps its default width
  results_->header()->setMinimumSectionSize(30);
  results_->headerItem()->setToolTip(4, tr("Time spent learning, without the test pass"));
  results_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  results_->setMinimumHeight(90);
  results_->setMaximumHeight(160);
  resultsLayout->addWidget(results_);
  for (QAction* a : {apply_, saveTrained_}) {
    auto* b = new QToolButton(resultsBox);
    b->setDefaultAction(a);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    resultsLayout->addWidget(b);
  }
  layout->addWidget(resultsBox);
  layout->addWidget(setup_->parametersBox());  // the longest part last
  layout->addStretch(1);
  setWidget(content);

  connect(session_, &TrainingSession::stateChanged, this, &TrainingPanel::onStateChanged);
  connect(session_, &TrainingSession::progressed, this, &TrainingPanel::onProgress);
  connect(session_, &TrainingSession::epochFinished, this, &TrainingPanel::onEpoch);
  connect(session_, &TrainingSession::finished, this, &TrainingPanel::onFinished);
  connect(session_, &TrainingSession::started, this, [this] { results_->clear(); });
  connect(session_, &TrainingSession::resultsCleared, this, [this] {
    results_->clear();
    progress_->setValue(0);
    status_->setStyleSheet({});
    status_->setText(tr("Press Train to train the network on its dataset."));
    updateActions();
  });
  connect(document_, &NetworkDocument::changed, this, &TrainingPanel::updateActions);
  status_->setText(tr("Press Train to train the network on its dataset."));
  updateActions();
}

TrainingRequest TrainingPanel::request() const {
  return {.epochs = epochs_->value(),
          .trainLimit = trainLimit_->value(),
          .testLimit = testLimit_->value()};
}

void TrainingPanel::setRequest(const TrainingRequest& r) {
  epochs_->setValue(r.epochs);
  trainLimit_->setValue(static_cast<int>(r.trainLimit));
  testLimit_->setValue(static_cast<int>(r.testLimit));
}

QString TrainingPanel::statusText() const {
  return status_->text();
}

void TrainingPanel::updateActions() {
  const auto& t = document_->project().training;
  const bool ready = t && TrainerRegistry::instance().find(t->method);
  const bool busy = session_->isBusy();
  train_->setEnabled(ready && !busy);
  train_->setToolTip(ready ? tr("Train the network on its dataset (Ctrl+T)")
                           : tr("Choose a training method in the Training panel first"));
  cancel_->setEnabled(busy && session_->state() != TrainingState::Cancelling);
  apply_->setEnabled(session_->trainedProject() != nullptr);
  saveTrained_->setEnabled(session_->trainedProject() != nullptr);
  for (QSpinBox* b : {epochs_, trainLimit_, testLimit_}) b->setEnabled(!busy);
  setup_->setEnabled(!busy);
  setup_->parametersBox()->setEnabled(!busy);
}

void TrainingPanel::onStateChanged(TrainingState state) {
  updateActions();
  if (state == TrainingState::Preparing) {
    progress_->setValue(0);
    status_->setStyleSheet({});
    status_->setText(tr("Loading the dataset and building the network…"));
  } else if (state == TrainingState::Cancelling) {
    status_->setText(tr("Cancelling…"));
  }
}

void TrainingPanel::onProgress(const TrainingProgress& p) {
  if (session_->state() != TrainingState::Training) return;
  const RemainingTime& remaining = session_->remaining();
  progress_->setValue(static_cast<int>(std::lround(remaining.fraction() * 1000)));
  const int epochs = session_->plan() ? session_->plan()->epochs : 1;
  QString text = tr("Epoch %1 of %2: %3 %4 / %5")
                     .arg(p.epoch)
                     .arg(epochs)
                     .arg(passName(p.phase))
                     .arg(QLocale().toString(static_cast<qlonglong>(p.done)))
                     .arg(QLocale().toString(static_cast<qlonglong>(p.total)));
  if (std::isfinite(p.accuracy)) text += tr(", accuracy %1").arg(percent(p.accuracy));
  if (const auto left = remaining.seconds())
    text += "<br>" + tr("About %1 left").arg(duration(*left));
  status_->setText(text);
}

void TrainingPanel::onEpoch(const EpochReport& r) {
  auto* item = new QTreeWidgetItem(results_);
  item->setText(0, QString::number(r.epoch));
  item->setText(1, percent(r.trainAccuracy));
  item->setText(2, percent(r.testAccuracy));
  item->setText(3, std::isfinite(r.loss) ? QString::number(r.loss, 'f', 4) : QStringLiteral("–"));
  item->setText(4, duration(r.trainSeconds));
  for (int c = 1; c < 5; ++c) item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
  results_->scrollToItem(item);
  updateActions();
}

void TrainingPanel::onFinished(TrainingOutcome outcome, const QString& message) {
  updateActions();
  const auto& reports = session_->reports();
  status_->setStyleSheet({});
  switch (outcome) {
    case TrainingOutcome::Completed:
      progress_->setValue(progress_->maximum());
      status_->setText(
          tr("Done: %1 in %2, test accuracy %3.")
              .arg(reports.size() == 1 ? tr("1 epoch") : tr("%1 epochs").arg(reports.size()),
                   duration(session_->elapsedSeconds()),
                   reports.empty() ? QString("–") : percent(reports.back().testAccuracy)));
      break;
    case TrainingOutcome::Cancelled:
      status_->setText(
          reports.empty()
              ? tr("Cancelled before the first epoch ended: nothing learned.")
              : tr("Cancelled: what epoch %1 learned is kept.").arg(reports.back().epoch));
      break;
    case TrainingOutcome::Failed:
      progress_->setValue(0);
      status_->setStyleSheet(QStringLiteral("color: %1").arg(problemColor(palette()).name()));
      status_->setText(tr("Training failed: %1").arg(message.toHtmlEscaped()));
      break;
  }
}

QString TrainingPanel::applyTrainedWeights() {
  const ProjectPtr trained = session_->trainedProject();
  const ProjectPtr from = session_->startProject();
  if (!trained || !from) return tr("Nothing trained yet");
  if (const QString problem = ApplyTrainedWeights::problem(document_->project(), *from, *trained);
      !problem.isEmpty())
    return tr("The trained weights no longer fit: %1. Train again.").arg(problem);
  auto command = std::make_unique<ApplyTrainedWeights>(document_, *from, *trained);
  if (command->changes() == 0) return tr("The network already holds the trained weights");
  document_->undoStack()->push(command.release());
  return {};
}

QString TrainingPanel::saveTrainedProject(const QString& path) {
  const ProjectPtr trained = session_->trainedProject();
  if (!trained) return tr("Nothing trained yet");
  QSaveFile file(path);
  const std::string text = serializeProject(*trained);
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(text.data(), static_cast<qint64>(text.size())) != qint64(text.size()) ||
      !file.commit())
    return tr("Cannot write '%1': %2").arg(path, file.errorString());
  return {};
}

}  // namespace snn::gui
