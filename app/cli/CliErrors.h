#pragma once

#include <functional>

// Exit statuses of the command line (DESIGN.md, "Command line").
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

// Runs a command body and turns exceptions into a message on stderr and an exit status:
// bad input (a SpecError, an unreadable or unwritable file) exits 2, anything else 1.
int runReportingErrors(const std::function<int()>& body);
