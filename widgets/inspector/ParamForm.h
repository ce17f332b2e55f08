#pragma once

#include <QWidget>
#include <map>
#include <string>
#include <vector>

#include "model/ParamSchema.h"

class QFormLayout;

namespace snn::gui {

class ParamField;

// A form of ParamFields generated from a schema that is not a neuron model's (a plasticity
// rule's, a training method's): one row per parameter, with the value a map sets or the default.
// Values are checked against the schema at the field. These values are structural (the network
// is rebuilt, or training reads them when it starts), so the fields have no sliders. GUI thread.
class ParamForm : public QWidget {
  Q_OBJECT

 public:
  explicit ParamForm(std::vector<ParamInfo> schema, QWidget* parent = nullptr);

  // Shows `values`; parameters they do not set show their default.
  void setValues(const std::map<std::string, ParamValue>& values);
  ParamField* field(const std::string& name) const;
  const std::vector<ParamInfo>& schema() const { return schema_; }

 Q_SIGNALS:
  void valueEdited(const QString& name, const snn::ParamValue& value);
  // Back to the schema's default: the parameter is no longer set.
  void resetRequested(const QString& name);

 private:
  std::vector<ParamInfo> schema_;
  std::map<std::string, ParamField*> fields_;
};

}  // namespace snn::gui
