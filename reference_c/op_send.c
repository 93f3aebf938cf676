/* send: sendmsg(2) with a gather list and control messages, or send(2). */
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
