#pragma once

#include <QUndoCommand>
#include <optional>
#include <string>

#include "document/NetworkDocument.h"

namespace snn::gui {

// Sets the project's energy block (chip, substrate, constant overrides) or removes it (empty).
// `field` names what changed ("energy.chip", "energy.constants"). Not part of a run.
class ChangeEnergy : public QUndoCommand {
 public:
  ChangeEnergy(NetworkDocument* document, std::optional<EnergySpec> energy, std::string field,
               const QString& text, QUndoCommand* parent = nullptr)
      : QUndoCommand(text, parent),
        document_(document),
        old_(document->project().energy),
        new_(std::move(energy)),
        field_(std::move(field)) {}
  void redo() override { document_->setEnergy(new_, field_); }
  void undo() override { document_->setEnergy(old_, field_); }

 private:
  NetworkDocument* document_;
  std::optional<EnergySpec> old_;
  std::optional<EnergySpec> new_;
  std::string field_;
};

}  // namespace snn::gui
