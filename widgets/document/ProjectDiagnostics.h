#pragma once

#include <QObject>
#include <QTimer>
#include <string>
#include <vector>

#include "model/Diagnostic.h"

namespace snn::gui {

class NetworkDocument;
struct ChangeEvent;

// The problems of the document's project, kept up to date for the canvas (red outlines) and the
// Problems panel: the validator's, re-run once after a burst of changes, and those the last
// compile found, until the project changes again. GUI thread.
class ProjectDiagnostics : public QObject {
  Q_OBJECT

 public:
  explicit ProjectDiagnostics(NetworkDocument* document, QObject* parent = nullptr);

  const std::vector<Diagnostic>& all() const { return all_; }
  // The problems of one population or projection.
  std::vector<Diagnostic> about(ObjectKind kind, const std::string& id) const;
  // What a compile reported (shown with the validator's until the next change).
  void setCompileDiagnostics(std::vector<Diagnostic> diagnostics);
  // Validates now instead of at the next turn of the event loop.
  void refreshNow();

 signals:
  void diagnosticsChanged();

 private:
  void onDocumentChanged(const ChangeEvent& event);
  void merge();

  NetworkDocument* document_;
  QTimer revalidate_;
  std::vector<Diagnostic> validation_;
  std::vector<Diagnostic> compile_;
  std::vector<Diagnostic> all_;
};

}  // namespace snn::gui
