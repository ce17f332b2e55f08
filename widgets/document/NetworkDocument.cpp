#include "NetworkDocument.h"

#include <QFileInfo>
#include <QUndoStack>
#include <algorithm>
#include <stdexcept>

#include "model/NodeColors.h"
#include "model/ObjectFields.h"

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
  assignNodeColors(project_);  // a file without colours: every node gets one that stays
  undoStack_->clear();         // emits cleanChanged, hence modifiedChanged, if it was modified
  if (filePath_ != filePath) {
    filePath_ = filePath;
    emit filePathChanged(filePath_);
  }
  emitChange(ChangeEvent::Type::ProjectReplaced, ObjectKind::Network, {});
}

void NetworkDocument::markSaved(const QString& filePath) {
  undoStack_->setClean();
  if (filePath_ != filePath) {
    filePath_ = filePath;
    emit filePathChanged(filePath_);
  }
}

void NetworkDocument::emitChange(ChangeEvent::Type type, ObjectKind kind, const std::string& id,
                                 const std::string& field) {
  ChangeEvent e;
  e.type = type;
  e.kind = kind;
  e.id = id;
  e.field = field;
  emit changed(e);
}

void NetworkDocument::insertPopulation(DetachedPopulation population) {
  auto& pops = project_.network.populations;
  const std::string id = population.spec.id;
  const size_t index = std::min(population.index, pops.size());
  pops.insert(pops.begin() + static_cast<ptrdiff_t>(index), std::move(population.spec));
  attachPlacement(id, population.position, population.color);
  auto& monitors = project_.network.monitors;
  for (auto& [at, monitor] : population.monitors)  // ascending, as takePopulation listed them
    monitors.insert(monitors.begin() + static_cast<ptrdiff_t>(std::min(at, monitors.size())),
                    std::move(monitor));
  emitChange(ChangeEvent::Type::ObjectAdded, ObjectKind::Population, id);
}

void NetworkDocument::detachPlacement(const std::string& id, std::optional<NodePosition>& position,
                                      std::optional<int>& color) {
  if (auto pos = project_.layout.find(id); pos != project_.layout.end()) {
    position = pos->second;
    project_.layout.erase(pos);
  }
  if (auto c = project_.colors.find(id); c != project_.colors.end()) {
    color = c->second;
    project_.colors.erase(c);
  }
}

void NetworkDocument::attachPlacement(const std::string& id,
                                      const std::optional<NodePosition>& position,
                                      const std::optional<int>& color) {
  if (position) project_.layout[id] = *position;
  project_.colors[id] = color ? *color : firstFreeNodeColor(project_);
}

DetachedPopulation NetworkDocument::takePopulation(const std::string& id) {
  auto& pops = project_.network.populations;
  const auto it = std::find_if(pops.begin(), pops.end(), [&](auto& p) { return p.id == id; });
  if (it == pops.end()) throw std::logic_error("takePopulation: no population '" + id + "'");
  DetachedPopulation out;
  out.index = static_cast<size_t>(it - pops.begin());
  out.spec = std::move(*it);
  pops.erase(it);
  detachPlacement(id, out.position, out.color);
  auto& monitors = project_.network.monitors;
  for (size_t m = 0; m < monitors.size(); ++m)
    if (monitors[m].target == id) out.monitors.emplace_back(m, monitors[m]);
  for (auto it2 = out.monitors.rbegin(); it2 != out.monitors.rend(); ++it2)
    monitors.erase(monitors.begin() + static_cast<ptrdiff_t>(it2->first));
  emitChange(ChangeEvent::Type::ObjectRemoved, ObjectKind::Population, id);
  return out;
}

void NetworkDocument::insertProjection(size_t index, ProjectionSpec projection) {
  auto& projs = project_.network.projections;
  const std::string id = projection.id;
  projs.insert(projs.begin() + static_cast<ptrdiff_t>(std::min(index, projs.size())),
               std::move(projection));
  emitChange(ChangeEvent::Type::ObjectAdded, ObjectKind::Projection, id);
}

std::pair<size_t, ProjectionSpec> NetworkDocument::takeProjection(const std::string& id) {
  auto& projs = project_.network.projections;
  const auto it = std::find_if(projs.begin(), projs.end(), [&](auto& p) { return p.id == id; });
  if (it == projs.end()) throw std::logic_error("takeProjection: no projection '" + id + "'");
  std::pair<size_t, ProjectionSpec> out{static_cast<size_t>(it - projs.begin()), std::move(*it)};
  projs.erase(it);
  emitChange(ChangeEvent::Type::ObjectRemoved, ObjectKind::Projection, id);
  return out;
}

namespace {

// The fields in which `before` and `after` differ: the fixed ones of `table` and the entries of
// the named maps; "" when they differ only where no field names it (a synapse list).
template <class Spec>
std::vector<std::string> changedFields(const std::vector<Field<Spec>>& table, const Spec& before,
                                       const Spec& after) {
  std::vector<std::string> fields;
  for (const Field<Spec>& f : table)
    if (f.get && f.get(before) != f.get(after)) fields.push_back(f.info.name);
  return fields;
}

template <class Map>
void changedEntries(const Map& before, const Map& after, std::string_view prefix,
                    std::vector<std::string>& fields) {
  for (const auto& [name, value] : after)
    if (auto it = before.find(name); it == before.end() || !(it->second == value))
      fields.push_back(std::string(prefix) + name);
  for (const auto& [name, value] : before)
    if (!after.count(name)) fields.push_back(std::string(prefix) + name);
}

}  // namespace

void NetworkDocument::emitFieldChanges(ObjectKind kind, const std::string& id,
                                       std::vector<std::string> fields) {
  if (fields.empty()) fields.push_back({});  // changed where no single field says
  for (const std::string& field : fields)
    emitChange(ChangeEvent::Type::FieldChanged, kind, id, field);
}

void NetworkDocument::setPopulation(const std::string& id, PopulationSpec spec) {
  PopulationSpec* p = project_.network.findPopulation(id);
  if (!p) throw std::logic_error("setPopulation: no population '" + id + "'");
  spec.id = id;
  std::vector<std::string> fields = changedFields(populationFields(), *p, spec);
  changedEntries(p->params, spec.params, kParamsPrefix, fields);
  changedEntries(p->init, spec.init, kInitPrefix, fields);
  *p = std::move(spec);
  emitFieldChanges(ObjectKind::Population, id, std::move(fields));
}

void NetworkDocument::setField(ObjectKind kind, const std::string& id, const std::string& field,
                               const std::optional<ParamValue>& value) {
  try {
    snn::setField(project_, kind, id, field, value);
  } catch (const std::invalid_argument& e) {
    throw std::logic_error(std::string("setField: ") + e.what());
  }
  emitChange(ChangeEvent::Type::FieldChanged, kind, id, field);
}

void NetworkDocument::setProjection(const std::string& id, ProjectionSpec spec) {
  ProjectionSpec* p = project_.network.findProjection(id);
  if (!p) throw std::logic_error("setProjection: no projection '" + id + "'");
  spec.id = id;
  std::vector<std::string> fields = changedFields(projectionFields(), *p, spec);
  if (p->plasticity && spec.plasticity && p->plasticity->rule == spec.plasticity->rule)
    changedEntries(p->plasticity->params, spec.plasticity->params, kPlasticityParamsPrefix, fields);
  if (p->connector.list != spec.connector.list) fields.push_back("connector.list");
  if (p->connector.kernel != spec.connector.kernel ||
      p->connector.kernelShape != spec.connector.kernelShape)
    fields.push_back("connector.kernel");
  *p = std::move(spec);
  emitFieldChanges(ObjectKind::Projection, id, std::move(fields));
}

void NetworkDocument::renameObject(const std::string& oldId, const std::string& newId) {
  NetworkSpec& net = project_.network;
  const std::optional<ObjectKind> kind = net.kindOf(oldId);
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
    if (auto it = project_.colors.find(oldId); it != project_.colors.end()) {
      project_.colors[newId] = it->second;
      project_.colors.erase(oldId);
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
  e.kind = *kind;
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

void NetworkDocument::setMonitors(std::vector<MonitorSpec> monitors) {
  project_.network.monitors = std::move(monitors);
  emitChange(ChangeEvent::Type::FieldChanged, ObjectKind::Monitor, {});
}

void NetworkDocument::setExperiment(const ExperimentSpec& experiment) {
  project_.experiment = experiment;
  emitChange(ChangeEvent::Type::FieldChanged, ObjectKind::Experiment, {});
}

void NetworkDocument::setAnn(const std::string& id, AnnNodeSpec spec) {
  AnnNodeSpec* ann = project_.network.findAnn(id);
  if (!ann) return;
  *ann = std::move(spec);
  emitChange(ChangeEvent::Type::FieldChanged, ObjectKind::Ann, id);
}

void NetworkDocument::setTraining(std::optional<TrainingSpec> training) {
  project_.training = std::move(training);
  emitChange(ChangeEvent::Type::FieldChanged, ObjectKind::Training, {});
}

void NetworkDocument::setEnergy(std::optional<EnergySpec> energy, const std::string& field) {
  project_.energy = std::move(energy);
  emitChange(ChangeEvent::Type::FieldChanged, ObjectKind::File, {}, field);
}

}  // namespace snn::gui
