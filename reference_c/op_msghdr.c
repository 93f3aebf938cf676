/* msghdr: what only a C caller can hand the kernel (capability abi): garbage in
 * msg_flags, bad pointers, a cmsg_len or msg_controllen that lies (catalog A8,
 * B4, B6-B9, H6-H8).  The reply is always ok: the call's result and what it left
 * in the msghdr are the observation. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "driver.h"

enum call { M_RECVMSG, M_SENDMSG, M_SOCKETPAIR };
static const struct name CALLS[] = { { "recvmsg", M_RECVMSG }, { "sendmsg", M_SENDMSG }, { "socketpair", M_SOCKETPAIR }, { NULL, 0 } };
enum mem { MEM_OK, MEM_NULL, MEM_UNMAPPED, MEM_NULLIOV };
static const struct name MEMS[] = { { "ok", MEM_OK }, { "null", MEM_NULL }, { "unmapped", MEM_UNMAPPED }, { "nulliov", MEM_NULLIOV }, { NULL, 0 } };
static const struct name FLAGS[] = { { "dontwait", MSG_DONTWAIT }, { "peek", MSG_PEEK }, { "ctrunc", MSG_CTRUNC }, { "trunc", MSG_TRUNC }, { NULL, 0 } };

/* A page that is certainly not mapped: mapped, then unmapped. */
static void *unmapped_page(void)
{
    void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    munmap(p, 4096);
    return p;
}

static void report(struct reply *rp, long ret, int err, const struct msghdr *m, const struct iovec *iov)
{
    char scratch[32];
    buf_printf(&rp->fields, " ret=%ld errno=%s msg_flags=%d", ret, ret < 0 ? errno_name(err, scratch, sizeof scratch) : "0", m->msg_flags);
    if (iov) buf_printf(&rp->fields, " iov_len=%zu", iov->iov_len);
}

/* msghdr end= call= size=N flags= preset=N mem= ctl=unmapped cmsg_len=N controllen=N rights=NAME */
void verb_msghdr(const struct request *r, struct reply *rp)
{
    int call, mem = MEM_OK, flags = 0;
    const char *c = req_get(r, "call"), *m = req_get(r, "mem");
    if (!c || lookup_name(CALLS, c, &call) || (m && lookup_name(MEMS, m, &mem)) || lookup_set(FLAGS, req_get(r, "flags"), &flags)) {
        set_bad(rp, "msghdr needs call=recvmsg|sendmsg|socketpair, mem=ok|null|unmapped|nulliov");
        return;
    }
    void *bad = mem == MEM_UNMAPPED ? unmapped_page() : NULL;
    if (call == M_SOCKETPAIR) {
        int *volatile sv = bad; /* volatile: the compiler must not reason about the NULL */
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) set_errno(rp, errno);
        else set_bad(rp, "socketpair with a bad sv pointer succeeded");
        return;
    }
    int which;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *sz = req_get(r, "size"), *preset = req_get(r, "preset"), *ctl = req_get(r, "ctl");
    const char *cl = req_get(r, "cmsg_len"), *ctllen = req_get(r, "controllen"), *rights = req_get(r, "rights");
    size_t size = sz ? (size_t)atoi(sz) : 16;
    if (size > 65536) { set_bad(rp, "size <= 65536"); return; }
    /* cmsg_len and controllen are in ctrl= units (control_bytes), so they mean the same on every ABI */
    if ((cl && control_bytes(cl) < 0) || (ctllen && (control_bytes(ctllen) < 0 || (size_t)control_bytes(ctllen) > CMSG_SPACE(sizeof(int))))) {
        set_bad(rp, "cmsg_len= and controllen= are ctrl= sizes; controllen at most space(fds1)");
        return;
    }
    char *data = calloc(1, size ? size : 1);
    if (!data) { set_bad(rp, "out of memory"); return; }
    memset(data, 'x', size);
    struct iovec iov = { mem == MEM_OK ? data : bad, size };
    union { struct cmsghdr align; unsigned char bytes[CMSG_SPACE(sizeof(int))]; } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = mem == MEM_NULLIOV ? NULL : &iov;
    msg.msg_iovlen = 1;
    msg.msg_flags = preset ? atoi(preset) : 0;
    long ret;
    int err;
    if (call == M_RECVMSG) {
        arm();
        ret = recvmsg(fd, &msg, flags);
        err = errno;
        if (disarm_fired() && ret < 0 && err == EINTR) { rp->st = ST_BLOCKED; free(data); return; }
    } else {
        if (rights) {
            int passed = named_fd(rights);
            if (passed == -2) { set_bad(rp, "unknown fd name %s", rights); free(data); return; }
            struct cmsghdr *cm = (struct cmsghdr *)(void *)control.bytes;
            cm->cmsg_len = cl ? (size_t)control_bytes(cl) : CMSG_LEN(sizeof(int));
            cm->cmsg_level = SOL_SOCKET;
            cm->cmsg_type = SCM_RIGHTS;
            memcpy(CMSG_DATA(cm), &passed, sizeof passed);
            msg.msg_control = control.bytes;
            msg.msg_controllen = ctllen ? (size_t)control_bytes(ctllen) : sizeof control.bytes;
        }
        if (ctl && strcmp(ctl, "unmapped") == 0) {
            msg.msg_control = unmapped_page();
            msg.msg_controllen = CMSG_SPACE(sizeof(int));
        }
        arm();
        ret = sendmsg(fd, &msg, flags | MSG_NOSIGNAL);
        err = errno;
        if (disarm_fired() && ret < 0 && err == EINTR) { rp->st = ST_BLOCKED; free(data); return; }
    }
    report(rp, ret, err, &msg, mem == MEM_NULLIOV ? NULL : &iov);
    free(data);
}
