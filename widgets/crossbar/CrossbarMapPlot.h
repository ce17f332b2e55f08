#pragma once

#include <Eigen/Dense>
#include <cstdint>

#include "crossbar/CrossbarDevices.h"
#include "plots/ThemedPlot.h"

namespace snn::gui {

// One tile of a crossbar as an image, a pixel per device (row 0 on top, column 0 on the left,
// axes in the crossbar's own row and column numbers): its conductances in µS, or its row-wire
// voltages in the last read. The conductance map marks faulty devices over the image (stuck ON
// as red squares, stuck OFF as blue ones, worn out as grey crosses) and says which device a
// click lands on, so that the dock can make it stuck. GUI thread.
class CrossbarMapPlot : public ThemedPlot {
  Q_OBJECT

 public:
  CrossbarMapPlot(const QString& title, const QString& unit, QWidget* parent = nullptr);

  // Shows `values` (rows x cols of the tile) with its first device at (row0, col0). The colour
  // range is [low, high] (when low < high), else the data's own.
  void setTile(const Eigen::Ref<const Eigen::MatrixXd>& values, int64_t row0, int64_t col0,
               double low = 0.0, double high = 0.0);
  // The faults of the whole crossbar; those inside the shown tile are marked.
  void setFaults(const CrossbarDevices::FaultMatrix& faults);
  void clear(const QString& hint);
  void setTitle(const QString& title);

  QCPColorMap* colorMap() const { return map_; }
  // Marked faults in the shown tile: (row, col) of each, in crossbar numbers.
  QVector<QPointF> stuckOnMarks() const;
  QVector<QPointF> stuckOffMarks() const;
  // The device under a widget position, as (row, col) in crossbar numbers, or (-1, -1).
  std::pair<int64_t, int64_t> cellAt(const QPoint& pos) const;

 Q_SIGNALS:
  // A device was clicked (with Shift held: `shift`); the dock makes it stuck ON (OFF with Shift)
  // or frees a stuck one. The right button keeps the export menu.
  void cellClicked(qint64 row, qint64 col, bool shift);

 protected:
  void applyPalette() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  QCPGraph* addMarks(const QColor& color, QCPScatterStyle::ScatterShape shape);
  void fitAxes();

  QCPColorMap* map_;
  QCPColorScale* scale_;
  QCPTextElement* title_;
  QCPItemText* hint_;
  QCPGraph* on_;
  QCPGraph* off_;
  QCPGraph* worn_;
  int64_t row0_ = 0, col0_ = 0, rows_ = 0, cols_ = 0;
};

}  // namespace snn::gui
