#pragma once

#include <QObject>
#include <QThread>
#include <functional>
#include <utility>

#include "WorkerMailbox.h"

namespace snn::gui {

// A worker object in a thread of its own — the pattern of Qt's Mandelbrot example and Tiled's
// ProjectModel — shared by every long job of the window (simulation, training, and what comes
// next: conversion, crossbar sweeps). The owner lives on the GUI thread: it posts work to the
// worker as queued calls (post) and the worker hands back immutable values through queued
// signals. shutdown() raises the owner's cancel flags (`cancel`), asks the thread to stop
// (requestInterruption: a long loop polls it), ends its event loop and waits, so destroying the
// owner in the middle of a job is clean. The worker is deleted in its thread when it finishes.
template <class Worker>
class WorkerThread {
 public:
  // Takes `worker` (without a parent) into a new thread named `name`; start() once the owner's
  // connections are made.
  WorkerThread(Worker* worker, const QString& name, std::function<void()> cancel)
      : worker_(worker), cancel_(std::move(cancel)) {
    thread_.setObjectName(name);
    worker_->moveToThread(&thread_);
    mailbox_->moveToThread(&thread_);
    QObject::connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    QObject::connect(&thread_, &QThread::finished, mailbox_, &QObject::deleteLater);
  }
  ~WorkerThread() { shutdown(); }
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  void start() { thread_.start(); }
  bool isRunning() const { return thread_.isRunning(); }
  // The worker, to connect to its signals; call it only through post().
  Worker* worker() const { return worker_; }

  // Runs f() in the worker's thread, after what was posted before.
  template <class F>
  void post(F&& f) {
    mailbox_->post(std::function<void()>(std::forward<F>(f)));
  }

  void shutdown() {
    if (!thread_.isRunning()) return;
    if (cancel_) cancel_();
    thread_.requestInterruption();
    thread_.quit();
    thread_.wait();
  }

 private:
  QThread thread_;
  Worker* worker_;
  WorkerMailbox* mailbox_ = new WorkerMailbox;  // deleted in its thread when it finishes
  std::function<void()> cancel_;
};

}  // namespace snn::gui
