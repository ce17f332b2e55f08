#pragma once

#include <QUndoCommand>
#include <optional>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Sets one parameter of a population, or returns it to the model's default (empty value).
// Changes made while one slider is held share a non-zero `gesture` and merge into one step.
class ChangeParameter : public QUndoCommand {
 public:
  ChangeParameter(NetworkDocument* document, std::string population, std::string param,
                  std::optional<ParamValue> value, int gesture = 0, QUndoCommand* parent = nullptr);

  void redo() override;
  void undo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 private:
  NetworkDocument* document_;
  std::string population_;
  std::string param_;
  std::optional<ParamValue> old_;
  std::optional<ParamValue> new_;
  int gesture_;
};

}  // namespace snn::gui
