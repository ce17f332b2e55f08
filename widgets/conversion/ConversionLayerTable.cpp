#include "ConversionLayerTable.h"

#include <QHeaderView>

#include "util/QtText.h"

namespace snn::gui {

ConversionLayerTable::ConversionLayerTable(QWidget* parent) : QTableWidget(0, 3, parent) {
  verticalHeader()->hide();
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  setHorizontalHeaderLabels({tr("layer"), tr("shape"), tr("λ")});
}

void ConversionLayerTable::showLayers(const ConversionJob& job, const ConvertedSnn& snn,
                                      const QList<ConversionPointPtr>& points) {
  const auto& stages = snn.stages;
  const QString name = job.method == "fs" ? QStringLiteral("K") : QStringLiteral("T");
  QStringList heads = {tr("layer"), tr("shape"), tr("λ")};
  for (const ConversionPointPtr& p : points)
    heads << tr("spikes\n%1 = %2").arg(name).arg(p->result.timesteps);
  setColumnCount(static_cast<int>(heads.size()));
  setHorizontalHeaderLabels(heads);
  for (int c = 3; c < columnCount(); ++c)
    horizontalHeaderItem(c)->setToolTip(
        tr("Spikes per neuron and test sample at this %1: spikes / (neurons × samples)").arg(name));
  setRowCount(static_cast<int>(stages.size()));
  const QString lambdaTip =
      job.options.norm == LayerNorm::Max
          ? tr("λ: the largest activation of this layer on %1 calibration images")
                .arg(job.calibrationSamples)
          : tr("λ: the %1-th percentile of this layer's positive activations on %2 calibration "
               "images")
                .arg(job.options.percentile)
                .arg(job.calibrationSamples);
  for (int s = 0; s < static_cast<int>(stages.size()); ++s) {
    const SnnStage& stage = stages[static_cast<size_t>(s)];
    auto set = [&](int column, const QString& text, const QString& tip) {
      auto* item = new QTableWidgetItem(text);
      item->setToolTip(tip);
      setItem(s, column, item);
    };
    set(0, toQ(stage.id),
        tr("%1 layer '%2' of the ANN, with the activation after it")
            .arg(toQ(std::string(annLayerTypeName(stage.op.type))), toQ(stage.id)));
    set(1, toQ(stage.out.toString()), tr("channels × height × width of the population"));
    set(2, QString::number(stage.lambda, 'g', 4),
        lambdaTip + tr(".\nWeights are scaled by λ_previous / λ, the bias by 1 / λ; thresholds "
                       "stay 1 (Rueckauer et al. 2017)."));
    for (int p = 0; p < points.size(); ++p) {
      const ConversionResult& r = points[p]->result;
      if (static_cast<size_t>(s) >= r.activity.size()) continue;
      const StageActivity& a = r.activity[static_cast<size_t>(s)];
      const double perNeuron = a.neurons > 0 && r.testSamples > 0
                                   ? double(a.spikes) / (double(a.neurons) * double(r.testSamples))
                                   : 0.0;
      set(3 + p, QString::number(perNeuron, 'g', 3),
          tr("spikes / (neurons × samples) = %1 / (%2 × %3)%4")
              .arg(a.spikes)
              .arg(a.neurons)
              .arg(r.testSamples)
              .arg(stage.output ? tr("\nThe output layer is read by its membrane: it does not "
                                     "fire")
                                : QString()));
    }
  }
}

}  // namespace snn::gui
