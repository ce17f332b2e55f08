#include <iostream>
#include <memory>

#include "CliErrors.h"
#include "Commands.h"
#include "project/SchemaDocs.h"

Command addSchemaCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "schema", "Print every field of the project file with its unit, range and meaning");
  auto markdown = std::make_shared<bool>(false);
  cmd->add_flag("--markdown", *markdown,
                "As Markdown tables (the reference part of docs/project-format.md)");
  // Markdown is the one format so far; the flag keeps the command line stable for more.
  return {cmd, [markdown] {
            std::cout << snn::schemaMarkdown();
            return kExitOk;
          }};
}
