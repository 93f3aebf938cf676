/* duplex: both ends send and receive at once, in four threads. */
#include <pthread.h>
#include <time.h>
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

static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/* Message k's byte j is PATTERN[(seed + 37k + j) % 251]: cheap to make and
 * to check on both sides, and never aligned with buffer sizes. */
static unsigned char pattern_byte(unsigned i) { return (unsigned char)((i * 7u + 3u) % 251u); }

struct flow {
    int fd, stream, nonblock, failed_errno;
    unsigned seed;
    long nmsgs, *sizes;       /* what the peer sends / what we send */
    size_t total, got;        /* bytes */
    long msgs_got;
    uint32_t crc, lens_crc;
    volatile int stop;
    struct flow *reader;      /* for a sender: who waits for its bytes */
};

static int wait_ready(struct flow *f, short ev)
{
    struct pollfd p = { f->fd, ev, 0 };
    return f->stop ? -1 : poll(&p, 1, 50);
}

static void *sender(void *arg)
{
    struct flow *f = arg;
    static __thread unsigned char buf[1 << 18];
    for (long k = 0; k < f->nmsgs && !f->stop; k++) {
        size_t len = (size_t)f->sizes[k], done = 0;
        if (len > sizeof buf) len = sizeof buf;
        for (size_t j = 0; j < len; j++) buf[j] = pattern_byte(f->seed + 37u * (unsigned)k + (unsigned)j);
        for (;;) { /* not do-while: `continue` must retry, not test the exit */
            ssize_t n = send(f->fd, buf + done, len - done, MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) { if (wait_ready(f, POLLOUT) < 0) return NULL; continue; }
            if (n < 0) { f->failed_errno = errno; f->reader->stop = 1; return NULL; }
            done += (size_t)n;
            if (!f->stream || done >= len) break;
        }
    }
    return NULL;
}

static void *receiver(void *arg)
{
    struct flow *f = arg;
    static __thread unsigned char buf[(1 << 18) + 1];
    while (!f->stop && (f->stream ? f->got < f->total : f->msgs_got < f->nmsgs)) {
        /* a stream reads exactly what the peer sends here, so bytes queued
         * before the duplex step are counted the same way by every side */
        size_t want = f->stream && f->total - f->got < sizeof buf - 1 ? f->total - f->got : sizeof buf;
        if (wait_ready(f, POLLIN) < 0) return NULL;
        ssize_t n = recv(f->fd, buf, want, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n < 0) { f->failed_errno = errno; return NULL; }
        if (n == 0 && f->stream) { f->failed_errno = -1; return NULL; } /* early EOF */
        f->crc = crc32_update(f->crc, buf, (size_t)n);
        uint32_t len = (uint32_t)n;
        f->lens_crc = crc32_update(f->lens_crc, (unsigned char *)&len, sizeof len);
        f->got += (size_t)n;
        f->msgs_got++;
    }
    return NULL;
}

static int parse_sizes(const char *s, long **out, long *count, size_t *total)
{
    char *copy = strdup(s ? s : ""), *parts[4096];
    int n = split(copy, ',', parts, 4096);
    *out = calloc((size_t)(n > 0 ? n : 1), sizeof **out);
    *total = 0;
    for (int i = 0; i < n; i++) {
        (*out)[i] = atol(parts[i]);
        if ((*out)[i] < 0 || (*out)[i] > (1 << 18)) n = -1;
        else *total += (size_t)(*out)[i];
    }
    free(copy);
    *count = n;
    return n < 0 ? -1 : 0;
}

void verb_duplex(const struct request *r, struct reply *rp)
{
    if (S.end[0] < 0 || S.end[1] < 0) { set_errno(rp, EBADF); return; }
    const char *seed_s = req_get(r, "seed");
    unsigned seed = seed_s ? (unsigned)atol(seed_s) : 0;
    struct flow send_[2], recv_[2];
    memset(send_, 0, sizeof send_);
    memset(recv_, 0, sizeof recv_);
    long *sizes[2] = { NULL, NULL };
    int bad = 0;
    for (int e = 0; e < 2; e++) {
        char key[8];
        snprintf(key, sizeof key, "sizes%d", e);
        long count;
        size_t total;
        bad |= parse_sizes(req_get(r, key), &sizes[e], &count, &total);
        /* end e sends sizes[e]; end 1-e receives them */
        send_[e] = (struct flow){ .fd = S.end[e], .stream = S.type == SOCK_STREAM, .seed = seed + 1000u * (unsigned)e,
                                  .nmsgs = count, .sizes = sizes[e], .total = total };
        recv_[1 - e] = (struct flow){ .fd = S.end[1 - e], .stream = S.type == SOCK_STREAM,
                                      .nmsgs = count, .total = total };
    }
    if (bad) { set_bad(rp, "sizes0=/sizes1= must be lists of sizes up to 262144"); goto out; }
    send_[0].reader = &recv_[1];
    send_[1].reader = &recv_[0];
    pthread_t th[4];
    for (int e = 0; e < 2; e++) {
        pthread_create(&th[e], NULL, sender, &send_[e]);
        pthread_create(&th[2 + e], NULL, receiver, &recv_[e]);
    }
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 3;
    int timed_out = 0;
    for (int i = 0; i < 4; i++) {
        if (!timed_out && pthread_timedjoin_np(th[i], NULL, &deadline) == 0) continue;
        if (!timed_out) { /* wake every blocked thread, then collect them */
            timed_out = 1;
            for (int e = 0; e < 2; e++) { send_[e].stop = recv_[e].stop = 1; shutdown(S.end[e], SHUT_RDWR); }
        }
        pthread_join(th[i], NULL);
    }
    if (timed_out) { rp->st = ST_BLOCKED; goto out; }
    for (int e = 0; e < 2; e++) {
        char scratch[16];
        int err = send_[1 - e].failed_errno ? send_[1 - e].failed_errno : recv_[e].failed_errno;
        buf_printf(&rp->fields, " got%d=%zu:%08x", e, recv_[e].got, recv_[e].crc);
        if (S.type != SOCK_STREAM) buf_printf(&rp->fields, " msgs%d=%ld:%08x", e, recv_[e].msgs_got, recv_[e].lens_crc);
        if (err) buf_printf(&rp->fields, " error%d=%s", e, err < 0 ? "early-eof" : errno_name(err, scratch, sizeof scratch));
    }
out:
    free(sizes[0]);
    free(sizes[1]);
}
