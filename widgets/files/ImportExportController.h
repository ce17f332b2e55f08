#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

#include "io/nir/NirExporter.h"
#include "io/nir/NirMapping.h"

class QAction;
class QWidget;

namespace snn::gui {

class NetworkDocument;
class ProjectFileController;

// File > Import… and File > Export…. Importing (an ONNX model as an ANN node, or a NIR graph as
// populations and projections) makes a new, unsaved document, as opening does: a model brought
// in is a project of its own, and the current one is offered for saving first. The file is read
// and checked whole before the document is replaced, so a refused file changes nothing and its
// message names the node and field. Exporting (NIR graph, PyNN script) runs the exporter first;
// what the format cannot express is listed and nothing is written, what it does not carry is
// listed and the user confirms; the file is written atomically.
class ImportExportController : public QObject {
  Q_OBJECT

 public:
  // NirSinabs: NIR as Sinabs reads it (multi_spike_if populations become its IF nodes).
  enum class ExportFormat { Nir, NirSinabs, Pynn };

  ImportExportController(NetworkDocument* document, ProjectFileController* files, QWidget* window);

  QAction* importAction() const { return import_; }
  QAction* exportAction() const { return export_; }

  // Without dialogs (the tests use these). importFile returns why it failed, or empty. A NIR
  // file is read in `dialect` (unset: the one its metadata names, else plain NIR); the import
  // dialog's "written by Sinabs" filter chooses Sinabs.
  QString importFile(const QString& path, std::optional<nir::NirDialect> dialect = std::nullopt);
  // What stops the export (refused), and what the file will not carry (notes).
  struct ExportCheck {
    QStringList refused;
    QStringList notes;
  };
  ExportCheck checkExport(ExportFormat format) const;
  // Writes the export; returns why it failed (the refusals), or empty.
  QString exportTo(const QString& path, ExportFormat format);

  void importWithDialog();
  void exportWithDialog();

 Q_SIGNALS:
  void messageReported(const QString& message);

 private:
  static nir::NirExportOptions nirOptions(ExportFormat format);

  NetworkDocument* document_;
  ProjectFileController* files_;
  QWidget* window_;
  QAction* import_;
  QAction* export_;
};

}  // namespace snn::gui
