#include "TrainingViews.h"

#include <QSplitter>
#include <QVBoxLayout>

#include "ClassNames.h"
#include "SampleActivityView.h"
#include "TrainingSession.h"
#include "plots/ConfusionMatrixPlot.h"
#include "plots/SpikeRasterPlot.h"
#include "plots/TrainingCurvePlot.h"
#include "plots/WeightMapPlot.h"
#include "util/QtText.h"

namespace snn::gui {

TrainingViews::TrainingViews(TrainingSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
  curve_ = new TrainingCurvePlot(this);
  weights_ = new WeightMapPlot(this);
  sample_ = new SampleActivityView(this);
  confusion_ = new ConfusionMatrixPlot(this);
  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(curve_);
  top->addWidget(weights_);
  auto* bottom = new QSplitter(Qt::Horizontal);
  bottom->addWidget(sample_);
  bottom->addWidget(confusion_);
  auto* rows = new QSplitter(Qt::Vertical);
  rows->addWidget(top);
  rows->addWidget(bottom);
  for (QSplitter* s : {top, bottom, rows}) s->setChildrenCollapsible(false);
  top->setSizes({1, 1});
  bottom->setSizes({3, 2});
  rows->setSizes({1, 1});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(rows);

  connect(session_, &TrainingSession::started, this, [this](TrainingPlanPtr plan) {
    classes_ = classNames(plan->dataset, plan->classes);
    curve_->start(plan->epochs);
    weights_->clear();
    sample_->clear();
    confusion_->clear();
  });
  connect(session_, &TrainingSession::resultsCleared, this, [this] {
    curve_->start(1);
    weights_->clear();
    sample_->clear();
    confusion_->clear();
  });
  connect(session_, &TrainingSession::progressed, curve_, &TrainingCurvePlot::addProgress);
  connect(session_, &TrainingSession::epochFinished, curve_, &TrainingCurvePlot::addEpoch);
  connect(session_, &TrainingSession::weightsUpdated, this, [this](WeightSnapshotPtr s) {
    QString what;
    if (ProjectPtr project = session_->startProject())
      if (const ProjectionSpec* p = project->network.findProjection(s->projection))
        what = tr("Weights %1 → %2").arg(toQ(p->pre), toQ(p->post));
    weights_->setSnapshot(*s, what);
  });
  connect(session_, &TrainingSession::sampleShown, this, [this](SampleActivityPtr a) {
    if (ProjectPtr project = session_->startProject()) sample_->setActivity(*a, *project, classes_);
  });
  connect(session_, &TrainingSession::confusionUpdated, this, [this](ConfusionPtr c) {
    const int epoch = session_->reports().empty() ? 0 : session_->reports().back().epoch;
    confusion_->setMatrix(*c, classes_, tr("Epoch %1").arg(epoch));
  });
}

void TrainingViews::refreshNow() {
  for (QCustomPlot* p : std::initializer_list<QCustomPlot*>{curve_, weights_, confusion_})
    p->replot(QCustomPlot::rpImmediateRefresh);
  sample_->raster()->replot(QCustomPlot::rpImmediateRefresh);
}

}  // namespace snn::gui
