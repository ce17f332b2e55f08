// The schema spine (issue 8): every field of every object a project file holds has one schema
// entry, the validator refuses a value with exactly the message its schema's check gives (the
// message the inspector's field shows), the reader's known keys come from the same tables, and
// each field says whether a running network takes it live.
#include <QDir>
#include <QTest>
#include <nlohmann/json.hpp>

#include "TestSupport.h"
#include "model/ObjectFields.h"
#include "project/FieldSchemas.h"
#include "project/ProjectValidator.h"

using namespace snn;

namespace {

std::vector<std::string> examples() {
  std::vector<std::string> files;
  const QDir dir(QString::fromStdString(test::source("resources/examples")));
  for (const QString& name : dir.entryList({"*.snnwb.json"}, QDir::Files))
    files.push_back(dir.filePath(name).toStdString());
  return files;
}

// Every field path the project file holds for an object, from its JSON: nested objects (feed,
// connector, plasticity) and the named maps (params, init, plasticity.params) spelt out.
void fieldPaths(const nlohmann::json& object, const std::string& prefix,
                std::vector<std::string>& out) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string path = prefix + it.key();
    if (path == "id") continue;  // the object's name, not one of its fields
    // A distribution or a packed array (PackedArray: dtype, shape, data) is one value.
    if (it->is_object() && !it->contains("uniform") && !it->contains("normal") &&
        !it->contains("dtype")) {
      if (path == "feed" || path == "plasticity") out.push_back(path);  // present or not
      fieldPaths(*it, path + ".", out);
    } else {
      out.push_back(path);
    }
  }
}

}  // namespace

class TestFieldSchemas : public QObject {
  Q_OBJECT
 private slots:
  void everyFieldOfEveryExampleHasASchema();
  void validatorRefusesWithTheSchemasMessage_data();
  void validatorRefusesWithTheSchemasMessage();
  void readerKnowsTheKeysOfTheTables();
  void liveStructuralAndNotRun();
  void getAndSetRoundTripEveryFixedField();
};

void TestFieldSchemas::everyFieldOfEveryExampleHasASchema() {
  QVERIFY(examples().size() >= 8);
  for (const std::string& file : examples()) {
    const Project project = loadProject(file);
    const auto doc = nlohmann::json::parse(serializeProject(project));
    int checked = 0;
    auto check = [&](ObjectKind kind, const std::string& id, const nlohmann::json& object) {
      std::vector<std::string> paths;
      fieldPaths(object, "", paths);
      for (const std::string& path : paths) {
        QVERIFY2(fieldSchema(project, kind, id, path).has_value(),
                 qPrintable(QString::fromStdString(file + ": " + describeObject(kind, id) +
                                                   " field " + path)));
        ++checked;
      }
    };
    for (const auto& p : doc["network"]["populations"]) check(ObjectKind::Population, p["id"], p);
    for (const auto& p : doc["network"]["projections"]) check(ObjectKind::Projection, p["id"], p);
    for (size_t m = 0; m < doc["network"]["monitors"].size(); ++m)
      check(ObjectKind::Monitor, std::to_string(m), doc["network"]["monitors"][m]);
    check(ObjectKind::Experiment, "", doc["experiment"]);
    if (doc.contains("training")) check(ObjectKind::Training, "", doc["training"]);
    QVERIFY(checked > 5);
  }
}

void TestFieldSchemas::validatorRefusesWithTheSchemasMessage_data() {
  QTest::addColumn<int>("kind");
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("field");
  QTest::addColumn<double>("value");
  auto row = [](ObjectKind kind, const char* id, const char* field, double value) {
    QTest::newRow((std::string(field) + " = " + std::to_string(value)).c_str())
        << static_cast<int>(kind) << id << field << value;
  };
  using K = ObjectKind;
  row(K::Experiment, "", "dt", 0.0);
  row(K::Experiment, "", "dt", 20.0);  // the copies used to disagree on this one
  row(K::Experiment, "", "duration", -1.0);
  row(K::Population, "pixels", "size", 0.0);
  row(K::Population, "pixels", "feed.present_ms", 0.0);
  row(K::Population, "pixels", "feed.present_ms", 1e12);
  row(K::Population, "pixels", "feed.rest_ms", -5.0);
  row(K::Population, "pixels", "feed.first", -1.0);
  row(K::Population, "pixels", "feed.first", 1e18);
  row(K::Population, "exc", "params.tau_m", -5.0);
  row(K::Projection, "input", "connector.p", 1.5);
  row(K::Projection, "input", "delay", -1.0);
}

void TestFieldSchemas::validatorRefusesWithTheSchemasMessage() {
  QFETCH(int, kind);
  QFETCH(QString, id);
  QFETCH(QString, field);
  QFETCH(double, value);
  Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [
      {"id": "pixels", "model": "poisson", "size": 64, "feed": {"dataset": "digits"}},
      {"id": "exc", "model": "lif", "size": 10}],
    "projections": [{"id": "input", "pre": "pixels", "post": "exc",
                     "connector": {"type": "random", "p": 0.5}, "weight": 0.1}]},
    "experiment": {"dt": 0.1, "duration": 100, "seed": 1}})");
  QVERIFY2(validateProject(p).empty(), joinDiagnostics(validateProject(p)).c_str());
  const auto k = static_cast<ObjectKind>(kind);
  const ParamValue v = ValueSpec::constant(value);
  setField(p, k, id.toStdString(), field.toStdString(), v);
  const std::optional<ParamInfo> info = fieldSchema(p, k, id.toStdString(), field.toStdString());
  QVERIFY(info.has_value());
  const std::optional<std::string> expected = checkParamValue(*info, v, 1);
  QVERIFY2(expected.has_value(), "the schema accepts the value");
  bool found = false;
  for (const Diagnostic& d : validateProject(p))
    if (d.kind == k && d.objectId == id.toStdString() && d.field == field.toStdString()) {
      QCOMPARE(QString::fromStdString(d.message), QString::fromStdString(*expected));
      found = true;
    }
  QVERIFY2(found, joinDiagnostics(validateProject(p)).c_str());
}

void TestFieldSchemas::readerKnowsTheKeysOfTheTables() {
  // An unknown key lists the known ones, which come from the tables: add a field to a table and
  // the reader knows it.
  const ProjectParseResult r = parseProject(R"({"format": "snn-workbench", "version": 1,
    "network": {"populations": [{"id": "a", "model": "lif", "feed": {"bogus": 1}}]},
    "experiment": {"dt": 0.1, "tempo": 3}})");
  std::string feedKeys, experimentKeys;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.field == "feed.bogus") feedKeys = d.message;
    if (d.field == "tempo") experimentKeys = d.message;
  }
  for (const auto& f : populationFields())
    if (f.info.name.rfind("feed.", 0) == 0)
      QVERIFY2(feedKeys.find(f.info.name.substr(5)) != std::string::npos, feedKeys.c_str());
  for (const auto& f : experimentFields())
    QVERIFY2(experimentKeys.find(f.info.name) != std::string::npos, experimentKeys.c_str());
}

void TestFieldSchemas::liveStructuralAndNotRun() {
  Project p = loadProject(test::source("resources/examples/stdp_digits.snnwb.json"));
  auto effect = [&p](ObjectKind k, const std::string& id, const std::string& field) {
    const auto info = fieldSchema(p, k, id, field);
    if (!info) qFatal("no schema for %s", field.c_str());
    return info->effect;
  };
  std::string plastic, fixed;
  for (const ProjectionSpec& proj : p.network.projections)
    (proj.plasticity ? plastic : fixed) = proj.id;
  QVERIFY(!plastic.empty() && !fixed.empty());
  const std::string pop = p.network.populations.front().id;
  QCOMPARE(effect(ObjectKind::Experiment, "", "duration"), RunEffect::Live);
  QCOMPARE(effect(ObjectKind::Experiment, "", "dt"), RunEffect::Structural);
  QCOMPARE(effect(ObjectKind::Projection, fixed, "delay"), RunEffect::Structural);
  QCOMPARE(effect(ObjectKind::Projection, plastic, "weight"), RunEffect::Structural);  // learned
  QCOMPARE(effect(ObjectKind::Training, "", "dataset"), RunEffect::NotRun);
  // A weight the running network can take as a whole is live; given per synapse it is not.
  ProjectionSpec* f = p.network.findProjection(fixed);
  f->weight = ValueSpec::constant(0.1);
  f->connector = ConnectorSpec{.type = ConnectorSpec::Type::AllToAll};
  QCOMPARE(effect(ObjectKind::Projection, fixed, "weight"), RunEffect::Live);
  const PopulationSpec* pre = p.network.findPopulation(f->pre);
  const PopulationSpec* post = p.network.findPopulation(f->post);
  f->weight = ValueSpec::perElement(std::vector<double>(size_t(pre->size * post->size), 0.1));
  QCOMPARE(effect(ObjectKind::Projection, fixed, "weight"), RunEffect::Structural);
  // Every parameter of every model is live (Simulator::setParameter takes any).
  for (const ParamInfo& info : objectFieldSchemas(p, ObjectKind::Population, pop))
    if (info.name.rfind(kParamsPrefix, 0) == 0) QCOMPARE(info.effect, RunEffect::Live);
}

void TestFieldSchemas::getAndSetRoundTripEveryFixedField() {
  // Each fixed field's set() writes what its get() reads back, for its schema default.
  Project p = loadProject(test::source("resources/examples/digit_encoders.snnwb.json"));
  const std::string pop = p.network.populations.front().id;
  const std::string proj = p.network.projections.front().id;
  auto roundTrip = [&p](ObjectKind k, const std::string& id, const auto& table) {
    for (const auto& f : table) {
      if (!f.set || f.info.kind == ParamKind::Reference) continue;
      Project copy = p;
      const ParamValue v = f.info.defaultParamValue();
      setField(copy, k, id, f.info.name, v);
      const auto back = getField(copy, k, id, f.info.name);
      if (back) QVERIFY2(*back == v, f.info.name.c_str());
    }
  };
  roundTrip(ObjectKind::Population, pop, populationFields());
  roundTrip(ObjectKind::Projection, proj, projectionFields());
  roundTrip(ObjectKind::Experiment, "", experimentFields());
  QVERIFY_EXCEPTION_THROWN(getField(p, ObjectKind::Population, "nobody", "size"),
                           std::invalid_argument);
  QVERIFY_EXCEPTION_THROWN(getField(p, ObjectKind::Population, pop, "colour"),
                           std::invalid_argument);
}

QTEST_GUILESS_MAIN(TestFieldSchemas)
#include "tst_fieldschemas.moc"
