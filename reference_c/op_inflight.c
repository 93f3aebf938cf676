/* inflight (protocol version 2): the in-flight descriptor limit (catalog H30).  A
 * forked child lowers RLIMIT_NOFILE to nofile=, gives up root if it has it (the
 * limit does not bind CAP_SYS_RESOURCE; for a uid of its own, 200000 + the driver's
 * pid, so that no other process shares the count), and sends n= messages from end=, each
 * carrying one descriptor of obj=, with nobody reading; it reports how many went
 * before the first error.  Then the peer's queue is drained and what it carried
 * closed: the count is per user, shared by every process of that user, and
 * another executor's step must not meet these descriptors. */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "driver.h"

static void drain(int fd)
{
    static unsigned char data[65536];
    union { struct cmsghdr align; unsigned char b[4096]; } c;
    for (;;) {
        struct iovec iov = { data, sizeof data };
        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.b, .msg_controllen = sizeof c.b };
        if (fd < 0 || recvmsg(fd, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) <= 0) return;
        for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm))
            if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
                for (size_t i = 0; i < (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
                    int received;
                    memcpy(&received, CMSG_DATA(cm) + i * sizeof received, sizeof received);
                    close(received);
                }
    }
}

void verb_inflight(const struct request *r, struct reply *rp)
{
    int which;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *n = req_get(r, "n"), *nofile = req_get(r, "nofile"), *obj = req_get(r, "obj");
    int count = n ? atoi(n) : 18, limit = nofile ? atoi(nofile) : 16, passed = obj ? named_fd(obj) : -2;
    if (count < 1 || count > 1000 || limit < 8 || passed < 0) { set_bad(rp, "inflight needs n=1..1000, nofile>=8, obj=NAME"); return; }
    int report[2];
    if (pipe(report) != 0) { set_errno(rp, errno); return; }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(report[0]);
        struct rlimit low = { (rlim_t)limit, (rlim_t)limit };
        int result[2] = { 0, 0 };
        /* a uid of this driver's own: the in-flight count is per user, and another
         * process of the same user (a parallel test worker) must not share it */
        uid_t own = (uid_t)(200000 + S.pid);
        if (setrlimit(RLIMIT_NOFILE, &low) != 0 || (getuid() == 0 && (setgroups(0, NULL) != 0 || setgid(own) != 0 || setuid(own) != 0)))
            result[1] = errno ? errno : EPERM;
        for (int i = 0; i < count && !result[1]; i++) {
            if (send_with_fds(fd, "i", 1, &passed, 1, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) result[1] = errno;
            else result[0]++;
        }
        if (write(report[1], result, sizeof result) != (ssize_t)sizeof result) _exit(1);
        _exit(0);
    }
    close(report[1]);
    int result[2] = { -1, 0 };
    ssize_t got = read(report[0], result, sizeof result);
    close(report[0]);
    waitpid(pid, NULL, 0);
    drain(S.end[1 - which]);
    if (got != (ssize_t)sizeof result) { set_bad(rp, "the inflight child gave no result"); return; }
    char scratch[32];
    buf_printf(&rp->fields, " sent=%d errno=%s", result[0], result[1] ? errno_name(result[1], scratch, sizeof scratch) : "0");
}
