#include "MathText.h"

#include <cctype>
#include <map>

namespace snn {

namespace {

const std::map<std::string, std::string, std::less<>>& symbols() {
  static const std::map<std::string, std::string, std::less<>> table = {
      {"alpha", "α"},
      {"beta", "β"},
      {"gamma", "γ"},
      {"delta", "δ"},
      {"epsilon", "ε"},
      {"varepsilon", "ε"},
      {"zeta", "ζ"},
      {"eta", "η"},
      {"theta", "θ"},
      {"iota", "ι"},
      {"kappa", "κ"},
      {"lambda", "λ"},
      {"mu", "μ"},
      {"nu", "ν"},
      {"xi", "ξ"},
      {"pi", "π"},
      {"rho", "ρ"},
      {"sigma", "σ"},
      {"tau", "τ"},
      {"upsilon", "υ"},
      {"phi", "φ"},
      {"varphi", "φ"},
      {"chi", "χ"},
      {"psi", "ψ"},
      {"omega", "ω"},
      {"Gamma", "Γ"},
      {"Delta", "Δ"},
      {"Theta", "Θ"},
      {"Lambda", "Λ"},
      {"Sigma", "Σ"},
      {"Phi", "Φ"},
      {"Psi", "Ψ"},
      {"Omega", "Ω"},
      {"infty", "∞"},
      {"cdot", "·"},
      {"times", "×"},
      {"le", "≤"},
      {"leq", "≤"},
      {"ge", "≥"},
      {"geq", "≥"},
      {"approx", "≈"},
      {"ne", "≠"},
      {"neq", "≠"},
      {"to", "→"},
      {"rightarrow", "→"},
      {"leftarrow", "←"},
      {"Rightarrow", "⇒"},
      {"pm", "±"},
      {"sum", "∑"},
      {"int", "∫"},
      {"partial", "∂"},
      {"sim", "∼"},
      {"propto", "∝"},
      {"ldots", "…"},
      {"dots", "…"},
      {"langle", "⟨"},
      {"rangle", "⟩"},
      {"lfloor", "⌊"},
      {"rfloor", "⌋"},
      {"lceil", "⌈"},
      {"rceil", "⌉"},
      {"mid", "|"},
      {"quad", "\u2003"},
      {"qquad", "\u2003\u2003"},
      {",", "\u2009"},
      {";", "\u2005"},
      {"!", ""},
      {" ", " "},
      {"{", "{"},
      {"}", "}"},
      {"%", "%"},
      {"ln", "ln"},
      {"exp", "exp"},
      {"log", "log"},
      {"max", "max"},
      {"min", "min"},
      {"sin", "sin"},
      {"cos", "cos"},
      {"in", "∈"},
      {"circ", "°"},
      {"left", ""},
      {"right", ""},
      {"displaystyle", ""},
  };
  return table;
}

std::string escaped(char c) {
  switch (c) {
    case '<':
      return " &lt; ";
    case '>':
      return " &gt; ";
    case '&':
      return "&amp;";
    case '-':
      return "\u2212";
    case '=':
      return " = ";
    case '+':
      return " + ";
    default:
      return std::string(1, c);
  }
}

class Renderer {
 public:
  explicit Renderer(std::string_view tex) : s_(tex) {}

  // Renders until the end, or until the '}' closing the group being read.
  std::string sequence(bool inGroup) {
    std::string out;
    while (i_ < s_.size()) {
      if (s_[i_] == '}') {
        if (inGroup) {
          ++i_;
          return out;
        }
        ++i_;
        continue;
      }
      out += atom();
    }
    return out;
  }

 private:
  // One item: a group, a command with its arguments, a word, a character; with any ^ or _.
  std::string atom() {
    std::string base = nucleus();
    while (i_ < s_.size() && (s_[i_] == '^' || s_[i_] == '_')) {
      const bool sup = s_[i_++] == '^';
      const std::string script = argument();
      base += sup ? "<sup>" + script + "</sup>" : "<sub>" + script + "</sub>";
    }
    return base;
  }

  // The next argument: a {group} or one character / command.
  std::string argument() {
    skipSpaces();
    if (i_ >= s_.size()) return {};
    if (s_[i_] == '{') {
      ++i_;
      return sequence(true);
    }
    return nucleus();
  }

  // An argument's raw text (for \text{...}).
  std::string rawArgument() {
    skipSpaces();
    if (i_ >= s_.size() || s_[i_] != '{') return {};
    std::string out;
    int depth = 0;
    for (++i_; i_ < s_.size(); ++i_) {
      if (s_[i_] == '{') ++depth;
      if (s_[i_] == '}' && depth-- == 0) break;
      out += s_[i_] == '<' ? std::string("&lt;") : s_[i_] == '&' ? "&amp;" : std::string(1, s_[i_]);
    }
    ++i_;
    return out;
  }

  static bool needsParentheses(const std::string& html) {
    int depth = 0;
    for (size_t k = 0; k < html.size(); ++k) {
      if (html[k] == '<') ++depth;
      if (html[k] == '>') --depth;
      if (depth == 0 && (html[k] == ' ' || html.compare(k, 3, "\u2212") == 0) && k > 0) return true;
    }
    return false;
  }

  std::string nucleus() {
    skipSpaces();
    if (i_ >= s_.size()) return {};
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      return sequence(true);
    }
    if (c == '\\') return command();
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::string word;
      while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) word += s_[i_++];
      return word.size() == 1 ? "<i>" + word + "</i>" : word;
    }
    ++i_;
    return escaped(c);
  }

  std::string command() {
    ++i_;  // the backslash
    std::string name;
    if (i_ < s_.size() && !std::isalpha(static_cast<unsigned char>(s_[i_]))) {
      name = std::string(1, s_[i_++]);
    } else {
      while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) name += s_[i_++];
    }
    if (name == "frac") {
      std::string num = argument(), den = argument();
      if (needsParentheses(num)) num = "(" + num + ")";
      if (needsParentheses(den)) den = "(" + den + ")";
      return num + "/" + den;
    }
    if (name == "sqrt") {
      const std::string x = argument();
      return "√" + (needsParentheses(x) || x.size() > 12 ? "(" + x + ")" : x);
    }
    if (name == "text" || name == "textrm" || name == "mathrm" || name == "operatorname")
      return rawArgument();
    if (name == "mathbf" || name == "boldsymbol") return "<b>" + argument() + "</b>";
    if (name == "mathit") return "<i>" + argument() + "</i>";
    if (name == "bar" || name == "overline") return argument() + "\u0304";
    if (name == "hat") return argument() + "\u0302";
    if (name == "dot") return argument() + "\u0307";
    auto it = symbols().find(name);
    if (it != symbols().end()) {
      const bool spaced = name == "le" || name == "leq" || name == "ge" || name == "geq" ||
                          name == "approx" || name == "ne" || name == "neq" || name == "to" ||
                          name == "rightarrow" || name == "Rightarrow" || name == "propto" ||
                          name == "sim" || name == "in" || name == "times" || name == "pm";
      return spaced ? " " + it->second + " " : it->second;
    }
    return name;
  }

  void skipSpaces() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::string mathToHtml(std::string_view tex) {
  std::string html = Renderer(tex).sequence(false);
  // Collapse the double spaces around spaced operators.
  std::string out;
  for (char c : html)
    if (!(c == ' ' && !out.empty() && out.back() == ' ')) out += c;
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace snn
