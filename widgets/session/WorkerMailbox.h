#pragma once

#include <QObject>
#include <deque>
#include <functional>
#include <mutex>

namespace snn::gui {

// The queue behind WorkerThread::post: calls for the worker's thread, run in the order posted.
// Qt's own queued calls would do, but they order the posting thread's writes before the call
// through Qt Core's futex-based locks, which ThreadSanitizer (with an uninstrumented Qt) cannot
// see: every posted lambda then shows up as a false data race. Here the call itself travels
// through a std::mutex, which TSan follows, and Qt only delivers a wake-up that carries nothing.
class WorkerMailbox : public QObject {
  Q_OBJECT
 public:
  // Any thread.
  void post(std::function<void()> call);

 private slots:
  // The mailbox's thread: runs every call posted so far.
  void deliver();

 private:
  std::mutex mutex_;
  std::deque<std::function<void()>> calls_;
};

}  // namespace snn::gui
