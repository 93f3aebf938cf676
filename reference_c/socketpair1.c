/* socketpair1: the article's parent/child ping-pong, made finite and fast.
 *
 *   socketpair1 [-t stream|dgram|seqpacket] ROUNDS [START]
 *
 * The parent sends a counter, the child increments it and sends it back;
 * the parent prints the article's two lines per round.  The counter is a
 * 32-bit int that wraps around (INT32_MAX + 1 == INT32_MIN), computed in
 * unsigned arithmetic so there is no undefined behaviour at INT_MAX.
 * Exit codes: 0 ok, 1 a system call failed, 2 bad arguments. */
#include <errno.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

#define USAGE "usage: socketpair1 [-t stream|dgram|seqpacket] ROUNDS [START]"
#define MAX_ROUNDS 1000000

static void usage(void)
{
    fprintf(stderr, "socketpair1: %s\n", USAGE);
    exit(2);
}

/* Transfer exactly 4 bytes; a stream may split them, a message never does. */
static int xfer(int fd, int32_t *val, int sending)
{
    size_t done = 0;
    while (done < sizeof *val) {
        char *p = (char *)val + done;
        ssize_t n = sending ? write(fd, p, sizeof *val - done) : read(fd, p, sizeof *val - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) { perror(sending ? "write()" : "read()"); return -1; }
        if (n == 0) { fprintf(stderr, "read(): unexpected end of file\n"); return -1; }
        done += (size_t)n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int type = SOCK_STREAM, i = 1;
    long long rounds, start = 0;
    if (argc > i && strcmp(argv[i], "-t") == 0) {
        if (argc <= i + 1 || (type = parse_socket_type(argv[i + 1])) < 0) usage();
        i += 2;
    }
    if (argc - i < 1 || argc - i > 2) usage();
    if (parse_long(argv[i], 0, MAX_ROUNDS, &rounds) != 0) usage();
    if (argc - i == 2 && parse_long(argv[i + 1], INT32_MIN, INT32_MAX, &start) != 0) usage();

    int fd[2];
    if (socketpair(AF_UNIX, type, 0, fd) < 0) { perror("socketpair()"); return 1; }
    fflush(stdout); /* nothing buffered may be duplicated into the child */
    pid_t pid = fork();
    if (pid < 0) { perror("fork()"); return 1; }
    if (pid == 0) { /* child: echo each counter back, incremented */
        close(fd[0]);
        for (long long r = 0; r < rounds; r++) {
            int32_t val;
            if (xfer(fd[1], &val, 0) < 0) _exit(1);
            val = wrap_increment(val);
            if (xfer(fd[1], &val, 1) < 0) _exit(1);
        }
        _exit(0);
    }
    close(fd[1]);
    int32_t val = (int32_t)start;
    int failed = 0;
    for (long long r = 0; r < rounds && !failed; r++) {
        val = wrap_increment(val);
        printf("发送数据: %d\n", (int)val);
        if (xfer(fd[0], &val, 1) < 0 || xfer(fd[0], &val, 0) < 0) { failed = 1; break; }
        printf("接收数据: %d\n", (int)val);
    }
    close(fd[0]); /* a failed parent unblocks a stream child with EOF */
    int status;
    if (waitpid(pid, &status, 0) < 0) { perror("waitpid()"); return 1; }
    if (!failed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        fprintf(stderr, "socketpair1: child failed\n");
        failed = 1;
    }
    fflush(stdout);
    return failed;
}
