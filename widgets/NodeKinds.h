#pragma once

#include <string>
#include <vector>

#include "model/NodeKinds.h"

namespace snn::gui {

class InspectorPage;
class NetworkDocument;
class NodeItem;

// What the window shows of one kind of node (model/NodeKinds.h): its canvas item and its
// inspector page. Every kind is registered once, in nodeKindViews(); the canvas, the inspector
// and the clipboard go through this list, so a new kind needs no switch anywhere else.
struct NodeKindView {
  ObjectKind kind;
  NodeItem* (*createItem)(const std::string& id);
  InspectorPage* (*createPage)(NetworkDocument* document, const std::string& id);
};

const std::vector<NodeKindView>& nodeKindViews();
const NodeKindView* findNodeKindView(ObjectKind kind);

}  // namespace snn::gui
