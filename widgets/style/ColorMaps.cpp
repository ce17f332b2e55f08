#include "ColorMaps.h"

namespace snn::gui {

QCPColorGradient magnitudeGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  // Five stops sampled from matplotlib's inferno colour map.
  g.setColorStopAt(0.00, QColor(0x00, 0x00, 0x04));
  g.setColorStopAt(0.25, QColor(0x57, 0x10, 0x6e));
  g.setColorStopAt(0.50, QColor(0xbc, 0x37, 0x54));
  g.setColorStopAt(0.75, QColor(0xf9, 0x8e, 0x09));
  g.setColorStopAt(1.00, QColor(0xfc, 0xff, 0xa4));
  g.setNanHandling(QCPColorGradient::nhTransparent);
  return g;
}

QCPColorGradient signedGradient(const QPalette& palette) {
  QCPColorGradient g;
  g.clearColorStops();
  // The ends of ColorBrewer's RdBu (Brewer, 2003), the middle the background.
  g.setColorStopAt(0.0, QColor(0x21, 0x66, 0xac));
  g.setColorStopAt(0.5, palette.color(QPalette::Base));
  g.setColorStopAt(1.0, QColor(0xd6, 0x3f, 0x2f));
  g.setNanHandling(QCPColorGradient::nhTransparent);
  return g;
}

QCPColorGradient shareGradient(const QPalette& palette) {
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorStopAt(0.0, palette.color(QPalette::Base));
  g.setColorStopAt(1.0, palette.color(QPalette::Highlight));
  g.setNanHandling(QCPColorGradient::nhTransparent);
  return g;
}

QColor textColorOn(const QColor& background) {
  // Relative luminance (ITU-R BT.709 weights) against the middle grey.
  const double y =
      0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
  return y > 0.45 ? QColor(0x20, 0x20, 0x20) : QColor(0xf4, 0xf4, 0xf4);
}

}  // namespace snn::gui
