#pragma once

#include <QColor>

namespace snn::gui {

// The colour of index `index` (a node's colour index, model/NodeColors.h), shared by its canvas
// node and its spikes, rate and traces in the plots. Tableau 10: distinct, and readable on light
// and dark backgrounds.
QColor populationColor(int index);

// A colour for the k-th membrane trace (several may come from one population).
QColor traceColor(int k);

// The k-th shade of a population's colour: its k-th traced neuron, in its membrane strip and
// as its mark in the raster (0: the colour itself, then darker and lighter in turn).
QColor populationShade(const QColor& base, int k);

}  // namespace snn::gui
