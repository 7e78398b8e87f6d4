/* measure.c - runs a command and prints "SECONDS MAXRSS_KB EXIT" on stderr
 * (wall time, peak resident memory of the command and its children, its
 * exit status: 127 when it could not be run). The command's output goes
 * where measure's would. Usage: measure CMD ARGS... */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec a, b;
    if (argc < 2) {
        fprintf(stderr, "usage: measure CMD ARGS...\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &a);
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("measure: wait4");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    /* Exit status as a shell gives it: 128 + N when killed by signal N. */
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    fprintf(stderr, "%.4f %ld %d\n", secs, ru.ru_maxrss, code);
    return 0;
}
