#include "MarkdownText.h"

#include <cctype>
#include <sstream>
#include <vector>

#include "MathText.h"

namespace snn {

namespace {

std::string escapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

// An ordered-list item "12. text": the text, or nothing.
bool orderedItem(std::string_view line, std::string* text) {
  size_t k = 0;
  while (k < line.size() && std::isdigit(static_cast<unsigned char>(line[k]))) ++k;
  if (k == 0 || k + 1 >= line.size() || line[k] != '.' || line[k + 1] != ' ') return false;
  *text = trim(line.substr(k + 2));
  return true;
}

}  // namespace

std::string inlineMarkdownToHtml(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    auto closing = [&](std::string_view mark, size_t from) { return s.find(mark, from); };
    if (c == '\\' && i + 1 < s.size() &&
        std::string_view("$*`[]\\").find(s[i + 1]) != std::string_view::npos) {
      out += escapeHtml(s.substr(i + 1, 1));
      i += 2;
    } else if (c == '$') {
      const size_t end = closing("$", i + 1);
      if (end == std::string_view::npos) {
        out += "$";
        ++i;
        continue;
      }
      out += "<span style=\"font-family: serif\">" + mathToHtml(s.substr(i + 1, end - i - 1)) +
             "</span>";
      i = end + 1;
    } else if (c == '`') {
      const size_t end = closing("`", i + 1);
      if (end == std::string_view::npos) {
        out += "`";
        ++i;
        continue;
      }
      out += "<code>" + escapeHtml(s.substr(i + 1, end - i - 1)) + "</code>";
      i = end + 1;
    } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      const size_t end = closing("**", i + 2);
      if (end == std::string_view::npos) {
        out += "**";
        i += 2;
        continue;
      }
      out += "<b>" + inlineMarkdownToHtml(s.substr(i + 2, end - i - 2)) + "</b>";
      i = end + 2;
    } else if (c == '*') {
      const size_t end = closing("*", i + 1);
      if (end == std::string_view::npos || end == i + 1) {
        out += "*";
        ++i;
        continue;
      }
      out += "<i>" + inlineMarkdownToHtml(s.substr(i + 1, end - i - 1)) + "</i>";
      i = end + 1;
    } else if (c == '[') {
      const size_t mid = closing("](", i + 1);
      const size_t end = mid == std::string_view::npos ? mid : closing(")", mid + 2);
      if (end == std::string_view::npos) {
        out += "[";
        ++i;
        continue;
      }
      out += "<a href=\"" + escapeHtml(s.substr(mid + 2, end - mid - 2)) + "\">" +
             inlineMarkdownToHtml(s.substr(i + 1, mid - i - 1)) + "</a>";
      i = end + 1;
    } else {
      out += escapeHtml(s.substr(i, 1));
      ++i;
    }
  }
  return out;
}

std::string markdownToHtml(std::string_view markdown) {
  std::vector<std::string> lines;
  {
    std::istringstream in{std::string(markdown)};
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
  }
  std::string html;
  std::string paragraph;
  std::string list;  // "ul" or "ol" while one is open
  auto closeParagraph = [&] {
    if (!paragraph.empty()) html += "<p>" + inlineMarkdownToHtml(paragraph) + "</p>\n";
    paragraph.clear();
  };
  auto closeList = [&] {
    if (!list.empty()) html += "</" + list + ">\n";
    list.clear();
  };
  for (size_t k = 0; k < lines.size(); ++k) {
    const std::string line = trim(lines[k]);
    std::string item;
    if (line.empty()) {
      closeParagraph();
      closeList();
    } else if (startsWith(line, "$$")) {
      closeParagraph();
      closeList();
      // Display math: up to the closing $$, on this line or a later one.
      std::string tex = line.substr(2);
      size_t end = tex.find("$$");
      while (end == std::string::npos && k + 1 < lines.size()) {
        tex += " " + trim(lines[++k]);
        end = tex.find("$$");
      }
      if (end != std::string::npos) tex.resize(end);
      html += "<p align=\"center\" style=\"font-family: serif; font-size: large\">" +
              mathToHtml(tex) + "</p>\n";
    } else if (startsWith(line, "### ") || startsWith(line, "## ") || startsWith(line, "# ")) {
      closeParagraph();
      closeList();
      const size_t level = line.find(' ');
      const std::string tag = "h" + std::to_string(level);
      html += "<" + tag + ">" + inlineMarkdownToHtml(line.substr(level + 1)) + "</" + tag + ">\n";
    } else if (startsWith(line, "![")) {
      closeParagraph();
      closeList();
      const size_t mid = line.find("](");
      const size_t end = mid == std::string::npos ? mid : line.find(')', mid);
      if (end == std::string::npos) {
        paragraph = line;
        continue;
      }
      const std::string caption = line.substr(2, mid - 2);
      html += "<p align=\"center\"><img src=\"" + escapeHtml(line.substr(mid + 2, end - mid - 2)) +
              "\"><br><i>" + inlineMarkdownToHtml(caption) + "</i></p>\n";
    } else if (startsWith(line, "|")) {
      closeParagraph();
      closeList();
      // A table: rows of |-separated cells; the |---| line under the header is skipped.
      html += "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n";
      bool header = true;
      for (; k < lines.size() && startsWith(trim(lines[k]), "|"); ++k) {
        const std::string row = trim(lines[k]);
        if (row.find_first_not_of("|-: ") == std::string::npos) continue;
        html += "<tr>";
        size_t from = 1;
        for (size_t bar = row.find('|', from); bar != std::string::npos;
             from = bar + 1, bar = row.find('|', from)) {
          const std::string tag = header ? "th" : "td";
          html += "<" + tag + ">" + inlineMarkdownToHtml(trim(row.substr(from, bar - from))) +
                  "</" + tag + ">";
        }
        html += "</tr>\n";
        header = false;
      }
      --k;
      html += "</table>\n";
    } else if (startsWith(line, "> ")) {
      closeParagraph();
      closeList();
      html += "<blockquote>" + inlineMarkdownToHtml(line.substr(2)) + "</blockquote>\n";
    } else if (startsWith(line, "- ") || startsWith(line, "* ") || orderedItem(line, &item)) {
      closeParagraph();
      const std::string kind = item.empty() ? "ul" : "ol";
      if (item.empty()) item = line.substr(2);
      if (list != kind) {
        closeList();
        html += "<" + kind + ">\n";
        list = kind;
      }
      html += "<li>" + inlineMarkdownToHtml(item) + "</li>\n";
    } else if (!list.empty() && (lines[k].rfind("  ", 0) == 0)) {
      // A continued list item: appended to the last one.
      html.insert(html.rfind("</li>"), " " + inlineMarkdownToHtml(line));
    } else {
      closeList();
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += line;
    }
  }
  closeParagraph();
  closeList();
  return html;
}

}  // namespace snn
