/* ioctl and fileop: what a pair end answers as a descriptor, beyond socket calls
 * (catalog D12, O1, O3, O5, N8, A14). */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "driver.h"

/* linux/sockios.h's numbers, for a libc without the kernel's headers (musl) */
#ifndef SIOCINQ
#define SIOCINQ FIONREAD
#endif
#ifndef SIOCOUTQ
#define SIOCOUTQ TIOCOUTQ
#endif
#ifndef SIOCATMARK
#define SIOCATMARK 0x8905
#endif
#ifndef SIOCGIFINDEX
#define SIOCGIFINDEX 0x8933
#endif
#ifndef FIOSETOWN
#define FIOSETOWN 0x8901
#endif
#ifndef FIOGETOWN
#define FIOGETOWN 0x8903
#endif

enum req { R_INQ, R_OUTQ, R_ATMARK, R_IFINDEX, R_ASYNC, R_SETOWN, R_GETOWN };
static const struct name REQS[] = { { "inq", R_INQ }, { "outq", R_OUTQ }, { "atmark", R_ATMARK }, { "ifindex", R_IFINDEX }, { "async", R_ASYNC }, { "setown", R_SETOWN }, { "getown", R_GETOWN }, { NULL, 0 } };

/* ioctl end= req= [value=N]: ok value=N (setown value=self is this driver's pid;
 * getown answers self, 0 or a number) */
void verb_ioctl(const struct request *r, struct reply *rp)
{
    int which, req, v = 0, rc;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *q = req_get(r, "req"), *value = req_get(r, "value");
    if (!q || lookup_name(REQS, q, &req)) { set_bad(rp, "unknown req"); return; }
    switch (req) {
    case R_INQ: rc = ioctl(fd, SIOCINQ, &v); break;
    case R_OUTQ: rc = ioctl(fd, SIOCOUTQ, &v); break;
    case R_ATMARK: rc = ioctl(fd, SIOCATMARK, &v); break;
    case R_IFINDEX: {
        struct ifreq ifr;
        memset(&ifr, 0, sizeof ifr);
        strcpy(ifr.ifr_name, "lo");
        rc = ioctl(fd, SIOCGIFINDEX, &ifr);
        v = rc == 0 ? ifr.ifr_ifindex : 0;
        break;
    }
    case R_ASYNC: v = value ? atoi(value) : 1; rc = ioctl(fd, FIOASYNC, &v); break;
    case R_SETOWN: v = value && strcmp(value, "self") == 0 ? S.pid : (value ? atoi(value) : 0); rc = ioctl(fd, FIOSETOWN, &v); break;
    default: rc = ioctl(fd, FIOGETOWN, &v); break;
    }
    if (rc != 0) { set_errno(rp, errno); return; }
    if (req == R_GETOWN && v == S.pid) buf_printf(&rp->fields, " value=self");
    else if (req != R_ASYNC && req != R_SETOWN) buf_printf(&rp->fields, " value=%d", v);
}

enum fileop { F_PREAD, F_PWRITE, F_LSEEK, F_FALLOCATE, F_FSTAT, F_REOPEN };
static const struct name FILEOPS[] = { { "pread", F_PREAD }, { "pwrite", F_PWRITE }, { "lseek", F_LSEEK }, { "fallocate", F_FALLOCATE }, { "fstat", F_FSTAT }, { "reopen", F_REOPEN }, { NULL, 0 } };

/* fileop end= call=: the file calls a socket refuses (A14); fstat answers
 * value=sock:MODE (octal permission bits), reopen opens /proc/self/fd/N */
void verb_fileop(const struct request *r, struct reply *rp)
{
    int which, call;
    int fd = end_fd(r, rp, &which);
    if (fd == -2) return;
    const char *c = req_get(r, "call");
    if (!c || lookup_name(FILEOPS, c, &call)) { set_bad(rp, "unknown call"); return; }
    char byte = 'x', path[64];
    struct stat st;
    switch (call) {
    case F_PREAD: if (pread(fd, &byte, 1, 0) < 0) set_errno(rp, errno); break;
    case F_PWRITE: if (pwrite(fd, &byte, 1, 0) < 0) set_errno(rp, errno); break;
    case F_LSEEK: if (lseek(fd, 0, SEEK_CUR) < 0) set_errno(rp, errno); break;
    case F_FALLOCATE: { int e = posix_fallocate(fd, 0, 1); if (e) set_errno(rp, e); break; }
    case F_FSTAT:
        if (fstat(fd, &st) != 0) { set_errno(rp, errno); break; }
        buf_printf(&rp->fields, " value=%s:%o", S_ISSOCK(st.st_mode) ? "sock" : "other", (unsigned)(st.st_mode & 07777));
        break;
    default: {
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        int again = open(path, O_RDWR | O_CLOEXEC);
        if (again < 0) set_errno(rp, errno);
        else close(again);
    }
    }
}
