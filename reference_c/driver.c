/* driver: the reference implementation of docs/protocol.md on the Linux
 * kernel.  One process serves a whole test session: `reset` between
 * scenarios, never a process per example.  It must never hang (every step
 * that may block is bounded by a non-restarting SIGALRM) and never crash on
 * bad input (a `bad` reply instead). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "driver.h"

struct state S = { .end = { -1, -1 }, .block_ms = 50 };
static volatile sig_atomic_t alarm_fired;

static void on_alarm(int sig) { (void)sig; alarm_fired = 1; }

void arm(void)
{
    alarm_fired = 0;
    struct itimerval it = { { 0, 0 }, { S.block_ms / 1000, (S.block_ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

int disarm_fired(void)
{
    struct itimerval zero = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &zero, NULL);
    return alarm_fired;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n >= 0 && b->p && b->len + (size_t)n < b->cap) { b->len += (size_t)n; return; }
        size_t cap = (b->cap ? b->cap * 2 : 256) + (size_t)(n > 0 ? n : 0);
        char *p = realloc(b->p, cap);
        if (!p) { perror("driver: realloc"); exit(70); }
        b->p = p;
        b->cap = cap;
    }
}

void buf_hex(struct buf *b, const unsigned char *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    if (b->len + 2 * len + 1 > b->cap) {
        size_t cap = b->len + 2 * len + 256;
        char *p = realloc(b->p, cap);
        if (!p) { perror("driver: realloc"); exit(70); }
        b->p = p;
        b->cap = cap;
    }
    for (size_t i = 0; i < len; i++) {
        b->p[b->len++] = digits[data[i] >> 4];
        b->p[b->len++] = digits[data[i] & 15];
    }
    b->p[b->len] = '\0';
}

const char *req_get(const struct request *r, const char *key)
{
    for (int i = 0; i < r->nkv; i++)
        if (strcmp(r->kv[i].key, key) == 0) return r->kv[i].val;
    return NULL;
}

int split(char *s, char sep, char **out, int max)
{
    int n = 0;
    if (*s == '\0') return 0;
    for (;;) {
        if (n == max) return -1;
        out[n++] = s;
        char *next = strchr(s, sep);
        if (!next) return n;
        *next = '\0';
        s = next + 1;
    }
}

static int hexdigit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

int decode_hex_into(const char *hex, unsigned char *out, size_t cap, size_t *len)
{
    size_t n = strlen(hex);
    if (n % 2 || n / 2 > cap) return -1;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexdigit(hex[2 * i]), lo = hexdigit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return -1;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    *len = n / 2;
    return 0;
}

void set_bad(struct reply *rp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rp->why, sizeof rp->why, fmt, ap);
    va_end(ap);
    rp->st = ST_BAD;
}

void set_errno(struct reply *rp, int err) { rp->st = ST_ERR; rp->err = err; }

/* Canonical names (docs/protocol.md): glibc's primary names, which are also
 * what Linux's errno.h defines first (EAGAIN, EOPNOTSUPP, EDEADLK). */
const char *errno_name(int err, char *scratch, size_t n)
{
    const char *name = strerrorname_np(err);
    if (name) return name;
    snprintf(scratch, n, "E%d", err);
    return scratch;
}

static int parse_request(char *line, struct request *r)
{
    char *tok[MAX_KV + 2];
    int n = split(line, ' ', tok, MAX_KV + 2);
    if (n < 2) return -1;
    r->seq = tok[0];
    r->verb = tok[1];
    r->nkv = 0;
    for (int i = 2; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        if (!eq || eq == tok[i]) return -1;
        *eq = '\0';
        r->kv[r->nkv].key = tok[i];
        r->kv[r->nkv++].val = eq + 1;
    }
    return 0;
}

struct verb { const char *name; void (*fn)(const struct request *, struct reply *); };
static const struct verb VERBS[] = {
    { "reset", verb_reset }, { "obj", verb_obj }, { "pair", verb_pair },
    { "send", verb_send }, { "recv", verb_recv }, { "shutdown", verb_shutdown },
    { "close", verb_close }, { "getsockopt", verb_getsockopt },
    { "setsockopt", verb_setsockopt }, { "poll", verb_poll },
    { "fdflags", verb_fdflags }, { "duplex", verb_duplex },
};

static void verb_start(const struct request *r, struct reply *rp)
{
    const char *version = req_get(r, "version"), *block = req_get(r, "block_ms");
    if (!version || atoi(version) != PROTOCOL_VERSION) {
        set_bad(rp, "protocol version %s not supported; this driver speaks version %d",
                version ? version : "(none)", PROTOCOL_VERSION);
        return;
    }
    if (block) S.block_ms = atoi(block) > 0 ? atoi(block) : S.block_ms;
    buf_printf(&rp->fields, " version=%d name=linux-kernel impl_version=0.1 caps="
               "stream,dgram,seqpacket,nonblock,cloexec,scm_rights,scm_credentials,peek,trunc,"
               "waitall,shutdown,poll,sockopt,duplex", PROTOCOL_VERSION);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: a blocked call returns EINTR */
    sigaction(SIGALRM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* EPIPE is observed as an errno, as in Python */
    S.pid = getpid();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    struct reply rp = { 0 };
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = '\0';
        struct request r;
        rp.st = ST_OK;
        rp.fields.len = 0;
        buf_printf(&rp.fields, "%s", "");
        if (parse_request(line, &r) != 0) {
            printf("? bad why=malformed request line\n");
            fflush(stdout);
            continue;
        }
        if (strcmp(r.verb, "start") == 0) {
            verb_start(&r, &rp);
        } else {
            size_t i;
            for (i = 0; i < sizeof VERBS / sizeof VERBS[0]; i++)
                if (strcmp(r.verb, VERBS[i].name) == 0) break;
            if (i == sizeof VERBS / sizeof VERBS[0]) set_bad(&rp, "unknown verb %s", r.verb);
            else VERBS[i].fn(&r, &rp);
        }
        char scratch[16];
        switch (rp.st) {
        case ST_OK: printf("%s ok%s\n", r.seq, rp.fields.p); break;
        case ST_ERR: printf("%s err errno=%s\n", r.seq, errno_name(rp.err, scratch, sizeof scratch)); break;
        case ST_BLOCKED: printf("%s blocked\n", r.seq); break;
        case ST_BAD: printf("%s bad why=%s\n", r.seq, rp.why); break;
        }
        fflush(stdout);
    }
    verb_reset(NULL, &rp);
    free(line);
    free(rp.fields.p);
    return 0;
}
