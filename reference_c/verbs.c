/* The verbs of docs/protocol.md: this table is the driver's whole vocabulary.
 * The main loop dispatches on it and the `start` reply lists it (verbs=), so
 * adding a verb is a function in its op_*.c file and two lines here. */
#include <stddef.h>
#include "driver.h"

void verb_pair(const struct request *r, struct reply *rp);       /* op_pair.c */
void verb_close(const struct request *r, struct reply *rp);      /* op_pair.c */
void verb_fdflags(const struct request *r, struct reply *rp);    /* op_pair.c */
void verb_send(const struct request *r, struct reply *rp);       /* op_send.c */
void verb_recv(const struct request *r, struct reply *rp);       /* op_recv.c */
void verb_shutdown(const struct request *r, struct reply *rp);   /* op_shutdown.c */
void verb_getsockopt(const struct request *r, struct reply *rp); /* op_options.c */
void verb_setsockopt(const struct request *r, struct reply *rp); /* op_options.c */
void verb_poll(const struct request *r, struct reply *rp);       /* op_poll.c */
void verb_duplex(const struct request *r, struct reply *rp);     /* op_duplex.c */
void verb_ioctl(const struct request *r, struct reply *rp);      /* op_ioctl.c */
void verb_fileop(const struct request *r, struct reply *rp);     /* op_ioctl.c */
void verb_addr(const struct request *r, struct reply *rp);       /* op_addr.c */
void verb_signals(const struct request *r, struct reply *rp);    /* op_signals.c */
void verb_msghdr(const struct request *r, struct reply *rp);     /* op_msghdr.c */
void verb_later(const struct request *r, struct reply *rp);      /* op_later.c */
void verb_fill(const struct request *r, struct reply *rp);       /* op_later.c */
void verb_epoll(const struct request *r, struct reply *rp);      /* op_epoll.c */
void verb_inflight(const struct request *r, struct reply *rp);   /* op_inflight.c */

const struct verb VERBS[] = {
    { "reset", verb_reset }, { "obj", verb_obj }, { "pair", verb_pair },
    { "send", verb_send }, { "recv", verb_recv }, { "shutdown", verb_shutdown },
    { "close", verb_close }, { "getsockopt", verb_getsockopt }, { "setsockopt", verb_setsockopt },
    { "poll", verb_poll }, { "fdflags", verb_fdflags }, { "duplex", verb_duplex },
    /* protocol version 2 */
    { "ioctl", verb_ioctl }, { "fileop", verb_fileop }, { "addr", verb_addr }, { "signals", verb_signals },
    { "msghdr", verb_msghdr }, { "later", verb_later }, { "fill", verb_fill }, { "epoll", verb_epoll },
    { "inflight", verb_inflight },
};
const size_t NVERBS = sizeof VERBS / sizeof VERBS[0];
