#include "ChangeExperiment.h"

namespace snn::gui {

ChangeExperiment::ChangeExperiment(NetworkDocument* document, const ExperimentSpec& experiment,
                                   const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent),
      document_(document),
      old_(document->project().experiment),
      new_(experiment) {}

}  // namespace snn::gui
