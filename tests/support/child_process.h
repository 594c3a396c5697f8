// Runs a real program as a child process for tests (the `debrief` binary, Alertmanager, amtool):
// start it, feed its standard input, read its standard output line by line, signal it, wait.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace debrief::testing {

class ChildProcess {
 public:
  // With `feed_stdin`, the child reads its standard input from WriteInput until CloseInput;
  // with `with_errors`, what it writes to standard error is read with its output.
  explicit ChildProcess(std::vector<std::string> arguments, bool feed_stdin = false,
                        bool with_errors = false) {
    int out[2];
    int in[2] = {-1, -1};
    if (pipe(out) != 0 || (feed_stdin && pipe(in) != 0)) return;
    pid_ = fork();
    if (pid_ == 0) {
      // A test that crashes takes its children with it (Alertmanager would go on retrying).
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      dup2(out[1], STDOUT_FILENO);
      if (with_errors) dup2(out[1], STDERR_FILENO);
      close(out[0]);
      close(out[1]);
      if (feed_stdin) {
        dup2(in[0], STDIN_FILENO);
        close(in[0]);
        close(in[1]);
      }
      std::vector<char*> argv;
      for (std::string& argument : arguments) argv.push_back(argument.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
    if (feed_stdin) {
      close(in[0]);
      stdin_ = in[1];
    }
  }
  ~ChildProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      Wait();
    }
    if (stdout_ != nullptr) fclose(stdout_);
    CloseInput();
  }

  bool WriteInput(const std::string& bytes) {
    size_t written = 0;
    while (written < bytes.size()) {
      ssize_t done = write(stdin_, bytes.data() + written, bytes.size() - written);
      if (done <= 0) return false;
      written += static_cast<size_t>(done);
    }
    return true;
  }
  void CloseInput() {
    if (stdin_ >= 0) close(stdin_);
    stdin_ = -1;
  }

  // The next line of standard output, or empty at the end.
  std::string ReadLine() {
    char buffer[4096];
    if (stdout_ == nullptr || fgets(buffer, sizeof buffer, stdout_) == nullptr) return {};
    return buffer;
  }
  std::string ReadAll() {
    std::string text;
    for (std::string line = ReadLine(); !line.empty(); line = ReadLine()) text += line;
    return text;
  }
  void Signal(int signal_number) { kill(pid_, signal_number); }
  // The exit code, or 128 + signal number when killed.
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  int stdin_ = -1;
  bool exited_ = false;
};

// Runs the binary to completion; returns {exit code, standard output}.
inline std::pair<int, std::string> RunCommand(std::vector<std::string> arguments,
                                              bool with_errors = false) {
  ChildProcess child(std::move(arguments), false, with_errors);
  std::string output = child.ReadAll();
  return {child.Wait(), output};
}

}  // namespace debrief::testing
