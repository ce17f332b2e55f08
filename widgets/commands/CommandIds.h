#pragma once

namespace snn::gui {

// QUndoCommand::id() of the commands that merge with their predecessor.
enum CommandId {
  kMoveNodesId = 1,         // consecutive moves of one drag
  kChangeFieldId = 2,       // consecutive values of one slider gesture
  kChangeProjectionId = 3,  // consecutive replacements within one gesture
};

}  // namespace snn::gui
