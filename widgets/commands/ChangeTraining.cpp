#include "ChangeTraining.h"

namespace snn::gui {

ChangeTraining::ChangeTraining(NetworkDocument* document, std::optional<TrainingSpec> training,
                               const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent),
      document_(document),
      old_(document->project().training),
      new_(std::move(training)) {}

}  // namespace snn::gui
