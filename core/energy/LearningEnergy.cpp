#include "LearningEnergy.h"

namespace snn {

double learningPicojoules(const ProjectionCounts& p, const EnergyTable& t) {
  if (!p.plastic) return 0.0;
  const PlasticityCounts& l = p.plasticity;
  const double arithmetic =
      double(l.weightUpdates() + l.traceUpdates) + double(l.normalizations) * double(p.synapses);
  return arithmetic * t["cmos.fp32_mac"] +
         double(p.learningBytesRead()) * t["cmos.sram_64bit"] / 8.0 +
         double(p.learningBytesWritten()) * t["cmos.sram_write_64bit"] / 8.0;
}

const char* learningFormula() {
  return "(weight updates + trace updates + normalised synapses) x cmos.fp32_mac + bytes read "
         "x cmos.sram_64bit / 8 + bytes written x cmos.sram_write_64bit / 8 (crossbar: weight "
         "writes are pulses, under programming)";
}

}  // namespace snn
