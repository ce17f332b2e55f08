#include "CompoundEdits.h"

#include <QCoreApplication>
#include <QUndoStack>
#include <algorithm>
#include <set>

#include "AddRemovePopulation.h"
#include "AddRemoveProjection.h"
#include "document/NetworkDocument.h"
#include "document/ObjectIds.h"
#include "sim/NeuronModelRegistry.h"

namespace snn::gui {

void deleteObjects(NetworkDocument& document, const std::vector<std::string>& populations,
                   const std::vector<std::string>& projections) {
  const NetworkSpec& net = document.project().network;
  const std::set<std::string> pops(populations.begin(), populations.end());
  std::vector<std::string> projs;
  for (const ProjectionSpec& p : net.projections)
    if (pops.count(p.pre) || pops.count(p.post) ||
        std::find(projections.begin(), projections.end(), p.id) != projections.end())
      projs.push_back(p.id);
  std::vector<std::string> removed;
  for (const PopulationSpec& p : net.populations)
    if (pops.count(p.id)) removed.push_back(p.id);
  if (projs.empty() && removed.empty()) return;

  QUndoStack* stack = document.undoStack();
  stack->beginMacro(QCoreApplication::translate("Undo", "Delete %n Object(s)", nullptr,
                                                static_cast<int>(projs.size() + removed.size())));
  for (const std::string& id : projs) stack->push(new RemoveProjection(&document, id));
  for (const std::string& id : removed) stack->push(new RemovePopulation(&document, id));
  stack->endMacro();
}

ProjectionSpec defaultProjection(const Project& project, const std::string& pre,
                                 const std::string& post) {
  ProjectionSpec p;
  p.id = uniqueId(project, pre + "_" + post);
  p.pre = pre;
  p.post = post;
  p.connector.type = ConnectorSpec::Type::AllToAll;
  double weight = 0.1;
  if (const PopulationSpec* source = project.network.findPopulation(pre))
    if (const NeuronModelEntry* e = NeuronModelRegistry::instance().find(source->model))
      if (e->info->role == ModelRole::CurrentSource) weight = 1.0;
  p.weight = ValueSpec::constant(weight);
  return p;
}

PopulationSpec defaultPopulation(const Project& project, const std::string& model) {
  PopulationSpec p;
  p.model = model;
  p.id = uniqueId(project, model);
  if (const NeuronModelEntry* e = NeuronModelRegistry::instance().find(model))
    p.size = e->info->defaultSize;
  return p;
}

}  // namespace snn::gui
