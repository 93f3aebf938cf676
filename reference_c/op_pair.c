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
    if (socketpair(family, type | flags, proto, sv) != 0) { set_errno(rp, errno); return; }
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
