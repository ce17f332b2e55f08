#include "WorkerMailbox.h"

#include <QMetaObject>
#include <utility>

namespace snn::gui {

void WorkerMailbox::post(std::function<void()> call) {
  {
    std::lock_guard lock(mutex_);
    calls_.push_back(std::move(call));
  }
  QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
}

void WorkerMailbox::deliver() {
  for (;;) {
    std::function<void()> call;
    {
      std::lock_guard lock(mutex_);
      if (calls_.empty()) return;
      call = std::move(calls_.front());
      calls_.pop_front();
    }
    call();
  }
}

}  // namespace snn::gui
