// WriterFirstLock: a reader-writer lock on which a waiting writer goes before readers that come
// after it. Searches arrive back to back from several threads; with the readers-first default of
// std::shared_mutex (glibc's rwlock) a publish could wait as long as searches keep coming.
// Readers must not take it twice on one thread: a writer waiting in between would deadlock them.
// Works with std::unique_lock and std::shared_lock.
#pragma once

#include <pthread.h>

namespace debrief::store::sqlite {

class WriterFirstLock {
 public:
  WriterFirstLock() {
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
    pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&lock_, &attributes);
    pthread_rwlockattr_destroy(&attributes);
  }
  ~WriterFirstLock() { pthread_rwlock_destroy(&lock_); }
  WriterFirstLock(const WriterFirstLock&) = delete;
  WriterFirstLock& operator=(const WriterFirstLock&) = delete;

  void lock() { pthread_rwlock_wrlock(&lock_); }
  void unlock() { pthread_rwlock_unlock(&lock_); }
  void lock_shared() { pthread_rwlock_rdlock(&lock_); }
  void unlock_shared() { pthread_rwlock_unlock(&lock_); }

 private:
  pthread_rwlock_t lock_;
};

}  // namespace debrief::store::sqlite
