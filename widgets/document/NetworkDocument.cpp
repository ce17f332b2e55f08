#include "NetworkDocument.h"

#include <QFileInfo>
#include <QUndoStack>
#include <algorithm>
#include <stdexcept>

namespace snn::gui {

NetworkDocument::NetworkDocument(QObject* parent)
    : QObject(parent), undoStack_(new QUndoStack(this)) {
  connect(undoStack_, &QUndoStack::cleanChanged, this,
          [this](bool clean) { emit modifiedChanged(!clean); });
}

NetworkDocument::~NetworkDocument() = default;

QString NetworkDocument::displayName() const {
  return filePath_.isEmpty() ? tr("Untitled") : QFileInfo(filePath_).fileName();
}

bool NetworkDocument::isModified() const {
  return !undoStack_->isClean();
}

void NetworkDocument::replaceProject(Project project, const QString& filePath) {
  project_ = std::move(project);
  undoStack_->clear();  // emits cleanChanged, hence modifiedChanged, if it was modified
  if (filePath_ != filePath) {
    filePath_ = filePath;
    emit filePathChanged(filePath_);
  }
  emitChange(ChangeEvent::Type::ProjectReplaced, {});
}

void NetworkDocument::markSaved(const QString& filePath) {
  undoStack_->setClean();
  if (filePath_ != filePath) {
    filePath_ = filePath;
    emit filePathChanged(filePath_);
  }
}

void NetworkDocument::emitChange(ChangeEvent::Type type, const std::string& id) {
  ChangeEvent e;
  e.type = type;
  e.id = id;
  emit changed(e);
}

void NetworkDocument::insertPopulation(DetachedPopulation population) {
  auto& pops = project_.network.populations;
  const std::string id = population.spec.id;
  const size_t index = std::min(population.index, pops.size());
  pops.insert(pops.begin() + static_cast<ptrdiff_t>(index), std::move(population.spec));
  if (population.position) project_.layout[id] = *population.position;
  auto& monitors = project_.network.monitors;
  for (auto& [at, monitor] : population.monitors)  // ascending, as takePopulation listed them
    monitors.insert(monitors.begin() + static_cast<ptrdiff_t>(std::min(at, monitors.size())),
                    std::move(monitor));
  emitChange(ChangeEvent::Type::PopulationAdded, id);
}

DetachedPopulation NetworkDocument::takePopulation(const std::string& id) {
  auto& pops = project_.network.populations;
  const auto it = std::find_if(pops.begin(), pops.end(), [&](auto& p) { return p.id == id; });
  if (it == pops.end()) throw std::logic_error("takePopulation: no population '" + id + "'");
  DetachedPopulation out;
  out.index = static_cast<size_t>(it - pops.begin());
  out.spec = std::move(*it);
  pops.erase(it);
  if (auto pos = project_.layout.find(id); pos != project_.layout.end()) {
    out.position = pos->second;
    project_.layout.erase(pos);
  }
  auto& monitors = project_.network.monitors;
  for (size_t m = 0; m < monitors.size(); ++m)
    if (monitors[m].target == id) out.monitors.emplace_back(m, monitors[m]);
  for (auto it2 = out.monitors.rbegin(); it2 != out.monitors.rend(); ++it2)
    monitors.erase(monitors.begin() + static_cast<ptrdiff_t>(it2->first));
  emitChange(ChangeEvent::Type::PopulationRemoved, id);
  return out;
}

void NetworkDocument::insertProjection(size_t index, ProjectionSpec projection) {
  auto& projs = project_.network.projections;
  const std::string id = projection.id;
  projs.insert(projs.begin() + static_cast<ptrdiff_t>(std::min(index, projs.size())),
               std::move(projection));
  emitChange(ChangeEvent::Type::ProjectionAdded, id);
}

std::pair<size_t, ProjectionSpec> NetworkDocument::takeProjection(const std::string& id) {
  auto& projs = project_.network.projections;
  const auto it = std::find_if(projs.begin(), projs.end(), [&](auto& p) { return p.id == id; });
  if (it == projs.end()) throw std::logic_error("takeProjection: no projection '" + id + "'");
  std::pair<size_t, ProjectionSpec> out{static_cast<size_t>(it - projs.begin()), std::move(*it)};
  projs.erase(it);
  emitChange(ChangeEvent::Type::ProjectionRemoved, id);
  return out;
}

void NetworkDocument::setPopulation(const std::string& id, PopulationSpec spec) {
  PopulationSpec* p = project_.network.findPopulation(id);
  if (!p) throw std::logic_error("setPopulation: no population '" + id + "'");
  spec.id = id;
  *p = std::move(spec);
  emitChange(ChangeEvent::Type::PopulationChanged, id);
}

void NetworkDocument::setParameter(const std::string& id, const std::string& param,
                                   std::optional<ParamValue> value) {
  PopulationSpec* p = project_.network.findPopulation(id);
  if (!p) throw std::logic_error("setParameter: no population '" + id + "'");
  if (value)
    p->params[param] = std::move(*value);
  else
    p->params.erase(param);
  ChangeEvent e;
  e.type = ChangeEvent::Type::ParameterChanged;
  e.id = id;
  e.param = param;
  emit changed(e);
}

void NetworkDocument::setProjection(const std::string& id, ProjectionSpec spec) {
  ProjectionSpec* p = project_.network.findProjection(id);
  if (!p) throw std::logic_error("setProjection: no projection '" + id + "'");
  spec.id = id;
  *p = std::move(spec);
  emitChange(ChangeEvent::Type::ProjectionChanged, id);
}

void NetworkDocument::renameObject(const std::string& oldId, const std::string& newId) {
  NetworkSpec& net = project_.network;
  if (PopulationSpec* p = net.findPopulation(oldId)) {
    p->id = newId;
    for (ProjectionSpec& proj : net.projections) {
      if (proj.pre == oldId) proj.pre = newId;
      if (proj.post == oldId) proj.post = newId;
    }
    for (MonitorSpec& m : net.monitors)
      if (m.target == oldId) m.target = newId;
    if (auto it = project_.layout.find(oldId); it != project_.layout.end()) {
      project_.layout[newId] = it->second;
      project_.layout.erase(oldId);
    }
    if (project_.training) {
      if (project_.training->input == oldId) project_.training->input = newId;
      if (project_.training->output == oldId) project_.training->output = newId;
    }
  } else if (ProjectionSpec* proj = net.findProjection(oldId)) {
    proj->id = newId;
  } else {
    throw std::logic_error("renameObject: no object '" + oldId + "'");
  }
  ChangeEvent e;
  e.type = ChangeEvent::Type::ObjectRenamed;
  e.id = newId;
  e.oldId = oldId;
  emit changed(e);
}

void NetworkDocument::setNodePositions(
    const std::map<std::string, std::optional<NodePosition>>& positions) {
  ChangeEvent e;
  e.type = ChangeEvent::Type::NodesMoved;
  for (const auto& [id, pos] : positions) {
    if (pos)
      project_.layout[id] = *pos;
    else
      project_.layout.erase(id);
    e.ids.push_back(id);
  }
  emit changed(e);
}

void NetworkDocument::setExperiment(const ExperimentSpec& experiment) {
  project_.experiment = experiment;
  emitChange(ChangeEvent::Type::ExperimentChanged, {});
}

void NetworkDocument::setTraining(std::optional<TrainingSpec> training) {
  project_.training = std::move(training);
  emitChange(ChangeEvent::Type::TrainingChanged, {});
}

}  // namespace snn::gui
