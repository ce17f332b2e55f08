#include "ProblemsPanel.h"

#include <QHeaderView>

#include "document/ProjectDiagnostics.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

ProblemsPanel::ProblemsPanel(ProjectDiagnostics* diagnostics, QWidget* parent)
    : QTreeWidget(parent), diagnostics_(diagnostics) {
  setColumnCount(3);
  setHeaderLabels({tr("Object"), tr("Field"), tr("Problem")});
  setRootIsDecorated(false);
  setAlternatingRowColors(true);
  setFrameShape(QFrame::NoFrame);
  header()->setStretchLastSection(true);
  header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  setWordWrap(true);
  connect(diagnostics_, &ProjectDiagnostics::diagnosticsChanged, this, &ProblemsPanel::refresh);
  connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    Q_EMIT objectActivated(item->data(0, Qt::UserRole).toString());
  });
  refresh();
}

void ProblemsPanel::refresh() {
  clear();
  for (const Diagnostic& d : diagnostics_->all()) {
    auto* item = new QTreeWidgetItem(this);
    item->setIcon(0, themeIcon("problem-error"));
    item->setText(0, toQ(describeObject(d.kind, d.objectId)));
    item->setText(1, toQ(d.field));
    item->setText(2, toQ(d.message));
    item->setToolTip(2, toQ(d.toString()));
    item->setData(0, Qt::UserRole, toQ(d.objectId));
  }
  Q_EMIT countChanged(topLevelItemCount());
}

}  // namespace snn::gui
