/* recv: one receive through one of the views of the queue (via=): recvmsg(2)
 * into a scatter list with a control buffer and optionally a name buffer,
 * recv(2), recvfrom(2), read(2), readv(2), recvmmsg(2), or splice(2) into a
 * pipe.  Every view reports ret data msg_flags anc leaked; recvfrom and
 * recvmsg name=1 add addr; recvmmsg reports each message (docs/protocol.md). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "driver.h"

static const struct name RECV_FLAGS[] = { { "peek", MSG_PEEK }, { "trunc", MSG_TRUNC }, { "waitall", MSG_WAITALL }, { "dontwait", MSG_DONTWAIT }, { "cmsg_cloexec", MSG_CMSG_CLOEXEC }, { "oob", MSG_OOB }, { "waitforone", MSG_WAITFORONE }, { "ctrunc", MSG_CTRUNC }, { "eor", MSG_EOR }, { NULL, 0 } };
static const struct name MSG_FLAGS[] = { { "trunc", MSG_TRUNC }, { "ctrunc", MSG_CTRUNC }, { "eor", MSG_EOR }, { "oob", MSG_OOB }, { "errqueue", MSG_ERRQUEUE }, { "cmsg_cloexec", MSG_CMSG_CLOEXEC }, { NULL, 0 } };

enum view { V_RECVMSG, V_RECV, V_RECVFROM, V_READ, V_READV, V_RECVMMSG, V_SPLICE };
/* listed in start as views=recv.NAME (driver.c) */
const struct name RECV_VIEWS[] = { { "recvmsg", V_RECVMSG }, { "recv", V_RECV }, { "recvfrom", V_RECVFROM }, { "read", V_READ }, { "readv", V_READV }, { "recvmmsg", V_RECVMMSG }, { "splice", V_SPLICE }, { NULL, 0 } };

#define MAX_VLEN 1100

#define MAX_FREE 512

/* The lowest free descriptor numbers, in order (up to max) */
static int lowest_free(int *out, int max)
{
    int n = 0;
    for (int fd = 0; n < max && fd < 1 << 16; fd++)
        if (fcntl(fd, F_GETFD) < 0) out[n++] = fd;
    return n;
}

/* Did the received descriptors take the lowest free numbers, in order?  -1: none came */
static int took_lowest(struct msghdr *msg, const int *freefds, int nfree)
{
    int k = 0, same = 1;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(msg); cm; cm = CMSG_NXTHDR(msg, cm)) {
        if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS) continue;
        for (size_t i = 0; i < (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++, k++) {
            int fd;
            memcpy(&fd, CMSG_DATA(cm) + i * sizeof fd, sizeof fd);
            if (k >= nfree || fd != freefds[k]) same = 0;
        }
    }
    return k ? same : -1;
}

static void describe_cmsgs(struct msghdr *msg, struct buf *out)
{
    const char *sep = "";
    buf_printf(out, " anc=");
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(msg); cm; cm = CMSG_NXTHDR(msg, cm)) {
        size_t plen = cm->cmsg_len >= CMSG_LEN(0) ? cm->cmsg_len - CMSG_LEN(0) : 0;
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            buf_printf(out, "%srights:", sep);
            for (size_t i = 0; i < plen / sizeof(int); i++) {
                int fd;
                memcpy(&fd, CMSG_DATA(cm) + i * sizeof fd, sizeof fd);
                if (i) buf_printf(out, ",");
                describe_fd(fd, out);
                close(fd);
            }
        } else if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_CREDENTIALS) {
            struct ucred uc;
            if (plen < sizeof uc) {
                buf_printf(out, "%screds:partial", sep);
            } else {
                memcpy(&uc, CMSG_DATA(cm), sizeof uc);
                if (uc.pid == S.pid && uc.uid == getuid() && uc.gid == getgid()) buf_printf(out, "%screds:self", sep);
                else if (uc.pid == S.ppid && uc.uid == getuid() && uc.gid == getgid()) buf_printf(out, "%screds:parent", sep);
                else buf_printf(out, "%screds:%d.%u.%u", sep, (int)uc.pid, (unsigned)uc.uid, (unsigned)uc.gid);
            }
        } else if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == 0x04 /* SCM_PIDFD */ && plen >= sizeof(int)) {
            int fd;
            memcpy(&fd, CMSG_DATA(cm), sizeof fd);
            buf_printf(out, "%s", sep);
            describe_pidfd(fd, out);
            close(fd);
        } else {
            buf_printf(out, "%sother:%d:%d:%zu", sep, cm->cmsg_level, cm->cmsg_type, plen);
        }
        sep = ";";
    }
}

void verb_recv(const struct request *r, struct reply *rp); /* a child runs it too */

/* recv in=child: a forked child performs the receive (the article's setting:
 * fds arrive in another process) and hands its observation back on a pipe. */
static void recv_in_child(const struct request *r, struct reply *rp)
{
    struct request copy = *r;
    copy.nkv = 0;
    for (int i = 0; i < r->nkv; i++)
        if (strcmp(r->kv[i].key, "in") != 0) copy.kv[copy.nkv++] = r->kv[i];
    int p[2];
    if (pipe(p) != 0) { set_errno(rp, errno); return; }
    fflush(stdout); /* nothing buffered may be duplicated into the child */
    pid_t pid = fork();
    if (pid < 0) { set_errno(rp, errno); close(p[0]); close(p[1]); return; }
    if (pid == 0) {
        close(p[0]);
        struct reply crp = { 0 };
        crp.st = ST_OK;
        buf_printf(&crp.fields, "%s", "");
        verb_recv(&copy, &crp);
        struct buf out = { 0 };
        if (crp.st == ST_OK) buf_printf(&out, "ok%s", crp.fields.p);
        else if (crp.st == ST_ERR) buf_printf(&out, "err %d", crp.err);
        else if (crp.st == ST_BLOCKED) buf_printf(&out, "blocked");
        else buf_printf(&out, "bad %s", crp.why);
        for (size_t off = 0; off < out.len;) {
            ssize_t n = write(p[1], out.p + off, out.len - off);
            if (n <= 0) break;
            off += (size_t)n;
        }
        _exit(0);
    }
    close(p[1]);
    struct buf got = { 0 };
    char chunk[65536];
    for (;;) {
        struct pollfd pfd = { p[0], POLLIN, 0 };
        if (poll(&pfd, 1, 5000) <= 0) { kill(pid, SIGKILL); break; }
        ssize_t n = read(p[0], chunk, sizeof chunk);
        if (n <= 0) break;
        buf_printf(&got, "%.*s", (int)n, chunk);
    }
    close(p[0]);
    waitpid(pid, NULL, 0);
    if (!got.p) { set_bad(rp, "child receiver gave no observation"); return; }
    if (strncmp(got.p, "ok", 2) == 0) buf_printf(&rp->fields, "%s", got.p + 2);
    else if (strncmp(got.p, "err ", 4) == 0) set_errno(rp, atoi(got.p + 4));
    else if (strcmp(got.p, "blocked") == 0) rp->st = ST_BLOCKED;
    else set_bad(rp, "child receiver: %s", got.p);
    free(got.p);
}

struct recv_step {
    int fd, flags, niov, name;
    enum view view;
    size_t size, ctllen;
    long vlen;
    const char *timeout;
};

/* One call of the step's view; returns what the call returned, errno in *err. */
static ssize_t call_view(const struct recv_step *a, struct iovec *iov, struct msghdr *msg, struct mmsghdr *mm,
                         struct sockaddr_un *addr, socklen_t *addrlen, unsigned char *data)
{
    switch (a->view) {
    case V_RECV: return recv(a->fd, data, a->size, a->flags);
    case V_READ: return read(a->fd, data, a->size);
    case V_READV: return readv(a->fd, iov, a->niov);
    case V_RECVFROM: return recvfrom(a->fd, data, a->size, a->flags, (struct sockaddr *)addr, addrlen);
    case V_RECVMMSG: {
        struct timespec ts;
        long long ms = a->timeout ? atoll(a->timeout) : 0;
        ts.tv_sec = (time_t)(ms / 1000);
        ts.tv_nsec = (long)(ms % 1000) * 1000000L; /* a negative ms makes a negative timespec: EINVAL */
        return recvmmsg(a->fd, mm, (unsigned)a->vlen, a->flags, a->timeout ? &ts : NULL);
    }
    case V_SPLICE: {
        int p[2];
        if (pipe(p) != 0) return -1;
        ssize_t n = splice(a->fd, NULL, p[1], NULL, a->size, (a->flags & MSG_DONTWAIT) ? SPLICE_F_NONBLOCK : 0);
        int err = errno;
        for (ssize_t got = 0; n > 0 && got < n;) { /* what moved into the pipe is what was received */
            ssize_t k = read(p[0], data + got, (size_t)(n - got));
            if (k <= 0) break;
            got += k;
        }
        close(p[0]);
        close(p[1]);
        errno = err;
        return n;
    }
    case V_RECVMSG: default:
        return recvmsg(a->fd, msg, a->flags);
    }
}

void verb_recv(const struct request *r, struct reply *rp)
{
    static unsigned char data[MAX_PAYLOAD];
    static union { struct cmsghdr align; unsigned char b[65536]; } ctl;
    static struct iovec iov[MAX_IOV];
    static struct mmsghdr mm[MAX_VLEN];
    struct recv_step a = { 0 };
    int which, view = V_RECVMSG;
    long long size = 0, ctllen = 0, vlen = 1;
    a.fd = end_fd(r, rp, &which);
    if (a.fd == -2) return;
    const char *in = req_get(r, "in");
    if (in && strcmp(in, "child") == 0) { recv_in_child(r, rp); return; }
    const char *s = req_get(r, "size"), *c = req_get(r, "ctrl"), *via = req_get(r, "via"), *iv = req_get(r, "iov");
    const char *vl = req_get(r, "vlen"), *nm = req_get(r, "name");
    if (s) size = atoll(s);
    if (c) ctllen = control_bytes(c);
    if (vl) vlen = atoll(vl);
    a.timeout = req_get(r, "timeout");
    a.name = nm && strcmp(nm, "1") == 0;
    if (lookup_set(RECV_FLAGS, req_get(r, "flags"), &a.flags) || (via && lookup_name(RECV_VIEWS, via, &view))
        || size < 0 || size > MAX_PAYLOAD || ctllen < 0 || ctllen > (long long)sizeof ctl.b
        || vlen < 1 || vlen > MAX_VLEN || size * vlen > MAX_PAYLOAD) {
        set_bad(rp, "bad recv arguments");
        return;
    }
    a.view = (enum view)view;
    a.size = (size_t)size;
    a.ctllen = (size_t)ctllen;
    /* the buffers are static (too large for the stack): clear what this call may use, so
       nothing an earlier request left there can show in this reply (reset leaves no state) */
    memset(data, 0, (size_t)(size * vlen));
    memset(ctl.b, 0, a.ctllen);
    a.vlen = (long)vlen;
    if ((a.view == V_READ || a.view == V_READV) && a.flags) { set_bad(rp, "read and readv take no flags"); return; }
    if (a.view == V_SPLICE && (a.flags & ~MSG_DONTWAIT || a.size > 65536)) {
        set_bad(rp, "splice takes flags=dontwait at most and size up to 65536 (a pipe's capacity)");
        return;
    }
    a.niov = 1;
    iov[0].iov_base = data;
    iov[0].iov_len = a.size;
    if (iv) { /* explicit scatter list: sizes summing to at most size */
        char *copy = strdup(iv), *parts[MAX_IOV];
        a.niov = split(copy, ',', parts, MAX_IOV);
        size_t off = 0;
        for (int i = 0; i < a.niov; i++) {
            size_t len = (size_t)atoll(parts[i]);
            if (off + len > a.size) { a.niov = -1; break; }
            iov[i].iov_base = data + off;
            iov[i].iov_len = len;
            off += len;
        }
        free(copy);
        if (a.niov < 0) { set_bad(rp, "iov sizes exceed size, or more than %d", MAX_IOV); return; }
    }
    for (long i = 0; a.view == V_RECVMMSG && i < a.vlen; i++) { /* one buffer of size bytes per message */
        static struct iovec one[MAX_VLEN];
        one[i].iov_base = data + (size_t)i * a.size;
        one[i].iov_len = a.size;
        memset(&mm[i], 0, sizeof mm[i]);
        mm[i].msg_hdr.msg_iov = &one[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    struct sockaddr_un addr;
    socklen_t addrlen = 0;
    int before = count_open_fds(), lowest = -1;
    struct msghdr msg = { 0 };
    ssize_t n;
    int err, fired;
    /* nothing of an earlier step may be read back: a fresh control buffer (no leftovers) */
    memset(ctl.b, 0, a.ctllen);
    /* protocol version 2 (capability fd_numbers): fdnums=1 reports whether received
     * descriptors took the lowest free numbers (H4); nofile=N receives with
     * RLIMIT_NOFILE lowered so that only N more fit (H16) */
    const char *fdnums = req_get(r, "fdnums"), *nofile = req_get(r, "nofile");
    int freefds[MAX_FREE], nfree = lowest_free(freefds, MAX_FREE);
    struct rlimit saved_limit;
    getrlimit(RLIMIT_NOFILE, &saved_limit);
    if (nofile) {
        int room = atoi(nofile);
        struct rlimit low = saved_limit;
        low.rlim_cur = (rlim_t)(room > 0 && room <= nfree ? freefds[room - 1] + 1 : freefds[0]);
        setrlimit(RLIMIT_NOFILE, &low);
    }
    for (int attempt = 0;; attempt++) {
        memset(&addr, 0, sizeof addr);
        addrlen = sizeof addr;
        msg.msg_iov = iov;
        msg.msg_iovlen = (size_t)a.niov;
        msg.msg_control = a.ctllen ? ctl.b : NULL;
        msg.msg_controllen = a.ctllen;
        msg.msg_name = a.name ? &addr : NULL;
        msg.msg_namelen = a.name ? addrlen : 0;
        msg.msg_flags = 0;
        arm();
        n = call_view(&a, iov, &msg, mm, &addr, &addrlen, data);
        err = errno;
        fired = disarm_fired();
        if (nofile) setrlimit(RLIMIT_NOFILE, &saved_limit);
        /* as in send: readable now means we were descheduled, not blocked */
        if (attempt == 0 && fired && n < 0 && err == EINTR && ready_now(a.fd, POLLIN)) continue;
        break;
    }
    /* a MSG_WAITALL receive, or a recvmmsg waiting for more messages, interrupted
     * by the step bound returns what it has instead of EINTR: that call was
     * blocked too (found by the thorough profile) */
    int short_waitall = (a.flags & MSG_WAITALL) && n >= 0 && (size_t)n < a.size && a.view != V_RECVMMSG;
    int short_mmsg = a.view == V_RECVMMSG && n >= 0 && n < a.vlen;
    if (fired && ((n < 0 && err == EINTR) || short_waitall || short_mmsg)) { rp->st = ST_BLOCKED; return; }
    if (n < 0) { set_errno(rp, err); return; }
    if (a.view == V_RECVMMSG) {
        buf_printf(&rp->fields, " ret=%zd lens=", n);
        for (ssize_t i = 0; i < n; i++) buf_printf(&rp->fields, "%s%u", i ? "," : "", mm[i].msg_len);
        buf_printf(&rp->fields, " data=");
        for (ssize_t i = 0; i < n; i++) {
            if (i) buf_printf(&rp->fields, ",");
            buf_hex(&rp->fields, data + (size_t)i * a.size, mm[i].msg_len < a.size ? mm[i].msg_len : a.size);
        }
        buf_printf(&rp->fields, " msg_flags=");
        for (ssize_t i = 0; i < n; i++) {
            struct buf one = { 0 };
            print_set(&one, "x", MSG_FLAGS, mm[i].msg_hdr.msg_flags);
            buf_printf(&rp->fields, "%s%s", i ? "/" : "", one.p + 3); /* " x=" */
            free(one.p);
        }
        buf_printf(&rp->fields, " anc=");
    } else {
        size_t copied = (size_t)n < a.size ? (size_t)n : a.size;
        buf_printf(&rp->fields, " ret=%zd data=", n);
        buf_hex(&rp->fields, data, copied);
        print_set(&rp->fields, "msg_flags", MSG_FLAGS, a.view == V_RECVMSG ? msg.msg_flags : 0);
        if (fdnums && a.view == V_RECVMSG) lowest = took_lowest(&msg, freefds, nfree);
        if (a.view == V_RECVMSG) describe_cmsgs(&msg, &rp->fields);
        else buf_printf(&rp->fields, " anc=");
    }
    buf_printf(&rp->fields, " leaked=%d", count_open_fds() - before);
    if (fdnums) buf_printf(&rp->fields, " lowest=%s", lowest < 0 ? "-" : lowest ? "1" : "0");
    if (a.view == V_RECVFROM) print_unix_addr(&rp->fields, &addr, addrlen);
    if (a.view == V_RECVMSG && a.name) print_unix_addr(&rp->fields, &addr, msg.msg_namelen);
}
