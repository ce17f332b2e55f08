#pragma once

#include <map>
#include <string>
#include <vector>

#include "InspectorPage.h"

class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace snn::gui {

class NetworkDocument;
class SchemaField;

// The inspector of one ANN node: its input block (channels, height, width; the normalisation
// shown, not edited) and one group per layer with its type, output shape, weight count and its
// settings as SchemaFields (model/AnnFields.h paths), so every edit is one undo step through
// ChangeField. Weights are trained or imported, never typed: they are shown as a count.
class AnnEditor : public InspectorPage {
  Q_OBJECT

 public:
  AnnEditor(NetworkDocument* document, std::string id, QWidget* parent = nullptr);
  void refresh() override;
  // The field of a path ("input.channels", "layers.fc1.units"), or null; for tests.
  SchemaField* field(const std::string& path) const;

 private:
  // The layers' ids and types: the page is rebuilt when they change.
  std::vector<std::string> layerKeys() const;
  void build();

  NetworkDocument* document_;
  QLabel* title_ = nullptr;
  QLabel* summary_ = nullptr;
  QVBoxLayout* layers_ = nullptr;
  std::vector<std::string> builtFor_;
  std::map<std::string, SchemaField*> fields_;
  std::vector<QLabel*> layerTitles_;
};

}  // namespace snn::gui
