/* Objects with known identities, and what a received descriptor *is*.
 *
 * Descriptors cannot cross the protocol, so both sides create the same named
 * objects (`obj`) and describe each received fd relative to them:
 * NAME/ACCESS/OFD/CLOEXEC, e.g. "f/rw/same-ofd/-".  NAME is the object with
 * the same inode (and access mode, which tells a pipe's ends apart); OFD says
 * whether the fd shares the object's open file description (a status-flag
 * change through one is seen through the other), which is what SCM_RIGHTS
 * promises and what a re-opened file lacks. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "driver.h"

static int add_object(const char *name, int fd)
{
    if (S.nobjs == MAX_OBJS || strlen(name) >= sizeof S.objs[0].name) return -1;
    snprintf(S.objs[S.nobjs].name, sizeof S.objs[0].name, "%s", name);
    S.objs[S.nobjs++].fd = fd;
    return 0;
}

int named_fd(const char *name)
{
    if (strcmp(name, "end0") == 0) return S.end[0];
    if (strcmp(name, "end1") == 0) return S.end[1];
    if (strcmp(name, "badfd") == 0) return 1 << 20; /* never open: EBADF */
    for (int i = 0; i < S.nobjs; i++)
        if (strcmp(S.objs[i].name, name) == 0) return S.objs[i].fd;
    return -2;
}

void close_objects(void)
{
    for (int i = 0; i < S.nobjs; i++) close(S.objs[i].fd);
    S.nobjs = 0;
}

static int temp_file(const unsigned char *data, size_t len)
{
    const char *dir = getenv("TMPDIR");
    dir = dir && *dir ? dir : "/tmp";
    /* An unnamed file (O_TMPFILE): a Ctrl-C can end the driver at any instant and
     * there is no name to leave behind.  Where the filesystem lacks it, a named
     * one is unlinked at once, with the terminating signals held off meanwhile. */
    int fd = open(dir, O_TMPFILE | O_RDWR, 0600);
    if (fd < 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/spc-obj-XXXXXX", dir);
        sigset_t hold, old;
        sigemptyset(&hold);
        sigaddset(&hold, SIGINT);
        sigaddset(&hold, SIGTERM);
        sigaddset(&hold, SIGHUP);
        sigprocmask(SIG_BLOCK, &hold, &old);
        fd = mkstemp(path);
        if (fd >= 0) unlink(path);
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (fd < 0) return -1;
    }
    if (write(fd, data, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0) { close(fd); return -1; }
    return fd;
}

void verb_obj(const struct request *r, struct reply *rp)
{
    const char *name = req_get(r, "name"), *kind = req_get(r, "kind"), *hex = req_get(r, "data");
    const char *cloexec = req_get(r, "cloexec");
    static unsigned char data[65536];
    size_t len = 0;
    if (!name || !kind || strchr(name, ',') || strchr(name, ';') || named_fd(name) != -2) {
        set_bad(rp, "obj needs a new name= and a kind=");
        return;
    }
    if (hex && decode_hex_into(hex, data, sizeof data, &len) != 0) { set_bad(rp, "bad hex in data="); return; }
    int fds[2] = { -1, -1 };
    char names[2][40];
    snprintf(names[0], sizeof names[0], "%s", name);
    if (strcmp(kind, "file") == 0) {
        fds[0] = temp_file(data, len);
    } else if (strcmp(kind, "rofile") == 0) {
        int w = temp_file(data, len);
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", w);
        fds[0] = w < 0 ? -1 : open(path, O_RDONLY);
        if (w >= 0) close(w);
    } else if (strcmp(kind, "devnull") == 0) {
        fds[0] = open("/dev/null", O_RDWR);
    } else if (strcmp(kind, "pipe") == 0) {
        if (pipe(fds) != 0) fds[0] = -1;
        else if (len && write(fds[1], data, len) != (ssize_t)len) fds[0] = -1;
        snprintf(names[0], sizeof names[0], "%s.r", name);
        snprintf(names[1], sizeof names[1], "%s.w", name);
    } else {
        set_bad(rp, "unknown object kind %s", kind);
        return;
    }
    if (fds[0] < 0) { set_errno(rp, errno); return; }
    for (int i = 0; i < 2 && fds[i] >= 0; i++) {
        if (cloexec && strcmp(cloexec, "1") == 0) fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        if (add_object(names[i], fds[i]) != 0) { set_bad(rp, "too many objects or name too long"); return; }
    }
}

static const char *unknown_kind(mode_t mode)
{
    if (S_ISREG(mode)) return "?file";
    if (S_ISFIFO(mode)) return "?pipe";
    if (S_ISSOCK(mode)) return "?sock";
    if (S_ISCHR(mode)) return "?chr";
    return "?other";
}

/* Does `fd` share the open file description of `orig`?  Flip O_NONBLOCK on
 * orig, look through fd, restore. */
static int shares_ofd(int fd, int orig)
{
    int fl = fcntl(orig, F_GETFL);
    if (fl < 0 || fcntl(orig, F_SETFL, fl ^ O_NONBLOCK) < 0) return 0;
    int seen = fcntl(fd, F_GETFL);
    fcntl(orig, F_SETFL, fl);
    return seen >= 0 && (seen & O_NONBLOCK) == ((fl ^ O_NONBLOCK) & O_NONBLOCK);
}

void describe_fd(int fd, struct buf *out)
{
    struct stat st, ost;
    int fl = fcntl(fd, F_GETFL), fdfl = fcntl(fd, F_GETFD);
    if (fstat(fd, &st) != 0 || fl < 0 || fdfl < 0) { buf_printf(out, "?invalid/-/-/-"); return; }
    const char *acc = (fl & O_ACCMODE) == O_RDONLY ? "r" : (fl & O_ACCMODE) == O_WRONLY ? "w" : "rw";
    const char *name = NULL;
    int orig = -1;
    /* candidates: the objects, then the pair's own ends */
    for (int i = 0; i < S.nobjs + 2; i++) {
        int cand = i < S.nobjs ? S.objs[i].fd : S.end[i - S.nobjs];
        if (cand < 0 || fstat(cand, &ost) != 0 || ost.st_dev != st.st_dev || ost.st_ino != st.st_ino) continue;
        int cfl = fcntl(cand, F_GETFL);
        int same_acc = cfl >= 0 && (cfl & O_ACCMODE) == (fl & O_ACCMODE);
        if (name && !same_acc) continue;
        if (i < S.nobjs) name = S.objs[i].name;
        else name = i == S.nobjs ? "end0" : "end1";
        orig = cand;
        if (same_acc) break;
    }
    buf_printf(out, "%s/%s/%s/%s", name ? name : unknown_kind(st.st_mode), acc,
               orig < 0 ? "-" : shares_ofd(fd, orig) ? "same-ofd" : "other-ofd",
               fdfl & FD_CLOEXEC ? "cloexec" : "-");
}

/* pidfd:self, pidfd:parent or pidfd:other: whose pidfd fd is (its fdinfo's Pid: line) */
void describe_pidfd(int fd, struct buf *out)
{
    char path[64], line[128];
    int pid = -1;
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "Pid:", 4) == 0) pid = atoi(line + 4);
    if (f) fclose(f);
    buf_printf(out, "pidfd:%s", pid == S.pid ? "self" : pid == S.ppid ? "parent" : pid < 0 ? "none" : "other");
}

int count_open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    int n = 0;
    while (readdir(d)) n++;
    closedir(d);
    return n - 3; /* ".", ".." and the directory's own fd */
}
