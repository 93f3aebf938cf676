/* What every verb of the reference driver uses: replies, request fields,
 * hex, errno names, name tables, the bounded-blocking alarm and the state. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/un.h>
#include <sys/time.h>
#include <unistd.h>
#include "driver.h"

struct state S = { .end = { -1, -1 }, .block_ms = 50 };
static volatile sig_atomic_t alarm_fired;

void on_alarm(int sig) { (void)sig; alarm_fired = 1; }

void arm(void)
{
    alarm_fired = 0;
    struct itimerval it = { { 0, 0 }, { S.block_ms / 1000, (S.block_ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

/* Has the step's bound passed?  (A loop of calls must stop: the alarm fires once.) */
int bound_passed(void) { return alarm_fired; }

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

/* Canonical names (docs/protocol.md): what Linux's errno.h defines first
 * (EAGAIN, EOPNOTSUPP, EDEADLK).  A table of our own, not glibc's
 * strerrorname_np: the driver must build on musl and other libcs, whose names
 * are the kernel's all the same. */
static const char *const ERRNO_NAMES[] = {
    [1] = "EPERM", [2] = "ENOENT", [3] = "ESRCH", [4] = "EINTR", [5] = "EIO", [6] = "ENXIO",
    [7] = "E2BIG", [8] = "ENOEXEC", [9] = "EBADF", [10] = "ECHILD", [11] = "EAGAIN",
    [12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT", [15] = "ENOTBLK", [16] = "EBUSY",
    [17] = "EEXIST", [18] = "EXDEV", [19] = "ENODEV", [20] = "ENOTDIR", [21] = "EISDIR",
    [22] = "EINVAL", [23] = "ENFILE", [24] = "EMFILE", [25] = "ENOTTY", [26] = "ETXTBSY",
    [27] = "EFBIG", [28] = "ENOSPC", [29] = "ESPIPE", [30] = "EROFS", [31] = "EMLINK",
    [32] = "EPIPE", [33] = "EDOM", [34] = "ERANGE", [35] = "EDEADLK", [36] = "ENAMETOOLONG",
    [37] = "ENOLCK", [38] = "ENOSYS", [39] = "ENOTEMPTY", [40] = "ELOOP", [42] = "ENOMSG",
    [43] = "EIDRM", [44] = "ECHRNG", [45] = "EL2NSYNC", [46] = "EL3HLT", [47] = "EL3RST",
    [48] = "ELNRNG", [49] = "EUNATCH", [50] = "ENOCSI", [51] = "EL2HLT", [52] = "EBADE",
    [53] = "EBADR", [54] = "EXFULL", [55] = "ENOANO", [56] = "EBADRQC", [57] = "EBADSLT",
    [59] = "EBFONT", [60] = "ENOSTR", [61] = "ENODATA", [62] = "ETIME", [63] = "ENOSR",
    [64] = "ENONET", [65] = "ENOPKG", [66] = "EREMOTE", [67] = "ENOLINK", [68] = "EADV",
    [69] = "ESRMNT", [70] = "ECOMM", [71] = "EPROTO", [72] = "EMULTIHOP", [73] = "EDOTDOT",
    [74] = "EBADMSG", [75] = "EOVERFLOW", [76] = "ENOTUNIQ", [77] = "EBADFD", [78] = "EREMCHG",
    [79] = "ELIBACC", [80] = "ELIBBAD", [81] = "ELIBSCN", [82] = "ELIBMAX", [83] = "ELIBEXEC",
    [84] = "EILSEQ", [85] = "ERESTART", [86] = "ESTRPIPE", [87] = "EUSERS", [88] = "ENOTSOCK",
    [89] = "EDESTADDRREQ", [90] = "EMSGSIZE", [91] = "EPROTOTYPE", [92] = "ENOPROTOOPT",
    [93] = "EPROTONOSUPPORT", [94] = "ESOCKTNOSUPPORT", [95] = "EOPNOTSUPP", [96] = "EPFNOSUPPORT",
    [97] = "EAFNOSUPPORT", [98] = "EADDRINUSE", [99] = "EADDRNOTAVAIL", [100] = "ENETDOWN",
    [101] = "ENETUNREACH", [102] = "ENETRESET", [103] = "ECONNABORTED", [104] = "ECONNRESET",
    [105] = "ENOBUFS", [106] = "EISCONN", [107] = "ENOTCONN", [108] = "ESHUTDOWN",
    [109] = "ETOOMANYREFS", [110] = "ETIMEDOUT", [111] = "ECONNREFUSED", [112] = "EHOSTDOWN",
    [113] = "EHOSTUNREACH", [114] = "EALREADY", [115] = "EINPROGRESS", [116] = "ESTALE",
    [117] = "EUCLEAN", [118] = "ENOTNAM", [119] = "ENAVAIL", [120] = "EISNAM", [121] = "EREMOTEIO",
    [122] = "EDQUOT", [123] = "ENOMEDIUM", [124] = "EMEDIUMTYPE", [125] = "ECANCELED",
    [126] = "ENOKEY", [127] = "EKEYEXPIRED", [128] = "EKEYREVOKED", [129] = "EKEYREJECTED",
    [130] = "EOWNERDEAD", [131] = "ENOTRECOVERABLE", [132] = "ERFKILL",
};

const char *errno_name(int err, char *scratch, size_t n)
{
    if (err > 0 && (size_t)err < sizeof ERRNO_NAMES / sizeof ERRNO_NAMES[0] && ERRNO_NAMES[err]) return ERRNO_NAMES[err];
    snprintf(scratch, n, "E%d", err);
    return scratch;
}

/* A single name, or a decimal number for values outside the table. */
int lookup(const struct name *t, const char *s, int *out)
{
    for (; t->name; t++)
        if (strcmp(t->name, s) == 0) { *out = t->value; return 0; }
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0') return -1;
    *out = (int)v;
    return 0;
}

/* A comma-separated set of names, OR-ed together; "" is 0. */
int lookup_set(const struct name *t, const char *s, int *out)
{
    char copy[256], *items[32];
    *out = 0;
    if (!s) return 0;
    snprintf(copy, sizeof copy, "%s", s);
    int n = split(copy, ',', items, 32);
    for (int i = 0; i < n; i++) {
        int v;
        if (lookup(t, items[i], &v) != 0) return -1;
        *out |= v;
    }
    return n < 0 ? -1 : 0;
}

void print_set(struct buf *b, const char *key, const struct name *t, int value)
{
    buf_printf(b, " %s=", key);
    const char *sep = "";
    for (; t->name; t++)
        if (value & t->value) { buf_printf(b, "%s%s", sep, t->name); sep = ","; value &= ~t->value; }
    if (value) buf_printf(b, "%s%d", sep, value);
}

const char *name_of(const struct name *t, int value, char *scratch, size_t n)
{
    for (; t->name; t++)
        if (t->value == value) return t->name;
    snprintf(scratch, n, "%d", value);
    return scratch;
}

/* The end= argument: 0 or 1; returns its fd (-1 if closed) or -2 if bad. */
int end_fd(const struct request *r, struct reply *rp, int *which)
{
    const char *e = req_get(r, "end");
    if (!e || (strcmp(e, "0") != 0 && strcmp(e, "1") != 0)) { set_bad(rp, "end= must be 0 or 1"); return -2; }
    *which = e[0] - '0';
    if (S.end[*which] < 0) { set_errno(rp, EBADF); return -2; }
    return S.end[*which];
}

const struct name NO_NAMES[] = { { NULL, 0 } };

/* Would a call waiting for `events` on fd proceed right now? */
int ready_now(int fd, short events)
{
    struct pollfd p = { fd, events, 0 };
    return poll(&p, 1, 0) == 1 && (p.revents & events);
}

/* A name of the table only (no number): for vocabularies such as via=. */
int lookup_name(const struct name *t, const char *s, int *out)
{
    for (; t->name; t++)
        if (strcmp(t->name, s) == 0) { *out = t->value; return 0; }
    return -1;
}

/* An AF_UNIX address on the wire: unnamed, abstract:HEX or path:HEX (docs/protocol.md).
 * The length is what CPython passes for the same address: the family, then the
 * name without a terminating NUL. */
int parse_unix_addr(const char *spec, struct sockaddr_un *a, socklen_t *len)
{
    size_t off = offsetof(struct sockaddr_un, sun_path), n = 0;
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    if (strcmp(spec, "unnamed") == 0) { *len = (socklen_t)off; return 0; }
    if (strncmp(spec, "abstract:", 9) == 0) {
        if (decode_hex_into(spec + 9, (unsigned char *)a->sun_path + 1, sizeof a->sun_path - 1, &n) != 0) return -1;
        *len = (socklen_t)(off + 1 + n);
        return 0;
    }
    if (strncmp(spec, "path:", 5) == 0) {
        if (decode_hex_into(spec + 5, (unsigned char *)a->sun_path, sizeof a->sun_path - 1, &n) != 0) return -1;
        *len = (socklen_t)(off + n);
        return 0;
    }
    return -1;
}

/* addr=none (no name returned), unnamed, abstract:HEX or path:HEX */
void print_unix_addr(struct buf *b, const struct sockaddr_un *a, socklen_t len)
{
    size_t off = offsetof(struct sockaddr_un, sun_path);
    if (len == 0) buf_printf(b, " addr=none");
    else if (len <= off || a->sun_family != AF_UNIX) buf_printf(b, len <= off ? " addr=unnamed" : " addr=?family%d", a->sun_family);
    else if (a->sun_path[0] == '\0') {
        buf_printf(b, " addr=abstract:");
        buf_hex(b, (const unsigned char *)a->sun_path + 1, len - off - 1);
    } else {
        buf_printf(b, " addr=path:");
        buf_hex(b, (const unsigned char *)a->sun_path, strnlen(a->sun_path, len - off));
    }
}

/* ctrl= of recv in units each ABI maps to its own sizes (protocol version 2,
 * capability ctrl_units): terms joined by + or -, each a byte count, hdr (a bare
 * cmsghdr), len(fdsN), space(fdsN), len(creds) or space(creds) (CMSG_LEN and
 * CMSG_SPACE of N descriptors or of a struct ucred).  -1 if malformed. */
long long control_bytes(const char *spec)
{
    long long total = 0;
    const char *p = spec;
    while (*p) {
        int sign = 1;
        if (*p == '+' || *p == '-') sign = *p++ == '-' ? -1 : 1;
        char *end;
        long long v;
        if (*p >= '0' && *p <= '9') {
            v = strtoll(p, &end, 10);
        } else if (strncmp(p, "hdr", 3) == 0) {
            v = (long long)CMSG_LEN(0);
            end = (char *)p + 3;
        } else if (strncmp(p, "len(", 4) == 0 || strncmp(p, "space(", 6) == 0) {
            int space = p[0] == 's';
            const char *in = p + (space ? 6 : 4);
            size_t n;
            if (strncmp(in, "creds)", 6) == 0) { n = sizeof(struct ucred); end = (char *)in + 6; }
            else if (strncmp(in, "fds", 3) == 0) {
                long k = strtol(in + 3, &end, 10);
                if (k < 0 || k > 1000 || *end != ')') return -1;
                n = (size_t)k * sizeof(int);
                end++;
            } else return -1;
            v = (long long)(space ? CMSG_SPACE(n) : CMSG_LEN(n));
        } else {
            return -1;
        }
        total += sign * v;
        p = end;
        if (*p && *p != '+' && *p != '-') return -1;
    }
    return total;
}

/* One sendmsg of len bytes with nfds (at most 4) descriptors in one SCM_RIGHTS
 * message (none: no control data): what later, inflight and pair by=child send. */
ssize_t send_with_fds(int sock, const void *data, size_t len, const int *fds, int nfds, int flags)
{
    union { struct cmsghdr align; unsigned char b[CMSG_SPACE(4 * sizeof(int))]; } c;
    memset(&c, 0, sizeof c);
    struct iovec iov = { (void *)data, len };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (nfds > 0 && nfds <= 4) {
        m.msg_control = c.b;
        m.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
        struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
        cm->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        memcpy(CMSG_DATA(cm), fds, (size_t)nfds * sizeof(int));
    }
    return sendmsg(sock, &m, flags);
}
