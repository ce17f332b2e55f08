// Every class of bad input the issue lists gives a diagnostic naming the object and the field,
// and nothing crashes: each case is parsed, validated and handed to the compiler.
#include <QTest>

#include "TestSupport.h"

using namespace snn;

namespace {

// A valid two-population project; cases replace one piece of it.
const char* kBase = R"({"format": "snn-workbench", "version": 1,
  "network": {
    "populations": [
      {"id": "a", "model": "lif", "size": 10, "params": {"tau_m": 20}},
      {"id": "b", "model": "lif", "size": 5}],
    "projections": [
      {"id": "ab", "pre": "a", "post": "b", "connector": {"type": "random", "p": 0.5}, "weight": 0.1}],
    "monitors": [{"type": "state", "target": "a", "variable": "v", "neurons": [0]}]},
  "experiment": {"dt": 0.1, "duration": 100, "seed": 1}})";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kBase;
  const size_t at = s.find(from);
  if (at == std::string::npos) qFatal("test case: '%s' not in the base project", from.c_str());
  return s.replace(at, from.size(), to);
}

std::vector<Diagnostic> diagnose(const std::string& text) {
  ProjectParseResult parsed = parseProject(text);
  if (!parsed.ok()) return parsed.diagnostics;
  ValidationOptions options;
  options.memoryBudgetBytes = 4e9;  // the same verdict on every machine
  CompileOptions compileOptions;
  compileOptions.validation = options;
  return compile(parsed.project, compileOptions).diagnostics;  // validates, then builds
}

}  // namespace

class TestBadInput : public QObject {
  Q_OBJECT
 private slots:
  void baseIsValid();
  void reported_data();
  void reported();
  void everyProblemIsReported();
};

void TestBadInput::baseIsValid() {
  QVERIFY2(diagnose(kBase).empty(), joinDiagnostics(diagnose(kBase)).c_str());
}

void TestBadInput::reported_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("object");  // as Diagnostic::toString() starts
  QTest::addColumn<QString>("field");
  QTest::addColumn<QString>("message");  // a part of the message

  auto row = [](const char* name, const std::string& text, const char* object, const char* field,
                const char* message) {
    QTest::newRow(name) << QString::fromStdString(text) << object << field << message;
  };
  const std::string base = kBase;
  row("malformed JSON", with("\"size\": 10,", "\"size\": 10 oops"), "project file", "",
      "not valid JSON at line 4");
  row("truncated file", base.substr(0, base.size() / 2), "project file", "", "ends too early");
  row("not an object", "[1, 2]", "project file", "", "expected a JSON object");
  row("wrong format", with("snn-workbench", "nest-desktop"), "project file", "format",
      "SNN Workbench project");
  row("missing version", with("\"version\": 1,", ""), "project file", "version", "is missing");
  row("newer version", with("\"version\": 1", "\"version\": 2"), "project file", "version",
      "newer SNN Workbench");
  row("unknown top-level field", with("\"experiment\"", "\"extra\": 1, \"experiment\""),
      "project file", "extra", "unknown field");
  row("unknown model",
      with("\"model\": \"lif\", \"size\": 10", "\"model\": \"lifx\", \"size\": 10"),
      "population 'a'", "model", "unknown model 'lifx'");
  row("unknown parameter", with("\"tau_m\": 20", "\"tau_mm\": 20"), "population 'a'",
      "params.tau_mm", "unknown parameter");
  row("wrong type: size as text", with("\"size\": 10", "\"size\": \"10\""), "population 'a'",
      "size", "expected a whole number, got a string");
  row("wrong type: fractional size", with("\"size\": 10", "\"size\": 10.5"), "population 'a'",
      "size", "expected a whole number");
  row("wrong type: parameter", with("\"tau_m\": 20", "\"tau_m\": true"), "population 'a'",
      "params.tau_m", "expected a number");
  row("size 0", with("\"size\": 10", "\"size\": 0"), "population 'a'", "size",
      "must be between 1 and");
  row("negative time constant", with("\"tau_m\": 20", "\"tau_m\": -5"), "population 'a'",
      "params.tau_m", "must be > 0 ms (got -5 ms)");
  row("number too large for a double", with("\"tau_m\": 20", "\"tau_m\": 1e999"), "project file",
      "", "number overflow");
  row("per-neuron array of the wrong length", with("\"tau_m\": 20", "\"tau_m\": [20, 20, 20]"),
      "population 'a'", "params.tau_m", "has 3 values but the population has 10");
  row("bad value inside an array",
      with("\"tau_m\": 20", "\"tau_m\": [20,20,20,20,20,20,20,20,20,-1]"), "population 'a'",
      "params.tau_m", "[9] must be > 0");
  row("uniform with low > high", with("\"tau_m\": 20", "\"tau_m\": {\"uniform\": [30, 10]}"),
      "population 'a'", "params.tau_m", "low <= high");
  row("normal for a bounded parameter", with("\"tau_m\": 20", "\"tau_m\": {\"normal\": [20, 2]}"),
      "population 'a'", "params.tau_m", "use uniform");
  row("invalid choice",
      with("\"model\": \"lif\", \"size\": 10, \"params\": {\"tau_m\": 20}",
           "\"model\": \"if\", \"size\": 10, \"params\": {\"reset\": \"never\"}"),
      "population 'a'", "params.reset", "must be one of value, subtract");
  row("unknown initial variable",
      with("\"params\": {\"tau_m\": 20}", "\"params\": {\"tau_m\": 20}, \"init\": {\"w\": 1}"),
      "population 'a'", "init.w", "unknown state variable");
  row("missing id", with("\"id\": \"a\", ", ""), "population '#0'", "id", "is missing");
  row("duplicate id", with("\"id\": \"b\"", "\"id\": \"a\""), "population 'a'", "id", "used twice");
  row("projection id clashes with a population", with("\"id\": \"ab\"", "\"id\": \"b\""),
      "projection 'b'", "id", "used twice");
  row("projection to a missing population", with("\"post\": \"b\"", "\"post\": \"c\""),
      "projection 'ab'", "post", "no population 'c'");
  row("projection without pre", with("\"pre\": \"a\", ", ""), "projection 'ab'", "pre",
      "is missing");
  row("projection into a source",
      with("{\"id\": \"b\", \"model\": \"lif\", \"size\": 5}",
           "{\"id\": \"b\", \"model\": \"poisson\", \"size\": 5}"),
      "projection 'ab'", "post", "takes no input");
  row("p > 1", with("\"p\": 0.5", "\"p\": 1.5"), "projection 'ab'", "connector.p",
      "must be in [0, 1]");
  row("random without p", with(", \"p\": 0.5", ""), "projection 'ab'", "connector.p", "is missing");
  row("unknown connector", with("\"random\"", "\"small_world\""), "projection 'ab'",
      "connector.type", "unknown connector");
  row("one_to_one of unequal sizes", with("{\"type\": \"random\", \"p\": 0.5}", "\"one_to_one\""),
      "projection 'ab'", "connector.type", "equal size");
  row("fixed in-degree above the source count",
      with("{\"type\": \"random\", \"p\": 0.5}", "{\"type\": \"fixed_in_degree\", \"n\": 11}"),
      "projection 'ab'", "connector.n", "between 0 and 10");
  row("from_list index out of range",
      with("{\"type\": \"random\", \"p\": 0.5}",
           "{\"type\": \"from_list\", \"list\": [[0, 1], [3, 5]]}"),
      "projection 'ab'", "connector.list[1]", "post index 5 is outside 'b'");
  row("from_list malformed row",
      with("{\"type\": \"random\", \"p\": 0.5}", "{\"type\": \"from_list\", \"list\": [[0]]}"),
      "projection 'ab'", "connector.list[0]", "expected [pre, post]");
  row("bad receptor", with("\"pre\": \"a\",", "\"pre\": \"a\", \"receptor\": \"both\","),
      "projection 'ab'", "receptor", "must be \"exc\" or \"inh\"");
  row("negative delay", with("\"weight\": 0.1", "\"weight\": 0.1, \"delay\": -1"),
      "projection 'ab'", "delay", "must be >= 0 ms");
  row("weight array of the wrong length",
      with("{\"type\": \"random\", \"p\": 0.5}, \"weight\": 0.1",
           "\"all_to_all\", \"weight\": [1, 2]"),
      "projection 'ab'", "weight", "has 2 values but the connector makes 50");
  row("delay too long for the ring", with("\"weight\": 0.1", "\"weight\": 0.1, \"delay\": 10000"),
      "projection 'ab'", "delay", "at most 65535");
  row("dt <= 0", with("\"dt\": 0.1", "\"dt\": 0"), "experiment", "dt", "must be > 0 ms");
  row("negative duration", with("\"duration\": 100", "\"duration\": -1"), "experiment", "duration",
      "must be >= 0");
  row("negative seed", with("\"seed\": 1", "\"seed\": -3"), "experiment", "seed", "must be >= 0");
  row("monitor of a missing population", with("\"target\": \"a\"", "\"target\": \"z\""),
      "monitor 0", "target", "no population 'z'");
  row("monitor of an unknown variable", with("\"variable\": \"v\"", "\"variable\": \"w\""),
      "monitor 0", "variable", "has no state variable 'w'");
  row("monitor of a neuron out of range", with("\"neurons\": [0]", "\"neurons\": [10]"),
      "monitor 0", "neurons[0]", "outside 'a'");
  row("spike trains per neuron",
      with("{\"id\": \"b\", \"model\": \"lif\", \"size\": 5}",
           "{\"id\": \"b\", \"model\": \"lif\", \"size\": 5}, {\"id\": \"s\", \"model\": "
           "\"spike_source\", \"size\": 3, \"params\": {\"spike_times\": [[1], [2]]}}"),
      "population 's'", "params.spike_times", "has 2 spike trains but the population has 3");
  row("current steps of unequal length",
      with("{\"id\": \"b\", \"model\": \"lif\", \"size\": 5}",
           "{\"id\": \"b\", \"model\": \"lif\", \"size\": 5}, {\"id\": \"s\", \"model\": "
           "\"current_step\", \"params\": {\"times\": [1, 2], \"amplitudes\": [1]}}"),
      "population 's'", "params.amplitudes", "one amplitude per time");
  std::string huge = with("\"size\": 10", "\"size\": 2000000");
  huge.replace(huge.find("\"size\": 5"), 9, "\"size\": 2000000");  // 2e12 expected synapses
  row("too big for memory", huge, "network", "", "would need about");
  row("size beyond the index range", with("\"size\": 10", "\"size\": 3000000000"), "population 'a'",
      "size", "must be between 1 and");
}

void TestBadInput::reported() {
  QFETCH(QString, text);
  QFETCH(QString, object);
  QFETCH(QString, field);
  QFETCH(QString, message);
  const std::vector<Diagnostic> found = diagnose(text.toStdString());
  QVERIFY2(!found.empty(), "accepted");
  const std::string all = joinDiagnostics(found);
  bool match = false;
  for (const Diagnostic& d : found) {
    const QString s = QString::fromStdString(d.toString());
    match = match || (s.startsWith(object) && QString::fromStdString(d.field) == field &&
                      s.contains(message));
  }
  QVERIFY2(match, qPrintable("expected " + object + ", field '" + field + "': ..." + message +
                             "...\ngot:\n" + QString::fromStdString(all)));
}

void TestBadInput::everyProblemIsReported() {
  // Three independent mistakes: all three come back, not just the first.
  std::string text = with("\"tau_m\": 20", "\"tau_m\": -1");
  text.replace(text.find("\"p\": 0.5"), 8, "\"p\": 2");
  text.replace(text.find("\"dt\": 0.1"), 9, "\"dt\": -1");
  const auto found = diagnose(text);
  QCOMPARE(found.size(), size_t(3));
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
