// The inspector's fields come from the field schemas: for every numeric field of every page
// (population with its dataset feed, projection, experiment), a value out of the schema's range
// is refused at the field with exactly the message the validator gives for it, and never reaches
// the document; a value in range reaches it as one undo step naming the field.
#include <QLineEdit>
#include <QUndoStack>
#include <QtTest>
#include <cmath>

#include "TestSupport.h"
#include "document/NetworkDocument.h"
#include "inspector/ExperimentEditor.h"
#include "inspector/PopulationEditor.h"
#include "inspector/ProjectionEditor.h"
#include "inspector/SchemaField.h"
#include "model/ObjectFields.h"
#include "project/ProjectValidator.h"

using namespace snn;
using namespace snn::gui;

namespace {

const char* kProject = R"({"format": "snn-workbench", "version": 1, "network": {
  "populations": [
    {"id": "pixels", "model": "poisson", "size": 64, "feed": {"dataset": "digits"}},
    {"id": "exc", "model": "lif", "size": 10}],
  "projections": [{"id": "input", "pre": "pixels", "post": "exc",
                   "connector": {"type": "random", "p": 0.5}, "weight": 0.1}]},
  "experiment": {"dt": 0.1, "duration": 100, "seed": 1}})";

// A value outside the field's range (below its minimum, else above its maximum), or NaN when
// every number is allowed.
double outOfRange(const ParamInfo& info) {
  if (std::isfinite(info.min)) return info.min - (info.integer ? 1.0 : 0.5 + std::abs(info.min));
  if (std::isfinite(info.max)) return info.max + (info.integer ? 1.0 : 1.0 + std::abs(info.max));
  return NAN;
}

// What the validator says about `field` of the object when it holds `value`.
QString validatorMessage(const Project& project, ObjectKind kind, const std::string& id,
                         const std::string& field, double value) {
  Project copy = project;
  setField(copy, kind, id, field, ValueSpec::constant(value));
  for (const Diagnostic& d : validateProject(copy))
    if (d.kind == kind && d.objectId == id && d.field == field)
      return QString::fromStdString(d.message);
  return {};
}

void type(QLineEdit* edit, const QString& text) {
  edit->setFocus();
  edit->selectAll();
  QTest::keyClicks(edit, text);
  QTest::keyClick(edit, Qt::Key_Return);
}

}  // namespace

class TestSchemaFields : public QObject {
  Q_OBJECT
 private slots:
  void refusedAtTheFieldWithTheValidatorsMessage() {
    NetworkDocument doc;
    doc.replaceProject(test::parse(kProject), {});
    PopulationEditor pixels(&doc, "pixels");
    PopulationEditor exc(&doc, "exc");
    ProjectionEditor input(&doc, "input");
    ExperimentEditor experiment(&doc);
    const std::vector<std::pair<QWidget*, std::pair<ObjectKind, std::string>>> pages = {
        {&pixels, {ObjectKind::Population, "pixels"}},
        {&exc, {ObjectKind::Population, "exc"}},
        {&input, {ObjectKind::Projection, "input"}},
        {&experiment, {ObjectKind::Experiment, ""}}};
    int checked = 0;
    for (const auto& [page, object] : pages) {
      page->show();
      for (SchemaField* f : page->findChildren<SchemaField*>()) {
        const ParamInfo& info = f->info();
        const bool numeric = info.kind == ParamKind::Scalar || info.kind == ParamKind::PerNeuron;
        if (!numeric || !f->lineEdit() || !f->isVisibleTo(page)) continue;
        // The seed is unsigned in the spec, so a negative one never reaches the validator: the
        // reader refuses it in the file, and this field at the keyboard.
        if (f->field() == "seed") continue;
        const double bad = outOfRange(info);
        if (std::isnan(bad)) continue;
        const Project before = doc.project();
        const int steps = doc.undoStack()->count();
        type(f->lineEdit(), QString::number(bad, 'g', 17));
        const QString expected =
            validatorMessage(before, object.first, object.second, f->field(), bad);
        QVERIFY2(!expected.isEmpty(), qPrintable(QString::fromStdString(f->field())));
        QCOMPARE(f->problem(), expected);
        QVERIFY(doc.project() == before);  // refused: nothing reached the document
        QCOMPARE(doc.undoStack()->count(), steps);
        ++checked;
      }
    }
    // dt, duration, seed; size, feed timing, first; tau_m & co.; p, delay...
    QVERIFY2(checked >= 12, qPrintable(QString::number(checked)));
  }

  void anAcceptedValueIsOneStepNamingTheField() {
    NetworkDocument doc;
    doc.replaceProject(test::parse(kProject), {});
    ProjectionEditor input(&doc, "input");
    input.show();
    SchemaField* p = input.schemaField("connector.p");
    QVERIFY(p && p->isVisibleTo(&input));
    type(p->lineEdit(), "0.25");
    QCOMPARE(doc.project().network.findProjection("input")->connector.p, 0.25);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->text(0), QString("Change connector p of 'input'"));
    doc.undoStack()->undo();
    QCOMPARE(doc.project().network.findProjection("input")->connector.p, 0.5);
  }
};

QTEST_MAIN(TestSchemaFields)
#include "tst_schemafields.moc"
