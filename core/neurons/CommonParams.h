#pragma once

#include "model/ParamSchema.h"

namespace snn::common_params {

// Schema entries several models share, so that their names, units, ranges and meanings agree.
// Defaults follow PyNN's standard cell models (IF_curr_exp; Davison et al., Front. Neuroinform.
// 2:11, 2009), which also fix the units: ms, mV, nA, nF.
ParamInfo tauSynExc(double defaultMs = 5.0);
ParamInfo tauSynInh(double defaultMs = 5.0);
ParamInfo iOffset();
ParamInfo cm(double defaultNf = 1.0);
ParamInfo tRef(double defaultMs = 0.1);
ParamInfo vReset(double defaultMv = -65.0);
ParamInfo vThresh(double defaultMv = -50.0);

// The synaptic currents every neuron model has, recordable by monitors.
StateVarInfo iExc();
StateVarInfo iInh();

}  // namespace snn::common_params
