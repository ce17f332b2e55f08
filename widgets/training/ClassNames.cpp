#include "ClassNames.h"

namespace snn::gui {

namespace {
// Xiao, Rasul & Vollgraf (2017), Fashion-MNIST, and the label table of its README
// (github.com/zalandoresearch/fashion-mnist, "Labels").
const char* const kFashionMnist[] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                     "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}  // namespace

QStringList classNames(const std::string& dataset, int classes) {
  QStringList names;
  const bool fashion = dataset == "fashion-mnist" && classes == 10;
  for (int c = 0; c < classes; ++c)
    names << (fashion ? QString::fromUtf8(kFashionMnist[c]) : QString::number(c));
  return names;
}

}  // namespace snn::gui
