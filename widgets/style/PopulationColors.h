#pragma once

#include <QColor>

namespace snn::gui {

// The colour of the population at `index` in the project, shared by its canvas node and its
// spikes, rate and traces in the plots. Tableau 10: distinct, and readable on light and dark
// backgrounds.
QColor populationColor(int index);

// A colour for the k-th membrane trace (several may come from one population).
QColor traceColor(int k);

}  // namespace snn::gui
