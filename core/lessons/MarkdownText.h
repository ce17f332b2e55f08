#pragma once

#include <string>
#include <string_view>

namespace snn {

// The Markdown a lesson page is written in, turned into the HTML subset Qt's rich text shows
// (QTextDocument): "#", "##", "###" headings; paragraphs; "- " and "1. " lists; "> " quotes;
// tables of "|"-separated cells (the "|---|" line under the header is skipped);
// **bold**, *italic*, `code`, [links](url); a line "![caption](figure.svg)" as a centred figure
// with its caption; $inline$ and $$display$$ math (MathText.h). Underscores are left alone (ids
// such as first_network keep theirs). docs/lessons.md is the reference for teachers.
std::string markdownToHtml(std::string_view markdown);

// Inline Markdown only (a step's text): no blocks.
std::string inlineMarkdownToHtml(std::string_view text);

}  // namespace snn
