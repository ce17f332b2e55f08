// snnwb-cli: the SNN Workbench engine without a window.
#include <CLI/CLI.hpp>
#include <vector>

#include "CliErrors.h"
#include "Commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "SNN Workbench command line: simulate, validate and inspect spiking network projects"};
  app.name("snnwb-cli");
  app.require_subcommand(1);
  const std::vector<Command> commands = {
      addRunCommand(app),     addValidateCommand(app), addTrainCommand(app),
      addModelsCommand(app),  addSchemaCommand(app),   addImportCommand(app),
      addExportCommand(app),  addCrossbarCommand(app), addEvaluateCommand(app),
      addAnalyzeCommand(app), addLessonsCommand(app),  addConvertCommand(app),
      addEnergyCommand(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);  // prints the help, or the usage error on stderr
    return status == 0 ? kExitOk : kExitBadInput;
  }
  for (const Command& c : commands)
    if (c.parser->parsed()) return runReportingErrors(c.run);
  return kExitBadInput;
}
