#include "ProblemsPanel.h"

#include "document/ProjectDiagnostics.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

ProblemsPanel::ProblemsPanel(ProjectDiagnostics* diagnostics, QWidget* parent)
    : QListWidget(parent), diagnostics_(diagnostics) {
  setWordWrap(true);
  setAlternatingRowColors(true);
  setFrameShape(QFrame::NoFrame);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setResizeMode(Adjust);
  setTextElideMode(Qt::ElideNone);
  setSpacing(1);
  connect(diagnostics_, &ProjectDiagnostics::diagnosticsChanged, this, &ProblemsPanel::refresh);
  connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    Q_EMIT objectActivated(item->data(Qt::UserRole).toString());
  });
  refresh();
}

void ProblemsPanel::refresh() {
  clear();
  for (const Diagnostic& d : diagnostics_->all()) {
    QString where = toQ(describeObject(d.kind, d.objectId));
    if (!d.field.empty()) where += ", " + toQ(d.field);
    auto* item =
        new QListWidgetItem(themeIcon("problem-error"), where + "\n" + toQ(d.message), this);
    item->setToolTip(toQ(d.toString()));
    item->setData(Qt::UserRole, toQ(d.objectId));
  }
  if (count() == 0) {
    auto* none = new QListWidgetItem(tr("No problems: the network is ready to run."), this);
    none->setFlags(Qt::NoItemFlags);
  }
  Q_EMIT countChanged(static_cast<int>(diagnostics_->all().size()));
}

}  // namespace snn::gui
