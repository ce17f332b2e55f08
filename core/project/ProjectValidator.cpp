#include "ProjectValidator.h"

#include "learning/TrainerRegistry.h"

namespace snn {

std::vector<Diagnostic> validateProject(const Project& project, ValidationOptions options) {
  std::vector<Diagnostic> problems = validateNetwork(project, options);
  validateTraining(project, problems);
  return problems;
}

}  // namespace snn
