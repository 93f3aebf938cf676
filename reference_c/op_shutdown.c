/* shutdown(end, how). */
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

static const struct name HOWS[] = { { "rd", SHUT_RD }, { "wr", SHUT_WR }, { "rdwr", SHUT_RDWR }, { NULL, 0 } };

void verb_shutdown(const struct request *r, struct reply *rp)
{
    int which, how;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *h = req_get(r, "how");
    if (!h || lookup(HOWS, h, &how)) { set_bad(rp, "how= must be rd, wr, rdwr or a number"); return; }
    if (shutdown(fd, how) != 0) set_errno(rp, errno);
}
