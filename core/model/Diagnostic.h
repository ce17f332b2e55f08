#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace snn {

// What a diagnostic is about, so the canvas can mark the right node or edge.
enum class ObjectKind {
  File,
  Experiment,
  Network,
  Population,
  Projection,
  Monitor,
  Training,
  Crossbar,
  Ann,       // an ANN as a whole (its input block); objectId empty
  AnnLayer,  // one layer of an ANN, by its id
};

// One problem found in a project: the object, the field and what is wrong.
struct Diagnostic {
  ObjectKind kind = ObjectKind::File;
  std::string objectId;  // population/projection id, monitor index, file path
  std::string field;     // e.g. "params.tau_m" or "connector.p"; empty for the whole object
  std::string message;

  // "population 'exc', field 'params.tau_m': must be > 0 (got -5)"
  std::string toString() const;
};

std::string describeObject(ObjectKind kind, const std::string& id);

// Thrown where a list of diagnostics has to cross a function that returns a value.
class SpecError : public std::runtime_error {
 public:
  explicit SpecError(std::vector<Diagnostic> diagnostics);
  explicit SpecError(Diagnostic diagnostic);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// All diagnostics, one per line.
std::string joinDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace snn
