#include "NumberText.h"

#include <cstdio>

namespace snn {

std::string formatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace snn
