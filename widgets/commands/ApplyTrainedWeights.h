#pragma once

#include <QString>
#include <QUndoCommand>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Puts what a training run learned into the document as one undo step: the weights of the
// projections it trained, what it changed in populations (STDP's thresholds as initial state,
// surrogate biases as i_offset), in the training block (STDP's neuron labels) and in the
// experiment (the duration the trained network runs for). The change is the difference between
// the project the run started from and the one it gave back, applied to the document as it is
// now, so that edits made elsewhere while it trained are kept. Its children are
// ChangeProjection, ChangePopulation, ChangeTraining and ChangeField commands.
class ApplyTrainedWeights : public QUndoCommand {
 public:
  // Why the learned values no longer fit `current` (a population resized or removed, a trained
  // projection removed or rewired since training started), or an empty string.
  static QString problem(const Project& current, const Project& trainedFrom,
                         const Project& trained);

  // Check problem() first: objects that no longer fit are skipped.
  ApplyTrainedWeights(NetworkDocument* document, const Project& trainedFrom, const Project& trained,
                      QUndoCommand* parent = nullptr);

  // Objects this command changes (0: the document already holds what was learned).
  int changes() const { return childCount(); }
};

}  // namespace snn::gui
