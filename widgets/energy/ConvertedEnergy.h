#pragma once

namespace snn::gui {

class ConversionPanel;
class EnergyPanel;

// Hands a finished conversion of the Conversion dock to the Energy dock: each evaluated T's
// counts (conversionCounts) and accuracies, with the converted ANN (the dock's last job), so
// that the Energy dock shows the converted network's bars at a chosen T. Nothing when the dock
// has no complete conversion. GUI thread.
void showConversionEnergy(const ConversionPanel& conversion, EnergyPanel& energy);

}  // namespace snn::gui
