#include "ImportExportController.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "ProjectFileController.h"
#include "document/NetworkDocument.h"
#include "io/AtomicFile.h"
#include "io/OnnxImporter.h"
#include "io/OnnxProjectImport.h"
#include "io/PynnExporter.h"
#include "io/nir/NirExporter.h"
#include "io/nir/NirFile.h"
#include "io/nir/NirImporter.h"
#include "project/ProjectValidator.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QStringList lines(const std::vector<std::string>& v) {
  QStringList out;
  for (const std::string& s : v) out << toQ(s);
  return out;
}

// The exporter's refusals, each naming the object and why.
QStringList refusalsOf(const std::exception& e) {
  if (const auto* p = dynamic_cast<const PynnExportError*>(&e)) return lines(p->problems());
  if (const auto* n = dynamic_cast<const nir::NirMappingError*>(&e)) return lines(n->problems());
  return {toQ(e.what())};
}

}  // namespace

ImportExportController::ImportExportController(NetworkDocument* document,
                                               ProjectFileController* files, QWidget* window)
    : QObject(window), document_(document), files_(files), window_(window) {
  import_ = new QAction(tr("&Import…"), this);
  import_->setStatusTip(tr("Open an ONNX model or a NIR graph as a new project"));
  connect(import_, &QAction::triggered, this, &ImportExportController::importWithDialog);
  export_ = new QAction(tr("&Export…"), this);
  export_->setStatusTip(tr("Write the network as a NIR graph or a PyNN script"));
  connect(export_, &QAction::triggered, this, &ImportExportController::exportWithDialog);
}

QString ImportExportController::importFile(const QString& path,
                                           std::optional<nir::NirDialect> dialect) {
  Project project;
  QStringList notes;
  try {
    if (path.endsWith(QStringLiteral(".onnx"), Qt::CaseInsensitive)) {
      AnnProjectImport imported = importOnnxProject(toStd(path));
      project = std::move(imported.project);
      notes = lines(imported.notes);
    } else {
      nir::NirImportOptions options;
      options.dialect = dialect;
      project = nir::importNir(nir::readNirFile(toStd(path)), options);
      if (auto problems = validateProject(project); !problems.empty())
        throw SpecError(std::move(problems));
    }
  } catch (const SpecError& e) {
    return toQ(joinDiagnostics(e.diagnostics()));
  } catch (const std::exception& e) {
    return toQ(e.what());
  }
  document_->replaceProject(std::move(project), {});
  Q_EMIT files_->titleChanged();
  QString message = tr("Imported %1").arg(QFileInfo(path).fileName());
  if (!notes.isEmpty()) message += " (" + notes.join(QStringLiteral("; ")) + ")";
  Q_EMIT messageReported(message);
  return {};
}

nir::NirExportOptions ImportExportController::nirOptions(ExportFormat format) {
  nir::NirExportOptions options;
  if (format == ExportFormat::NirSinabs) options.dialect = nir::NirDialect::Sinabs;
  return options;
}

ImportExportController::ExportCheck ImportExportController::checkExport(ExportFormat format) const {
  ExportCheck check;
  try {
    if (format == ExportFormat::Pynn)
      check.notes = lines(exportPynn(document_->project()).notes);
    else
      check.notes = lines(nir::exportNir(document_->project(), nirOptions(format)).notes);
  } catch (const std::exception& e) {
    check.refused = refusalsOf(e);
  }
  return check;
}

QString ImportExportController::exportTo(const QString& path, ExportFormat format) {
  try {
    if (format == ExportFormat::Pynn) {
      const PynnExport e = exportPynn(document_->project());
      AtomicFile file(toStd(path));
      file.stream() << e.script;
      file.commit();
    } else {
      nir::writeNirFile(nir::exportNir(document_->project(), nirOptions(format)).graph,
                        toStd(path));
    }
  } catch (const std::exception& e) {
    return refusalsOf(e).join('\n');
  }
  Q_EMIT messageReported(tr("Exported to %1").arg(QFileInfo(path).fileName()));
  return {};
}

void ImportExportController::importWithDialog() {
  if (!files_->maybeSave()) return;
  // A file does not say which tool wrote it, and Sinabs reads NIR's IF its own way
  // (nir::NirDialect): the user says so by the filter.
  const QString sinabs = tr("NIR graphs written by Sinabs (*.nir)");
  QString filter;
  const QString path = QFileDialog::getOpenFileName(
      window_, tr("Import"), QString(),
      tr("Models (*.onnx *.nir);;ONNX models (*.onnx);;NIR graphs (*.nir);;") + sinabs +
          tr(";;All files (*)"),
      &filter);
  if (path.isEmpty()) return;
  const QString problem =
      importFile(path, filter == sinabs ? std::optional(nir::NirDialect::Sinabs) : std::nullopt);
  if (!problem.isEmpty())
    QMessageBox::critical(window_, tr("Cannot import"),
                          tr("“%1” was not imported; the project is unchanged.\n\n%2")
                              .arg(QFileInfo(path).fileName(), problem));
}

void ImportExportController::exportWithDialog() {
  const QString nirFilter = tr("NIR graph (*.nir)"), pynnFilter = tr("PyNN script (*.py)"),
                sinabsFilter = tr("NIR graph for Sinabs (*.nir)");
  QString filter;
  QString path =
      QFileDialog::getSaveFileName(window_, tr("Export"), QString(),
                                   nirFilter + ";;" + sinabsFilter + ";;" + pynnFilter, &filter);
  if (path.isEmpty()) return;
  const ExportFormat format = filter == pynnFilter || path.endsWith(QStringLiteral(".py"))
                                  ? ExportFormat::Pynn
                              : filter == sinabsFilter ? ExportFormat::NirSinabs
                                                       : ExportFormat::Nir;
  if (QFileInfo(path).suffix().isEmpty())
    path += format == ExportFormat::Pynn ? QStringLiteral(".py") : QStringLiteral(".nir");
  const ExportCheck check = checkExport(format);
  if (!check.refused.isEmpty()) {
    QMessageBox::warning(window_, tr("Cannot export"),
                         tr("Nothing was written. What the format cannot express:\n\n• %1")
                             .arg(check.refused.join(QStringLiteral("\n• "))));
    return;
  }
  if (!check.notes.isEmpty() &&
      QMessageBox::question(window_, tr("Export"),
                            tr("The file will not carry:\n\n• %1\n\nWrite it anyway?")
                                .arg(check.notes.join(QStringLiteral("\n• ")))) != QMessageBox::Yes)
    return;
  const QString problem = exportTo(path, format);
  if (!problem.isEmpty()) QMessageBox::critical(window_, tr("Cannot export"), problem);
}

}  // namespace snn::gui
