/*
 * faultshim.so: plants exactly one bug in any program that links libc
 * dynamically, chosen by the environment variable SPC_FAULT.  Run as
 *
 *   env LD_PRELOAD=reference_c/build/faultshim.so SPC_FAULT=NAME reference_c/build/driver
 *
 * it turns the reference driver into a faulty exec: implementation, which is
 * how tests/quality proves that the suite catches bugs in drivers, not only
 * in Python callables.  Each fault is what a real emulation gets wrong:
 *
 *   recvmsg_clears_trunc     recvmsg() never reports MSG_TRUNC
 *   sendmsg_drops_control    sendmsg() silently drops all ancillary data
 *   recvmsg_leaks_fds        recvmsg() keeps a duplicate of every received fd
 *   shutdown_ignored         shutdown() returns 0 and does nothing
 *   socketpair_drops_nonblock socketpair() ignores SOCK_NONBLOCK
 *   send_short_writes        send() of more than one byte writes one byte less
 *   type_always_stream       getsockopt(SO_TYPE) always says SOCK_STREAM
 *   poll_hides_hup           poll() never reports POLLHUP or POLLRDHUP
 *
 * Unknown or absent SPC_FAULT: every call passes through unchanged.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT */
#endif
#include <dlfcn.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fault_is(const char *name)
{
    const char *chosen = getenv("SPC_FAULT");
    return chosen != NULL && strcmp(chosen, name) == 0;
}

/* dlsym returns void *; converting through memcpy keeps -Wpedantic quiet */
#define REAL(type, name, var)                                   \
    type var;                                                   \
    do {                                                        \
        void *sym_ = dlsym(RTLD_NEXT, name);                    \
        memcpy(&var, &sym_, sizeof var);                        \
    } while (0)

typedef ssize_t (*recvmsg_fn)(int, struct msghdr *, int);
typedef ssize_t (*sendmsg_fn)(int, const struct msghdr *, int);
typedef ssize_t (*send_fn)(int, const void *, size_t, int);
typedef int (*shutdown_fn)(int, int);
typedef int (*socketpair_fn)(int, int, int, int[2]);
typedef int (*getsockopt_fn)(int, int, int, void *, socklen_t *);
typedef int (*poll_fn)(struct pollfd *, nfds_t, int);

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    REAL(recvmsg_fn, "recvmsg", real);
    ssize_t n = real(fd, msg, flags);
    if (n < 0)
        return n;
    if (fault_is("recvmsg_clears_trunc"))
        msg->msg_flags &= ~MSG_TRUNC;
    if (fault_is("recvmsg_leaks_fds")) {
        for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
                continue;
            size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t i = 0; i < count; i++) {
                int received;
                memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof received);
                (void)dup(received); /* the planted leak: never closed */
            }
        }
    }
    return n;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    REAL(sendmsg_fn, "sendmsg", real);
    if (fault_is("sendmsg_drops_control") && msg != NULL) {
        struct msghdr copy = *msg;
        copy.msg_control = NULL;
        copy.msg_controllen = 0;
        return real(fd, &copy, flags);
    }
    return real(fd, msg, flags);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
    REAL(send_fn, "send", real);
    if (fault_is("send_short_writes") && len > 1)
        len -= 1;
    return real(fd, buf, len, flags);
}

int shutdown(int fd, int how)
{
    REAL(shutdown_fn, "shutdown", real);
    if (fault_is("shutdown_ignored"))
        return 0;
    return real(fd, how);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
    REAL(socketpair_fn, "socketpair", real);
    if (fault_is("socketpair_drops_nonblock"))
        type &= ~SOCK_NONBLOCK;
    return real(domain, type, protocol, sv);
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *len)
{
    REAL(getsockopt_fn, "getsockopt", real);
    int rc = real(fd, level, name, value, len);
    if (rc == 0 && fault_is("type_always_stream") && level == SOL_SOCKET && name == SO_TYPE && *len >= sizeof(int)) {
        int stream = SOCK_STREAM;
        memcpy(value, &stream, sizeof stream);
    }
    return rc;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    REAL(poll_fn, "poll", real);
    int rc = real(fds, nfds, timeout);
    if (rc > 0 && fault_is("poll_hides_hup"))
        for (nfds_t i = 0; i < nfds; i++)
            fds[i].revents &= (short)~(POLLHUP | POLLRDHUP);
    return rc;
}
