#pragma once

#include "conversion/ConversionDiagnostics.h"
#include "plots/ThemedPlot.h"

namespace snn::gui {

// The picture that explains conversion error: for one layer, each neuron's ANN activation
// (divided by the layer's lambda) against what its spiking counterpart transmitted (the IF
// rate, spikes per step; an FS neuron's decoded output; the output layer's membrane / T), one
// dot per neuron and sample, over the diagonal where a perfect conversion would put them. Rates
// stop at 1 (one spike per step: activations above lambda are clipped) and step in 1/T
// (quantisation); with few steps the cloud spreads (Rueckauer et al. 2017, Fig. 3). GUI thread.
class ActivationRatePlot : public ThemedPlot {
  Q_OBJECT

 public:
  explicit ActivationRatePlot(QWidget* parent = nullptr);

  // Shows the layer's pairs at T (or K) `timesteps`; an empty layer clears the plot.
  void showLayer(const LayerDiagnostics& layer, const QString& method, int timesteps);
  void clear();
  int pointCount() const;

 private:
  QCPGraph* dots_;
  QCPItemLine* diagonal_;
  QCPItemText* hint_;
  QCPTextElement* title_;
};

}  // namespace snn::gui
