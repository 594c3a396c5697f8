// Runs the real `debrief` binary as a child process for CLI tests: start it, read its standard
// output line by line, signal it, wait for its exit code.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace debrief::testing {

class ChildProcess {
 public:
  explicit ChildProcess(std::vector<std::string> arguments) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      for (std::string& argument : arguments) argv.push_back(argument.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
  }
  ~ChildProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      Wait();
    }
    if (stdout_ != nullptr) fclose(stdout_);
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
  bool exited_ = false;
};

// Runs the binary to completion; returns {exit code, standard output}.
inline std::pair<int, std::string> RunCommand(std::vector<std::string> arguments) {
  ChildProcess child(std::move(arguments));
  std::string output = child.ReadAll();
  return {child.Wait(), output};
}

}  // namespace debrief::testing
