/* epoll (protocol version 2): one epoll instance watching one end, for edge
 * triggering (catalog N2).  Closed by reset. */
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "driver.h"

static const struct name EPOLL_BITS[] = { { "in", EPOLLIN }, { "pri", EPOLLPRI }, { "out", EPOLLOUT }, { "err", EPOLLERR }, { "hup", EPOLLHUP }, { "rdhup", EPOLLRDHUP }, { "et", (int)EPOLLET }, { "oneshot", EPOLLONESHOT }, { NULL, 0 } };
static int instance = -1;

void close_epoll(void)
{
    if (instance >= 0) close(instance);
    instance = -1;
}

/* epoll call=add|mod end= events=in,out,et...: watch that end; call=wait: ok ready=EVENTS
 * (what one epoll_wait with timeout 0 reports; empty if nothing) */
void verb_epoll(const struct request *r, struct reply *rp)
{
    const char *call = req_get(r, "call");
    int events;
    if (!call || lookup_set(EPOLL_BITS, req_get(r, "events"), &events)) { set_bad(rp, "epoll needs call= and events="); return; }
    if (strcmp(call, "wait") == 0) {
        if (instance < 0) { set_errno(rp, EBADF); return; }
        struct epoll_event ev;
        int n = epoll_wait(instance, &ev, 1, 0);
        if (n < 0) { set_errno(rp, errno); return; }
        print_set(&rp->fields, "ready", EPOLL_BITS, n ? (int)ev.events : 0);
        return;
    }
    int which, fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    if (instance < 0 && (instance = epoll_create1(EPOLL_CLOEXEC)) < 0) { set_errno(rp, errno); return; }
    struct epoll_event ev = { (unsigned)events, { .fd = fd } };
    if (epoll_ctl(instance, strcmp(call, "mod") == 0 ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) != 0) set_errno(rp, errno);
}
