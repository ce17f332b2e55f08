#include <iostream>
#include <memory>

#include "CliErrors.h"
#include "Commands.h"
#include "io/ProjectJson.h"
#include "project/ProjectValidator.h"

Command addValidateCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check a project file and report every problem found");
  auto path = std::make_shared<std::string>();
  cmd->add_option("PROJECT", *path, "Project file (*.snnwb.json)")->required();
  return {cmd, [path]() {
            const snn::Project project = snn::loadProject(*path);  // throws with every diagnostic
            const snn::NetworkFootprint f = snn::estimateFootprint(project);
            std::cout << *path << ": OK (" << project.network.populations.size() << " populations, "
                      << f.neurons << " neurons, " << project.network.projections.size()
                      << " projections, about " << static_cast<int64_t>(f.synapses)
                      << " synapses)\n";
            return kExitOk;
          }};
}
