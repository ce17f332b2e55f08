#include "NirImporter.h"

#include "NirImportSession.h"
#include "NirNodeTypes.h"

namespace snn::nir {

const char* spikeConventionName(SpikeConvention c) {
  return c == SpikeConvention::Dirac ? "dirac" : "per_step";
}

const char* dialectName(NirDialect d) {
  return d == NirDialect::Sinabs ? "sinabs" : "nir";
}

std::optional<NirDialect> parseDialect(std::string_view name) {
  if (name == "nir") return NirDialect::Nir;
  if (name == "sinabs") return NirDialect::Sinabs;
  return std::nullopt;
}

std::optional<SpikeConvention> parseSpikeConvention(std::string_view name) {
  if (name == "per_step") return SpikeConvention::PerStep;
  if (name == "dirac") return SpikeConvention::Dirac;
  return std::nullopt;
}

NirMappingError::NirMappingError(const std::string& heading, std::vector<std::string> problems)
    : std::runtime_error([&] {
        std::string s = heading;
        for (const std::string& p : problems) s += "\n  " + p;
        return s;
      }()),
      problems_(std::move(problems)) {}

Project importNir(const NirGraph& graph, const NirImportOptions& options) {
  checkNirNode(graph.root, "");
  return NirImportSession(graph, options).run();
}

}  // namespace snn::nir
