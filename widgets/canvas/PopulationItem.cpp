#include "PopulationItem.h"

#include "sim/NeuronModelRegistry.h"
#include "util/QtText.h"

namespace snn::gui {

void PopulationItem::refresh(const Project& project) {
  const PopulationSpec* spec = project.network.findPopulation(id());
  if (!spec) return;
  const NeuronModelEntry* e = NeuronModelRegistry::instance().find(spec->model);
  const ModelInfo* info = e ? e->info : nullptr;
  const QString neurons = spec->size == 1 ? QObject::tr("neuron") : QObject::tr("neurons");
  const QString count = spec->shape ? toQ(spec->shape->describe())
                                    : QStringLiteral("%1 %2").arg(spec->size).arg(neurons);
  QString description = QStringLiteral("%1 (%2), %3 %4")
                            .arg(info ? toQ(info->displayName) : QObject::tr("unknown model"),
                                 toQ(spec->model).toHtmlEscaped())
                            .arg(spec->size)
                            .arg(neurons);
  if (spec->shape) description += QStringLiteral(" as ") + toQ(spec->shape->describe());
  if (info) description += "<br><i>" + toQ(info->meaning).toHtmlEscaped() + "</i>";
  prepareGeometryChange();
  setContent(QStringLiteral("%1  ·  %2").arg(toQ(spec->model), count), description,
             !info || info->role == ModelRole::Neuron, true);
}

}  // namespace snn::gui
