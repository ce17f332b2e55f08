#include <iostream>
#include <memory>

#include "CliErrors.h"
#include "CliFootprint.h"
#include "Commands.h"
#include "io/ProjectJson.h"
#include "project/ProjectValidator.h"

Command addValidateCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check a project file and report every problem found");
  auto path = std::make_shared<std::string>();
  cmd->add_option("PROJECT", *path, "Project file (*.snnwb.json)")->required();
  return {cmd, [path]() {
            snn::ProjectParseResult parsed = snn::readProjectFile(*path);
            if (!parsed.ok()) throw snn::SpecError(std::move(parsed.diagnostics));
            const snn::Project& project = parsed.project;
            // As `run` would (one thread, no files): every problem, then the memory it needs.
            snn::ValidationOptions validation;
            refuseWhatDoesNotFit(project, {.threads = 1, .keepRecording = false}, validation);
            const snn::NetworkFootprint f = snn::estimateFootprint(project, {.threads = 1});
            std::cout << *path << ": OK (" << project.network.populations.size() << " populations, "
                      << f.neurons << " neurons, " << project.network.projections.size()
                      << " projections, about " << static_cast<int64_t>(f.synapses)
                      << " synapses)\n";
            return kExitOk;
          }};
}
