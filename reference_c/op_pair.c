/* The pair itself: reset, pair, close, fdflags (docs/protocol.md). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "driver.h"

const struct name FAMILIES[] = { { "unix", AF_UNIX }, { "inet", AF_INET }, { "inet6", AF_INET6 }, { "unspec", AF_UNSPEC }, { NULL, 0 } };
const struct name TYPES[] = { { "stream", SOCK_STREAM }, { "dgram", SOCK_DGRAM }, { "seqpacket", SOCK_SEQPACKET }, { "raw", SOCK_RAW }, { "rdm", SOCK_RDM }, { NULL, 0 } };
static const struct name TYPE_FLAGS[] = { { "nonblock", SOCK_NONBLOCK }, { "cloexec", SOCK_CLOEXEC }, { "bogus", 0x40000000 }, { NULL, 0 } };

void verb_reset(const struct request *r, struct reply *rp)
{
    (void)r; (void)rp;
    for (int i = 0; i < 2; i++) {
        if (S.end[i] >= 0) close(S.end[i]);
        S.end[i] = -1;
    }
    close_objects();
    reset_signal_counts();
    close_epoll();
}

/* A forked child makes the pair, hands both ends over (SCM_RIGHTS on a socketpair
 * of our own), exits and is reaped: the pair's peer credentials are then those of
 * a process that no longer exists (J2). */
static int pair_in_child(int family, int type, int proto, int sv[2], struct reply *rp)
{
    int link[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, link) != 0) { set_errno(rp, errno); return -1; }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int made[2], err = 0;
        if (socketpair(family, type, proto, made) != 0) err = errno;
        _exit(send_with_fds(link[1], &err, sizeof err, made, err ? 0 : 2, 0) < 0);
    }
    close(link[1]);
    int err = EIO;
    union { struct cmsghdr align; unsigned char b[CMSG_SPACE(2 * sizeof(int))]; } c;
    struct iovec iov = { &err, sizeof err };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.b, .msg_controllen = sizeof c.b };
    ssize_t got = recvmsg(link[0], &m, MSG_CMSG_CLOEXEC);
    close(link[0]);
    waitpid(pid, NULL, 0);
    struct cmsghdr *cm = got > 0 ? CMSG_FIRSTHDR(&m) : NULL;
    if (err || !cm || cm->cmsg_len != CMSG_LEN(2 * sizeof(int))) { set_errno(rp, err ? err : EIO); return -1; }
    memcpy(sv, CMSG_DATA(cm), 2 * sizeof(int));
    if (!(type & SOCK_CLOEXEC)) { fcntl(sv[0], F_SETFD, 0); fcntl(sv[1], F_SETFD, 0); }
    S.creator = pid;
    return 0;
}

void verb_pair(const struct request *r, struct reply *rp)
{
    int family = AF_UNIX, type = SOCK_STREAM, flags = 0, proto = 0, sv[2];
    const char *f = req_get(r, "family"), *t = req_get(r, "type"), *p = req_get(r, "proto");
    if ((f && lookup(FAMILIES, f, &family)) || (t && lookup(TYPES, t, &type))
        || lookup_set(TYPE_FLAGS, req_get(r, "flags"), &flags) || (p && lookup(NO_NAMES, p, &proto))) {
        set_bad(rp, "bad pair arguments");
        return;
    }
    if (S.end[0] >= 0 || S.end[1] >= 0) { set_bad(rp, "a pair exists; reset first"); return; }
    const char *by = req_get(r, "by");
    S.creator = 0;
    if (by && strcmp(by, "child") == 0) { /* protocol version 2 (pair_by_child): catalog J2 */
        if (pair_in_child(family, type | flags, proto, sv, rp) != 0) return;
    } else if (socketpair(family, type | flags, proto, sv) != 0) { set_errno(rp, errno); return; }
    S.end[0] = sv[0];
    S.end[1] = sv[1];
    S.type = type;
    S.nonblock = (flags & SOCK_NONBLOCK) != 0;
}

void verb_close(const struct request *r, struct reply *rp)
{
    int which;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    S.end[which] = -1;
    if (close(fd) != 0) set_errno(rp, errno);
}

void verb_fdflags(const struct request *r, struct reply *rp)
{
    int which;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    int fl = fcntl(fd, F_GETFL), fdfl = fcntl(fd, F_GETFD);
    buf_printf(&rp->fields, " nonblock=%d cloexec=%d", (fl & O_NONBLOCK) != 0, (fdfl & FD_CLOEXEC) != 0);
}
