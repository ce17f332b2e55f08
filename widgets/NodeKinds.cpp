#include "NodeKinds.h"

#include "canvas/AnnItem.h"
#include "canvas/CrossbarItem.h"
#include "canvas/PopulationItem.h"
#include "inspector/AnnEditor.h"
#include "inspector/CrossbarEditor.h"
#include "inspector/PopulationEditor.h"

namespace snn::gui {

const std::vector<NodeKindView>& nodeKindViews() {
  static const std::vector<NodeKindView> views = {
      {ObjectKind::Population,
       [](const std::string& id) -> NodeItem* { return new PopulationItem(id); },
       [](NetworkDocument* document, const std::string& id) -> InspectorPage* {
         return new PopulationEditor(document, id);
       }},
      {ObjectKind::Ann, [](const std::string& id) -> NodeItem* { return new AnnItem(id); },
       [](NetworkDocument* document, const std::string& id) -> InspectorPage* {
         return new AnnEditor(document, id);
       }},
      {ObjectKind::Crossbar,
       [](const std::string& id) -> NodeItem* { return new CrossbarItem(id); },
       [](NetworkDocument* document, const std::string& id) -> InspectorPage* {
         return new CrossbarEditor(document, id);
       }},
  };
  return views;
}

const NodeKindView* findNodeKindView(ObjectKind kind) {
  for (const NodeKindView& v : nodeKindViews())
    if (v.kind == kind) return &v;
  return nullptr;
}

}  // namespace snn::gui
