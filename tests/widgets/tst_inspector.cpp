// The inspector generated from the schemas: each field carries its unit, range and meaning; a
// bad value is refused at the field with the reason and never reaches the document; a slider
// drag is one undo step; projections edit connector and weight. With SNNWB_SHOTS=DIR the
// editors are also saved as images there, for looking at.
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QUndoStack>
#include <QtTest>

#include "TestSupport.h"
#include "canvas/NetworkScene.h"
#include "document/NetworkDocument.h"
#include "document/ProjectDiagnostics.h"
#include "inspector/DatasetChooser.h"
#include "inspector/DatasetFeedEditor.h"
#include "inspector/InspectorPanel.h"
#include "inspector/ParamField.h"
#include "inspector/ParamForm.h"
#include "inspector/PlasticityEditor.h"
#include "inspector/PopulationEditor.h"
#include "inspector/ProjectionEditor.h"

using namespace snn;
using namespace snn::gui;

namespace {

struct Fixture {
  NetworkDocument doc;
  ProjectDiagnostics diagnostics{&doc};
  NetworkScene scene{&doc, &diagnostics};
  InspectorPanel panel{&doc, &scene};
  Fixture() {
    doc.replaceProject(loadProject(test::source("resources/examples/first_network.snnwb.json")),
                       {});
    panel.resize(380, 760);
    panel.show();
  }
  double scalar(const char* pop, const char* param) const {
    const auto& params = doc.project().network.findPopulation(pop)->params;
    auto it = params.find(param);
    return it == params.end() ? NAN : std::get<ValueSpec>(it->second).scalar;
  }
};

void type(QLineEdit* edit, const QString& text) {
  edit->setFocus();
  edit->selectAll();
  QTest::keyClicks(edit, text);
  QTest::keyClick(edit, Qt::Key_Return);
}

// What a user's click on a combo box entry does.
void choose(QComboBox* box, int index) {
  box->setCurrentIndex(index);
  Q_EMIT box->activated(index);
}

// What a click on a checkable group's box does.
void toggle(QGroupBox* group, bool on) {
  group->setChecked(on);
  Q_EMIT group->clicked(on);
}

void shoot(QWidget* w, const char* name) {
  const QByteArray dir = qgetenv("SNNWB_SHOTS");
  if (!dir.isEmpty()) w->grab().save(QString::fromUtf8(dir) + "/" + name + ".png");
}

}  // namespace

class TestInspector : public QObject {
  Q_OBJECT

 private slots:
  void fieldsComeFromTheSchema() {
    Fixture f;
    f.scene.selectObject("neurons");
    PopulationEditor* editor = f.panel.populationEditor();
    QVERIFY(editor);
    ParamField* tau = editor->field("tau_m");
    QVERIFY(tau);
    QVERIFY(tau->toolTip().contains("Membrane time constant"));
    QVERIFY(tau->toolTip().contains("must be > 0"));
    QVERIFY(tau->toolTip().contains("[ms]"));
    QCOMPARE(tau->lineEdit()->text(), QString("20"));
    QVERIFY(editor->field("i_offset") && !editor->field("rate"));
    const QList<QLabel*> labels = editor->findChildren<QLabel*>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel* l) {
      return l->text() == "Leaky integrate-and-fire" && l->toolTip().contains("dv/dt");
    }));
    shoot(&f.panel, "inspector-population");
  }

  void badValueIsRefusedAtTheFieldWithTheReason() {
    Fixture f;
    f.scene.selectObject("neurons");
    ParamField* tau = f.panel.populationEditor()->field("tau_m");
    type(tau->lineEdit(), "-5");
    QVERIFY2(tau->problem().contains("must be > 0"), qPrintable(tau->problem()));
    QCOMPARE(f.doc.undoStack()->count(), 0);
    QCOMPARE(f.scalar("neurons", "tau_m"), 20.0);
    shoot(&f.panel, "inspector-refused");
    type(tau->lineEdit(), "banana");
    QVERIFY(tau->problem().contains("expected a number"));
    QCOMPARE(f.doc.undoStack()->count(), 0);
    type(tau->lineEdit(), "12.5");
    QVERIFY(tau->problem().isEmpty());
    QCOMPARE(f.scalar("neurons", "tau_m"), 12.5);
    QCOMPARE(f.doc.undoStack()->count(), 1);
    f.doc.undoStack()->undo();  // the field follows the document
    QCOMPARE(tau->lineEdit()->text(), QString("20"));
  }

  void distributionsAreAcceptedForPerNeuronValues() {
    Fixture f;
    f.scene.selectObject("neurons");
    ParamField* rest = f.panel.populationEditor()->field("v_rest");
    type(rest->lineEdit(), "uniform(-70, -60)");
    const auto& value =
        std::get<ValueSpec>(f.doc.project().network.findPopulation("neurons")->params.at("v_rest"));
    QCOMPARE(value, ValueSpec::uniform(-70, -60));
    QVERIFY(!rest->slider()->isEnabled());  // a distribution has no single slider position
  }

  void sliderDragIsOneUndoStep() {
    Fixture f;
    f.scene.selectObject("input");
    ParamField* rate = f.panel.populationEditor()->field("rate");
    QSlider* slider = rate->slider();
    QVERIFY(slider && slider->isEnabled());
    slider->setSliderDown(true);  // what a mouse press on the handle does
    Q_EMIT slider->sliderPressed();
    for (int v : {300, 350, 420}) slider->setValue(v);
    slider->setSliderDown(false);
    Q_EMIT slider->sliderReleased();
    QCOMPARE(f.doc.undoStack()->count(), 1);
    // The range is [0, 5 x the larger of default and value] = [0, 100] Hz: 420/1000 is 42 Hz.
    QCOMPARE(f.scalar("input", "rate"), 42.0);
    QCOMPARE(rate->lineEdit()->text(), QString("42"));
    f.doc.undoStack()->undo();
    QCOMPARE(f.scalar("input", "rate"), 20.0);
  }

  void weightSliderDragIsOneUndoStep() {
    Fixture f;
    f.scene.selectObject("input_neurons");
    ParamField* weight = f.panel.projectionEditor()->weightField();
    QSlider* slider = weight->slider();
    QVERIFY(slider && slider->isVisibleTo(&f.panel) && slider->isEnabled());
    const ValueSpec before = f.doc.project().network.findProjection("input_neurons")->weight;
    slider->setSliderDown(true);
    Q_EMIT slider->sliderPressed();
    for (int v : {600, 700, 800}) slider->setValue(v);
    slider->setSliderDown(false);
    Q_EMIT slider->sliderReleased();
    QCOMPARE(f.doc.undoStack()->count(), 1);
    const ValueSpec after = f.doc.project().network.findProjection("input_neurons")->weight;
    QVERIFY(after.isScalar() && after.scalar > before.scalar);
    QCOMPARE(weight->lineEdit()->text().toDouble(), after.scalar);  // the field follows
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.project().network.findProjection("input_neurons")->weight == before);
    // A distribution has no single slider position.
    type(weight->lineEdit(), "normal(0.2, 0.05)");
    QVERIFY(!slider->isEnabled());
  }

  void resetReturnsToTheDefault() {
    Fixture f;
    f.scene.selectObject("neurons");
    ParamField* tref = f.panel.populationEditor()->field("t_ref");
    Q_EMIT tref->resetRequested();
    QVERIFY(std::isnan(f.scalar("neurons", "t_ref")));  // no longer set: the default applies
    QCOMPARE(tref->lineEdit()->text(), QString("0.1"));
  }

  void renamingToATakenIdIsRefused() {
    Fixture f;
    f.scene.selectObject("neurons");
    auto* id = f.panel.populationEditor()->findChild<QLineEdit*>();
    QVERIFY(id);
    QCOMPARE(id->text(), QString("neurons"));
    type(id, "input");
    QCOMPARE(f.doc.undoStack()->count(), 0);
    type(id, "cortex");
    QVERIFY(f.doc.project().network.findPopulation("cortex"));
    QCOMPARE(f.panel.populationEditor()->id(), std::string("cortex"));
  }

  void projectionEditsConnectorAndWeight() {
    Fixture f;
    f.scene.selectObject("input_neurons");
    ProjectionEditor* editor = f.panel.projectionEditor();
    QVERIFY(editor);
    shoot(&f.panel, "inspector-projection");
    type(editor->weightField()->lineEdit(), "normal(0.2, 0.05)");
    QCOMPARE(f.doc.project().network.projections[0].weight, ValueSpec::normal(0.2, 0.05));
    type(editor->weightField()->lineEdit(), "normal(0.2, -1)");
    QVERIFY(editor->weightField()->problem().contains("sd"));
    QCOMPARE(f.doc.undoStack()->count(), 1);
  }

  void plasticityOnAnyProjectionRoundTripsThroughUndo() {
    Fixture f;
    const Project original = f.doc.project();
    f.scene.selectObject("input_neurons");
    PlasticityEditor* plasticity = f.panel.projectionEditor()->plasticity();
    QVERIFY(plasticity && plasticity->isVisibleTo(&f.panel) && !plasticity->isChecked());
    toggle(plasticity, true);
    const auto spec = [&f] {
      return f.doc.project().network.findProjection("input_neurons")->plasticity;
    };
    QVERIFY(spec() && spec()->rule == "stdp" && spec()->params.empty());
    // The rule's parameters come from its schema, checked at the field.
    ParamField* tau = plasticity->form()->field("tau_plus");
    QVERIFY(tau && tau->toolTip().contains("presynaptic trace") && tau->toolTip().contains("[ms]"));
    type(tau->lineEdit(), "-3");
    QVERIFY2(tau->problem().contains("must be > 0"), qPrintable(tau->problem()));
    type(tau->lineEdit(), "15");
    QCOMPARE(std::get<ValueSpec>(spec()->params.at("tau_plus")).scalar, 15.0);
    choose(plasticity->form()->field("weight_dependence")->findChild<QComboBox*>(), 1);
    QCOMPARE(std::get<std::string>(spec()->params.at("weight_dependence")),
             std::string("multiplicative"));
    shoot(&f.panel, "inspector-plasticity");
    QCOMPARE(f.doc.undoStack()->count(), 3);
    const Project edited = f.doc.project();
    for (int i = 0; i < 3; ++i) f.doc.undoStack()->undo();
    QVERIFY(f.doc.project() == original);
    QVERIFY(!plasticity->isChecked());  // the editor follows
    for (int i = 0; i < 3; ++i) f.doc.undoStack()->redo();
    QVERIFY(f.doc.project() == edited);
    QCOMPARE(tau->lineEdit()->text(), QString("15"));
    toggle(plasticity, false);
    QVERIFY(!spec());
  }

  void datasetFeedOnAnEncoderRoundTripsThroughUndo() {
    Fixture f;
    const Project original = f.doc.project();
    f.scene.selectObject("neurons");
    QVERIFY(!f.panel.populationEditor()->feed()->isVisibleTo(&f.panel));  // LIF: no images
    f.scene.selectObject("input");                                        // a Poisson source
    DatasetFeedEditor* feed = f.panel.populationEditor()->feed();
    QVERIFY(feed->isVisibleTo(&f.panel) && !feed->isChecked());
    const auto spec = [&f] { return *f.doc.project().network.findPopulation("input"); };
    toggle(feed, true);
    QCOMPARE(spec().feed, std::optional<DatasetFeedSpec>(DatasetFeedSpec{}));
    // The digits have 64 pixels; the population does not: offered to fit.
    auto* resize = feed->findChild<QPushButton*>();
    QVERIFY(spec().size != 64 && resize->isVisibleTo(&f.panel));
    resize->click();
    QCOMPARE(spec().size, int64_t{64});
    QVERIFY(!resize->isVisibleTo(&f.panel));
    choose(feed->split(), feed->split()->findData("train"));
    type(feed->field("present_ms")->lineEdit(), "0");  // must be > 0
    QVERIFY(!feed->field("present_ms")->problem().isEmpty());
    type(feed->field("present_ms")->lineEdit(), "100");
    type(feed->field("first")->lineEdit(), "7");
    choose(feed->dataset(), feed->dataset()->findData("fashion-mnist"));
    shoot(&f.panel, "inspector-feed");
    const DatasetFeedSpec expected{
        .dataset = "fashion-mnist", .split = "train", .presentMs = 100, .restMs = 150, .first = 7};
    QCOMPARE(spec().feed, std::optional<DatasetFeedSpec>(expected));
    QCOMPARE(f.doc.undoStack()->count(), 6);
    const Project edited = f.doc.project();
    for (int i = 0; i < 6; ++i) f.doc.undoStack()->undo();
    QVERIFY(f.doc.project() == original);
    QVERIFY(!feed->isChecked());
    for (int i = 0; i < 6; ++i) f.doc.undoStack()->redo();
    QVERIFY(f.doc.project() == edited);
    QCOMPARE(feed->field("first")->lineEdit()->text(), QString("7"));
    QCOMPARE(feed->split()->currentData().toString(), QString("train"));
  }

  void nothingSelectedShowsTheExperiment() {
    Fixture f;
    QVERIFY(!f.panel.populationEditor() && !f.panel.projectionEditor());
    shoot(&f.panel, "inspector-experiment");
    auto edits = f.panel.widget()->findChildren<QLineEdit*>();
    QVERIFY(edits.size() >= 3);
    type(edits[0], "0");  // dt must be > 0
    QCOMPARE(f.doc.project().experiment.dt, 0.1);
    type(edits[0], "0.05");
    QCOMPARE(f.doc.project().experiment.dt, 0.05);
  }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
