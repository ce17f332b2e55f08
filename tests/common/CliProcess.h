#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <vector>

namespace snn::test {

// What a command-line run gave: exit status (-1 when it did not finish in time), stdout, stderr.
struct CliOutcome {
  int status = -1;
  QString out, err;
};

// Runs `program` (a test's SNNWB_CLI) with `args` and waits for it.
inline CliOutcome runProgram(const QString& program, const QStringList& args,
                             int timeoutMs = 120000) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(timeoutMs)) return {};
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

// A --json output of one JSON object per line, as objects.
inline std::vector<QJsonObject> jsonLines(const QString& out) {
  std::vector<QJsonObject> lines;
  for (const QString& line : out.split('\n', Qt::SkipEmptyParts))
    lines.push_back(QJsonDocument::fromJson(line.toUtf8()).object());
  return lines;
}

}  // namespace snn::test
