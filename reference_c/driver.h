/* The reference driver: executes socketpair operations on the real kernel
 * and reports observations over the line protocol in docs/protocol.md. */
#ifndef DRIVER_H
#define DRIVER_H
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>

#define PROTOCOL_VERSION 2
#define MAX_KV 32
#define MAX_OBJS 64

struct kv { char *key; char *val; };
struct request { char *seq; char *verb; struct kv kv[MAX_KV]; int nkv; };

struct buf { char *p; size_t len, cap; };
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_hex(struct buf *b, const unsigned char *data, size_t len);

enum status { ST_OK, ST_ERR, ST_BLOCKED, ST_BAD };
struct reply { enum status st; int err; struct buf fields; char why[200]; };

struct object { char name[32]; int fd; };
struct state {
    int end[2];           /* -1 when not created or closed */
    int type, nonblock;   /* of the current pair */
    struct object objs[MAX_OBJS];
    int nobjs;
    int block_ms;         /* bound on any step that may block */
    int pid;              /* "self" in creds: this driver, also in a forked child */
    int ppid;             /* "parent" in creds: the driver's parent (a live process not this one) */
    int creator;          /* the child that made the pair with pair by=child (exited, reaped), or 0 */
};
extern struct state S;

const char *req_get(const struct request *r, const char *key);
int split(char *s, char sep, char **out, int max);
int decode_hex_into(const char *hex, unsigned char *out, size_t cap, size_t *len);
void set_bad(struct reply *rp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void set_errno(struct reply *rp, int err);
const char *errno_name(int err, char *scratch, size_t n);

/* Bounded blocking: arm() before a call that may block, fired() after.
 * on_alarm is the SIGALRM handler main() installs (without SA_RESTART). */
void on_alarm(int sig);
void arm(void);
int disarm_fired(void);
int bound_passed(void);
/* Would a call waiting for `events` on fd proceed right now? */
int ready_now(int fd, short events);

/* Names on the wire: a NULL-terminated table per kind of value. */
struct name { const char *name; int value; };
extern const struct name NO_NAMES[], FAMILIES[], TYPES[];
int lookup(const struct name *t, const char *s, int *out);
int lookup_name(const struct name *t, const char *s, int *out);
int lookup_set(const struct name *t, const char *s, int *out);
void print_set(struct buf *b, const char *key, const struct name *t, int value);
const char *name_of(const struct name *t, int value, char *scratch, size_t n);
/* The end= argument: 0 or 1; returns its fd (-1 if closed) or -2 if bad. */
int end_fd(const struct request *r, struct reply *rp, int *which);

/* Views of the queue (via= of recv and send), listed in start as views= */
extern const struct name RECV_VIEWS[], SEND_VIEWS[];
/* ctrl= in ABI-neutral units (driver_util.c): bytes, or -1 if malformed */
long long control_bytes(const char *spec);
/* one sendmsg carrying up to 4 descriptors in one SCM_RIGHTS (driver_util.c) */
ssize_t send_with_fds(int sock, const void *data, size_t len, const int *fds, int nfds, int flags);
int parse_unix_addr(const char *spec, struct sockaddr_un *a, socklen_t *len);
void print_unix_addr(struct buf *b, const struct sockaddr_un *a, socklen_t len);

#define MAX_IOV 1100
#define MAX_PAYLOAD (4 << 20)

/* fd identity (op_objects.c) */
int named_fd(const char *name);
void describe_fd(int fd, struct buf *out);
int count_open_fds(void);
void describe_pidfd(int fd, struct buf *out);
void close_objects(void);
void verb_obj(const struct request *r, struct reply *rp);

/* The verbs: one function each in an op_*.c file, declared and listed in
 * verbs.c.  main() also resets at the end of input. */
void verb_reset(const struct request *r, struct reply *rp);
void verb_obj(const struct request *r, struct reply *rp);

/* signal counters (op_signals.c) */
void install_signal_counters(void);
void reset_signal_counts(void);
void close_epoll(void); /* op_epoll.c */

struct verb { const char *name; void (*fn)(const struct request *, struct reply *); };
extern const struct verb VERBS[];
extern const size_t NVERBS;
#endif
