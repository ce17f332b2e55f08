// Lessons as files (core/lessons, docs/lessons.md): the TeX-like math and the Markdown become the
// HTML Qt shows (checked against hand-written expectations); every shipped lesson reads, opens a
// project that loads, and names only populations and fields its project has; conditions hold
// exactly when they should; a teacher's mistakes are reported with the file and the field.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "TestSupport.h"
#include "lessons/LessonCondition.h"
#include "lessons/LessonReader.h"
#include "lessons/MarkdownText.h"
#include "lessons/MathText.h"

using namespace snn;

namespace {

const std::string lessonsDir = test::source("resources/lessons");
const std::string examplesDir = test::source("resources/examples");

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

class TestLessons : public QObject {
  Q_OBJECT

 private slots:
  void mathBecomesSymbols_data() {
    QTest::addColumn<QString>("tex");
    QTest::addColumn<QString>("html");
    QTest::newRow("greek and subscript") << R"(\tau_m)"
                                         << "τ<sub><i>m</i></sub>";
    QTest::newRow("word subscript upright") << "v_{rest}"
                                            << "<i>v</i><sub>rest</sub>";
    QTest::newRow("fraction") << R"(\frac{dv}{dt})"
                              << "dv/dt";
    QTest::newRow("fraction with sums") << R"(\frac{a+b}{c})"
                                        << "(<i>a</i> + <i>b</i>)/<i>c</i>";
    QTest::newRow("superscript with minus") << R"(e^{-t/\tau})"
                                            << "<i>e</i><sup>−<i>t</i>/τ</sup>";
    QTest::newRow("relations") << R"(I \le I_{rh})"
                               << "<i>I</i> ≤ <i>I</i><sub>rh</sub>";
    QTest::newRow("text") << R"(\text{if } x)"
                          << "if  <i>x</i>";
    QTest::newRow("sqrt") << R"(\sqrt{rT})"
                          << "√rT";
    QTest::newRow("escaped") << "a < b"
                             << "<i>a</i> &lt; <i>b</i>";
  }

  void mathBecomesSymbols() {
    QFETCH(QString, tex);
    QFETCH(QString, html);
    QCOMPARE(QString::fromStdString(mathToHtml(tex.toStdString())).simplified(), html.simplified());
  }

  void markdownBlocks() {
    const std::string html = markdownToHtml(
        "# Title\n\nA *b* **c** `first_network` and $v_{th}$.\n\n- one\n- two\n\n"
        "$$\\tau_m \\frac{dv}{dt} = -v$$\n\n![A figure](fig.svg)\n\n| a | b |\n|---|---|\n| 1 | 2 "
        "|\n");
    QVERIFY(html.find("<h1>Title</h1>") != std::string::npos);
    QVERIFY(html.find("<i>b</i>") != std::string::npos);
    QVERIFY(html.find("<b>c</b>") != std::string::npos);
    QVERIFY(html.find("<code>first_network</code>") != std::string::npos);  // underscores kept
    QVERIFY(html.find("<sub>th</sub>") != std::string::npos);
    QVERIFY(html.find("<ul>\n<li>one</li>\n<li>two</li>\n</ul>") != std::string::npos);
    QVERIFY(html.find("<p align=\"center\"") != std::string::npos);
    QVERIFY(html.find("dv/dt") != std::string::npos);
    QVERIFY(html.find("<img src=\"fig.svg\">") != std::string::npos);
    QVERIFY(html.find("<th>a</th><th>b</th>") != std::string::npos);
    QVERIFY(html.find("<td>1</td><td>2</td>") != std::string::npos);
    QVERIFY(html.find("---") == std::string::npos);
    QVERIFY(html.find('$') == std::string::npos);
  }

  void everyShippedLessonReadsAndFitsItsProject() {
    std::vector<std::string> problems;
    const std::vector<Lesson> lessons = readLessons(lessonsDir, examplesDir, &problems);
    for (const std::string& p : problems) qWarning("%s", p.c_str());
    QVERIFY(problems.empty());
    QVERIFY(lessons.size() >= 8);
    for (size_t i = 0; i < lessons.size(); ++i) {
      const Lesson& l = lessons[i];
      QCOMPARE(l.order, static_cast<int>(i) + 1);
      QVERIFY2(!l.project.empty(), l.id.c_str());
      QVERIFY2(l.pages.size() >= 2, l.id.c_str());
      QVERIFY2(!l.steps.empty(), l.id.c_str());
      const Project project = loadProject(l.project);
      for (const LessonStep& s : l.steps) {
        const auto wrong = conditionProblems(s.when, project);
        for (const std::string& w : wrong) qWarning("%s: %s", l.id.c_str(), w.c_str());
        QVERIFY(wrong.empty());
      }
      for (const LessonPage& page : l.pages) {
        const std::string html = markdownToHtml(page.markdown);
        QVERIFY2(html.find("\\frac") == std::string::npos, l.id.c_str());  // no TeX source left
        QVERIFY2(html.find("$") == std::string::npos, l.id.c_str());
        for (size_t at = html.find("<img src=\""); at != std::string::npos;
             at = html.find("<img src=\"", at + 1)) {
          const size_t end = html.find('"', at + 10);
          const std::string figure = html.substr(at + 10, end - at - 10);
          QVERIFY2(std::filesystem::exists(std::filesystem::path(l.folder) / figure),
                   (l.id + ": " + figure).c_str());
        }
      }
    }
  }

  void conditionsHoldWhenTheyShould() {
    const Project opened = test::parse(R"({"format": "snn-workbench", "version": 1,
      "network": {"populations": [{"id": "n", "model": "lif", "size": 2,
                                   "params": {"i_offset": 0.5}}]},
      "experiment": {"dt": 0.1, "duration": 500}})");
    Project now = opened;
    RunSummary run;
    run.reachedMs = 500;
    run.sizes["n"] = 2;
    run.spikes["n"] = 10;  // 10 Hz
    auto holds = [&](const char* json) {
      return conditionMet(parseLessonCondition(json, "test"), now, opened, run);
    };
    QVERIFY(holds(R"({"ran_ms": 500})"));
    QVERIFY(!holds(R"({"ran_ms": 501})"));
    QVERIFY(holds(R"({"fires": "n"})"));
    QVERIFY(!holds(R"({"silent": "n"})"));
    QVERIFY(holds(R"({"rate_above": {"population": "n", "hz": 9.9}})"));
    QVERIFY(!holds(R"({"rate_above": {"population": "n", "hz": 10.1}})"));
    QVERIFY(holds(R"({"rate_below": {"population": "n", "hz": 10.1}})"));
    QVERIFY(holds(R"({"field_above": {"object": "n", "field": "params.i_offset", "value": 0.4}})"));
    QVERIFY(holds(R"({"field_equals": {"object": "n", "field": "params.tau_m", "value": 20}})"));
    QVERIFY(holds(R"({"field_equals": {"object": "n", "field": "model", "value": "lif"}})"));
    QVERIFY(holds(R"({"field_below": {"object": "experiment", "field": "dt", "value": 0.2}})"));
    QVERIFY(!holds(R"({"field_changed": {"object": "n", "field": "params.i_offset"}})"));
    now.network.populations[0].params["i_offset"] = ValueSpec::constant(1.0);
    QVERIFY(holds(R"({"field_changed": {"object": "n", "field": "params.i_offset"}})"));
    QVERIFY(!holds(R"({"trained": true})"));
    QVERIFY(holds(R"({"exists": "n"})"));
    QVERIFY(!holds(R"({"exists": "fc1"})"));  // made later (Convert to project): not a problem
    QVERIFY(conditionProblems(parseLessonCondition(R"({"exists": "fc1"})", "t"), now).empty());
    QVERIFY(holds(R"({"all": [{"fires": "n"}, {"ran_ms": 100}]})"));
    QVERIFY(!holds(R"({"all": [{"fires": "n"}, {"silent": "n"}]})"));
    QVERIFY(holds(R"({"any": [{"fires": "n"}, {"silent": "n"}]})"));
    QVERIFY(!holds(R"({"fires": "gone"})"));
    QVERIFY(!conditionProblems(parseLessonCondition(R"({"fires": "gone"})", "t"), now).empty());
    QVERIFY(!conditionProblems(
                 parseLessonCondition(R"({"field_above": {"object": "n", "field": "params.nope",
                                         "value": 1}})",
                                      "t"),
                 now)
                 .empty());
  }

  void mistakesNameTheFileAndField() {
    QTemporaryDir dir;
    const std::filesystem::path folder = dir.filePath("bad").toStdString();
    std::filesystem::create_directories(folder);
    write(folder / "01-page.md", "# Page\n\ntext\n");
    write(folder / "lesson.json",
          R"({"title": "Bad", "steps": [{"text": "x", "when": {"fire": "n"}}]})");
    try {
      readLesson(folder, examplesDir);
      QFAIL("an unknown condition was read");
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      QVERIFY2(what.find("lesson.json") != std::string::npos, e.what());
      QVERIFY2(what.find("steps[0].when.fire") != std::string::npos, e.what());
    }
    write(folder / "lesson.json", R"({"title": "Bad", "project": "nowhere.snnwb.json"})");
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readLesson(folder, examplesDir));
    write(folder / "lesson.json", R"({"summary": "no title"})");
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readLesson(folder, examplesDir));
    std::vector<std::string> problems;
    QVERIFY(readLessons(dir.path().toStdString(), examplesDir, &problems).empty());
    QCOMPARE(problems.size(), size_t{1});
  }
};

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"
