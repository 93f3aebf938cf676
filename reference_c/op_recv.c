/* recv: recvmsg(2) into a scatter list with a control buffer, or recv(2). */
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

static const struct name RECV_FLAGS[] = { { "peek", MSG_PEEK }, { "trunc", MSG_TRUNC }, { "waitall", MSG_WAITALL }, { "dontwait", MSG_DONTWAIT }, { "cmsg_cloexec", MSG_CMSG_CLOEXEC }, { "oob", MSG_OOB }, { NULL, 0 } };
static const struct name MSG_FLAGS[] = { { "trunc", MSG_TRUNC }, { "ctrunc", MSG_CTRUNC }, { "eor", MSG_EOR }, { "oob", MSG_OOB }, { "errqueue", MSG_ERRQUEUE }, { "cmsg_cloexec", MSG_CMSG_CLOEXEC }, { NULL, 0 } };

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
