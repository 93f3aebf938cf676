/* The reference driver: executes socketpair operations on the real kernel
 * and reports observations over the line protocol in docs/protocol.md. */
#ifndef DRIVER_H
#define DRIVER_H
#include <stddef.h>
#include <stdio.h>

#define PROTOCOL_VERSION 1
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
};
extern struct state S;

const char *req_get(const struct request *r, const char *key);
int split(char *s, char sep, char **out, int max);
int decode_hex_into(const char *hex, unsigned char *out, size_t cap, size_t *len);
void set_bad(struct reply *rp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void set_errno(struct reply *rp, int err);
const char *errno_name(int err, char *scratch, size_t n);

/* Bounded blocking: arm() before a call that may block, fired() after. */
void arm(void);
int disarm_fired(void);

/* fd identity (driver_fdident.c) */
int named_fd(const char *name);
void describe_fd(int fd, struct buf *out);
int count_open_fds(void);
void close_objects(void);
void verb_obj(const struct request *r, struct reply *rp);

/* operations (driver_ops.c) */
void verb_pair(const struct request *r, struct reply *rp);
void verb_send(const struct request *r, struct reply *rp);
void verb_recv(const struct request *r, struct reply *rp);
void verb_shutdown(const struct request *r, struct reply *rp);
void verb_close(const struct request *r, struct reply *rp);
void verb_getsockopt(const struct request *r, struct reply *rp);
void verb_setsockopt(const struct request *r, struct reply *rp);
void verb_poll(const struct request *r, struct reply *rp);
void verb_fdflags(const struct request *r, struct reply *rp);
void verb_duplex(const struct request *r, struct reply *rp);
void verb_reset(const struct request *r, struct reply *rp);
#endif
