#include "OnnxProjectImport.h"

#include <cctype>

#include "OnnxImporter.h"
#include "project/ProjectValidator.h"

namespace snn {

namespace {

std::string idFromFile(const std::filesystem::path& file) {
  std::string id = file.stem().string();
  for (char& c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return id.empty() ? "ann" : id;
}

}  // namespace

AnnProjectImport importOnnxProject(const std::filesystem::path& file,
                                   const std::vector<float>& mean, const std::vector<float>& std) {
  OnnxImport imported = importOnnx(file);
  imported.spec.mean = mean;
  imported.spec.std = std;
  AnnProjectImport out;
  Project& project = out.project;
  const std::string id = idFromFile(file);
  project.network.anns.push_back({id, std::move(imported.spec)});
  project.layout[id] = {40.0, 40.0};
  project.training = TrainingSpec{};
  project.training->method = "ann";
  project.training->ann = id;
  project.training->dataset =
      project.network.anns[0].ann.input.size() == 64 ? "digits" : "fashion-mnist";
  if (auto problems = validateProject(project); !problems.empty())
    throw SpecError(std::move(problems));
  out.notes = std::move(imported.notes);
  return out;
}

}  // namespace snn
