// The Conversion dock (widgets/conversion): a conversion of a tiny ANN (8x8 digits, dense
// 64-16-10 with PyTorch's initialisation) runs in the worker thread to completion and draws one
// accuracy point per T, with energy, layer table and scatter filled; Cancel stops it and the
// document is untouched; opening another project forgets the conversion; "Convert to project" adds
// the SNN (input + one IF population per layer, with shapes) as one undo step; the FS code view
// recomputes its error as a coefficient is typed, and the codes typed there are the ones the FS
// run and "Convert to project" use (checked against evaluateFs called with that code).
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "TestSupport.h"
#include "ann/AnnModel.h"
#include "conversion/AccuracyTimestepsPlot.h"
#include "conversion/ActivationRatePlot.h"
#include "conversion/ConversionLayerTable.h"
#include "conversion/ConversionPanel.h"
#include "conversion/ConversionSession.h"
#include "conversion/EnergyTimestepsPlot.h"
#include "conversion/FsCodeView.h"
#include "conversion/FsEvaluator.h"
#include "data/DatasetCache.h"
#include "document/NetworkDocument.h"

using namespace snn;
using namespace snn::gui;

namespace {

Project tinyAnnProject() {
  AnnSpec ann;
  ann.input = {1, 8, 8};
  AnnLayerSpec flat{.id = "flat", .type = AnnLayerType::Flatten};
  AnnLayerSpec fc1{.id = "fc1", .type = AnnLayerType::Dense, .units = 16};
  AnnLayerSpec relu{.id = "relu1", .type = AnnLayerType::Relu};
  AnnLayerSpec fc2{.id = "fc2", .type = AnnLayerType::Dense, .units = 10};
  ann.layers = {flat, fc1, relu, fc2};
  Project p;
  p.network.anns.push_back({"tiny", withInitialisedWeights(ann, 7)});
  p.layout["tiny"] = NodePosition{10.0, 20.0};
  return p;
}

struct Fixture {
  NetworkDocument doc;
  ConversionPanel panel{&doc};
  Fixture() {
    doc.replaceProject(tinyAnnProject(), {});
    panel.resize(640, 800);
    panel.show();
  }
  // Waits for the session's finished signal; its outcome.
  ConversionOutcome finish(QSignalSpy& finished) {
    if (finished.isEmpty()) finished.wait(60000);
    if (finished.isEmpty()) return ConversionOutcome::Failed;
    return finished.at(0).at(0).value<ConversionOutcome>();
  }
};

}  // namespace

class TestConversionPanel : public QObject {
  Q_OBJECT

 private slots:
  void conversionRunsToCompletion() {
    Fixture f;
    const Project before = f.doc.project();
    QSignalSpy finished(f.panel.session(), &ConversionSession::finished);
    QVERIFY2(f.panel.convert("tiny", "rate", {2, 4, 8}, "digits", 60),
             qPrintable(f.panel.message()));
    QCOMPARE(f.finish(finished), ConversionOutcome::Completed);
    QVERIFY(f.panel.setup());
    QCOMPARE(f.panel.setup()->testSamples, int64_t(60));
    // One point per T, at that T, with an accuracy.
    QCPGraph* curve = f.panel.accuracyPlot()->curve();
    QCOMPARE(curve->dataCount(), 3);
    QCOMPARE(f.panel.accuracyPlot()->pointCount(), 3);
    const double keys[] = {2, 4, 8};
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(curve->data()->at(i)->key, keys[i]);
      const double percent = curve->data()->at(i)->value;
      QVERIFY(percent >= 0.0 && percent <= 100.0);
      QCOMPARE(percent, 100.0 * f.panel.points()[i]->result.snnAccuracy);
    }
    QCOMPARE(f.panel.energyPlot()->pointCount(), 3);
    QVERIFY(f.panel.energyPlot()->substrates().contains("snn_chip"));
    QVERIFY(f.panel.energyPlot()->joulesAt(0, 2) > 0.0);
    QVERIFY(f.panel.energyPlot()->tooltipAt(0, 0).contains("Assumes"));
    // Layers: fc1 and fc2, with lambda and a spikes-per-neuron column per T.
    QTableWidget* layers = f.panel.layerTable();
    QCOMPARE(layers->rowCount(), 2);
    QCOMPARE(layers->columnCount(), 6);
    QCOMPARE(layers->item(0, 0)->text(), QString("fc1"));
    QCOMPARE(layers->item(0, 1)->text(), QString("16x1x1"));
    // The scatter shows the last T: 16 neurons x 16 samples of fc1.
    QCOMPARE(f.panel.scatterPlot()->pointCount(), 16 * 16);
    QVERIFY(f.doc.project() == before);  // converting never edits the document
    QCOMPARE(f.doc.undoStack()->count(), 0);
  }

  void cancelStopsAndLeavesTheDocumentUntouched() {
    Fixture f;
    const Project before = f.doc.project();
    QSignalSpy finished(f.panel.session(), &ConversionSession::finished);
    QVERIFY(f.panel.convert("tiny", "rate", {400, 800, 1600}, "digits", 0));
    f.panel.session()->cancel();
    QCOMPARE(f.finish(finished), ConversionOutcome::Cancelled);
    QVERIFY(f.panel.points().size() < 3);
    QVERIFY(!f.panel.session()->isBusy());
    if (f.panel.points().isEmpty()) QVERIFY(!f.panel.convertToProject().isEmpty());
    QVERIFY(f.doc.project() == before);
    QCOMPARE(f.doc.undoStack()->count(), 0);
  }

  void anotherProjectForgetsTheConversion() {
    Fixture f;
    QSignalSpy finished(f.panel.session(), &ConversionSession::finished);
    QVERIFY(f.panel.convert("tiny", "rate", {200, 400}, "digits", 0));
    f.doc.replaceProject(tinyAnnProject(), {});  // opening a project while it runs
    f.finish(finished);
    QVERIFY(f.panel.points().isEmpty());
    QCOMPARE(f.panel.accuracyPlot()->pointCount(), 0);
    QVERIFY(!f.panel.convertToProject().isEmpty());
    QVERIFY(f.doc.project().network.populations.empty());
  }

  void convertToProjectIsOneUndoStep() {
    Fixture f;
    const Project before = f.doc.project();
    QSignalSpy finished(f.panel.session(), &ConversionSession::finished);
    QVERIFY(f.panel.convert("tiny", "rate", {4, 16}, "digits", 20));
    QCOMPARE(f.finish(finished), ConversionOutcome::Completed);
    QCOMPARE(f.panel.convertToProject(), QString());
    QCOMPARE(f.doc.undoStack()->count(), 1);
    const NetworkSpec& net = f.doc.project().network;
    QCOMPARE(net.populations.size(), size_t(3));  // input, fc1, fc2
    QCOMPARE(net.projections.size(), size_t(2));
    const PopulationSpec* input = net.findPopulation("input");
    const PopulationSpec* fc1 = net.findPopulation("fc1");
    QVERIFY(input && fc1);
    QVERIFY(input->shape && *input->shape == (TensorShape{1, 8, 8}));
    QCOMPARE(fc1->size, int64_t(16));
    QCOMPARE(fc1->model, std::string("if"));
    QVERIFY(f.doc.project().layout.at("fc1").y > 20.0);  // under the ANN's card
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.project() == before);
    f.doc.undoStack()->redo();
    QCOMPARE(f.doc.project().network.populations.size(), size_t(3));
  }

  void fsNetworksBecomeFsPopulations() {
    Fixture f;
    QSignalSpy finished(f.panel.session(), &ConversionSession::finished);
    QVERIFY(f.panel.convert("tiny", "fs", {2, 4}, "digits", 20));
    QCOMPARE(f.finish(finished), ConversionOutcome::Completed);
    QCOMPARE(f.panel.accuracyPlot()->pointCount(), 2);
    QVERIFY(f.panel.points()[1]->result.spikesPerNeuron <= 4.0);
    // At the largest K (4): one undo step, fc1 a population of fs neurons with a 4-step code.
    QCOMPARE(f.panel.convertToProject(), QString());
    QCOMPARE(f.doc.undoStack()->count(), 1);
    const PopulationSpec* fc1 = f.doc.project().network.findPopulation("fc1");
    QVERIFY(fc1);
    QCOMPARE(fc1->model, std::string("fs"));
    QVERIFY2(f.doc.undoStack()->text(0).contains("K = 4"), qPrintable(f.doc.undoStack()->text(0)));
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.project().network.populations.empty());
  }

  void fsCodeErrorFollowsTyping() {
    FsCodeView view;
    view.show();
    view.setClosedForm(3, 1.0);
    const double closed = view.maxError();
    QVERIFY(closed > 0.0 && closed <= fsReluQuantisationBound(3) + 1e-9);
    QLineEdit* d2 = view.coefficientEdit(1, 2);  // d(2) = 0.25
    QVERIFY(d2);
    d2->setFocus();
    d2->selectAll();
    QTest::keyClicks(d2, "0.6");  // no Return: as you type
    QCOMPARE(view.coefficients().weight[1], 0.6f);
    QVERIFY2(view.maxError() > 0.3, qPrintable(QString::number(view.maxError())));
    QVERIFY(view.errorLabel()->text().contains(QString::number(view.maxError(), 'g', 4)));
  }

  void editedFsCodesFeedTheRunAndTheProject() {
    Fixture f;
    FsCodeView* view = f.panel.fsCode();
    view->setClosedForm(3, 2.0);  // alpha 2: the code is halved for the normalised layers
    QVERIFY(!view->isEdited());
    QVERIFY(view->stateLabel()->text().contains("Closed-form"));
    QVERIFY(!view->resetButton()->isEnabled());
    QSignalSpy edited(view, &FsCodeView::editedChanged);
    QLineEdit* t1 = view->coefficientEdit(0, 0);  // T(1) = 1 (alpha 2^-1)
    t1->setFocus();
    t1->selectAll();
    QTest::keyClicks(t1, "0.6");
    QVERIFY(view->isEdited());
    QCOMPARE(edited.count(), 1);
    QVERIFY(view->stateLabel()->text().contains("Edited"));
    const FsCoefficients code = view->normalisedCoefficients();
    QCOMPARE(code.threshold[0], 0.3f);
    QCOMPARE(code.weight[1], 0.25f);  // alpha 2^-2 / alpha

    QSignalSpy finished(f.panel.session(), &ConversionSession::finished);
    QVERIFY(f.panel.convert("tiny", "fs", {2, 4}, "digits", 40));
    QCOMPARE(f.finish(finished), ConversionOutcome::Completed);
    QCOMPARE(f.panel.points().size(), 1);  // only the edited code's K
    const ConversionResult& r = f.panel.points()[0]->result;
    QCOMPARE(r.timesteps, 3);
    // The same network evaluated directly with that code, and with the closed form.
    const auto digits = sharedDataset("digits");
    const ConvertedSnn& snn = *f.panel.setup()->snn;
    const ConversionResult withCode = evaluateFs(snn, digits->test, 40, 3, 1, &code);
    const ConversionResult closed = evaluateFs(snn, digits->test, 40, 3, 1);
    QCOMPARE(r.snnAccuracy, withCode.snnAccuracy);
    QCOMPARE(r.spikesPerNeuron, withCode.spikesPerNeuron);
    QVERIFY(withCode.spikesPerNeuron != closed.spikesPerNeuron);  // the code matters

    QCOMPARE(f.panel.convertToProject(), QString());
    const PopulationSpec* fc1 = f.doc.project().network.findPopulation("fc1");
    QVERIFY(fc1);
    const auto& thresholds = std::get<Sequence>(fc1->params.at("thresholds"));
    QCOMPARE(thresholds.size(), size_t(3));
    SNN_COMPARE_NEAR(thresholds[0], 0.3, 1e-7);
    QVERIFY(f.doc.undoStack()->text(0).contains("edited"));
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.project().network.populations.empty());

    view->resetButton()->click();
    QVERIFY(!view->isEdited());
    QCOMPARE(edited.count(), 2);
    QCOMPARE(view->coefficients().threshold[0], 1.0f);
  }

  void energyTableExports() {
    Fixture f;
    QSignalSpy finished(f.panel.session(), &ConversionSession::finished);
    QVERIFY(f.panel.convert("tiny", "rate", {4, 8}, "digits", 20));
    QCOMPARE(f.finish(finished), ConversionOutcome::Completed);
    QTemporaryDir dir;
    const QString path = dir.filePath("energy.csv");
    QCOMPARE(f.panel.energyPlot()->exportCsv(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 2 * f.panel.energyPlot()->substrates().size());
    QVERIFY(lines[0].startsWith("timesteps,substrate,"));
  }
};

QTEST_MAIN(TestConversionPanel)
#include "tst_conversionpanel.moc"
