/*
 * faultshim.so: plants bugs in any program that links libc dynamically,
 * chosen by the environment variable SPC_FAULT (one name, or several
 * separated by commas).  Run as
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
 * and one per read and write view of the queue (each touches sockets only):
 *
 *   read_merges_datagrams    read() on a message socket fills the buffer from several messages
 *   readv_first_iov_only     readv() fills the first iovec only
 *   recvfrom_fills_unnamed   recvfrom() reports an unnamed sender (addrlen 2) instead of none (0)
 *   recvmmsg_one_at_a_time   recvmmsg() returns at most one message
 *   splice_read_dgram_einval splice() from a message socket fails with EINVAL
 *   write_splits_datagrams   write() of more than 4096 bytes to a message socket sends two messages
 *   writev_first_iov_only    writev() sends the first iovec only
 *   sendto_ignores_address   sendto() with an address sends to the peer, as send() does
 *   sendmmsg_first_only      sendmmsg() sends the first message only
 *   splice_write_small_chunks splice() into a socket sends what it moves in chunks of 2 bytes
 *
 * and one per area of protocol version 2:
 *
 *   inq_zero_for_messages    ioctl(SIOCINQ) answers 0 on a datagram or seqpacket socket
 *   sigpipe_for_all          a send failing EPIPE raises SIGPIPE on every socket type
 *   listen_succeeds          listen() returns 0 and does nothing
 *   rcvtimeo_ignored         setsockopt(SO_RCVTIMEO) returns 0 and does nothing
 *   oob_dropped              sendmsg() sends MSG_OOB data as ordinary data
 *   partial_rights_einval    sendmsg() refuses an SCM_RIGHTS payload that is not whole ints
 *   recvmsg_keeps_msg_flags  a successful recvmsg() keeps the caller's msg_flags bits
 *   getsockname_len_zero     getsockname() of an unnamed socket returns length 0
 *   pread_on_socket          pread() on a socket reads as read() does
 *   peek_off_ignored         setsockopt(SO_PEEK_OFF) returns 0 and does nothing
 *   recv_never_waits         recv() on a socket returns EAGAIN at once where it would wait
 *   recvmsg_moves_fds_high   recvmsg() moves every received descriptor to 200 or above
 *   epoll_ignores_et         epoll_ctl() drops EPOLLET: edges become levels
 *   peercred_is_reader       getsockopt(SO_PEERCRED) names the caller, not the pair's creator
 *
 * Unknown or absent SPC_FAULT: every call passes through unchanged.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT */
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* SPC_FAULT is one fault or several, comma-separated (tests/quality: multi-fault gallery) */
static int fault_is(const char *name)
{
    size_t len = strlen(name);
    const char *at = getenv("SPC_FAULT");
    while (at != NULL) {
        if (strncmp(at, name, len) == 0 && (at[len] == ',' || at[len] == '\0'))
            return 1;
        at = strchr(at, ',');
        if (at != NULL)
            at++;
    }
    return 0;
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
typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*readv_fn)(int, const struct iovec *, int);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);
typedef ssize_t (*recvfrom_fn)(int, void *, size_t, int, struct sockaddr *, socklen_t *);
typedef ssize_t (*sendto_fn)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
typedef int (*recvmmsg_fn)(int, struct mmsghdr *, unsigned, int, struct timespec *);
typedef int (*sendmmsg_fn)(int, struct mmsghdr *, unsigned, int);
typedef ssize_t (*splice_fn)(int, loff_t *, int, loff_t *, size_t, unsigned);

/* The view faults break sockets only: the driver's own pipes and files must work. */
static int socket_type(int fd)
{
    struct stat st;
    int type = 0;
    socklen_t len = sizeof type;
    if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return 0;
    return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 ? type : 0;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    REAL(recvmsg_fn, "recvmsg", real);
    int given = msg ? msg->msg_flags : 0;
    ssize_t n = real(fd, msg, flags);
    if (n < 0)
        return n;
    if (fault_is("recvmsg_keeps_msg_flags"))
        msg->msg_flags |= given;
    if (fault_is("recvmsg_moves_fds_high"))
        for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
                for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
                    int fd;
                    memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                    int moved = fcntl(fd, (fcntl(fd, F_GETFD) & FD_CLOEXEC) ? F_DUPFD_CLOEXEC : F_DUPFD, 200);
                    close(fd);
                    memcpy(CMSG_DATA(c) + i * sizeof(int), &moved, sizeof moved);
                }
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

/* sigpipe_for_all: the signal Linux raises for a stream only */
static ssize_t maybe_sigpipe(int fd, ssize_t n, int flags)
{
    if (n < 0 && errno == EPIPE && !(flags & MSG_NOSIGNAL) && fault_is("sigpipe_for_all") && socket_type(fd) != SOCK_STREAM) {
        int saved = errno;
        raise(SIGPIPE);
        errno = saved;
    }
    return n;
}

static int partial_rights(const struct msghdr *msg)
{
    for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR((struct msghdr *)msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && (c->cmsg_len - CMSG_LEN(0)) % sizeof(int))
            return 1;
    return 0;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    REAL(sendmsg_fn, "sendmsg", real);
    if (fault_is("sendmsg_drops_control") && msg != NULL) {
        struct msghdr copy = *msg;
        copy.msg_control = NULL;
        copy.msg_controllen = 0;
        return maybe_sigpipe(fd, real(fd, &copy, flags), flags);
    }
    if (fault_is("oob_dropped"))
        flags &= ~MSG_OOB;
    if (fault_is("partial_rights_einval") && msg != NULL && msg->msg_controllen >= sizeof(struct cmsghdr) && partial_rights(msg)) {
        errno = EINVAL;
        return -1;
    }
    return maybe_sigpipe(fd, real(fd, msg, flags), flags);
}

int ioctl(int fd, unsigned long int request, ...)
{
    typedef int (*ioctl_fn)(int, unsigned long, void *);
    REAL(ioctl_fn, "ioctl", real);
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    int rc = real(fd, request, arg);
    if (rc == 0 && request == FIONREAD /* == SIOCINQ */ && fault_is("inq_zero_for_messages") && socket_type(fd) != SOCK_STREAM && arg)
        *(int *)arg = 0;
    return rc;
}

int listen(int fd, int backlog)
{
    typedef int (*listen_fn)(int, int);
    REAL(listen_fn, "listen", real);
    return fault_is("listen_succeeds") ? 0 : real(fd, backlog);
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
    typedef int (*setsockopt_fn)(int, int, int, const void *, socklen_t);
    REAL(setsockopt_fn, "setsockopt", real);
    if (level == SOL_SOCKET && ((name == SO_RCVTIMEO && fault_is("rcvtimeo_ignored")) || (name == SO_PEEK_OFF && fault_is("peek_off_ignored"))))
        return 0;
    return real(fd, level, name, value, len);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
    typedef int (*getsockname_fn)(int, struct sockaddr *, socklen_t *);
    REAL(getsockname_fn, "getsockname", real);
    int rc = real(fd, addr, len);
    if (rc == 0 && fault_is("getsockname_len_zero") && *len == sizeof(sa_family_t))
        *len = 0;
    return rc;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
    typedef ssize_t (*recv_fn)(int, void *, size_t, int);
    REAL(recv_fn, "recv", real);
    if (fault_is("recv_never_waits") && socket_type(fd))
        flags |= MSG_DONTWAIT;
    return real(fd, buf, len, flags);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
    typedef int (*epoll_ctl_fn)(int, int, int, struct epoll_event *);
    REAL(epoll_ctl_fn, "epoll_ctl", real);
    if (fault_is("epoll_ignores_et") && event)
        event->events &= ~(unsigned)EPOLLET;
    return real(epfd, op, fd, event);
}

ssize_t pread(int fd, void *buf, size_t len, off_t offset)
{
    typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
    REAL(pread_fn, "pread", real);
    if (fault_is("pread_on_socket") && socket_type(fd))
        return recv(fd, buf, len, MSG_DONTWAIT);
    return real(fd, buf, len, offset);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
    REAL(send_fn, "send", real);
    if (fault_is("send_short_writes") && len > 1)
        len -= 1;
    return maybe_sigpipe(fd, real(fd, buf, len, flags), flags);
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
    if (rc == 0 && fault_is("peercred_is_reader") && level == SOL_SOCKET && name == SO_PEERCRED && *len >= sizeof(int)) {
        int reader = getpid(); /* the caller's own pid, where Linux gives the pair's creator's */
        memcpy(value, &reader, sizeof reader);
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

ssize_t read(int fd, void *buf, size_t len)
{
    REAL(read_fn, "read", real);
    int type = fault_is("read_merges_datagrams") ? socket_type(fd) : 0;
    if (type != SOCK_DGRAM && type != SOCK_SEQPACKET)
        return real(fd, buf, len);
    ssize_t n = real(fd, buf, len);
    while (n >= 0 && (size_t)n < len) { /* like a byte stream: more messages, while any are queued */
        ssize_t more = recv(fd, (char *)buf + n, len - (size_t)n, MSG_DONTWAIT);
        if (more <= 0) break;
        n += more;
    }
    return n;
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
    REAL(readv_fn, "readv", real);
    if (fault_is("readv_first_iov_only") && iovcnt > 1 && socket_type(fd))
        iovcnt = 1;
    return real(fd, iov, iovcnt);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr, socklen_t *addrlen)
{
    REAL(recvfrom_fn, "recvfrom", real);
    ssize_t n = real(fd, buf, len, flags, addr, addrlen);
    if (n >= 0 && fault_is("recvfrom_fills_unnamed") && addr && addrlen && *addrlen == 0) {
        addr->sa_family = AF_UNIX; /* the sender as a bound-but-unnamed socket */
        *addrlen = sizeof(sa_family_t);
    }
    return n;
}

int recvmmsg(int fd, struct mmsghdr *msgs, unsigned vlen, int flags, struct timespec *timeout)
{
    REAL(recvmmsg_fn, "recvmmsg", real);
    if (fault_is("recvmmsg_one_at_a_time") && vlen > 1)
        vlen = 1;
    return real(fd, msgs, vlen, flags, timeout);
}

int sendmmsg(int fd, struct mmsghdr *msgs, unsigned vlen, int flags)
{
    REAL(sendmmsg_fn, "sendmmsg", real);
    if (fault_is("sendmmsg_first_only") && vlen > 1)
        vlen = 1;
    return real(fd, msgs, vlen, flags);
}

ssize_t write(int fd, const void *buf, size_t len)
{
    REAL(write_fn, "write", real);
    int type = fault_is("write_splits_datagrams") && len > 4096 ? socket_type(fd) : 0;
    if (type != SOCK_DGRAM && type != SOCK_SEQPACKET)
        return real(fd, buf, len);
    ssize_t first = real(fd, buf, 4096); /* a page, then the rest: two messages */
    if (first < 0) return first;
    ssize_t rest = real(fd, (const char *)buf + 4096, len - 4096);
    return rest < 0 ? first : first + rest;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
    REAL(writev_fn, "writev", real);
    if (fault_is("writev_first_iov_only") && iovcnt > 1 && socket_type(fd))
        iovcnt = 1;
    return real(fd, iov, iovcnt);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t addrlen)
{
    REAL(sendto_fn, "sendto", real);
    if (fault_is("sendto_ignores_address"))
        addr = NULL, addrlen = 0;
    return real(fd, buf, len, flags, addr, addrlen);
}

ssize_t splice(int in, loff_t *in_off, int out, loff_t *out_off, size_t len, unsigned flags)
{
    REAL(splice_fn, "splice", real);
    int from = fault_is("splice_read_dgram_einval") ? socket_type(in) : 0;
    if (from == SOCK_DGRAM || from == SOCK_SEQPACKET) {
        errno = EINVAL;
        return -1;
    }
    if (fault_is("splice_write_small_chunks") && socket_type(out) && !in_off && !out_off) {
        char chunk[2];
        ssize_t moved = 0;
        while ((size_t)moved < len) { /* through a small bounce buffer: each chunk its own send */
            ssize_t got = read(in, chunk, len - (size_t)moved < sizeof chunk ? len - (size_t)moved : sizeof chunk);
            if (got <= 0) break;
            ssize_t sent = send(out, chunk, (size_t)got, (flags & SPLICE_F_NONBLOCK) ? MSG_DONTWAIT : 0);
            if (sent < 0) return moved ? moved : -1;
            moved += sent;
        }
        return moved;
    }
    return real(in, in_off, out, out_off, len, flags);
}
