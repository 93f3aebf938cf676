/* later and fill (protocol version 2): a call that blocks until something happens
 * after it started (catalog G8, G12, C13, N5, H28), and a send buffer filled to
 * the brim (N6, N7, L4, G11). */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "driver.h"

enum action { A_SEND, A_SENDFDS, A_CLOSE, A_SHUTDOWN, A_SIGNAL };
static const struct name ACTIONS[] = { { "send", A_SEND }, { "sendfds", A_SENDFDS }, { "close", A_CLOSE }, { "shutdown", A_SHUTDOWN }, { "signal", A_SIGNAL }, { NULL, 0 } };
static const struct name HOWS[] = { { "rd", SHUT_RD }, { "wr", SHUT_WR }, { "rdwr", SHUT_RDWR }, { NULL, 0 } };
static const struct name POLL_BITS[] = { { "in", POLLIN }, { "pri", POLLPRI }, { "out", POLLOUT }, { "err", POLLERR }, { "hup", POLLHUP }, { "rdhup", POLLRDHUP }, { "nval", POLLNVAL }, { NULL, 0 } };

struct actor {
    int action, fd, how, passed, delay_ms;
    pthread_t caller;
};

static volatile sig_atomic_t interrupted;
static void on_usr1(int sig) { (void)sig; interrupted = 1; }

static void *act(void *arg)
{
    struct actor *a = arg;
    struct timespec delay = { a->delay_ms / 1000, (long)(a->delay_ms % 1000) * 1000000L };
    nanosleep(&delay, NULL);
    char byte = 'L';
    switch (a->action) {
    case A_SEND: (void)send(a->fd, &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT); break;
    case A_SENDFDS: (void)send_with_fds(a->fd, &byte, 1, &a->passed, 1, MSG_NOSIGNAL | MSG_DONTWAIT); break;
    case A_CLOSE: close(a->fd); break;
    case A_SHUTDOWN: shutdown(a->fd, a->how); break;
    default: pthread_kill(a->caller, SIGUSR1);
    }
    return NULL;
}

/* later end= call=recv|send|poll [size=N] [events=] then=ACTION [how=] [obj=NAME] [by=own|peer] [delay_ms=N]:
 * the call on end, and ACTION from another thread delay_ms (default 5) after it
 * began, on the peer end (by=own: this end); the call is bounded at delay + 100 ms */
void verb_later(const struct request *r, struct reply *rp)
{
    int which, action, how = SHUT_RDWR, events = 0;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *call = req_get(r, "call"), *then = req_get(r, "then"), *h = req_get(r, "how"), *by = req_get(r, "by");
    const char *sz = req_get(r, "size"), *d = req_get(r, "delay_ms"), *obj = req_get(r, "obj");
    long size = sz ? atol(sz) : 1;
    int own = by && strcmp(by, "own") == 0, other = own ? which : 1 - which;
    if (!call || !then || lookup_name(ACTIONS, then, &action) || (h && lookup_name(HOWS, h, &how))
        || lookup_set(POLL_BITS, req_get(r, "events"), &events) || size < 0 || size > MAX_PAYLOAD
        || (strcmp(call, "recv") && strcmp(call, "send") && strcmp(call, "poll"))) {
        set_bad(rp, "later needs call=recv|send|poll and then=send|sendfds|close|shutdown|signal");
        return;
    }
    if (S.end[other] < 0 && action != A_SIGNAL) { set_errno(rp, EBADF); return; }
    struct actor a = { action, S.end[other], how, obj ? named_fd(obj) : -1, d ? atoi(d) : 5, pthread_self() };
    if (action == A_SENDFDS && a.passed < 0) { set_bad(rp, "then=sendfds needs obj=NAME"); return; }
    static unsigned char data[MAX_PAYLOAD];
    memset(data, 'x', (size_t)size);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1; /* no SA_RESTART: the signal interrupts the call */
    sigaction(SIGUSR1, &sa, NULL);
    interrupted = 0;
    pthread_t thread;
    if (pthread_create(&thread, NULL, act, &a) != 0) { set_bad(rp, "no thread"); return; }
    int bound = a.delay_ms + 100; /* the actions are immediate: 100 ms is ample */
    struct itimerval it = { { 0, 0 }, { bound / 1000, (bound % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    long ret;
    struct pollfd p = { fd, (short)events, 0 };
    if (strcmp(call, "recv") == 0) ret = recv(fd, data, (size_t)size, 0);
    else if (strcmp(call, "send") == 0) ret = send(fd, data, (size_t)size, MSG_NOSIGNAL);
    else ret = poll(&p, 1, bound);
    int err = errno;
    int fired = disarm_fired();
    pthread_join(thread, NULL);
    if (action == A_CLOSE) S.end[other] = -1;
    if ((ret < 0 && err == EINTR && fired && !interrupted) || (strcmp(call, "poll") == 0 && ret == 0)) { rp->st = ST_BLOCKED; return; }
    if (ret < 0) { set_errno(rp, err); return; }
    if (strcmp(call, "poll") == 0) { print_set(&rp->fields, "revents", POLL_BITS, p.revents); return; }
    buf_printf(&rp->fields, " ret=%ld", ret);
    if (strcmp(call, "recv") == 0) { buf_printf(&rp->fields, " data="); buf_hex(&rp->fields, data, (size_t)ret); }
}

/* fill end= [size=N]: sends of N bytes (default 1024) with MSG_DONTWAIT until EAGAIN
 * (at most 64 MiB): ok ret=TOTAL (bytes), or the first other error */
void verb_fill(const struct request *r, struct reply *rp)
{
    int which;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *sz = req_get(r, "size");
    long size = sz ? atol(sz) : 1024, total = 0;
    if (size < 1 || size > 65536) { set_bad(rp, "fill size= 1..65536"); return; }
    static unsigned char chunk[65536];
    memset(chunk, 'f', (size_t)size);
    while (total < (64L << 20)) {
        long n = send(fd, chunk, (size_t)size, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0 && errno == EAGAIN) break;
        if (n < 0) { set_errno(rp, errno); return; }
        total += n;
    }
    buf_printf(&rp->fields, " ret=%ld", total);
}
