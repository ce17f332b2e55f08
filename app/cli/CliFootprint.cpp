#include "CliFootprint.h"

#include <limits>

void refuseWhatDoesNotFit(const snn::Project& project, const snn::FootprintOptions& options,
                          snn::ValidationOptions& validation) {
  validation.memoryBudgetBytes = std::numeric_limits<double>::max();
  if (auto problems = snn::validateProject(project, validation); !problems.empty())
    throw snn::SpecError(std::move(problems));
  if (auto tooBig = snn::checkFootprint(project, 0, options); !tooBig.empty())
    throw snn::SpecError(std::move(tooBig));
}
