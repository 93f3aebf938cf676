/* poll: one poll(2) with timeout 0. */
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

static const struct name POLL_BITS[] = { { "in", POLLIN }, { "pri", POLLPRI }, { "out", POLLOUT }, { "err", POLLERR }, { "hup", POLLHUP }, { "rdhup", POLLRDHUP }, { "nval", POLLNVAL }, { NULL, 0 } };

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
