#include "Diagnostic.h"

namespace snn {

std::string describeObject(ObjectKind kind, const std::string& id) {
  switch (kind) {
    case ObjectKind::File:
      return id.empty() ? "project file" : "file '" + id + "'";
    case ObjectKind::Experiment:
      return id.empty() ? "experiment" : id;
    case ObjectKind::Network:
      return "network";
    case ObjectKind::Population:
      return "population '" + id + "'";
    case ObjectKind::Projection:
      return "projection '" + id + "'";
    case ObjectKind::Monitor:
      return "monitor " + id;
    case ObjectKind::Training:
      return "training";
    case ObjectKind::Crossbar:
      return "crossbar '" + id + "'";
    case ObjectKind::Ann:
      return id.empty() ? "ANN" : "ANN '" + id + "'";
    case ObjectKind::AnnLayer:
      return "ANN layer '" + id + "'";
  }
  return id;
}

std::string Diagnostic::toString() const {
  std::string s = describeObject(kind, objectId);
  if (!field.empty()) s += ", field '" + field + "'";
  return s + ": " + message;
}

std::string joinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string s;
  for (const Diagnostic& d : diagnostics) {
    if (!s.empty()) s += '\n';
    s += d.toString();
  }
  return s;
}

SpecError::SpecError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(joinDiagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

SpecError::SpecError(Diagnostic diagnostic) : SpecError(std::vector<Diagnostic>{diagnostic}) {}

}  // namespace snn
