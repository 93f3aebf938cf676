/* The socket operations of docs/protocol.md, each executed on the kernel and
 * reported as an observation. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "driver.h"

struct name { const char *name; int value; };
static const struct name FAMILIES[] = { { "unix", AF_UNIX }, { "inet", AF_INET }, { "inet6", AF_INET6 }, { "unspec", AF_UNSPEC }, { NULL, 0 } };
static const struct name TYPES[] = { { "stream", SOCK_STREAM }, { "dgram", SOCK_DGRAM }, { "seqpacket", SOCK_SEQPACKET }, { "raw", SOCK_RAW }, { "rdm", SOCK_RDM }, { NULL, 0 } };
static const struct name TYPE_FLAGS[] = { { "nonblock", SOCK_NONBLOCK }, { "cloexec", SOCK_CLOEXEC }, { "bogus", 0x40000000 }, { NULL, 0 } };
static const struct name SEND_FLAGS[] = { { "dontwait", MSG_DONTWAIT }, { "nosignal", MSG_NOSIGNAL }, { "eor", MSG_EOR }, { "oob", MSG_OOB }, { NULL, 0 } };
static const struct name RECV_FLAGS[] = { { "peek", MSG_PEEK }, { "trunc", MSG_TRUNC }, { "waitall", MSG_WAITALL }, { "dontwait", MSG_DONTWAIT }, { "cmsg_cloexec", MSG_CMSG_CLOEXEC }, { "oob", MSG_OOB }, { NULL, 0 } };
static const struct name MSG_FLAGS[] = { { "trunc", MSG_TRUNC }, { "ctrunc", MSG_CTRUNC }, { "eor", MSG_EOR }, { "oob", MSG_OOB }, { "errqueue", MSG_ERRQUEUE }, { "cmsg_cloexec", MSG_CMSG_CLOEXEC }, { NULL, 0 } };
static const struct name HOWS[] = { { "rd", SHUT_RD }, { "wr", SHUT_WR }, { "rdwr", SHUT_RDWR }, { NULL, 0 } };
static const struct name POLL_BITS[] = { { "in", POLLIN }, { "pri", POLLPRI }, { "out", POLLOUT }, { "err", POLLERR }, { "hup", POLLHUP }, { "rdhup", POLLRDHUP }, { "nval", POLLNVAL }, { NULL, 0 } };
static const struct name OPTS[] = { { "type", SO_TYPE }, { "domain", SO_DOMAIN }, { "protocol", SO_PROTOCOL }, { "passcred", SO_PASSCRED }, { "peercred", SO_PEERCRED }, { "sndbuf", SO_SNDBUF }, { "rcvbuf", SO_RCVBUF }, { "error", SO_ERROR }, { "acceptconn", SO_ACCEPTCONN }, { "rcvlowat", SO_RCVLOWAT }, { "keepalive", SO_KEEPALIVE }, { "bogus", 9999 }, { NULL, 0 } };

static const struct name NO_NAMES[] = { { NULL, 0 } };

#define MAX_IOV 1100
#define MAX_PAYLOAD (4 << 20)

/* A single name, or a decimal number for values outside the table. */
static int lookup(const struct name *t, const char *s, int *out)
{
    for (; t->name; t++)
        if (strcmp(t->name, s) == 0) { *out = t->value; return 0; }
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0') return -1;
    *out = (int)v;
    return 0;
}

/* A comma-separated set of names, OR-ed together; "" is 0. */
static int lookup_set(const struct name *t, const char *s, int *out)
{
    char copy[256], *items[32];
    *out = 0;
    if (!s) return 0;
    snprintf(copy, sizeof copy, "%s", s);
    int n = split(copy, ',', items, 32);
    for (int i = 0; i < n; i++) {
        int v;
        if (lookup(t, items[i], &v) != 0) return -1;
        *out |= v;
    }
    return n < 0 ? -1 : 0;
}

static void print_set(struct buf *b, const char *key, const struct name *t, int value)
{
    buf_printf(b, " %s=", key);
    const char *sep = "";
    for (; t->name; t++)
        if (value & t->value) { buf_printf(b, "%s%s", sep, t->name); sep = ","; value &= ~t->value; }
    if (value) buf_printf(b, "%s%d", sep, value);
}

static const char *name_of(const struct name *t, int value, char *scratch, size_t n)
{
    for (; t->name; t++)
        if (t->value == value) return t->name;
    snprintf(scratch, n, "%d", value);
    return scratch;
}

/* The end= argument: 0 or 1; returns its fd (-1 if closed) or -2 if bad. */
static int end_fd(const struct request *r, struct reply *rp, int *which)
{
    const char *e = req_get(r, "end");
    if (!e || (strcmp(e, "0") != 0 && strcmp(e, "1") != 0)) { set_bad(rp, "end= must be 0 or 1"); return -2; }
    *which = e[0] - '0';
    if (S.end[*which] < 0) { set_errno(rp, EBADF); return -2; }
    return S.end[*which];
}

void verb_reset(const struct request *r, struct reply *rp)
{
    (void)r; (void)rp;
    for (int i = 0; i < 2; i++) {
        if (S.end[i] >= 0) close(S.end[i]);
        S.end[i] = -1;
    }
    close_objects();
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

/* anc= for send: items separated by ';': "rights:NAME,NAME", "creds",
 * "raw:LEVEL:TYPE:HEX".  Builds msg_control; returns -1 (bad) on error. */
static int build_control(char *spec, unsigned char *ctl, size_t cap, size_t *len, struct reply *rp)
{
    char *items[16];
    int n = split(spec, ';', items, 16);
    *len = 0;
    if (n < 0) { set_bad(rp, "too many anc items"); return -1; }
    for (int i = 0; i < n; i++) {
        unsigned char payload[1024];
        size_t plen = 0;
        int level = SOL_SOCKET, type;
        if (strncmp(items[i], "rights:", 7) == 0) {
            char *names[300];
            int k = split(items[i] + 7, ',', names, 300);
            if (k < 0) { set_bad(rp, "too many fds"); return -1; }
            type = SCM_RIGHTS;
            for (int j = 0; j < k; j++) {
                int fd = named_fd(names[j]);
                if (fd == -2) { set_bad(rp, "unknown fd name %s", names[j]); return -1; }
                memcpy(payload + plen, &fd, sizeof fd);
                plen += sizeof fd;
            }
        } else if (strcmp(items[i], "creds") == 0) {
            struct ucred uc = { getpid(), getuid(), getgid() };
            type = SCM_CREDENTIALS;
            memcpy(payload, &uc, sizeof uc);
            plen = sizeof uc;
        } else if (strncmp(items[i], "raw:", 4) == 0) {
            char *parts[3];
            if (split(items[i] + 4, ':', parts, 3) != 3) { set_bad(rp, "raw:LEVEL:TYPE:HEX"); return -1; }
            level = atoi(parts[0]);
            type = atoi(parts[1]);
            if (decode_hex_into(parts[2], payload, sizeof payload, &plen) != 0) { set_bad(rp, "bad raw hex"); return -1; }
        } else {
            set_bad(rp, "unknown anc item %s", items[i]);
            return -1;
        }
        if (*len + CMSG_SPACE(plen) > cap) { set_bad(rp, "control data too large"); return -1; }
        struct cmsghdr *cm = (struct cmsghdr *)(void *)(ctl + *len);
        cm->cmsg_len = CMSG_LEN(plen);
        cm->cmsg_level = level;
        cm->cmsg_type = type;
        memcpy(CMSG_DATA(cm), payload, plen);
        *len += CMSG_SPACE(plen);
    }
    return 0;
}

/* Would a call waiting for `events` on fd proceed right now? */
static int ready_now(int fd, short events)
{
    struct pollfd p = { fd, events, 0 };
    return poll(&p, 1, 0) == 1 && (p.revents & events);
}

void verb_send(const struct request *r, struct reply *rp)
{
    static unsigned char data[MAX_PAYLOAD];
    static union { struct cmsghdr align; unsigned char b[16384]; } ctl;
    static struct iovec iov[MAX_IOV];
    int which, flags;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *d = req_get(r, "data"), *a = req_get(r, "anc"), *via = req_get(r, "via");
    if (lookup_set(SEND_FLAGS, req_get(r, "flags"), &flags)) { set_bad(rp, "bad send flags"); return; }
    char *pieces[MAX_IOV], dcopy_small[1];
    char *dcopy = d ? strdup(d) : dcopy_small;
    if (!d) dcopy[0] = '\0';
    int niov = split(dcopy, ',', pieces, MAX_IOV);
    size_t used = 0;
    if (niov < 0) { set_bad(rp, "too many iov pieces"); goto out; }
    if (niov == 0 && d) pieces[niov++] = dcopy; /* data= with one empty piece */
    for (int i = 0; i < niov; i++) {
        size_t len;
        if (decode_hex_into(pieces[i], data + used, sizeof data - used, &len) != 0) { set_bad(rp, "bad hex in data="); goto out; }
        iov[i].iov_base = data + used;
        iov[i].iov_len = len;
        used += len;
    }
    size_t ctllen = 0;
    if (a) {
        char *acopy = strdup(a);
        int bad = build_control(acopy, ctl.b, sizeof ctl.b, &ctllen, rp);
        free(acopy);
        if (bad) goto out;
    }
    ssize_t n;
    int err, fired;
    for (int attempt = 0;; attempt++) {
        arm();
        if (via && strcmp(via, "send") == 0) {
            n = send(fd, niov ? iov[0].iov_base : data, niov ? iov[0].iov_len : 0, flags);
        } else {
            struct msghdr msg = { 0 };
            msg.msg_iov = iov;
            msg.msg_iovlen = (size_t)niov;
            msg.msg_control = ctllen ? ctl.b : NULL;
            msg.msg_controllen = ctllen;
            n = sendmsg(fd, &msg, flags);
        }
        err = errno;
        fired = disarm_fired();
        /* interrupted before sending anything, yet writable now: we were
         * descheduled, not blocked (a busy machine); the call had no effect, so
         * it is repeated once */
        if (attempt == 0 && fired && n < 0 && err == EINTR && ready_now(fd, POLLOUT)) continue;
        break;
    }
    if (fired && (n < 0 ? err == EINTR : (size_t)n < used)) rp->st = ST_BLOCKED;
    else if (n < 0) set_errno(rp, err);
    else buf_printf(&rp->fields, " ret=%zd", n);
out:
    if (d) free(dcopy);
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
                else buf_printf(out, "%screds:%d.%u.%u", sep, (int)uc.pid, (unsigned)uc.uid, (unsigned)uc.gid);
            }
        } else {
            buf_printf(out, "%sother:%d:%d:%zu", sep, cm->cmsg_level, cm->cmsg_type, plen);
        }
        sep = ";";
    }
}

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

void verb_recv(const struct request *r, struct reply *rp)
{
    static unsigned char data[MAX_PAYLOAD];
    static union { struct cmsghdr align; unsigned char b[65536]; } ctl;
    static struct iovec iov[MAX_IOV];
    int which, flags;
    long long size = 0, ctllen = 0;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *in = req_get(r, "in");
    if (in && strcmp(in, "child") == 0) { recv_in_child(r, rp); return; }
    const char *s = req_get(r, "size"), *c = req_get(r, "ctrl"), *via = req_get(r, "via"), *iv = req_get(r, "iov");
    if (s) size = atoll(s);
    if (c) ctllen = atoll(c);
    if (lookup_set(RECV_FLAGS, req_get(r, "flags"), &flags) || size < 0 || size > MAX_PAYLOAD
        || ctllen < 0 || ctllen > (long long)sizeof ctl.b) {
        set_bad(rp, "bad recv arguments");
        return;
    }
    int niov = 1;
    iov[0].iov_base = data;
    iov[0].iov_len = (size_t)size;
    if (iv) { /* explicit scatter list: sizes summing to at most size */
        char copy[8192], *parts[MAX_IOV];
        snprintf(copy, sizeof copy, "%s", iv);
        niov = split(copy, ',', parts, MAX_IOV);
        size_t off = 0;
        for (int i = 0; i < niov; i++) {
            size_t len = (size_t)atoll(parts[i]);
            if (off + len > (size_t)size) { set_bad(rp, "iov sizes exceed size"); return; }
            iov[i].iov_base = data + off;
            iov[i].iov_len = len;
            off += len;
        }
    }
    int before = count_open_fds();
    struct msghdr msg = { 0 };
    ssize_t n;
    int err, fired;
    for (int attempt = 0;; attempt++) {
        arm();
        if (via && strcmp(via, "recv") == 0) {
            n = recv(fd, data, (size_t)size, flags);
        } else {
            msg.msg_iov = iov;
            msg.msg_iovlen = (size_t)niov;
            msg.msg_control = ctllen ? ctl.b : NULL;
            msg.msg_controllen = (size_t)ctllen;
            n = recvmsg(fd, &msg, flags);
        }
        err = errno;
        fired = disarm_fired();
        /* as in send: readable now means we were descheduled, not blocked */
        if (attempt == 0 && fired && n < 0 && err == EINTR && ready_now(fd, POLLIN)) continue;
        break;
    }
    /* a MSG_WAITALL receive interrupted after some bytes returns them instead of
     * EINTR: that call was blocked too (found by the thorough profile) */
    int short_waitall = (flags & MSG_WAITALL) && n >= 0 && (size_t)n < (size_t)size;
    if (fired && ((n < 0 && err == EINTR) || short_waitall)) { rp->st = ST_BLOCKED; return; }
    if (n < 0) { set_errno(rp, err); return; }
    size_t copied = (size_t)n < (size_t)size ? (size_t)n : (size_t)size;
    buf_printf(&rp->fields, " ret=%zd data=", n);
    buf_hex(&rp->fields, data, copied);
    print_set(&rp->fields, "msg_flags", MSG_FLAGS, msg.msg_flags);
    describe_cmsgs(&msg, &rp->fields);
    buf_printf(&rp->fields, " leaked=%d", count_open_fds() - before);
}

void verb_shutdown(const struct request *r, struct reply *rp)
{
    int which, how;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *h = req_get(r, "how");
    if (!h || lookup(HOWS, h, &how)) { set_bad(rp, "how= must be rd, wr, rdwr or a number"); return; }
    if (shutdown(fd, how) != 0) set_errno(rp, errno);
}

void verb_close(const struct request *r, struct reply *rp)
{
    int which;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    S.end[which] = -1;
    if (close(fd) != 0) set_errno(rp, errno);
}

void verb_getsockopt(const struct request *r, struct reply *rp)
{
    int which, opt;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *o = req_get(r, "opt");
    if (!o || lookup(OPTS, o, &opt)) { set_bad(rp, "unknown opt"); return; }
    char scratch[32];
    if (opt == SO_PEERCRED) {
        struct ucred uc;
        socklen_t len = sizeof uc;
        if (getsockopt(fd, SOL_SOCKET, opt, &uc, &len) != 0) { set_errno(rp, errno); return; }
        if (uc.pid == S.pid && uc.uid == getuid() && uc.gid == getgid()) buf_printf(&rp->fields, " value=self");
        else buf_printf(&rp->fields, " value=%d.%u.%u", (int)uc.pid, (unsigned)uc.uid, (unsigned)uc.gid);
        return;
    }
    int v = 0;
    socklen_t len = sizeof v;
    if (getsockopt(fd, SOL_SOCKET, opt, &v, &len) != 0) { set_errno(rp, errno); return; }
    if (opt == SO_TYPE) buf_printf(&rp->fields, " value=%s", name_of(TYPES, v, scratch, sizeof scratch));
    else if (opt == SO_DOMAIN) buf_printf(&rp->fields, " value=%s", name_of(FAMILIES, v, scratch, sizeof scratch));
    else if (opt == SO_ERROR) buf_printf(&rp->fields, " value=%s", v ? errno_name(v, scratch, sizeof scratch) : "0");
    else buf_printf(&rp->fields, " value=%d", v);
}

void verb_setsockopt(const struct request *r, struct reply *rp)
{
    int which, opt;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *o = req_get(r, "opt"), *v = req_get(r, "value");
    if (!o || !v || lookup(OPTS, o, &opt)) { set_bad(rp, "setsockopt needs opt= and value="); return; }
    int value = atoi(v);
    if (setsockopt(fd, SOL_SOCKET, opt, &value, sizeof value) != 0) set_errno(rp, errno);
}

void verb_poll(const struct request *r, struct reply *rp)
{
    int which, events;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    if (lookup_set(POLL_BITS, req_get(r, "events"), &events)) { set_bad(rp, "bad events"); return; }
    struct pollfd p = { fd, (short)events, 0 };
    if (poll(&p, 1, 0) < 0) { set_errno(rp, errno); return; }
    print_set(&rp->fields, "revents", POLL_BITS, p.revents);
}

void verb_fdflags(const struct request *r, struct reply *rp)
{
    int which;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    int fl = fcntl(fd, F_GETFL), fdfl = fcntl(fd, F_GETFD);
    buf_printf(&rp->fields, " nonblock=%d cloexec=%d", (fl & O_NONBLOCK) != 0, (fdfl & FD_CLOEXEC) != 0);
}

/* ---- duplex: both ends send and receive at once, in four threads ---- */

static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/* Message k's byte j is PATTERN[(seed + 37k + j) % 251]: cheap to make and
 * to check on both sides, and never aligned with buffer sizes. */
static unsigned char pattern_byte(unsigned i) { return (unsigned char)((i * 7u + 3u) % 251u); }

struct flow {
    int fd, stream, nonblock, failed_errno;
    unsigned seed;
    long nmsgs, *sizes;       /* what the peer sends / what we send */
    size_t total, got;        /* bytes */
    long msgs_got;
    uint32_t crc, lens_crc;
    volatile int stop;
    struct flow *reader;      /* for a sender: who waits for its bytes */
};

static int wait_ready(struct flow *f, short ev)
{
    struct pollfd p = { f->fd, ev, 0 };
    return f->stop ? -1 : poll(&p, 1, 50);
}

static void *sender(void *arg)
{
    struct flow *f = arg;
    static __thread unsigned char buf[1 << 18];
    for (long k = 0; k < f->nmsgs && !f->stop; k++) {
        size_t len = (size_t)f->sizes[k], done = 0;
        if (len > sizeof buf) len = sizeof buf;
        for (size_t j = 0; j < len; j++) buf[j] = pattern_byte(f->seed + 37u * (unsigned)k + (unsigned)j);
        for (;;) { /* not do-while: `continue` must retry, not test the exit */
            ssize_t n = send(f->fd, buf + done, len - done, MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) { if (wait_ready(f, POLLOUT) < 0) return NULL; continue; }
            if (n < 0) { f->failed_errno = errno; f->reader->stop = 1; return NULL; }
            done += (size_t)n;
            if (!f->stream || done >= len) break;
        }
    }
    return NULL;
}

static void *receiver(void *arg)
{
    struct flow *f = arg;
    static __thread unsigned char buf[(1 << 18) + 1];
    while (!f->stop && (f->stream ? f->got < f->total : f->msgs_got < f->nmsgs)) {
        /* a stream reads exactly what the peer sends here, so bytes queued
         * before the duplex step are counted the same way by every side */
        size_t want = f->stream && f->total - f->got < sizeof buf - 1 ? f->total - f->got : sizeof buf;
        if (wait_ready(f, POLLIN) < 0) return NULL;
        ssize_t n = recv(f->fd, buf, want, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n < 0) { f->failed_errno = errno; return NULL; }
        if (n == 0 && f->stream) { f->failed_errno = -1; return NULL; } /* early EOF */
        f->crc = crc32_update(f->crc, buf, (size_t)n);
        uint32_t len = (uint32_t)n;
        f->lens_crc = crc32_update(f->lens_crc, (unsigned char *)&len, sizeof len);
        f->got += (size_t)n;
        f->msgs_got++;
    }
    return NULL;
}

static int parse_sizes(const char *s, long **out, long *count, size_t *total)
{
    char *copy = strdup(s ? s : ""), *parts[4096];
    int n = split(copy, ',', parts, 4096);
    *out = calloc((size_t)(n > 0 ? n : 1), sizeof **out);
    *total = 0;
    for (int i = 0; i < n; i++) {
        (*out)[i] = atol(parts[i]);
        if ((*out)[i] < 0 || (*out)[i] > (1 << 18)) n = -1;
        else *total += (size_t)(*out)[i];
    }
    free(copy);
    *count = n;
    return n < 0 ? -1 : 0;
}

void verb_duplex(const struct request *r, struct reply *rp)
{
    if (S.end[0] < 0 || S.end[1] < 0) { set_errno(rp, EBADF); return; }
    const char *seed_s = req_get(r, "seed");
    unsigned seed = seed_s ? (unsigned)atol(seed_s) : 0;
    struct flow send_[2], recv_[2];
    memset(send_, 0, sizeof send_);
    memset(recv_, 0, sizeof recv_);
    long *sizes[2] = { NULL, NULL };
    int bad = 0;
    for (int e = 0; e < 2; e++) {
        char key[8];
        snprintf(key, sizeof key, "sizes%d", e);
        long count;
        size_t total;
        bad |= parse_sizes(req_get(r, key), &sizes[e], &count, &total);
        /* end e sends sizes[e]; end 1-e receives them */
        send_[e] = (struct flow){ .fd = S.end[e], .stream = S.type == SOCK_STREAM, .seed = seed + 1000u * (unsigned)e,
                                  .nmsgs = count, .sizes = sizes[e], .total = total };
        recv_[1 - e] = (struct flow){ .fd = S.end[1 - e], .stream = S.type == SOCK_STREAM,
                                      .nmsgs = count, .total = total };
    }
    if (bad) { set_bad(rp, "sizes0=/sizes1= must be lists of sizes up to 262144"); goto out; }
    send_[0].reader = &recv_[1];
    send_[1].reader = &recv_[0];
    pthread_t th[4];
    for (int e = 0; e < 2; e++) {
        pthread_create(&th[e], NULL, sender, &send_[e]);
        pthread_create(&th[2 + e], NULL, receiver, &recv_[e]);
    }
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 3;
    int timed_out = 0;
    for (int i = 0; i < 4; i++) {
        if (!timed_out && pthread_timedjoin_np(th[i], NULL, &deadline) == 0) continue;
        if (!timed_out) { /* wake every blocked thread, then collect them */
            timed_out = 1;
            for (int e = 0; e < 2; e++) { send_[e].stop = recv_[e].stop = 1; shutdown(S.end[e], SHUT_RDWR); }
        }
        pthread_join(th[i], NULL);
    }
    if (timed_out) { rp->st = ST_BLOCKED; goto out; }
    for (int e = 0; e < 2; e++) {
        char scratch[16];
        int err = send_[1 - e].failed_errno ? send_[1 - e].failed_errno : recv_[e].failed_errno;
        buf_printf(&rp->fields, " got%d=%zu:%08x", e, recv_[e].got, recv_[e].crc);
        if (S.type != SOCK_STREAM) buf_printf(&rp->fields, " msgs%d=%ld:%08x", e, recv_[e].msgs_got, recv_[e].lens_crc);
        if (err) buf_printf(&rp->fields, " error%d=%s", e, err < 0 ? "early-eof" : errno_name(err, scratch, sizeof scratch));
    }
out:
    free(sizes[0]);
    free(sizes[1]);
}
