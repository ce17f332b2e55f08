#include "FeedAnswerView.h"

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "SampleImage.h"
#include "data/DatasetCache.h"
#include "document/NetworkDocument.h"
#include "learning/LabelVote.h"
#include "learning/TrainerRegistry.h"
#include "session/SimulationSession.h"
#include "training/ClassNames.h"
#include "util/QtText.h"

namespace snn::gui {

FeedAnswerView::FeedAnswerView(NetworkDocument* document, SimulationSession* session,
                               QWidget* parent)
    : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  image_ = new SampleImage(this);
  image_->setMinimumSize(96, 96);
  image_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  layout->addWidget(image_, 1);
  sample_ = new QLabel(this);
  sample_->setAlignment(Qt::AlignCenter);
  sample_->setTextFormat(Qt::PlainText);
  layout->addWidget(sample_);
  answerLabel_ = new QLabel(this);
  answerLabel_->setAlignment(Qt::AlignCenter);
  answerLabel_->setTextFormat(Qt::PlainText);
  QFont big = answerLabel_->font();
  big.setPointSizeF(big.pointSizeF() * 1.6);
  big.setBold(true);
  answerLabel_->setFont(big);
  layout->addWidget(answerLabel_);
  detail_ = new QLabel(this);
  detail_->setAlignment(Qt::AlignCenter);
  detail_->setWordWrap(true);
  detail_->setTextFormat(Qt::PlainText);
  layout->addWidget(detail_);
  score_ = new QLabel(this);
  score_->setAlignment(Qt::AlignCenter);
  score_->setTextFormat(Qt::PlainText);
  layout->addWidget(score_);
  sample_->setText(tr("A dataset feed shows its images here"));

  connect(session, &SimulationSession::runStarted, this,
          [this](RunLayoutPtr layout) { onRunStarted(*layout); });
  connect(session, &SimulationSession::recordingCleared, this, [this] {
    fed_ = -1;
    image_->clear();
    answerLabel_->clear();
    detail_->clear();
    score_->clear();
    Q_EMIT relevanceChanged(false);
  });
  connect(session, &SimulationSession::chunkReady, this,
          [this](ChunkPtr chunk) { onChunk(*chunk); });
}

QString FeedAnswerView::answerText() const {
  return answerLabel_->text();
}

QString FeedAnswerView::sampleText() const {
  return sample_->text();
}

void FeedAnswerView::onRunStarted(const RunLayout& layout) {
  const Project& project = document_->project();
  fed_ = output_ = -1;
  labels_ = trainedLabels(project);
  const std::string output =
      project.training ? resolveTrainingEndpoints(project).output : std::string();
  for (size_t i = 0; i < layout.populations.size(); ++i) {
    const PopulationSpec* p = project.network.findPopulation(layout.populations[i].id);
    if (fed_ < 0 && p && p->feed) fed_ = static_cast<int>(i);
    if (layout.populations[i].id == output) output_ = static_cast<int>(i);
  }
  fired_.clear();
  label_ = answer_ = -1;
  showing_ = false;
  answered_ = correct_ = 0;
  image_->clear();
  answerLabel_->clear();
  detail_->clear();
  score_->clear();
  if (fed_ >= 0) {
    const PopulationSpec& p = project.network.populations[static_cast<size_t>(fed_)];
    try {
      const auto data = sharedDataset(p.feed->dataset);
      classes_ = data->test.classes;
      names_ = classNames(p.feed->dataset, classes_);
    } catch (const std::exception&) {
      names_.clear();
    }
    sample_->setText(tr("'%1' shows %2 images").arg(toQ(p.id), toQ(p.feed->dataset)));
    // Only a network meant to answer (a training block naming its output) is asked for one.
    if (labels_.empty() && output_ >= 0)
      detail_->setText(
          tr("No answer yet: the network is not trained (Train, then Apply "
             "Trained Weights)"));
  }
  Q_EMIT relevanceChanged(fed_ >= 0);
}

void FeedAnswerView::onChunk(const SimulationChunk& chunk) {
  if (fed_ < 0) return;
  // Walk the chunk's feed events in step order: output spikes before an event belong to the
  // sample on show until then.
  const auto outputSpikes = [&](int64_t fromStep, int64_t toStep) {
    if (output_ < 0 || static_cast<size_t>(output_) >= chunk.spikes.size()) return;
    const SpikeRecord& r = chunk.spikes[static_cast<size_t>(output_)];
    for (size_t k = 0; k < r.steps.size(); ++k)
      if (r.steps[k] >= fromStep && r.steps[k] < toStep) fired_.push_back(r.neurons[k]);
  };
  int64_t from = chunk.firstStep;
  for (const FeedEvent& e : chunk.feedEvents) {
    if (e.population != fed_) continue;
    if (showing_) outputSpikes(from, e.step);
    from = e.step;
    if (e.sample >= 0)
      startSample(e);
    else
      finishSample();
  }
  if (showing_) outputSpikes(from, chunk.firstStep + chunk.stepCount);
  if (showing_) updateAnswer();
}

void FeedAnswerView::startSample(const FeedEvent& event) {
  if (showing_) finishSample();
  showing_ = true;
  fired_.clear();
  label_ = event.label;
  answer_ = -1;
  const Project& project = document_->project();
  const PopulationSpec& p = project.network.populations[static_cast<size_t>(fed_)];
  try {
    const auto data = sharedDataset(p.feed->dataset);
    const Dataset& split = p.feed->split == "train" ? data->train : data->test;
    if (event.sample < split.size())
      image_->setImage(split.images.row(event.sample).data(), split.height, split.width);
  } catch (const std::exception&) {
    image_->clear();
  }
  const QString name =
      label_ >= 0 && label_ < names_.size() ? names_[label_] : QString::number(label_);
  sample_->setText(tr("sample %1 — this is a %2").arg(event.sample).arg(name));
  updateAnswer();
}

void FeedAnswerView::finishSample() {
  if (!showing_) return;
  updateAnswer();
  showing_ = false;
  if (!labels_.empty()) {
    ++answered_;
    if (answer_ >= 0 && answer_ == label_) ++correct_;
    score_->setText(tr("%1 of %2 answered right so far").arg(correct_).arg(answered_));
  }
}

void FeedAnswerView::updateAnswer() {
  if (labels_.empty()) {
    answerLabel_->setText(fired_.empty() ? QString() : tr("%1 spikes").arg(fired_.size()));
    return;
  }
  const std::vector<double> votes = labelVotes(labels_, fired_, classes_);
  answer_ = votedClass(votes);
  if (answer_ < 0) {
    answerLabel_->setText(tr("…"));
    detail_->setText(tr("no labelled neuron has fired yet"));
    return;
  }
  const QString name = answer_ < names_.size() ? names_[answer_] : QString::number(answer_);
  answerLabel_->setText(tr("answer: %1 %2").arg(name, answer_ == label_ ? "✓" : "✗"));
  // The neuron of the answer's class that fired most: the one to point at.
  std::map<int32_t, int> counts;
  for (int32_t n : fired_)
    if (labels_[static_cast<size_t>(n)] == answer_) ++counts[n];
  const auto top = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.second < b.second;
  });
  detail_->setText(top == counts.end()
                       ? QString()
                       : tr("neuron %1, labelled %2, fired %3")
                             .arg(top->first)
                             .arg(name)
                             .arg(top->second == 1 ? tr("once") : tr("%1 times").arg(top->second)));
}

}  // namespace snn::gui
