#include "LearnedWeights.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace snn {

namespace {

// The shortest decimal that reads back as `f`, as a double: 0.1f is stored as 0.1, not as
// 0.100000001490116.
double shortest(float f) {
  char text[32];
  const auto written = std::to_chars(text, text + sizeof text, f);
  double d = 0.0;
  std::from_chars(text, written.ptr, d);
  return d;
}

}  // namespace

void storeLearnedWeights(ProjectionSpec& spec, const SynapseMatrix& m) {
  using T = ConnectorSpec::Type;
  ConnectorSpec& c = spec.connector;
  const size_t n = m.weight.size();
  switch (c.type) {
    case T::AllToAll:
    case T::OneToOne: {
      std::vector<double> w(n);
      for (size_t k = 0; k < n; ++k) w[k] = shortest(m.weight[k]);
      spec.weight = ValueSpec::perElement(std::move(w));
      return;
    }
    case T::FromList: {
      // The compiler orders list entries by (pre, post), keeping list order among equals.
      std::vector<size_t> order(c.list.size());
      std::iota(order.begin(), order.end(), size_t(0));
      std::stable_sort(order.begin(), order.end(), [&c](size_t a, size_t b) {
        return c.list[a].pre != c.list[b].pre ? c.list[a].pre < c.list[b].pre
                                              : c.list[a].post < c.list[b].post;
      });
      for (size_t k = 0; k < n && k < order.size(); ++k)
        c.list[order[k]].weight = shortest(m.weight[k]);
      return;
    }
    case T::Conv2d:
    case T::AvgPool2d:
      return;  // never plastic (the validator refuses it): the kernel stays as it is
    case T::Random:
    case T::FixedInDegree: {
      ConnectorSpec list;
      list.type = T::FromList;
      list.list.reserve(n);
      for (int64_t i = 0; i < m.preSize; ++i)
        for (int64_t k = m.rowStart[static_cast<size_t>(i)];
             k < m.rowStart[static_cast<size_t>(i) + 1]; ++k)
          list.list.push_back({.pre = i,
                               .post = m.target[static_cast<size_t>(k)],
                               .weight = shortest(m.weight[static_cast<size_t>(k)])});
      c = std::move(list);
      return;
    }
  }
}

}  // namespace snn
