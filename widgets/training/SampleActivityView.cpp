#include "SampleActivityView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "plots/SampleImage.h"
#include "plots/SpikeRasterPlot.h"
#include "session/SessionTypes.h"
#include "sim/NeuronModelRegistry.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

// The raster's bands: the chunk's populations with the project's sizes and colours.
RunLayout layoutOf(const SimulationChunk& chunk, const Project& project) {
  RunLayout layout;
  layout.dt = chunk.dt;
  const auto& pops = project.network.populations;
  for (size_t i = 0; i < chunk.populations.size(); ++i) {
    RunPopulation r;
    r.id = chunk.populations[i];
    r.spikesRecorded = i < chunk.spikesRecorded.size() && chunk.spikesRecorded[i];
    for (size_t k = 0; k < pops.size(); ++k)
      if (pops[k].id == r.id) {
        r.model = pops[k].model;
        r.size = pops[k].size;
        r.colorIndex = static_cast<int>(k);
      }
    if (const NeuronModelEntry* e = NeuronModelRegistry::instance().find(r.model))
      r.role = e->info->role;
    layout.populations.push_back(std::move(r));
  }
  return layout;
}

}  // namespace

SampleActivityView::SampleActivityView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(6);
  auto* side = new QVBoxLayout;
  side->setContentsMargins(6, 6, 0, 6);
  image_ = new SampleImage(this);
  image_->setFixedSize(112, 112);
  image_->setToolTip(tr("The training sample shown to the network"));
  side->addWidget(image_);
  caption_ = new QLabel(this);
  caption_->setWordWrap(true);
  caption_->setFixedWidth(112);
  caption_->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
  side->addWidget(caption_);
  side->addStretch(1);
  layout->addLayout(side);
  raster_ = new SpikeRasterPlot(this);
  raster_->setWindowTitle(tr("Sample raster"));
  raster_->setExportName("sample-raster");
  raster_->setTracingEnabled(false);
  raster_->setWindowMenuShown(false);
  raster_->setHint(tr("The spikes of a training sample appear here while a network trains"));
  layout->addWidget(raster_, 1);
  clear();
}

void SampleActivityView::clear() {
  image_->clear();
  caption_->setText(QString());
  shownPopulations_.clear();
  raster_->startRun(RunLayout{});
  raster_->showWindow(0, 100);
}

void SampleActivityView::setActivity(const SampleActivity& a, const Project& project,
                                     const QStringList& classes) {
  image_->setImage(a.image, a.imageHeight, a.imageWidth);
  auto name = [&classes](int c) {
    return c >= 0 && c < classes.size() ? classes[c] : QString::number(c);
  };
  QString text = tr("label <b>%1</b>").arg(name(a.label).toHtmlEscaped());
  if (a.predicted >= 0) {
    const QColor mark =
        a.predicted == a.label ? QColor(0x3a, 0xa5, 0x5d) : QColor(0xd6, 0x3f, 0x2f);
    text += "<br>" + tr("answer <b><font color=\"%1\">%2</font></b>")
                         .arg(mark.name(), name(a.predicted).toHtmlEscaped());
  }
  text += "<br><small>" +
          tr("training sample %1<br>epoch %2, %3 seen")
              .arg(a.sample)
              .arg(a.epoch)
              .arg(QLocale().toString(static_cast<qlonglong>(a.samplesSeen))) +
          "</small>";
  caption_->setText(text);
  const SimulationChunk& chunk = a.spikes;
  if (chunk.populations != shownPopulations_) {
    shownPopulations_ = chunk.populations;
    raster_->startRun(layoutOf(chunk, project));
  } else {
    raster_->clear();
  }
  raster_->appendChunk(chunk);
  raster_->showWindow(0.0, chunk.timeMs(chunk.firstStep + chunk.stepCount));
}

QString SampleActivityView::caption() const {
  return caption_->text();
}

}  // namespace snn::gui
