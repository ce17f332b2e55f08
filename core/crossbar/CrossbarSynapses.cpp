#include "CrossbarSynapses.h"

namespace snn {

namespace {

std::unique_ptr<CrossbarArray> programmed(const CrossbarSpec& spec, const SynapseMatrix& m,
                                          uint64_t runSeed, ProgramReport& report) {
  auto array = std::make_unique<CrossbarArray>(spec, runSeed);
  if (!spec.hasConductances())
    report = array->programWeights(CrossbarSynapses::denseWeights(m));
  else
    array->refold();  // now, so that the initial state kept for reset() is folded too
  return array;
}

}  // namespace

CrossbarSynapses::CrossbarSynapses(const CrossbarSpec& spec, SynapseMatrix& synapses,
                                   uint64_t runSeed)
    : array_(programmed(spec, synapses, runSeed, programming_)),
      initial_(*array_),
      currents_(Eigen::VectorXd::Zero(spec.cols)),
      outputs_(Eigen::VectorXd::Zero(spec.weightCols())),
      output_(static_cast<size_t>(spec.weightCols()), 0.0f) {
  syncWeights(synapses);
}

Eigen::MatrixXd CrossbarSynapses::denseWeights(const SynapseMatrix& m) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(m.preSize, m.postSize);
  for (int64_t i = 0; i < m.preSize; ++i)
    for (int64_t k = m.rowStart[static_cast<size_t>(i)]; k < m.rowStart[static_cast<size_t>(i) + 1];
         ++k)
      w(i, m.target[static_cast<size_t>(k)]) += m.weight[static_cast<size_t>(k)];
  return w;
}

void CrossbarSynapses::syncWeights(SynapseMatrix& m) const {
  for (int64_t i = 0; i < m.preSize; ++i)
    for (int64_t k = m.rowStart[static_cast<size_t>(i)]; k < m.rowStart[static_cast<size_t>(i) + 1];
         ++k)
      m.weight[static_cast<size_t>(k)] =
          static_cast<float>(array_->weightAt(i, m.target[static_cast<size_t>(k)]));
}

void CrossbarSynapses::read(std::span<const int32_t> rows) {
  active_ = !rows.empty();
  if (!active_) return;  // no row driven: no current, no noise, the ADC reads 0
  array_->readSpikes(rows, currents_);
  convertOutputs();
}

void CrossbarSynapses::readAnalog(const Eigen::Ref<const Eigen::VectorXd>& inputs) {
  active_ = (inputs.array() != 0.0).any();
  if (!active_) return;
  volts_ = inputs * array_->spec().array.vRead;
  array_->read(volts_, currents_);
  convertOutputs();
}

void CrossbarSynapses::convertOutputs() {
  array_->toWeightOutputs(currents_, outputs_);
  for (Eigen::Index j = 0; j < outputs_.size(); ++j)
    output_[static_cast<size_t>(j)] = static_cast<float>(outputs_(j));
}

bool CrossbarSynapses::applyLive(const CrossbarSpec& next) {
  if (!array_->applyLive(next)) return false;
  initial_.applyLive(next);
  return true;
}

}  // namespace snn
