#pragma once

#include <string>
#include <string_view>

namespace snn {

// A small TeX-like math notation turned into the HTML subset Qt's rich text shows, so a lesson's
// equations read as equations and not as LaTeX source: Greek letters and common symbols
// (\tau -> τ, \le -> ≤, \infty -> ∞), sub- and superscripts (v_{th}, e^{-t/\tau}), \frac{a}{b}
// as a/b (parenthesised where needed), \sqrt, \text{...}, \mathbf{...}, \left( \right); single
// letters in italics, words upright, minus as a true minus sign. Unknown commands are shown as
// their name without the backslash. docs/lessons.md lists what is understood.
std::string mathToHtml(std::string_view tex);

}  // namespace snn
