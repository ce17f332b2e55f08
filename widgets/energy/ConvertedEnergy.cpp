#include "ConvertedEnergy.h"

#include "EnergyPanel.h"
#include "conversion/ConversionEnergy.h"
#include "conversion/ConversionPanel.h"

namespace snn::gui {

void showConversionEnergy(const ConversionPanel& conversion, EnergyPanel& energy) {
  const ConversionSetupPtr setup = conversion.setup();
  if (!setup || !setup->snn || conversion.points().isEmpty()) return;
  std::vector<EnergyPanel::ConvertedPoint> points;
  for (const ConversionPointPtr& p : conversion.points())
    points.push_back({p->result.timesteps, conversionCounts(*setup->snn, p->result),
                      p->result.annAccuracy, p->result.snnAccuracy});
  energy.showConversion(std::make_shared<const AnnSpec>(conversion.lastJob().ann),
                        std::move(points));
}

}  // namespace snn::gui
