#include "ApplyTrainedWeights.h"

#include <QCoreApplication>

#include "ChangeAnn.h"
#include "ChangeField.h"
#include "ChangePopulation.h"
#include "ChangeProjection.h"
#include "ChangeTraining.h"
#include "model/ObjectFields.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

QString tr(const char* text) {
  return QCoreApplication::translate("Undo", text);
}

// Sets in `target` the entries of `to` that differ from `from`, and removes those `to` dropped.
template <class Map>
bool applyDifference(const Map& from, const Map& to, Map& target) {
  bool changed = false;
  for (const auto& [key, value] : to) {
    auto was = from.find(key);
    if (was != from.end() && was->second == value) continue;
    auto it = target.find(key);
    if (it != target.end() && it->second == value) continue;
    target[key] = value;
    changed = true;
  }
  for (const auto& [key, value] : from)
    if (!to.count(key) && target.erase(key) > 0) changed = true;
  return changed;
}

bool samePopulation(const PopulationSpec& a, const PopulationSpec& b) {
  return a.model == b.model && a.size == b.size;
}

// The same layers (ids, types, settings) on the same input: trained weights still fit.
bool sameLayers(const AnnSpec& a, const AnnSpec& b) {
  if (!(a.input == b.input) || a.layers.size() != b.layers.size()) return false;
  for (size_t i = 0; i < a.layers.size(); ++i) {
    AnnLayerSpec x = a.layers[i], y = b.layers[i];
    x.weight = y.weight = {};
    x.bias = y.bias = {};
    x.threshold = y.threshold = 0.0f;  // trained with the weights
    if (!(x == y)) return false;
  }
  return true;
}

bool sameWiring(const ProjectionSpec& a, const ProjectionSpec& b) {
  return a.pre == b.pre && a.post == b.post && a.connector == b.connector;
}

}  // namespace

QString ApplyTrainedWeights::problem(const Project& current, const Project& trainedFrom,
                                     const Project& trained) {
  for (const PopulationSpec& p : trained.network.populations) {
    const PopulationSpec* start = trainedFrom.network.findPopulation(p.id);
    if (!start || *start == p) continue;
    const PopulationSpec* now = current.network.findPopulation(p.id);
    if (!now || !samePopulation(*now, *start))
      return tr("population '%1' was removed or changed since training started").arg(toQ(p.id));
  }
  for (const AnnNodeSpec& a : trained.network.anns) {
    const AnnNodeSpec* start = trainedFrom.network.findAnn(a.id);
    if (!start || *start == a) continue;
    const AnnNodeSpec* now = current.network.findAnn(a.id);
    if (!now || !sameLayers(now->ann, start->ann))
      return tr("ANN '%1' was removed or its layers changed since training started").arg(toQ(a.id));
  }
  for (const ProjectionSpec& p : trained.network.projections) {
    const ProjectionSpec* start = trainedFrom.network.findProjection(p.id);
    if (!start || start->weight == p.weight) continue;
    const ProjectionSpec* now = current.network.findProjection(p.id);
    if (!now || !sameWiring(*now, *start))
      return tr("projection '%1' was removed or rewired since training started").arg(toQ(p.id));
    for (const std::string& end : {p.pre, p.post}) {
      const PopulationSpec* was = trainedFrom.network.findPopulation(end);
      const PopulationSpec* is = current.network.findPopulation(end);
      if (!was || !is || !samePopulation(*was, *is))
        return tr("population '%1' was removed or changed since training started").arg(toQ(end));
    }
  }
  return {};
}

ApplyTrainedWeights::ApplyTrainedWeights(NetworkDocument* document, const Project& trainedFrom,
                                         const Project& trained, QUndoCommand* parent)
    : QUndoCommand(tr("Apply trained weights"), parent) {
  const Project& current = document->project();
  for (const ProjectionSpec& p : trained.network.projections) {
    const ProjectionSpec* start = trainedFrom.network.findProjection(p.id);
    const ProjectionSpec* now = current.network.findProjection(p.id);
    if (!start || !now || start->weight == p.weight || now->weight == p.weight) continue;
    if (!sameWiring(*now, *start)) continue;
    ProjectionSpec changed = *now;
    changed.weight = p.weight;
    new ChangeProjection(document, changed, tr("Trained weights of '%1'").arg(toQ(p.id)), 0, this);
  }
  for (const AnnNodeSpec& a : trained.network.anns) {
    const AnnNodeSpec* start = trainedFrom.network.findAnn(a.id);
    const AnnNodeSpec* now = current.network.findAnn(a.id);
    if (!start || !now || *start == a || *now == a || !sameLayers(now->ann, start->ann)) continue;
    new ChangeAnn(document, a, tr("Trained weights of '%1'").arg(toQ(a.id)), this);
  }
  for (const PopulationSpec& p : trained.network.populations) {
    const PopulationSpec* start = trainedFrom.network.findPopulation(p.id);
    const PopulationSpec* now = current.network.findPopulation(p.id);
    if (!start || !now || !samePopulation(*now, *start)) continue;
    PopulationSpec changed = *now;
    const bool params = applyDifference(start->params, p.params, changed.params);
    const bool init = applyDifference(start->init, p.init, changed.init);
    if (params || init)
      new ChangePopulation(document, changed, tr("Trained state of '%1'").arg(toQ(p.id)), this);
  }
  if (trained.training && trained.training != trainedFrom.training) {
    std::optional<TrainingSpec> changed = current.training;
    if (!changed || !trainedFrom.training) {
      changed = trained.training;
    } else {
      applyDifference(trainedFrom.training->params, trained.training->params, changed->params);
    }
    if (changed != current.training)
      new ChangeTraining(document, changed, tr("Training results"), this);
  }
  // Experiment fields the training changed (e.g. the duration that shows every test sample).
  for (const Field<ExperimentSpec>& f : experimentFields()) {
    const auto to = f.get(trained.experiment);
    if (to == f.get(trainedFrom.experiment) || to == f.get(current.experiment)) continue;
    new ChangeField(document, ObjectKind::Experiment, {}, f.info.name, to,
                    /*gesture=*/0, this);
  }
}

}  // namespace snn::gui
