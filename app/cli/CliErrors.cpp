#include "CliErrors.h"

#include <iostream>
#include <new>

#include "model/Diagnostic.h"

int runReportingErrors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const snn::SpecError& e) {
    for (const snn::Diagnostic& d : e.diagnostics()) std::cerr << "error: " << d.toString() << '\n';
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory\n";
    return kExitBadInput;
  } catch (const std::runtime_error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return kExitInternal;
  }
}
