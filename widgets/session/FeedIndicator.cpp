#include "FeedIndicator.h"

#include <QHBoxLayout>
#include <QLabel>

#include "SimulationSession.h"
#include "data/DatasetCache.h"
#include "document/NetworkDocument.h"
#include "plots/SampleImage.h"
#include "training/ClassNames.h"
#include "util/QtText.h"

namespace snn::gui {

FeedIndicator::FeedIndicator(NetworkDocument* document, SimulationSession* session, QWidget* parent)
    : QWidget(parent), document_(document) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 6, 0);
  layout->setSpacing(6);
  image_ = new SampleImage(this);
  image_->setFixedSize(18, 18);
  layout->addWidget(image_);
  label_ = new QLabel(this);
  layout->addWidget(label_);
  setVisible(false);
  connect(session, &SimulationSession::runStarted, this,
          [this](RunLayoutPtr layout) { onRunStarted(*layout); });
  connect(session, &SimulationSession::recordingCleared, this, [this] {
    population_ = -1;
    setVisible(false);
  });
  connect(session, &SimulationSession::chunkReady, this,
          [this](ChunkPtr chunk) { onChunk(*chunk); });
}

QString FeedIndicator::text() const {
  return label_->text();
}

void FeedIndicator::onRunStarted(const RunLayout& layout) {
  population_ = -1;
  id_.clear();
  const NetworkSpec& net = document_->project().network;
  for (size_t i = 0; i < layout.populations.size() && population_ < 0; ++i)
    if (const PopulationSpec* p = net.findPopulation(layout.populations[i].id); p && p->feed) {
      population_ = static_cast<int>(i);
      id_ = p->id;
    }
  image_->clear();
  label_->clear();
  setVisible(population_ >= 0);
}

void FeedIndicator::onChunk(const SimulationChunk& chunk) {
  if (population_ < 0) return;
  // The latest event of the chunk: the plots show the chunk's end too.
  for (auto it = chunk.feedEvents.rbegin(); it != chunk.feedEvents.rend(); ++it)
    if (it->population == population_) {
      show(*it);
      return;
    }
}

void FeedIndicator::show(const FeedEvent& event) {
  const PopulationSpec* p = document_->project().network.findPopulation(id_);
  if (!p || !p->feed) return;
  if (event.sample < 0) {
    image_->clear();
    label_->setText(tr("%1: rest").arg(toQ(id_)));
    return;
  }
  QString label = QString::number(event.label);
  try {
    // Loaded (and cached) when the run compiled.
    const auto data = sharedDataset(p->feed->dataset);
    const Dataset& split = p->feed->split == "train" ? data->train : data->test;
    if (event.sample < split.size())
      image_->setImage(split.images.row(event.sample).data(), split.height, split.width);
    const QStringList names = classNames(p->feed->dataset, split.classes);
    if (event.label >= 0 && event.label < names.size()) label = names[event.label];
  } catch (const std::exception&) {
    image_->clear();
  }
  label_->setText(tr("%1: sample %2, label %3").arg(toQ(id_)).arg(event.sample).arg(label));
  setToolTip(tr("'%1' shows %2 %3 sample %4 (class %5)")
                 .arg(toQ(id_), toQ(p->feed->dataset), toQ(p->feed->split))
                 .arg(event.sample)
                 .arg(event.label));
}

}  // namespace snn::gui
