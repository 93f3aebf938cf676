/* addr: the address calls on a pair end (catalog K1, K2, K4, K5). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "driver.h"

enum call { C_GETSOCKNAME, C_GETPEERNAME, C_BIND, C_LISTEN, C_ACCEPT, C_CONNECT };
static const struct name CALLS[] = { { "getsockname", C_GETSOCKNAME }, { "getpeername", C_GETPEERNAME }, { "bind", C_BIND }, { "listen", C_LISTEN }, { "accept", C_ACCEPT }, { "connect", C_CONNECT }, { NULL, 0 } };

/* addr= of bind and connect: unnamed, abstract:HEX, path:HEX (parse_unix_addr),
 * or badfamily (an AF_INET family in a sockaddr_un) */
static int target(const char *spec, struct sockaddr_un *a, socklen_t *len)
{
    if (spec && strcmp(spec, "badfamily") == 0) {
        parse_unix_addr("unnamed", a, len);
        a->sun_family = AF_INET;
        *len = sizeof *a;
        return 0;
    }
    return spec ? parse_unix_addr(spec, a, len) : -1;
}

/* addr end= call= [addr=] [addrlen=N]: getsockname/getpeername answer addr= and
 * len= (the returned length); addrlen= is the caller's *addrlen (ABI: -1 allowed);
 * accept answers ok if it returned a descriptor (closed at once) */
void verb_addr(const struct request *r, struct reply *rp)
{
    int which, call;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *c = req_get(r, "call"), *given = req_get(r, "addrlen");
    if (!c || lookup_name(CALLS, c, &call)) { set_bad(rp, "unknown call"); return; }
    struct sockaddr_un a;
    socklen_t len = sizeof a;
    memset(&a, 0, sizeof a);
    switch (call) {
    case C_GETSOCKNAME:
    case C_GETPEERNAME: {
        int n = given ? atoi(given) : (int)sizeof a;
        len = (socklen_t)n;
        int rc = call == C_GETSOCKNAME ? getsockname(fd, (struct sockaddr *)&a, &len) : getpeername(fd, (struct sockaddr *)&a, &len);
        if (rc != 0) { set_errno(rp, errno); return; }
        print_unix_addr(&rp->fields, &a, len < sizeof a ? len : sizeof a);
        buf_printf(&rp->fields, " len=%u", (unsigned)len);
        return;
    }
    case C_BIND:
    case C_CONNECT:
        if (target(req_get(r, "addr"), &a, &len) != 0) { set_bad(rp, "addr= must be unnamed, badfamily, abstract:HEX or path:HEX"); return; }
        if ((call == C_BIND ? bind(fd, (struct sockaddr *)&a, len) : connect(fd, (struct sockaddr *)&a, len)) != 0) set_errno(rp, errno);
        return;
    case C_LISTEN:
        if (listen(fd, 1) != 0) set_errno(rp, errno);
        return;
    default: {
        arm(); /* a listening end with nobody connecting would wait */
        int got = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
        int err = errno;
        if (disarm_fired() && got < 0 && err == EINTR) { rp->st = ST_BLOCKED; return; }
        if (got < 0) { set_errno(rp, err); return; }
        close(got);
    }
    }
}
