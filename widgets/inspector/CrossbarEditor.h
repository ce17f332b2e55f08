#pragma once

#include <map>
#include <string>

#include "InspectorPage.h"

class QComboBox;
class QLabel;

namespace snn::gui {

class NetworkDocument;
class SchemaField;

// The inspector of one crossbar node: the device preset (choosing one drops the device overrides,
// one undo step), the projection it carries, and every other field of its schema
// (model/CrossbarSchema.h) as SchemaFields, section by section — device, array, mapping,
// programming, faults — each edit one ChangeField.
class CrossbarEditor : public InspectorPage {
  Q_OBJECT

 public:
  CrossbarEditor(NetworkDocument* document, std::string id, QWidget* parent = nullptr);

  void refresh() override;
  QComboBox* presetBox() const { return preset_; }
  QComboBox* projectionBox() const { return carries_; }
  // The field editing `path` ("device.levels", "array.r_wire"...), or null.
  SchemaField* schemaField(const std::string& path) const;

 private:
  NetworkDocument* document_;
  QLabel* title_ = nullptr;
  QLabel* summary_ = nullptr;
  QComboBox* preset_ = nullptr;
  QComboBox* carries_ = nullptr;
  std::map<std::string, SchemaField*> fields_;
};

}  // namespace snn::gui
