#pragma once

#include <QStringList>

#include "energy/EnergyReport.h"
#include "plots/ThemedPlot.h"

namespace snn::gui {

// Energy per inference of every substrate of an EnergyReport as stacked bars: one bar per
// substrate (the accuracy under its name where known, "—" with a tooltip why where not), stacked by
// kind of operation (compute, memory, neuron, cells, ADC...) or by layer. Hovering a segment shows
// its value with the formula and the constants it uses (tooltipAt). GUI thread.
class EnergyPlot : public ThemedPlot {
  Q_OBJECT

 public:
  enum class Stacking { ByKind, ByLayer };

  explicit EnergyPlot(QWidget* parent = nullptr);

  void showReport(const EnergyReport& report);
  void setStacking(Stacking stacking);
  Stacking stacking() const { return stacking_; }

  // What the bars show, for the tests and the CSV: segment names in stacking order, and the
  // joules per inference of segment `segment` in the bar of substrate `substrate`.
  QStringList segments() const { return segments_; }
  int substrateCount() const { return static_cast<int>(report_.substrates.size()); }
  double segmentJoules(int substrate, int segment) const;
  double barTopJoules(int substrate) const;  // the stacked total
  // The tooltip of a segment: substrate, segment, value, formula and constants with sources.
  QString tooltipAt(int substrate, int segment) const;
  // A bar's accuracy with how it was measured, or why there is none ("—" under the bar).
  QString accuracyTooltip(int substrate) const;
  // The label under a bar: its name, and its accuracy or "—".
  QString barLabel(int substrate) const;
  // The axis unit chosen for the present values ("nJ"...) and its size in joules.
  QString unitName() const { return unitName_; }

 protected:
  void mouseMoveEvent(QMouseEvent* event) override;
  void applyPalette() override;

 private:
  void rebuild();

  EnergyReport report_;
  Stacking stacking_ = Stacking::ByKind;
  QStringList segments_;
  QList<QCPBars*> bars_;
  QCPItemText* hint_ = nullptr;
  QString unitName_ = "J";
  double unit_ = 1.0;
};

}  // namespace snn::gui
