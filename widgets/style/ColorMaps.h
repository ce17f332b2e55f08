#pragma once

#include <qcustomplot.h>

#include <QPalette>

namespace snn::gui {

// Colour gradients of the image views (weight maps, confusion matrix). NaN cells are drawn
// transparent, so gaps show the plot's background.

// Magnitudes from 0 up (STDP's non-negative weights): matplotlib's "inferno", dark to bright, even
// in lightness and readable on light and dark backgrounds (van der Walt & Smith, 2015).
QCPColorGradient magnitudeGradient();

// Signed values around 0 (surrogate weights): blue below, red above, and the background colour
// at 0, so that a weight of 0 recedes in both themes.
QCPColorGradient signedGradient(const QPalette& palette);

// Shares in [0, 1] (a confusion matrix's rows): from the background to the highlight colour.
QCPColorGradient shareGradient(const QPalette& palette);

// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);

}  // namespace snn::gui
