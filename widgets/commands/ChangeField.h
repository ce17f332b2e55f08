#pragma once

#include <QUndoCommand>
#include <optional>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Sets one field of one object — a population's "size" or "params.tau_m", a projection's
// "weight" or "connector.p", the experiment's "dt", the training block's "dataset"
// (model/ObjectFields.h) — or returns it to its default (an empty value). The one undo command
// for editing a field; the document's change event names the field, so a running network takes
// a live field at once and recompiles for a structural one. Changes made while one slider is
// held share a non-zero `gesture` and merge into one step.
class ChangeField : public QUndoCommand {
 public:
  ChangeField(NetworkDocument* document, ObjectKind kind, std::string id, std::string field,
              std::optional<ParamValue> value, int gesture = 0, QUndoCommand* parent = nullptr);

  void redo() override;
  void undo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

  // "tau_m", "connector p", "present_ms": how the undo text names a field.
  static QString fieldLabel(const std::string& field);

 private:
  NetworkDocument* document_;
  ObjectKind kind_;
  std::string id_;
  std::string field_;
  std::optional<ParamValue> old_;
  std::optional<ParamValue> new_;
  int gesture_;
};

}  // namespace snn::gui
