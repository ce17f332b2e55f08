#pragma once

#include <QMetaType>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conversion/ConversionDiagnostics.h"
#include "conversion/ConversionEvaluation.h"
#include "conversion/ConvertedSnn.h"
#include "conversion/FsCoding.h"
#include "energy/EnergyReport.h"
#include "model/EnergySpec.h"

namespace snn::gui {

// One conversion the Conversion dock runs in its worker thread, as `snnwb-cli convert` does:
// the ANN converted once (calibrated on the training split), then evaluated on the test split
// at each T (rate) or K (fs). An immutable value.
struct ConversionJob {
  AnnSpec ann;         // a copy: editing never races the conversion
  std::string annId;   // the node it came from (for messages and the project)
  std::string method;  // "rate" or "fs"
  RateConversionOptions options;
  std::vector<int> timesteps;  // T values (rate) or K values (fs), in the order run
  std::string dataset = "digits";
  int64_t testLimit = 0;  // 0: the whole test split
  int64_t calibrationSamples = 1000;
  int64_t diagnosticSamples = 16;  // samples the activation-versus-rate scatter is made from
  int threads = 2;
  EnergySpec energy;  // the project's chip and changed constants, which price each T
  // fs: the FS code edited in the dock, for the normalised ReLU activations (alpha 1), used on
  // every relu / qcfs layer in place of the closed form (at its K); none: the closed form.
  std::optional<FsCoefficients> fsReluCode;
};

// What the conversion itself gave, before any evaluation: the converted network (its stages'
// lambdas and notes) and the ANN's own test accuracy.
struct ConversionSetup {
  std::shared_ptr<const ConvertedSnn> snn;
  double annAccuracy = 0.0;
  int64_t testSamples = 0;
  std::string dataset;
};

// One evaluated T: accuracy and activity (ConversionResult), energy per substrate
// (conversionEnergy: the default constants table), and the scatter's pairs per layer.
struct ConversionPoint {
  ConversionResult result;
  EnergyReport energy;
  ConversionDiagnostics diagnostics;
};

enum class ConversionOutcome { Completed, Cancelled, Failed };

using ConversionJobPtr = std::shared_ptr<const ConversionJob>;
using ConversionSetupPtr = std::shared_ptr<const ConversionSetup>;
using ConversionPointPtr = std::shared_ptr<const ConversionPoint>;

}  // namespace snn::gui

Q_DECLARE_METATYPE(snn::gui::ConversionJobPtr)
Q_DECLARE_METATYPE(snn::gui::ConversionSetupPtr)
Q_DECLARE_METATYPE(snn::gui::ConversionPointPtr)
Q_DECLARE_METATYPE(snn::gui::ConversionOutcome)
