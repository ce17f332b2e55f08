#include "ProjectDiagnostics.h"

#include <algorithm>

#include "NetworkDocument.h"
#include "project/ProjectValidator.h"

namespace snn::gui {

ProjectDiagnostics::ProjectDiagnostics(NetworkDocument* document, QObject* parent)
    : QObject(parent), document_(document) {
  revalidate_.setSingleShot(true);
  revalidate_.setInterval(0);
  connect(&revalidate_, &QTimer::timeout, this, &ProjectDiagnostics::refreshNow);
  connect(document_, &NetworkDocument::changed, this, &ProjectDiagnostics::onDocumentChanged);
  refreshNow();
}

void ProjectDiagnostics::onDocumentChanged(const ChangeEvent& event) {
  if (event.type == ChangeEvent::Type::NodesMoved) return;
  compile_.clear();
  revalidate_.start();
}

std::vector<Diagnostic> ProjectDiagnostics::about(ObjectKind kind, const std::string& id) const {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : all_)
    if (d.kind == kind && d.objectId == id) out.push_back(d);
  return out;
}

void ProjectDiagnostics::setCompileDiagnostics(std::vector<Diagnostic> diagnostics) {
  compile_ = std::move(diagnostics);
  merge();
}

void ProjectDiagnostics::refreshNow() {
  revalidate_.stop();
  validation_ = validateProject(document_->project());
  merge();
}

void ProjectDiagnostics::merge() {
  all_ = validation_;
  for (const Diagnostic& d : compile_) {
    const bool known = std::any_of(all_.begin(), all_.end(), [&](const Diagnostic& v) {
      return v.kind == d.kind && v.objectId == d.objectId && v.field == d.field &&
             v.message == d.message;
    });
    if (!known) all_.push_back(d);
  }
  emit diagnosticsChanged();
}

}  // namespace snn::gui
