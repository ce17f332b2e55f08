#pragma once

#include <QGraphicsView>

class QAction;

namespace snn::gui {

class NetworkScene;

// The canvas editor's view: wheel zoom around the cursor, pan with the middle button (or
// Alt + drag), rubber-band selection, models dropped from the palette, and the edit actions
// (copy, cut, paste, delete, select all, zoom, fit) the main window puts in its menus.
class NetworkView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit NetworkView(NetworkScene* scene, QWidget* parent = nullptr);

  NetworkScene* networkScene() const { return scene_; }

  QAction* copyAction() const { return copy_; }
  QAction* cutAction() const { return cut_; }
  QAction* pasteAction() const { return paste_; }
  QAction* deleteAction() const { return delete_; }
  QAction* selectAllAction() const { return selectAll_; }
  QAction* zoomInAction() const { return zoomIn_; }
  QAction* zoomOutAction() const { return zoomOut_; }
  QAction* fitAction() const { return fit_; }

  // Adds a population of `model` at a point of the scene (what a drop from the palette does).
  void addPopulationAt(const QString& model, const QPointF& scenePos);
  // A crossbar carrying the selected projection (or the first one no crossbar carries).
  void addCrossbarAt(const QPointF& scenePos);
  // Zooms so the whole network shows; the view keeps doing so on resize until the user zooms or
  // pans.
  void fitToView();
  void copySelection();
  void paste();
  void deleteSelection();
  double zoom() const;

 Q_SIGNALS:
  // "Show Feature Maps" on a shaped population (C x H x W) in the context menu.
  void featureMapsRequested(const QString& population);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void createActions();
  void updateActions();
  void zoomBy(double factor);

  NetworkScene* scene_;
  QAction* copy_;
  QAction* cut_;
  QAction* paste_;
  QAction* delete_;
  QAction* selectAll_;
  QAction* zoomIn_;
  QAction* zoomOut_;
  QAction* fit_;
  bool panning_ = false;
  bool userPlaced_ = false;  // zoomed or panned by hand: stop fitting on resize
  QPoint panFrom_;
  int pasteCount_ = 0;
  bool placeDropped_ = false;  // a crossbar being dropped stays where it was dropped
};

}  // namespace snn::gui
