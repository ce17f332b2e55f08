#pragma once

#include <QList>
#include <QTableWidget>

#include "ConversionJob.h"

namespace snn::gui {

// Per layer of a converted network: its shape, its normalisation factor lambda (with how it was
// chosen) and the spikes per neuron and sample at each T evaluated so far. GUI thread.
class ConversionLayerTable : public QTableWidget {
  Q_OBJECT

 public:
  explicit ConversionLayerTable(QWidget* parent = nullptr);

  void showLayers(const ConversionJob& job, const ConvertedSnn& snn,
                  const QList<ConversionPointPtr>& points);
};

}  // namespace snn::gui
