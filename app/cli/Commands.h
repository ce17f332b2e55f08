#pragma once

#include <CLI/CLI.hpp>
#include <functional>

// A sub-command: its CLI11 parser, and the function that runs it once parsed (returning the
// process exit status).
struct Command {
  CLI::App* parser = nullptr;
  std::function<int()> run;
};

Command addRunCommand(CLI::App& app);
Command addValidateCommand(CLI::App& app);
Command addModelsCommand(CLI::App& app);
Command addSchemaCommand(CLI::App& app);
Command addTrainCommand(CLI::App& app);
Command addExportCommand(CLI::App& app);
Command addImportCommand(CLI::App& app);
Command addCrossbarCommand(CLI::App& app);
Command addEvaluateCommand(CLI::App& app);
Command addAnalyzeCommand(CLI::App& app);
Command addLessonsCommand(CLI::App& app);
Command addConvertCommand(CLI::App& app);
Command addEnergyCommand(CLI::App& app);
