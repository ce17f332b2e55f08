#pragma once

#include <functional>
#include <optional>
#include <string>

#include "ParamField.h"
#include "model/Diagnostic.h"

namespace snn::gui {

class NetworkDocument;

// An inspector field bound to one field of one object of the document: made from the field's
// schema entry (project/FieldSchemas.h: unit, range, meaning, and a slider when a running network
// takes the field live), checked with the validator's own check (so a refused value gets the
// same message at the field as in the Problems panel), and committed through ChangeField, one
// undo step per edit or per slider drag.
class SchemaField : public ParamField {
  Q_OBJECT

 public:
  // `id` is asked at every edit, so the field follows a rename of its object.
  SchemaField(NetworkDocument* document, ObjectKind kind, std::function<std::string()> id,
              std::string field, QWidget* parent = nullptr);

  const std::string& field() const { return field_; }
  // Replaces the plain ChangeField by `commit` (e.g. a shape that also sets the size, as one
  // undo macro): it gets the new value (empty: back to the default) and the slider gesture.
  using Commit = std::function<void(const std::optional<ParamValue>& value, int gesture)>;
  void setCommit(Commit commit) { commit_ = std::move(commit); }
  // Shows the document's value; the schema's default where the project sets none.
  void refresh();

 private:
  QStringList referenceIds() const;

  NetworkDocument* document_;
  ObjectKind kind_;
  std::function<std::string()> id_;
  std::string field_;
  Commit commit_;
};

}  // namespace snn::gui
