/* getsockopt and setsockopt on SOL_SOCKET. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>
#include "driver.h"

static const struct name OPTS[] = { { "type", SO_TYPE }, { "domain", SO_DOMAIN }, { "protocol", SO_PROTOCOL }, { "passcred", SO_PASSCRED }, { "peercred", SO_PEERCRED }, { "sndbuf", SO_SNDBUF }, { "rcvbuf", SO_RCVBUF }, { "error", SO_ERROR }, { "acceptconn", SO_ACCEPTCONN }, { "rcvlowat", SO_RCVLOWAT }, { "keepalive", SO_KEEPALIVE }, { "bogus", 9999 },
    /* protocol version 2 (capability timeo covers rcvtimeo and sndtimeo) */
    { "rcvtimeo", SO_RCVTIMEO }, { "sndtimeo", SO_SNDTIMEO }, { "peek_off", SO_PEEK_OFF }, { "linger", SO_LINGER },
    { "inq", 84 /* SO_INQ */ }, { "rcvbufforce", SO_RCVBUFFORCE }, { "sndbufforce", SO_SNDBUFFORCE },
    { "oobinline", SO_OOBINLINE }, { "passrights", 83 /* SO_PASSRIGHTS, Linux 6.16 */ },
    { "passpidfd", 76 /* SO_PASSPIDFD */ }, { "peerpidfd", 77 /* SO_PEERPIDFD */ }, { NULL, 0 } };

/* value= of a struct option: SEC.USEC for a timeval, ONOFF.SECS for a linger */
static int parse_pair(const char *v, long *a, long *b)
{
    char *dot;
    *a = strtol(v, &dot, 10);
    if (*dot != '.') return -1;
    *b = strtol(dot + 1, &dot, 10);
    return *dot ? -1 : 0;
}

/* SO_PEERCRED as a process in a new pid namespace reads it: a helper child
 * unshares CLONE_NEWPID and forks the reader (pid 1 there), which reports back.
 * The driver's own pid namespace is never changed.  0 or an errno. */
static int peercred_in_new_pidns(int fd, struct ucred *out)
{
    int report[2];
    if (pipe(report) != 0) return errno;
    fflush(stdout);
    pid_t helper = fork();
    if (helper == 0) {
        struct { int err; struct ucred uc; } got = { 0, { 0, 0, 0 } };
        if (unshare(CLONE_NEWPID) != 0) got.err = errno;
        pid_t reader = got.err ? -1 : fork();
        if (reader == 0) {
            socklen_t len = sizeof got.uc;
            if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &got.uc, &len) != 0) got.err = errno;
            _exit(write(report[1], &got, sizeof got) != (ssize_t)sizeof got);
        }
        if (reader < 0) { if (!got.err) got.err = errno; _exit(write(report[1], &got, sizeof got) != (ssize_t)sizeof got); }
        waitpid(reader, NULL, 0);
        _exit(0);
    }
    close(report[1]);
    struct { int err; struct ucred uc; } got = { EIO, { 0, 0, 0 } };
    if (read(report[0], &got, sizeof got) != (ssize_t)sizeof got) got.err = EIO;
    close(report[0]);
    waitpid(helper, NULL, 0);
    *out = got.uc;
    return got.err;
}

void verb_getsockopt(const struct request *r, struct reply *rp)
{
    int which, opt;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *o = req_get(r, "opt");
    if (!o || lookup(OPTS, o, &opt)) { set_bad(rp, "unknown opt"); return; }
    char scratch[32];
    const char *in = req_get(r, "in");
    if (opt == SO_PEERCRED) {
        struct ucred uc;
        socklen_t len = sizeof uc;
        if (in && strcmp(in, "pidns") == 0) { /* protocol version 2 (pidns): catalog J3 */
            int err = peercred_in_new_pidns(fd, &uc);
            if (err) set_errno(rp, err);
            else buf_printf(&rp->fields, " value=%d.%u.%u", (int)uc.pid, (unsigned)uc.uid, (unsigned)uc.gid);
            return;
        }
        if (getsockopt(fd, SOL_SOCKET, opt, &uc, &len) != 0) { set_errno(rp, errno); return; }
        if (uc.pid == S.pid && uc.uid == getuid() && uc.gid == getgid()) buf_printf(&rp->fields, " value=self");
        else if (S.creator && uc.pid == S.creator) buf_printf(&rp->fields, " value=creator");
        else buf_printf(&rp->fields, " value=%d.%u.%u", (int)uc.pid, (unsigned)uc.uid, (unsigned)uc.gid);
        return;
    }
    if (opt == 77) { /* SO_PEERPIDFD: a pidfd, described and closed */
        int pidfd;
        socklen_t len = sizeof pidfd;
        if (getsockopt(fd, SOL_SOCKET, opt, &pidfd, &len) != 0) { set_errno(rp, errno); return; }
        buf_printf(&rp->fields, " value=");
        describe_pidfd(pidfd, &rp->fields);
        close(pidfd);
        return;
    }
    if (opt == SO_RCVTIMEO || opt == SO_SNDTIMEO) {
        struct timeval tv;
        socklen_t len = sizeof tv;
        if (getsockopt(fd, SOL_SOCKET, opt, &tv, &len) != 0) { set_errno(rp, errno); return; }
        buf_printf(&rp->fields, " value=%ld.%06ld", (long)tv.tv_sec, (long)tv.tv_usec);
        return;
    }
    if (opt == SO_LINGER) {
        struct linger lg;
        socklen_t len = sizeof lg;
        if (getsockopt(fd, SOL_SOCKET, opt, &lg, &len) != 0) { set_errno(rp, errno); return; }
        buf_printf(&rp->fields, " value=%d.%d", lg.l_onoff, lg.l_linger);
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
    long a, b;
    int rc;
    if (opt == SO_RCVTIMEO || opt == SO_SNDTIMEO || opt == SO_LINGER) {
        if (parse_pair(v, &a, &b) != 0) { set_bad(rp, "value= of %s is SEC.USEC or ONOFF.SECS", o); return; }
        struct timeval tv = { a, b };
        struct linger lg = { (int)a, (int)b };
        rc = opt == SO_LINGER ? setsockopt(fd, SOL_SOCKET, opt, &lg, sizeof lg) : setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof tv);
    } else {
        int value = atoi(v);
        rc = setsockopt(fd, SOL_SOCKET, opt, &value, sizeof value);
    }
    if (rc != 0) set_errno(rp, errno);
}
