#include "ChangePopulation.h"

#include <stdexcept>

namespace snn::gui {

ChangePopulation::ChangePopulation(NetworkDocument* document, PopulationSpec spec,
                                   const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), new_(std::move(spec)) {
  const PopulationSpec* p = document_->project().network.findPopulation(new_.id);
  if (!p) throw std::logic_error("ChangePopulation: no population '" + new_.id + "'");
  old_ = *p;
}

}  // namespace snn::gui
