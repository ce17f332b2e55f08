#include "AccuracyBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <algorithm>

#include "AccuracySession.h"
#include "document/NetworkDocument.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

bool showsDatasetFeed(const Project& p) {
  return std::any_of(p.network.populations.begin(), p.network.populations.end(),
                     [](const PopulationSpec& s) { return s.feed.has_value(); });
}

}  // namespace

AccuracyBar::AccuracyBar(NetworkDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), session_(new AccuracySession(this)) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(tr("Accuracy on"), this));
  testLimit_ = new QSpinBox(this);
  testLimit_->setRange(1, 100000);
  testLimit_->setValue(100);
  testLimit_->setSuffix(tr(" test samples"));
  testLimit_->setToolTip(
      tr("How many test samples each substrate's accuracy is measured on "
         "(fewer: sooner)"));
  row->addWidget(testLimit_);
  measure_ = new QPushButton(tr("Measure"), this);
  measure_->setToolTip(
      tr("Measure the accuracy of the digital SNN (ideal synapses), of the "
         "network on its crossbars and of its ANN, in the background"));
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setEnabled(false);
  row->addWidget(measure_);
  row->addWidget(cancel_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);  // a long note must not widen the dock
  row->addWidget(status_, 1);
  connect(measure_, &QPushButton::clicked, this, [this] { measure(); });
  connect(cancel_, &QPushButton::clicked, this, &AccuracyBar::cancel);
  connect(session_, &AccuracySession::busyChanged, this, [this](bool busy) {
    measure_->setEnabled(!busy);
    cancel_->setEnabled(busy);
  });
  connect(session_, &AccuracySession::progressed, this,
          [this](const QString& what, qint64 done, qint64 total) {
            status_->setText(total > 0 ? tr("measuring %1: %2 / %3").arg(what).arg(done).arg(total)
                                       : tr("measuring %1…").arg(what));
          });
  connect(session_, &AccuracySession::finished, this, [this](AccuracyResultPtr r) {
    if (r->cancelled) {
      status_->setText(tr("Measurement cancelled."));
      measuredProject_.reset();
    } else if (!r->error.empty()) {
      status_->setText(toQ(r->error));
    } else {
      status_->setText(tr("Measured on %1 test samples.").arg(r->accuracies.samples));
      Q_EMIT measured(r->accuracies);
    }
  });
}

bool AccuracyBar::measure() {
  if (session_->isBusy()) {
    status_->setText(tr("A measurement is running."));
    return false;
  }
  const Project& project = document_->project();
  if (auto why = whyNoAccuracy(project)) {
    status_->setText(tr("No accuracy: %1").arg(toQ(*why)));
    return false;
  }
  AccuracyJob job{project, taskDataset(project), testLimit_->value(), 2};
  measuredProject_ = project;
  status_->setText(tr("measuring…"));
  return session_->start(std::move(job));
}

void AccuracyBar::measureIfFedAndChanged() {
  const Project& project = document_->project();
  if (session_->isBusy() || !showsDatasetFeed(project) || whyNoAccuracy(project)) return;
  if (measuredProject_ && *measuredProject_ == project) return;
  measure();
}

bool AccuracyBar::isBusy() const {
  return session_->isBusy();
}

void AccuracyBar::cancel() {
  session_->cancel();
}

QString AccuracyBar::message() const {
  return status_->text();
}

}  // namespace snn::gui
