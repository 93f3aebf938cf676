/* send: one send through one of the views of the queue (via=): sendmsg(2) with a
 * gather list and control messages, send(2), sendto(2) with an optional
 * address, write(2), writev(2), sendmmsg(2) (one message per piece), a send(2)
 * loop (sendall) or splice(2) from a pipe.  Replies ret (docs/protocol.md). */
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

static const struct name SEND_FLAGS[] = { { "dontwait", MSG_DONTWAIT }, { "nosignal", MSG_NOSIGNAL }, { "eor", MSG_EOR }, { "oob", MSG_OOB }, { NULL, 0 } };

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
        } else if (strncmp(items[i], "rightsbytes:", 12) == 0 || strncmp(items[i], "credsbytes:", 11) == 0) {
            /* protocol version 2 (cmsg_bytes): the first N bytes of an fd array or of
             * this driver's ucred, padded with 0xff past its end: a cmsg_len that is not
             * what the kernel expects (catalog H11, I8) */
            int creds = items[i][0] == 'c';
            char *rest = items[i] + (creds ? 11 : 12), *names[300];
            char *colon = strchr(rest, ':');
            long want = strtol(rest, NULL, 10);
            if (want < 0 || want > 512) { set_bad(rp, "rightsbytes:N:NAMES or credsbytes:N, N <= 512"); return -1; }
            unsigned char full[1200];
            memset(full, 0xff, sizeof full); /* padding past the array: -1, never a descriptor */
            size_t have = 0;
            if (creds) {
                struct ucred uc = { getpid(), getuid(), getgid() };
                memcpy(full, &uc, sizeof uc);
            } else {
                int k = colon && colon[1] ? split(colon + 1, ',', names, 300) : 0;
                if (k < 0) { set_bad(rp, "too many fds"); return -1; }
                for (int j = 0; j < k; j++, have += sizeof(int)) {
                    int fd = named_fd(names[j]);
                    if (fd == -2) { set_bad(rp, "unknown fd name %s", names[j]); return -1; }
                    memcpy(full + have, &fd, sizeof fd);
                }
            }
            type = creds ? SCM_CREDENTIALS : SCM_RIGHTS;
            plen = (size_t)want;
            memcpy(payload, full, plen);
        } else if (strcmp(items[i], "creds") == 0 || strcmp(items[i], "creds:parent") == 0 || strcmp(items[i], "creds:nopid") == 0) {
            /* creds:parent names another live process, creds:nopid one that does not
             * exist (protocol version 2, creds_spoof: catalog I7) */
            int pid = items[i][5] == '\0' ? getpid() : items[i][6] == 'p' ? S.ppid : 0x3ffffff0;
            struct ucred uc = { pid, getuid(), getgid() };
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

enum view { V_SENDMSG, V_SEND, V_SENDTO, V_WRITE, V_WRITEV, V_SENDMMSG, V_SENDALL, V_SPLICE };
/* listed in start as views=send.NAME (driver.c) */
const struct name SEND_VIEWS[] = { { "sendmsg", V_SENDMSG }, { "send", V_SEND }, { "sendto", V_SENDTO }, { "write", V_WRITE }, { "writev", V_WRITEV }, { "sendmmsg", V_SENDMMSG }, { "sendall", V_SENDALL }, { "splice", V_SPLICE }, { NULL, 0 } };

struct send_step {
    int fd, flags, niov;
    enum view view;
    size_t used;
    struct iovec *iov;
    struct msghdr *msg;
    const struct sockaddr_un *to;
    socklen_t tolen;
};

/* One call of the step's view (sendall: send(2) until all is sent or it fails). */
static ssize_t call_view(const struct send_step *a)
{
    static struct mmsghdr mm[MAX_IOV];
    const void *first = a->niov ? a->iov[0].iov_base : (const void *)"";
    size_t first_len = a->niov ? a->iov[0].iov_len : 0;
    switch (a->view) {
    case V_SEND: return send(a->fd, first, first_len, a->flags);
    case V_SENDTO: return sendto(a->fd, first, first_len, a->flags, (const struct sockaddr *)a->to, a->tolen);
    case V_WRITE: return write(a->fd, first, first_len);
    case V_WRITEV: return writev(a->fd, a->iov, a->niov);
    case V_SENDMMSG: /* each piece is one message */
        for (int i = 0; i < a->niov; i++) {
            memset(&mm[i], 0, sizeof mm[i]);
            mm[i].msg_hdr.msg_iov = &a->iov[i];
            mm[i].msg_hdr.msg_iovlen = 1;
        }
        return sendmmsg(a->fd, mm, (unsigned)a->niov, a->flags);
    case V_SENDALL: {
        const unsigned char *base = a->niov ? a->iov[0].iov_base : (const unsigned char *)"";
        size_t done = 0;
        do {
            ssize_t n = send(a->fd, base + done, a->used - done, a->flags);
            if (n < 0) return done && errno == EINTR ? (ssize_t)done : -1;
            done += (size_t)n;
        } while (done < a->used && !bound_passed()); /* cut short by the bound: blocked */
        return (ssize_t)done;
    }
    case V_SPLICE: { /* the bytes go into a pipe first, then the pipe into the socket */
        int p[2];
        if (pipe(p) != 0) return -1;
        ssize_t put = a->used ? write(p[1], a->niov ? a->iov[0].iov_base : "", a->used) : 0;
        ssize_t n = put < 0 ? -1 : splice(p[0], NULL, a->fd, NULL, a->used, (a->flags & MSG_DONTWAIT) ? SPLICE_F_NONBLOCK : 0);
        int err = errno;
        close(p[0]);
        close(p[1]);
        errno = err;
        return n;
    }
    case V_SENDMSG: default:
        return sendmsg(a->fd, a->msg, a->flags);
    }
}

void verb_send(const struct request *r, struct reply *rp)
{
    static unsigned char data[MAX_PAYLOAD];
    static union { struct cmsghdr align; unsigned char b[16384]; } ctl;
    static struct iovec iov[MAX_IOV];
    struct send_step s = { 0 };
    struct sockaddr_un to;
    int which, view = V_SENDMSG;
    s.fd = end_fd(r, rp, &which);
    if (s.fd == -2) return;
    const char *d = req_get(r, "data"), *a = req_get(r, "anc"), *via = req_get(r, "via"), *dest = req_get(r, "to");
    if (lookup_set(SEND_FLAGS, req_get(r, "flags"), &s.flags) || (via && lookup_name(SEND_VIEWS, via, &view))) {
        set_bad(rp, "bad send flags or via");
        return;
    }
    s.view = (enum view)view;
    if ((s.view == V_WRITE || s.view == V_WRITEV) && s.flags) { set_bad(rp, "write and writev take no flags"); return; }
    if (s.view == V_SPLICE && s.flags & ~MSG_DONTWAIT) { set_bad(rp, "splice takes flags=dontwait at most"); return; }
    if (a && s.view != V_SENDMSG) { set_bad(rp, "anc= goes with via=sendmsg only"); return; }
    if (dest && (s.view != V_SENDTO || parse_unix_addr(dest, &to, &s.tolen) != 0)) {
        set_bad(rp, "to= goes with via=sendto: unnamed, abstract:HEX or path:HEX");
        return;
    }
    s.to = dest ? &to : NULL;
    char *pieces[MAX_IOV], dcopy_small[1];
    char *dcopy = d ? strdup(d) : dcopy_small;
    if (!d) dcopy[0] = '\0';
    s.niov = split(dcopy, ',', pieces, MAX_IOV);
    if (s.niov < 0) { set_bad(rp, "too many iov pieces"); goto out; }
    if (s.niov == 0 && d) pieces[s.niov++] = dcopy; /* data= with one empty piece */
    for (int i = 0; i < s.niov; i++) {
        size_t len;
        if (decode_hex_into(pieces[i], data + s.used, sizeof data - s.used, &len) != 0) { set_bad(rp, "bad hex in data="); goto out; }
        iov[i].iov_base = data + s.used;
        iov[i].iov_len = len;
        s.used += len;
    }
    /* send, sendto and write take the first piece; sendall and splice all of it, contiguous */
    if ((s.view == V_SEND || s.view == V_SENDTO || s.view == V_WRITE) && s.niov > 1) { set_bad(rp, "one data piece for this via"); goto out; }
    if (s.view == V_SPLICE && s.used > 65536) { set_bad(rp, "splice sends up to 65536 bytes (a pipe's capacity)"); goto out; }
    if (s.view == V_SENDALL || s.view == V_SPLICE) { iov[0].iov_len = s.used; s.niov = s.niov ? 1 : 0; }
    size_t ctllen = 0;
    if (a) {
        char *acopy = strdup(a);
        int bad = build_control(acopy, ctl.b, sizeof ctl.b, &ctllen, rp);
        free(acopy);
        if (bad) goto out;
    }
    struct msghdr msg = { 0 };
    msg.msg_iov = iov;
    msg.msg_iovlen = (size_t)s.niov;
    msg.msg_control = ctllen ? ctl.b : NULL;
    msg.msg_controllen = ctllen;
    s.iov = iov;
    s.msg = &msg;
    ssize_t n;
    int err, fired;
    for (int attempt = 0;; attempt++) {
        arm();
        n = call_view(&s);
        err = errno;
        fired = disarm_fired();
        /* interrupted before sending anything, yet writable now: we were
         * descheduled, not blocked (a busy machine); the call had no effect, so
         * it is repeated once */
        if (attempt == 0 && fired && n < 0 && err == EINTR && ready_now(s.fd, POLLOUT)) continue;
        break;
    }
    /* cut short by the bound: bytes (messages for sendmmsg) were still to go */
    size_t wanted = s.view == V_SENDMMSG ? (size_t)s.niov : s.used;
    if (fired && (n < 0 ? err == EINTR : (size_t)n < wanted)) rp->st = ST_BLOCKED;
    else if (n < 0) set_errno(rp, err);
    else buf_printf(&rp->fields, " ret=%zd", n);
out:
    if (d) free(dcopy);
}
