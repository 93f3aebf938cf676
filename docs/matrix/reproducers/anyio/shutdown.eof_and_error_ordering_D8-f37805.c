/* Reproducer for shutdown.eof_and_error_ordering:D8 (anyio), written by socketpair-conformance.
 * Deviation: send stream: status linux err EMSGSIZE / impl raised BrokenResourceError
 * The difference is at step 4: err vs raised
 *   Linux:          err errno=EMSGSIZE
 *   implementation: raised exc=BrokenResourceError
 *
 * Build and run: cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -pthread -o repro THIS_FILE && ./repro
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stddef.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int ends[2] = {-1, -1};
__attribute__((unused)) static int epoll_instance = -1; /* epoll */

/* later: another thread acts delay_ms after the call began (docs/protocol.md) */
struct later_arg { int action, fd, how, passed, delay_ms; pthread_t caller; };
static volatile sig_atomic_t later_came; /* the signal came: before the call began, it is sent again */
__attribute__((unused)) static void later_usr1(int sig) { (void)sig; later_came = 1; }
__attribute__((unused)) static void *later_act(void *p)
{
    struct later_arg *a = p;
    struct timespec delay = { 0, (long)a->delay_ms * 1000000L };
    nanosleep(&delay, NULL);
    char byte = 'L';
    if (a->action == 0) (void)send(a->fd, &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    else if (a->action == 1) {
        union { struct cmsghdr align; unsigned char b[CMSG_SPACE(sizeof(int))]; } c;
        memset(&c, 0, sizeof c);
        struct iovec iov = { &byte, 1 };
        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.b, .msg_controllen = sizeof c.b };
        struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
        cm->cmsg_len = CMSG_LEN(sizeof(int)); cm->cmsg_level = SOL_SOCKET; cm->cmsg_type = SCM_RIGHTS;
        memcpy(CMSG_DATA(cm), &a->passed, sizeof(int));
        (void)sendmsg(a->fd, &m, MSG_NOSIGNAL | MSG_DONTWAIT);
    } else if (a->action == 2) close(a->fd);
    else if (a->action == 3) shutdown(a->fd, a->how);
    else pthread_kill(a->caller, SIGUSR1);
    return NULL;
}

/* fdnums and nofile of recv: the lowest free descriptor numbers, and whether the
 * received ones took them (H4) */
__attribute__((unused)) static int lowest_free_fds(int *out)
{
    int n = 0;
    for (int fd = 0; n < 512 && fd < 65536; fd++)
        if (fcntl(fd, F_GETFD) < 0) out[n++] = fd;
    return n;
}
__attribute__((unused)) static int took_lowest(struct msghdr *m, const int *free_fds)
{
    int k = 0, same = 1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++, k++) {
                int fd;
                memcpy(&fd, CMSG_DATA(c) + i * sizeof fd, sizeof fd);
                if (fd != free_fds[k]) same = 0;
            }
    return k ? same : -1;
}

/* A page that is certainly not mapped (msghdr): mapped, then unmapped. */
__attribute__((unused)) static void *unmapped_page(void)
{
    void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) munmap(p, 4096);
    return p == MAP_FAILED ? NULL : p;
}

/* SIGPIPE, SIGIO and SIGURG are counted, as the suite's drivers count them (signals) */
static volatile sig_atomic_t sig_counts[3];
static void count_signal(int sig) { sig_counts[sig == SIGPIPE ? 0 : sig == SIGIO ? 1 : 2]++; }
static void count_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = count_signal;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGPIPE, &sa, NULL);
    sigaction(SIGIO, &sa, NULL);
    sigaction(SIGURG, &sa, NULL);
}
static struct { const char *name; int fd; } objects[16];
static int nobjects;

/* A step that does not return within 2 s is "blocked", as the suite says it. */
static char blocked_line[64];
static void on_alarm(int sig) { (void)sig; if (write(1, blocked_line, strlen(blocked_line)) < 0) _exit(1); _exit(0); }
__attribute__((unused)) static void arm(int n, const char *verb)
{
    snprintf(blocked_line, sizeof blocked_line, "%d %s: blocked\n", n, verb);
    signal(SIGALRM, on_alarm);
    alarm(2);
}

__attribute__((unused)) static void fail(int n, const char *verb) { printf("%d %s: err %s\n", n, verb, strerrorname_np(errno)); }

static void add(const char *name, int fd, int cloexec)
{
    fcntl(fd, F_SETFD, cloexec ? FD_CLOEXEC : 0);
    objects[nobjects].name = name;
    objects[nobjects++].fd = fd;
}

__attribute__((unused)) static void make_object(const char *name, const char *kind, const char *data, size_t len, int cloexec)
{
    if (strcmp(kind, "pipe") == 0) {
        int p[2];
        static char names[16][40];
        if (pipe(p) != 0 || write(p[1], data, len) != (ssize_t)len) exit(1);
        snprintf(names[nobjects], sizeof names[0], "%s.r", name);
        add(names[nobjects], p[0], cloexec);
        snprintf(names[nobjects], sizeof names[0], "%s.w", name);
        add(names[nobjects], p[1], cloexec);
    } else if (strcmp(kind, "devnull") == 0) {
        add(name, open("/dev/null", O_RDWR), cloexec);
    } else {
        char path[] = "/tmp/spc-repro-XXXXXX";
        int fd = mkstemp(path);
        if (fd < 0) exit(1);
        unlink(path);
        if (write(fd, data, len) != (ssize_t)len) exit(1);
        lseek(fd, 0, SEEK_SET);
        if (strcmp(kind, "rofile") == 0) {
            char proc[64];
            snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
            int ro = open(proc, O_RDONLY);
            close(fd);
            fd = ro;
        }
        add(name, fd, cloexec);
    }
}

__attribute__((unused)) static int fd_of(const char *name)
{
    if (strcmp(name, "end0") == 0) return ends[0];
    if (strcmp(name, "end1") == 0) return ends[1];
    for (int i = 0; i < nobjects; i++)
        if (strcmp(objects[i].name, name) == 0) return objects[i].fd;
    return 1 << 20; /* badfd: never open */
}

/* Same open file description? Flip O_NONBLOCK on the original, look through fd, restore. */
static const char *shares(int fd, int original)
{
    int flags = fcntl(original, F_GETFL);
    fcntl(original, F_SETFL, flags ^ O_NONBLOCK);
    int seen = fcntl(fd, F_GETFL);
    fcntl(original, F_SETFL, flags);
    return ((seen ^ flags) & O_NONBLOCK) ? "same-ofd" : "other-ofd";
}

static void which(int fd)
{
    struct stat st, other;
    int found = 0, first = -1;
    fstat(fd, &st);
    printf("fd->");
    for (int i = 0; i < nobjects; i++)
        if (fstat(objects[i].fd, &other) == 0 && other.st_dev == st.st_dev && other.st_ino == st.st_ino) {
            printf("%s%s", found++ ? "|" : "", objects[i].name);
            if (first < 0) first = objects[i].fd;
        }
    for (int e = 0; e < 2; e++)
        if (ends[e] >= 0 && fstat(ends[e], &other) == 0 && other.st_ino == st.st_ino) {
            printf("%send%d", found++ ? "|" : "", e);
            if (first < 0) first = ends[e];
        }
    printf("%s/%s/%s", found ? "" : "?", first < 0 ? "-" : shares(fd, first), (fcntl(fd, F_GETFD) & FD_CLOEXEC) ? "cloexec" : "-");
}

/* a long payload that is one block over and over, written once (keeps the file small) */
__attribute__((unused)) static const char *repeat(const char *block, size_t period, size_t n)
{
    char *out = malloc(n);
    if (!out) { perror("malloc"); exit(2); }
    for (size_t i = 0; i < n; i++) out[i] = block[i % period];
    return out;
}

/* One received message as the suite compares it: mode 1 clamps ret to the buffer
 * (a method that returns the bytes only), mode 2 shows SCM_RIGHTS only (socket.recv_fds).
 * Prints the line without its end; 0 if the call failed (that line is complete). */
/* descriptors open in this process: a receive that leaks what it discards shows here */
__attribute__((unused)) static int open_fd_count(void)
{
    int count = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    while (readdir(d)) count++;
    closedir(d);
    return count;
}

__attribute__((unused)) static int received(int n, const char *verb, ssize_t ret, struct msghdr *m, struct iovec *iov, size_t niov, size_t size, int mode)
{
    if (ret < 0) { fail(n, verb); return 0; }
    /* after recv(2), read(2) and the like, m is untouched: no msg_flags, no control data */
    printf("%d %s: ok ret=%zd msg_flags=0x%x anc=", n, verb, (mode & 1) && (size_t)ret > size ? (ssize_t)size : ret, (unsigned)m->msg_flags);
    int first = 1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == 0x04 && c->cmsg_len >= CMSG_LEN(sizeof(int))) {
            int pidfd; /* SCM_PIDFD (SO_PASSPIDFD): a descriptor the caller owns; the driver closes it too */
            memcpy(&pidfd, CMSG_DATA(c), sizeof pidfd);
            close(pidfd);
        }
        if ((mode & 2) && !(c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)) continue;
        printf("%s", first ? "" : ";");
        first = 0;
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            printf("rights:");
            for (size_t i = 0; i < count; i++) {
                int fd;
                memcpy(&fd, CMSG_DATA(c) + i * sizeof fd, sizeof fd);
                printf("%s", i ? "," : "");
                which(fd);
                close(fd);
            }
        } else {
            printf("cmsg:%d:%d:%zu", c->cmsg_level, c->cmsg_type, (size_t)(c->cmsg_len - CMSG_LEN(0)));
        }
    }
    printf(" data=");
    size_t left = (size_t)ret < size ? (size_t)ret : size;
    for (size_t i = 0; i < niov && left; i++)
        for (size_t j = 0; j < iov[i].iov_len && left; j++, left--)
            printf("%02x", ((unsigned char *)iov[i].iov_base)[j]);
    return 1;
}

/* " addr=": none (no name returned), unnamed, abstract:HEX or path:HEX */
__attribute__((unused)) static void show_addr(const struct sockaddr_un *a, socklen_t len)
{
    size_t off = offsetof(struct sockaddr_un, sun_path);
    if (len == 0) { printf(" addr=none"); return; }
    if (len <= off) { printf(" addr=unnamed"); return; }
    int abstract = a->sun_path[0] == '\0';
    printf(" addr=%s:", abstract ? "abstract" : "path");
    size_t n = abstract ? len - off - 1 : strnlen(a->sun_path, len - off);
    for (size_t i = 0; i < n; i++) printf("%02x", (unsigned char)a->sun_path[i + (size_t)abstract]);
}

/* splice(2) from the socket into a pipe, then the pipe's bytes into buf */
__attribute__((unused)) static ssize_t spliced(int fd, char *buf, size_t size, unsigned flags)
{
    int p[2];
    if (pipe(p) != 0) return -1;
    ssize_t n = splice(fd, NULL, p[1], NULL, size, flags);
    int err = errno;
    for (ssize_t got = 0; n > 0 && got < n;) {
        ssize_t k = read(p[0], buf + got, (size_t)(n - got));
        if (k <= 0) break;
        got += k;
    }
    close(p[0]);
    close(p[1]);
    errno = err;
    return n;
}

/* duplex: both ends send and receive at once, four threads (the suite's duplex verb):
 * message k of end e has byte j = (i * 7 + 3) % 251 with i = seed + 1000e + 37k + j;
 * each side reports what it received as BYTES:CRC-32, and for messages COUNT:CRC of the lengths. */
struct flow { int fd, stream, failed; unsigned seed; long n, *sizes, got_msgs; size_t total, got; uint32_t crc, lens; volatile int stop; };
static uint32_t crc32_of(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--) { crc ^= *p++; for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u))); }
    return ~crc;
}
static void *duplex_send(void *arg)
{
    struct flow *f = arg;
    static __thread unsigned char buf[1 << 18];
    for (long k = 0; k < f->n && !f->stop; k++) {
        size_t len = (size_t)f->sizes[k], done = 0;
        for (size_t j = 0; j < len; j++) buf[j] = (unsigned char)(((f->seed + 37u * (unsigned)k + (unsigned)j) * 7u + 3u) % 251u);
        while (!f->stop) {
            ssize_t r = send(f->fd, buf + done, len - done, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (r < 0 && errno == EAGAIN) { struct pollfd p = { f->fd, POLLOUT, 0 }; poll(&p, 1, 50); continue; }
            if (r < 0) { f->failed = errno; return NULL; }
            done += (size_t)r;
            if (!f->stream || done >= len) break;
        }
    }
    return NULL;
}
static void *duplex_receive(void *arg)
{
    struct flow *f = arg;
    static __thread unsigned char buf[(1 << 18) + 1];
    while (!f->stop && (f->stream ? f->got < f->total : f->got_msgs < f->n)) {
        size_t want = f->stream && f->total - f->got < sizeof buf - 1 ? f->total - f->got : sizeof buf;
        ssize_t r = recv(f->fd, buf, want, MSG_DONTWAIT);
        if (r < 0 && errno == EAGAIN) { struct pollfd p = { f->fd, POLLIN, 0 }; poll(&p, 1, 50); continue; }
        if (r < 0) { f->failed = errno; return NULL; }
        if (r == 0 && f->stream) { f->failed = -1; return NULL; }
        uint32_t len = (uint32_t)r;
        f->crc = crc32_of(f->crc, buf, (size_t)r);
        f->lens = crc32_of(f->lens, (unsigned char *)&len, sizeof len);
        f->got += (size_t)r;
        f->got_msgs++;
    }
    return NULL;
}
__attribute__((unused)) static void duplex(int n, long *s0, long n0, long *s1, long n1, unsigned seed)
{
    int type = 0;
    socklen_t tl = sizeof type;
    getsockopt(ends[0], SOL_SOCKET, SO_TYPE, &type, &tl);
    int stream = type == SOCK_STREAM;
    struct flow out[2] = { { .fd = ends[0], .stream = stream, .seed = seed, .n = n0, .sizes = s0 },
                           { .fd = ends[1], .stream = stream, .seed = seed + 1000u, .n = n1, .sizes = s1 } };
    struct flow in[2] = { { .fd = ends[0], .stream = stream, .n = n1, .sizes = s1 },
                          { .fd = ends[1], .stream = stream, .n = n0, .sizes = s0 } };
    for (int e = 0; e < 2; e++)
        for (long k = 0; k < in[e].n; k++) in[e].total += (size_t)in[e].sizes[k];
    pthread_t th[4];
    for (int e = 0; e < 2; e++) { pthread_create(&th[e], NULL, duplex_send, &out[e]); pthread_create(&th[2 + e], NULL, duplex_receive, &in[e]); }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 3;
    int late = 0;
    for (int i = 0; i < 4; i++)
        if (pthread_timedjoin_np(th[i], NULL, &until) != 0) {
            late = 1;
            for (int e = 0; e < 2; e++) out[e].stop = in[e].stop = 1;
            pthread_join(th[i], NULL);
        }
    if (late) { printf("%d duplex: blocked\n", n); return; }
    printf("%d duplex: ok", n);
    for (int e = 0; e < 2; e++) {
        printf(" got%d=%zu:%08x", e, in[e].got, in[e].crc);
        if (!stream) printf(" msgs%d=%ld:%08x", e, in[e].got_msgs, in[e].lens);
        int err = out[1 - e].failed ? out[1 - e].failed : in[e].failed;
        if (err) printf(" error%d=%s", e, err < 0 ? "early-eof" : strerrorname_np(err));
    }
    printf("\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    count_signals(); /* as the suite's drivers: EPIPE is an answer, SIGPIPE is counted */
    {
        if (socketpair(1, 1, 0, ends) != 0) fail(2, "pair"); else printf("2 pair: ok\n");
    }
    {
        if (shutdown(ends[0], 2) != 0) fail(3, "shutdown"); else printf("3 shutdown: ok\n");
    }
    {
        static struct iovec iov[1025];
        iov[0].iov_base = (void *)"\x61"; iov[0].iov_len = 1;
        iov[1].iov_base = (void *)"\x61"; iov[1].iov_len = 1;
        iov[2].iov_base = (void *)"\x61"; iov[2].iov_len = 1;
        iov[3].iov_base = (void *)"\x61"; iov[3].iov_len = 1;
        iov[4].iov_base = (void *)"\x61"; iov[4].iov_len = 1;
        iov[5].iov_base = (void *)"\x61"; iov[5].iov_len = 1;
        iov[6].iov_base = (void *)"\x61"; iov[6].iov_len = 1;
        iov[7].iov_base = (void *)"\x61"; iov[7].iov_len = 1;
        iov[8].iov_base = (void *)"\x61"; iov[8].iov_len = 1;
        iov[9].iov_base = (void *)"\x61"; iov[9].iov_len = 1;
        iov[10].iov_base = (void *)"\x61"; iov[10].iov_len = 1;
        iov[11].iov_base = (void *)"\x61"; iov[11].iov_len = 1;
        iov[12].iov_base = (void *)"\x61"; iov[12].iov_len = 1;
        iov[13].iov_base = (void *)"\x61"; iov[13].iov_len = 1;
        iov[14].iov_base = (void *)"\x61"; iov[14].iov_len = 1;
        iov[15].iov_base = (void *)"\x61"; iov[15].iov_len = 1;
        iov[16].iov_base = (void *)"\x61"; iov[16].iov_len = 1;
        iov[17].iov_base = (void *)"\x61"; iov[17].iov_len = 1;
        iov[18].iov_base = (void *)"\x61"; iov[18].iov_len = 1;
        iov[19].iov_base = (void *)"\x61"; iov[19].iov_len = 1;
        iov[20].iov_base = (void *)"\x61"; iov[20].iov_len = 1;
        iov[21].iov_base = (void *)"\x61"; iov[21].iov_len = 1;
        iov[22].iov_base = (void *)"\x61"; iov[22].iov_len = 1;
        iov[23].iov_base = (void *)"\x61"; iov[23].iov_len = 1;
        iov[24].iov_base = (void *)"\x61"; iov[24].iov_len = 1;
        iov[25].iov_base = (void *)"\x61"; iov[25].iov_len = 1;
        iov[26].iov_base = (void *)"\x61"; iov[26].iov_len = 1;
        iov[27].iov_base = (void *)"\x61"; iov[27].iov_len = 1;
        iov[28].iov_base = (void *)"\x61"; iov[28].iov_len = 1;
        iov[29].iov_base = (void *)"\x61"; iov[29].iov_len = 1;
        iov[30].iov_base = (void *)"\x61"; iov[30].iov_len = 1;
        iov[31].iov_base = (void *)"\x61"; iov[31].iov_len = 1;
        iov[32].iov_base = (void *)"\x61"; iov[32].iov_len = 1;
        iov[33].iov_base = (void *)"\x61"; iov[33].iov_len = 1;
        iov[34].iov_base = (void *)"\x61"; iov[34].iov_len = 1;
        iov[35].iov_base = (void *)"\x61"; iov[35].iov_len = 1;
        iov[36].iov_base = (void *)"\x61"; iov[36].iov_len = 1;
        iov[37].iov_base = (void *)"\x61"; iov[37].iov_len = 1;
        iov[38].iov_base = (void *)"\x61"; iov[38].iov_len = 1;
        iov[39].iov_base = (void *)"\x61"; iov[39].iov_len = 1;
        iov[40].iov_base = (void *)"\x61"; iov[40].iov_len = 1;
        iov[41].iov_base = (void *)"\x61"; iov[41].iov_len = 1;
        iov[42].iov_base = (void *)"\x61"; iov[42].iov_len = 1;
        iov[43].iov_base = (void *)"\x61"; iov[43].iov_len = 1;
        iov[44].iov_base = (void *)"\x61"; iov[44].iov_len = 1;
        iov[45].iov_base = (void *)"\x61"; iov[45].iov_len = 1;
        iov[46].iov_base = (void *)"\x61"; iov[46].iov_len = 1;
        iov[47].iov_base = (void *)"\x61"; iov[47].iov_len = 1;
        iov[48].iov_base = (void *)"\x61"; iov[48].iov_len = 1;
        iov[49].iov_base = (void *)"\x61"; iov[49].iov_len = 1;
        iov[50].iov_base = (void *)"\x61"; iov[50].iov_len = 1;
        iov[51].iov_base = (void *)"\x61"; iov[51].iov_len = 1;
        iov[52].iov_base = (void *)"\x61"; iov[52].iov_len = 1;
        iov[53].iov_base = (void *)"\x61"; iov[53].iov_len = 1;
        iov[54].iov_base = (void *)"\x61"; iov[54].iov_len = 1;
        iov[55].iov_base = (void *)"\x61"; iov[55].iov_len = 1;
        iov[56].iov_base = (void *)"\x61"; iov[56].iov_len = 1;
        iov[57].iov_base = (void *)"\x61"; iov[57].iov_len = 1;
        iov[58].iov_base = (void *)"\x61"; iov[58].iov_len = 1;
        iov[59].iov_base = (void *)"\x61"; iov[59].iov_len = 1;
        iov[60].iov_base = (void *)"\x61"; iov[60].iov_len = 1;
        iov[61].iov_base = (void *)"\x61"; iov[61].iov_len = 1;
        iov[62].iov_base = (void *)"\x61"; iov[62].iov_len = 1;
        iov[63].iov_base = (void *)"\x61"; iov[63].iov_len = 1;
        iov[64].iov_base = (void *)"\x61"; iov[64].iov_len = 1;
        iov[65].iov_base = (void *)"\x61"; iov[65].iov_len = 1;
        iov[66].iov_base = (void *)"\x61"; iov[66].iov_len = 1;
        iov[67].iov_base = (void *)"\x61"; iov[67].iov_len = 1;
        iov[68].iov_base = (void *)"\x61"; iov[68].iov_len = 1;
        iov[69].iov_base = (void *)"\x61"; iov[69].iov_len = 1;
        iov[70].iov_base = (void *)"\x61"; iov[70].iov_len = 1;
        iov[71].iov_base = (void *)"\x61"; iov[71].iov_len = 1;
        iov[72].iov_base = (void *)"\x61"; iov[72].iov_len = 1;
        iov[73].iov_base = (void *)"\x61"; iov[73].iov_len = 1;
        iov[74].iov_base = (void *)"\x61"; iov[74].iov_len = 1;
        iov[75].iov_base = (void *)"\x61"; iov[75].iov_len = 1;
        iov[76].iov_base = (void *)"\x61"; iov[76].iov_len = 1;
        iov[77].iov_base = (void *)"\x61"; iov[77].iov_len = 1;
        iov[78].iov_base = (void *)"\x61"; iov[78].iov_len = 1;
        iov[79].iov_base = (void *)"\x61"; iov[79].iov_len = 1;
        iov[80].iov_base = (void *)"\x61"; iov[80].iov_len = 1;
        iov[81].iov_base = (void *)"\x61"; iov[81].iov_len = 1;
        iov[82].iov_base = (void *)"\x61"; iov[82].iov_len = 1;
        iov[83].iov_base = (void *)"\x61"; iov[83].iov_len = 1;
        iov[84].iov_base = (void *)"\x61"; iov[84].iov_len = 1;
        iov[85].iov_base = (void *)"\x61"; iov[85].iov_len = 1;
        iov[86].iov_base = (void *)"\x61"; iov[86].iov_len = 1;
        iov[87].iov_base = (void *)"\x61"; iov[87].iov_len = 1;
        iov[88].iov_base = (void *)"\x61"; iov[88].iov_len = 1;
        iov[89].iov_base = (void *)"\x61"; iov[89].iov_len = 1;
        iov[90].iov_base = (void *)"\x61"; iov[90].iov_len = 1;
        iov[91].iov_base = (void *)"\x61"; iov[91].iov_len = 1;
        iov[92].iov_base = (void *)"\x61"; iov[92].iov_len = 1;
        iov[93].iov_base = (void *)"\x61"; iov[93].iov_len = 1;
        iov[94].iov_base = (void *)"\x61"; iov[94].iov_len = 1;
        iov[95].iov_base = (void *)"\x61"; iov[95].iov_len = 1;
        iov[96].iov_base = (void *)"\x61"; iov[96].iov_len = 1;
        iov[97].iov_base = (void *)"\x61"; iov[97].iov_len = 1;
        iov[98].iov_base = (void *)"\x61"; iov[98].iov_len = 1;
        iov[99].iov_base = (void *)"\x61"; iov[99].iov_len = 1;
        iov[100].iov_base = (void *)"\x61"; iov[100].iov_len = 1;
        iov[101].iov_base = (void *)"\x61"; iov[101].iov_len = 1;
        iov[102].iov_base = (void *)"\x61"; iov[102].iov_len = 1;
        iov[103].iov_base = (void *)"\x61"; iov[103].iov_len = 1;
        iov[104].iov_base = (void *)"\x61"; iov[104].iov_len = 1;
        iov[105].iov_base = (void *)"\x61"; iov[105].iov_len = 1;
        iov[106].iov_base = (void *)"\x61"; iov[106].iov_len = 1;
        iov[107].iov_base = (void *)"\x61"; iov[107].iov_len = 1;
        iov[108].iov_base = (void *)"\x61"; iov[108].iov_len = 1;
        iov[109].iov_base = (void *)"\x61"; iov[109].iov_len = 1;
        iov[110].iov_base = (void *)"\x61"; iov[110].iov_len = 1;
        iov[111].iov_base = (void *)"\x61"; iov[111].iov_len = 1;
        iov[112].iov_base = (void *)"\x61"; iov[112].iov_len = 1;
        iov[113].iov_base = (void *)"\x61"; iov[113].iov_len = 1;
        iov[114].iov_base = (void *)"\x61"; iov[114].iov_len = 1;
        iov[115].iov_base = (void *)"\x61"; iov[115].iov_len = 1;
        iov[116].iov_base = (void *)"\x61"; iov[116].iov_len = 1;
        iov[117].iov_base = (void *)"\x61"; iov[117].iov_len = 1;
        iov[118].iov_base = (void *)"\x61"; iov[118].iov_len = 1;
        iov[119].iov_base = (void *)"\x61"; iov[119].iov_len = 1;
        iov[120].iov_base = (void *)"\x61"; iov[120].iov_len = 1;
        iov[121].iov_base = (void *)"\x61"; iov[121].iov_len = 1;
        iov[122].iov_base = (void *)"\x61"; iov[122].iov_len = 1;
        iov[123].iov_base = (void *)"\x61"; iov[123].iov_len = 1;
        iov[124].iov_base = (void *)"\x61"; iov[124].iov_len = 1;
        iov[125].iov_base = (void *)"\x61"; iov[125].iov_len = 1;
        iov[126].iov_base = (void *)"\x61"; iov[126].iov_len = 1;
        iov[127].iov_base = (void *)"\x61"; iov[127].iov_len = 1;
        iov[128].iov_base = (void *)"\x61"; iov[128].iov_len = 1;
        iov[129].iov_base = (void *)"\x61"; iov[129].iov_len = 1;
        iov[130].iov_base = (void *)"\x61"; iov[130].iov_len = 1;
        iov[131].iov_base = (void *)"\x61"; iov[131].iov_len = 1;
        iov[132].iov_base = (void *)"\x61"; iov[132].iov_len = 1;
        iov[133].iov_base = (void *)"\x61"; iov[133].iov_len = 1;
        iov[134].iov_base = (void *)"\x61"; iov[134].iov_len = 1;
        iov[135].iov_base = (void *)"\x61"; iov[135].iov_len = 1;
        iov[136].iov_base = (void *)"\x61"; iov[136].iov_len = 1;
        iov[137].iov_base = (void *)"\x61"; iov[137].iov_len = 1;
        iov[138].iov_base = (void *)"\x61"; iov[138].iov_len = 1;
        iov[139].iov_base = (void *)"\x61"; iov[139].iov_len = 1;
        iov[140].iov_base = (void *)"\x61"; iov[140].iov_len = 1;
        iov[141].iov_base = (void *)"\x61"; iov[141].iov_len = 1;
        iov[142].iov_base = (void *)"\x61"; iov[142].iov_len = 1;
        iov[143].iov_base = (void *)"\x61"; iov[143].iov_len = 1;
        iov[144].iov_base = (void *)"\x61"; iov[144].iov_len = 1;
        iov[145].iov_base = (void *)"\x61"; iov[145].iov_len = 1;
        iov[146].iov_base = (void *)"\x61"; iov[146].iov_len = 1;
        iov[147].iov_base = (void *)"\x61"; iov[147].iov_len = 1;
        iov[148].iov_base = (void *)"\x61"; iov[148].iov_len = 1;
        iov[149].iov_base = (void *)"\x61"; iov[149].iov_len = 1;
        iov[150].iov_base = (void *)"\x61"; iov[150].iov_len = 1;
        iov[151].iov_base = (void *)"\x61"; iov[151].iov_len = 1;
        iov[152].iov_base = (void *)"\x61"; iov[152].iov_len = 1;
        iov[153].iov_base = (void *)"\x61"; iov[153].iov_len = 1;
        iov[154].iov_base = (void *)"\x61"; iov[154].iov_len = 1;
        iov[155].iov_base = (void *)"\x61"; iov[155].iov_len = 1;
        iov[156].iov_base = (void *)"\x61"; iov[156].iov_len = 1;
        iov[157].iov_base = (void *)"\x61"; iov[157].iov_len = 1;
        iov[158].iov_base = (void *)"\x61"; iov[158].iov_len = 1;
        iov[159].iov_base = (void *)"\x61"; iov[159].iov_len = 1;
        iov[160].iov_base = (void *)"\x61"; iov[160].iov_len = 1;
        iov[161].iov_base = (void *)"\x61"; iov[161].iov_len = 1;
        iov[162].iov_base = (void *)"\x61"; iov[162].iov_len = 1;
        iov[163].iov_base = (void *)"\x61"; iov[163].iov_len = 1;
        iov[164].iov_base = (void *)"\x61"; iov[164].iov_len = 1;
        iov[165].iov_base = (void *)"\x61"; iov[165].iov_len = 1;
        iov[166].iov_base = (void *)"\x61"; iov[166].iov_len = 1;
        iov[167].iov_base = (void *)"\x61"; iov[167].iov_len = 1;
        iov[168].iov_base = (void *)"\x61"; iov[168].iov_len = 1;
        iov[169].iov_base = (void *)"\x61"; iov[169].iov_len = 1;
        iov[170].iov_base = (void *)"\x61"; iov[170].iov_len = 1;
        iov[171].iov_base = (void *)"\x61"; iov[171].iov_len = 1;
        iov[172].iov_base = (void *)"\x61"; iov[172].iov_len = 1;
        iov[173].iov_base = (void *)"\x61"; iov[173].iov_len = 1;
        iov[174].iov_base = (void *)"\x61"; iov[174].iov_len = 1;
        iov[175].iov_base = (void *)"\x61"; iov[175].iov_len = 1;
        iov[176].iov_base = (void *)"\x61"; iov[176].iov_len = 1;
        iov[177].iov_base = (void *)"\x61"; iov[177].iov_len = 1;
        iov[178].iov_base = (void *)"\x61"; iov[178].iov_len = 1;
        iov[179].iov_base = (void *)"\x61"; iov[179].iov_len = 1;
        iov[180].iov_base = (void *)"\x61"; iov[180].iov_len = 1;
        iov[181].iov_base = (void *)"\x61"; iov[181].iov_len = 1;
        iov[182].iov_base = (void *)"\x61"; iov[182].iov_len = 1;
        iov[183].iov_base = (void *)"\x61"; iov[183].iov_len = 1;
        iov[184].iov_base = (void *)"\x61"; iov[184].iov_len = 1;
        iov[185].iov_base = (void *)"\x61"; iov[185].iov_len = 1;
        iov[186].iov_base = (void *)"\x61"; iov[186].iov_len = 1;
        iov[187].iov_base = (void *)"\x61"; iov[187].iov_len = 1;
        iov[188].iov_base = (void *)"\x61"; iov[188].iov_len = 1;
        iov[189].iov_base = (void *)"\x61"; iov[189].iov_len = 1;
        iov[190].iov_base = (void *)"\x61"; iov[190].iov_len = 1;
        iov[191].iov_base = (void *)"\x61"; iov[191].iov_len = 1;
        iov[192].iov_base = (void *)"\x61"; iov[192].iov_len = 1;
        iov[193].iov_base = (void *)"\x61"; iov[193].iov_len = 1;
        iov[194].iov_base = (void *)"\x61"; iov[194].iov_len = 1;
        iov[195].iov_base = (void *)"\x61"; iov[195].iov_len = 1;
        iov[196].iov_base = (void *)"\x61"; iov[196].iov_len = 1;
        iov[197].iov_base = (void *)"\x61"; iov[197].iov_len = 1;
        iov[198].iov_base = (void *)"\x61"; iov[198].iov_len = 1;
        iov[199].iov_base = (void *)"\x61"; iov[199].iov_len = 1;
        iov[200].iov_base = (void *)"\x61"; iov[200].iov_len = 1;
        iov[201].iov_base = (void *)"\x61"; iov[201].iov_len = 1;
        iov[202].iov_base = (void *)"\x61"; iov[202].iov_len = 1;
        iov[203].iov_base = (void *)"\x61"; iov[203].iov_len = 1;
        iov[204].iov_base = (void *)"\x61"; iov[204].iov_len = 1;
        iov[205].iov_base = (void *)"\x61"; iov[205].iov_len = 1;
        iov[206].iov_base = (void *)"\x61"; iov[206].iov_len = 1;
        iov[207].iov_base = (void *)"\x61"; iov[207].iov_len = 1;
        iov[208].iov_base = (void *)"\x61"; iov[208].iov_len = 1;
        iov[209].iov_base = (void *)"\x61"; iov[209].iov_len = 1;
        iov[210].iov_base = (void *)"\x61"; iov[210].iov_len = 1;
        iov[211].iov_base = (void *)"\x61"; iov[211].iov_len = 1;
        iov[212].iov_base = (void *)"\x61"; iov[212].iov_len = 1;
        iov[213].iov_base = (void *)"\x61"; iov[213].iov_len = 1;
        iov[214].iov_base = (void *)"\x61"; iov[214].iov_len = 1;
        iov[215].iov_base = (void *)"\x61"; iov[215].iov_len = 1;
        iov[216].iov_base = (void *)"\x61"; iov[216].iov_len = 1;
        iov[217].iov_base = (void *)"\x61"; iov[217].iov_len = 1;
        iov[218].iov_base = (void *)"\x61"; iov[218].iov_len = 1;
        iov[219].iov_base = (void *)"\x61"; iov[219].iov_len = 1;
        iov[220].iov_base = (void *)"\x61"; iov[220].iov_len = 1;
        iov[221].iov_base = (void *)"\x61"; iov[221].iov_len = 1;
        iov[222].iov_base = (void *)"\x61"; iov[222].iov_len = 1;
        iov[223].iov_base = (void *)"\x61"; iov[223].iov_len = 1;
        iov[224].iov_base = (void *)"\x61"; iov[224].iov_len = 1;
        iov[225].iov_base = (void *)"\x61"; iov[225].iov_len = 1;
        iov[226].iov_base = (void *)"\x61"; iov[226].iov_len = 1;
        iov[227].iov_base = (void *)"\x61"; iov[227].iov_len = 1;
        iov[228].iov_base = (void *)"\x61"; iov[228].iov_len = 1;
        iov[229].iov_base = (void *)"\x61"; iov[229].iov_len = 1;
        iov[230].iov_base = (void *)"\x61"; iov[230].iov_len = 1;
        iov[231].iov_base = (void *)"\x61"; iov[231].iov_len = 1;
        iov[232].iov_base = (void *)"\x61"; iov[232].iov_len = 1;
        iov[233].iov_base = (void *)"\x61"; iov[233].iov_len = 1;
        iov[234].iov_base = (void *)"\x61"; iov[234].iov_len = 1;
        iov[235].iov_base = (void *)"\x61"; iov[235].iov_len = 1;
        iov[236].iov_base = (void *)"\x61"; iov[236].iov_len = 1;
        iov[237].iov_base = (void *)"\x61"; iov[237].iov_len = 1;
        iov[238].iov_base = (void *)"\x61"; iov[238].iov_len = 1;
        iov[239].iov_base = (void *)"\x61"; iov[239].iov_len = 1;
        iov[240].iov_base = (void *)"\x61"; iov[240].iov_len = 1;
        iov[241].iov_base = (void *)"\x61"; iov[241].iov_len = 1;
        iov[242].iov_base = (void *)"\x61"; iov[242].iov_len = 1;
        iov[243].iov_base = (void *)"\x61"; iov[243].iov_len = 1;
        iov[244].iov_base = (void *)"\x61"; iov[244].iov_len = 1;
        iov[245].iov_base = (void *)"\x61"; iov[245].iov_len = 1;
        iov[246].iov_base = (void *)"\x61"; iov[246].iov_len = 1;
        iov[247].iov_base = (void *)"\x61"; iov[247].iov_len = 1;
        iov[248].iov_base = (void *)"\x61"; iov[248].iov_len = 1;
        iov[249].iov_base = (void *)"\x61"; iov[249].iov_len = 1;
        iov[250].iov_base = (void *)"\x61"; iov[250].iov_len = 1;
        iov[251].iov_base = (void *)"\x61"; iov[251].iov_len = 1;
        iov[252].iov_base = (void *)"\x61"; iov[252].iov_len = 1;
        iov[253].iov_base = (void *)"\x61"; iov[253].iov_len = 1;
        iov[254].iov_base = (void *)"\x61"; iov[254].iov_len = 1;
        iov[255].iov_base = (void *)"\x61"; iov[255].iov_len = 1;
        iov[256].iov_base = (void *)"\x61"; iov[256].iov_len = 1;
        iov[257].iov_base = (void *)"\x61"; iov[257].iov_len = 1;
        iov[258].iov_base = (void *)"\x61"; iov[258].iov_len = 1;
        iov[259].iov_base = (void *)"\x61"; iov[259].iov_len = 1;
        iov[260].iov_base = (void *)"\x61"; iov[260].iov_len = 1;
        iov[261].iov_base = (void *)"\x61"; iov[261].iov_len = 1;
        iov[262].iov_base = (void *)"\x61"; iov[262].iov_len = 1;
        iov[263].iov_base = (void *)"\x61"; iov[263].iov_len = 1;
        iov[264].iov_base = (void *)"\x61"; iov[264].iov_len = 1;
        iov[265].iov_base = (void *)"\x61"; iov[265].iov_len = 1;
        iov[266].iov_base = (void *)"\x61"; iov[266].iov_len = 1;
        iov[267].iov_base = (void *)"\x61"; iov[267].iov_len = 1;
        iov[268].iov_base = (void *)"\x61"; iov[268].iov_len = 1;
        iov[269].iov_base = (void *)"\x61"; iov[269].iov_len = 1;
        iov[270].iov_base = (void *)"\x61"; iov[270].iov_len = 1;
        iov[271].iov_base = (void *)"\x61"; iov[271].iov_len = 1;
        iov[272].iov_base = (void *)"\x61"; iov[272].iov_len = 1;
        iov[273].iov_base = (void *)"\x61"; iov[273].iov_len = 1;
        iov[274].iov_base = (void *)"\x61"; iov[274].iov_len = 1;
        iov[275].iov_base = (void *)"\x61"; iov[275].iov_len = 1;
        iov[276].iov_base = (void *)"\x61"; iov[276].iov_len = 1;
        iov[277].iov_base = (void *)"\x61"; iov[277].iov_len = 1;
        iov[278].iov_base = (void *)"\x61"; iov[278].iov_len = 1;
        iov[279].iov_base = (void *)"\x61"; iov[279].iov_len = 1;
        iov[280].iov_base = (void *)"\x61"; iov[280].iov_len = 1;
        iov[281].iov_base = (void *)"\x61"; iov[281].iov_len = 1;
        iov[282].iov_base = (void *)"\x61"; iov[282].iov_len = 1;
        iov[283].iov_base = (void *)"\x61"; iov[283].iov_len = 1;
        iov[284].iov_base = (void *)"\x61"; iov[284].iov_len = 1;
        iov[285].iov_base = (void *)"\x61"; iov[285].iov_len = 1;
        iov[286].iov_base = (void *)"\x61"; iov[286].iov_len = 1;
        iov[287].iov_base = (void *)"\x61"; iov[287].iov_len = 1;
        iov[288].iov_base = (void *)"\x61"; iov[288].iov_len = 1;
        iov[289].iov_base = (void *)"\x61"; iov[289].iov_len = 1;
        iov[290].iov_base = (void *)"\x61"; iov[290].iov_len = 1;
        iov[291].iov_base = (void *)"\x61"; iov[291].iov_len = 1;
        iov[292].iov_base = (void *)"\x61"; iov[292].iov_len = 1;
        iov[293].iov_base = (void *)"\x61"; iov[293].iov_len = 1;
        iov[294].iov_base = (void *)"\x61"; iov[294].iov_len = 1;
        iov[295].iov_base = (void *)"\x61"; iov[295].iov_len = 1;
        iov[296].iov_base = (void *)"\x61"; iov[296].iov_len = 1;
        iov[297].iov_base = (void *)"\x61"; iov[297].iov_len = 1;
        iov[298].iov_base = (void *)"\x61"; iov[298].iov_len = 1;
        iov[299].iov_base = (void *)"\x61"; iov[299].iov_len = 1;
        iov[300].iov_base = (void *)"\x61"; iov[300].iov_len = 1;
        iov[301].iov_base = (void *)"\x61"; iov[301].iov_len = 1;
        iov[302].iov_base = (void *)"\x61"; iov[302].iov_len = 1;
        iov[303].iov_base = (void *)"\x61"; iov[303].iov_len = 1;
        iov[304].iov_base = (void *)"\x61"; iov[304].iov_len = 1;
        iov[305].iov_base = (void *)"\x61"; iov[305].iov_len = 1;
        iov[306].iov_base = (void *)"\x61"; iov[306].iov_len = 1;
        iov[307].iov_base = (void *)"\x61"; iov[307].iov_len = 1;
        iov[308].iov_base = (void *)"\x61"; iov[308].iov_len = 1;
        iov[309].iov_base = (void *)"\x61"; iov[309].iov_len = 1;
        iov[310].iov_base = (void *)"\x61"; iov[310].iov_len = 1;
        iov[311].iov_base = (void *)"\x61"; iov[311].iov_len = 1;
        iov[312].iov_base = (void *)"\x61"; iov[312].iov_len = 1;
        iov[313].iov_base = (void *)"\x61"; iov[313].iov_len = 1;
        iov[314].iov_base = (void *)"\x61"; iov[314].iov_len = 1;
        iov[315].iov_base = (void *)"\x61"; iov[315].iov_len = 1;
        iov[316].iov_base = (void *)"\x61"; iov[316].iov_len = 1;
        iov[317].iov_base = (void *)"\x61"; iov[317].iov_len = 1;
        iov[318].iov_base = (void *)"\x61"; iov[318].iov_len = 1;
        iov[319].iov_base = (void *)"\x61"; iov[319].iov_len = 1;
        iov[320].iov_base = (void *)"\x61"; iov[320].iov_len = 1;
        iov[321].iov_base = (void *)"\x61"; iov[321].iov_len = 1;
        iov[322].iov_base = (void *)"\x61"; iov[322].iov_len = 1;
        iov[323].iov_base = (void *)"\x61"; iov[323].iov_len = 1;
        iov[324].iov_base = (void *)"\x61"; iov[324].iov_len = 1;
        iov[325].iov_base = (void *)"\x61"; iov[325].iov_len = 1;
        iov[326].iov_base = (void *)"\x61"; iov[326].iov_len = 1;
        iov[327].iov_base = (void *)"\x61"; iov[327].iov_len = 1;
        iov[328].iov_base = (void *)"\x61"; iov[328].iov_len = 1;
        iov[329].iov_base = (void *)"\x61"; iov[329].iov_len = 1;
        iov[330].iov_base = (void *)"\x61"; iov[330].iov_len = 1;
        iov[331].iov_base = (void *)"\x61"; iov[331].iov_len = 1;
        iov[332].iov_base = (void *)"\x61"; iov[332].iov_len = 1;
        iov[333].iov_base = (void *)"\x61"; iov[333].iov_len = 1;
        iov[334].iov_base = (void *)"\x61"; iov[334].iov_len = 1;
        iov[335].iov_base = (void *)"\x61"; iov[335].iov_len = 1;
        iov[336].iov_base = (void *)"\x61"; iov[336].iov_len = 1;
        iov[337].iov_base = (void *)"\x61"; iov[337].iov_len = 1;
        iov[338].iov_base = (void *)"\x61"; iov[338].iov_len = 1;
        iov[339].iov_base = (void *)"\x61"; iov[339].iov_len = 1;
        iov[340].iov_base = (void *)"\x61"; iov[340].iov_len = 1;
        iov[341].iov_base = (void *)"\x61"; iov[341].iov_len = 1;
        iov[342].iov_base = (void *)"\x61"; iov[342].iov_len = 1;
        iov[343].iov_base = (void *)"\x61"; iov[343].iov_len = 1;
        iov[344].iov_base = (void *)"\x61"; iov[344].iov_len = 1;
        iov[345].iov_base = (void *)"\x61"; iov[345].iov_len = 1;
        iov[346].iov_base = (void *)"\x61"; iov[346].iov_len = 1;
        iov[347].iov_base = (void *)"\x61"; iov[347].iov_len = 1;
        iov[348].iov_base = (void *)"\x61"; iov[348].iov_len = 1;
        iov[349].iov_base = (void *)"\x61"; iov[349].iov_len = 1;
        iov[350].iov_base = (void *)"\x61"; iov[350].iov_len = 1;
        iov[351].iov_base = (void *)"\x61"; iov[351].iov_len = 1;
        iov[352].iov_base = (void *)"\x61"; iov[352].iov_len = 1;
        iov[353].iov_base = (void *)"\x61"; iov[353].iov_len = 1;
        iov[354].iov_base = (void *)"\x61"; iov[354].iov_len = 1;
        iov[355].iov_base = (void *)"\x61"; iov[355].iov_len = 1;
        iov[356].iov_base = (void *)"\x61"; iov[356].iov_len = 1;
        iov[357].iov_base = (void *)"\x61"; iov[357].iov_len = 1;
        iov[358].iov_base = (void *)"\x61"; iov[358].iov_len = 1;
        iov[359].iov_base = (void *)"\x61"; iov[359].iov_len = 1;
        iov[360].iov_base = (void *)"\x61"; iov[360].iov_len = 1;
        iov[361].iov_base = (void *)"\x61"; iov[361].iov_len = 1;
        iov[362].iov_base = (void *)"\x61"; iov[362].iov_len = 1;
        iov[363].iov_base = (void *)"\x61"; iov[363].iov_len = 1;
        iov[364].iov_base = (void *)"\x61"; iov[364].iov_len = 1;
        iov[365].iov_base = (void *)"\x61"; iov[365].iov_len = 1;
        iov[366].iov_base = (void *)"\x61"; iov[366].iov_len = 1;
        iov[367].iov_base = (void *)"\x61"; iov[367].iov_len = 1;
        iov[368].iov_base = (void *)"\x61"; iov[368].iov_len = 1;
        iov[369].iov_base = (void *)"\x61"; iov[369].iov_len = 1;
        iov[370].iov_base = (void *)"\x61"; iov[370].iov_len = 1;
        iov[371].iov_base = (void *)"\x61"; iov[371].iov_len = 1;
        iov[372].iov_base = (void *)"\x61"; iov[372].iov_len = 1;
        iov[373].iov_base = (void *)"\x61"; iov[373].iov_len = 1;
        iov[374].iov_base = (void *)"\x61"; iov[374].iov_len = 1;
        iov[375].iov_base = (void *)"\x61"; iov[375].iov_len = 1;
        iov[376].iov_base = (void *)"\x61"; iov[376].iov_len = 1;
        iov[377].iov_base = (void *)"\x61"; iov[377].iov_len = 1;
        iov[378].iov_base = (void *)"\x61"; iov[378].iov_len = 1;
        iov[379].iov_base = (void *)"\x61"; iov[379].iov_len = 1;
        iov[380].iov_base = (void *)"\x61"; iov[380].iov_len = 1;
        iov[381].iov_base = (void *)"\x61"; iov[381].iov_len = 1;
        iov[382].iov_base = (void *)"\x61"; iov[382].iov_len = 1;
        iov[383].iov_base = (void *)"\x61"; iov[383].iov_len = 1;
        iov[384].iov_base = (void *)"\x61"; iov[384].iov_len = 1;
        iov[385].iov_base = (void *)"\x61"; iov[385].iov_len = 1;
        iov[386].iov_base = (void *)"\x61"; iov[386].iov_len = 1;
        iov[387].iov_base = (void *)"\x61"; iov[387].iov_len = 1;
        iov[388].iov_base = (void *)"\x61"; iov[388].iov_len = 1;
        iov[389].iov_base = (void *)"\x61"; iov[389].iov_len = 1;
        iov[390].iov_base = (void *)"\x61"; iov[390].iov_len = 1;
        iov[391].iov_base = (void *)"\x61"; iov[391].iov_len = 1;
        iov[392].iov_base = (void *)"\x61"; iov[392].iov_len = 1;
        iov[393].iov_base = (void *)"\x61"; iov[393].iov_len = 1;
        iov[394].iov_base = (void *)"\x61"; iov[394].iov_len = 1;
        iov[395].iov_base = (void *)"\x61"; iov[395].iov_len = 1;
        iov[396].iov_base = (void *)"\x61"; iov[396].iov_len = 1;
        iov[397].iov_base = (void *)"\x61"; iov[397].iov_len = 1;
        iov[398].iov_base = (void *)"\x61"; iov[398].iov_len = 1;
        iov[399].iov_base = (void *)"\x61"; iov[399].iov_len = 1;
        iov[400].iov_base = (void *)"\x61"; iov[400].iov_len = 1;
        iov[401].iov_base = (void *)"\x61"; iov[401].iov_len = 1;
        iov[402].iov_base = (void *)"\x61"; iov[402].iov_len = 1;
        iov[403].iov_base = (void *)"\x61"; iov[403].iov_len = 1;
        iov[404].iov_base = (void *)"\x61"; iov[404].iov_len = 1;
        iov[405].iov_base = (void *)"\x61"; iov[405].iov_len = 1;
        iov[406].iov_base = (void *)"\x61"; iov[406].iov_len = 1;
        iov[407].iov_base = (void *)"\x61"; iov[407].iov_len = 1;
        iov[408].iov_base = (void *)"\x61"; iov[408].iov_len = 1;
        iov[409].iov_base = (void *)"\x61"; iov[409].iov_len = 1;
        iov[410].iov_base = (void *)"\x61"; iov[410].iov_len = 1;
        iov[411].iov_base = (void *)"\x61"; iov[411].iov_len = 1;
        iov[412].iov_base = (void *)"\x61"; iov[412].iov_len = 1;
        iov[413].iov_base = (void *)"\x61"; iov[413].iov_len = 1;
        iov[414].iov_base = (void *)"\x61"; iov[414].iov_len = 1;
        iov[415].iov_base = (void *)"\x61"; iov[415].iov_len = 1;
        iov[416].iov_base = (void *)"\x61"; iov[416].iov_len = 1;
        iov[417].iov_base = (void *)"\x61"; iov[417].iov_len = 1;
        iov[418].iov_base = (void *)"\x61"; iov[418].iov_len = 1;
        iov[419].iov_base = (void *)"\x61"; iov[419].iov_len = 1;
        iov[420].iov_base = (void *)"\x61"; iov[420].iov_len = 1;
        iov[421].iov_base = (void *)"\x61"; iov[421].iov_len = 1;
        iov[422].iov_base = (void *)"\x61"; iov[422].iov_len = 1;
        iov[423].iov_base = (void *)"\x61"; iov[423].iov_len = 1;
        iov[424].iov_base = (void *)"\x61"; iov[424].iov_len = 1;
        iov[425].iov_base = (void *)"\x61"; iov[425].iov_len = 1;
        iov[426].iov_base = (void *)"\x61"; iov[426].iov_len = 1;
        iov[427].iov_base = (void *)"\x61"; iov[427].iov_len = 1;
        iov[428].iov_base = (void *)"\x61"; iov[428].iov_len = 1;
        iov[429].iov_base = (void *)"\x61"; iov[429].iov_len = 1;
        iov[430].iov_base = (void *)"\x61"; iov[430].iov_len = 1;
        iov[431].iov_base = (void *)"\x61"; iov[431].iov_len = 1;
        iov[432].iov_base = (void *)"\x61"; iov[432].iov_len = 1;
        iov[433].iov_base = (void *)"\x61"; iov[433].iov_len = 1;
        iov[434].iov_base = (void *)"\x61"; iov[434].iov_len = 1;
        iov[435].iov_base = (void *)"\x61"; iov[435].iov_len = 1;
        iov[436].iov_base = (void *)"\x61"; iov[436].iov_len = 1;
        iov[437].iov_base = (void *)"\x61"; iov[437].iov_len = 1;
        iov[438].iov_base = (void *)"\x61"; iov[438].iov_len = 1;
        iov[439].iov_base = (void *)"\x61"; iov[439].iov_len = 1;
        iov[440].iov_base = (void *)"\x61"; iov[440].iov_len = 1;
        iov[441].iov_base = (void *)"\x61"; iov[441].iov_len = 1;
        iov[442].iov_base = (void *)"\x61"; iov[442].iov_len = 1;
        iov[443].iov_base = (void *)"\x61"; iov[443].iov_len = 1;
        iov[444].iov_base = (void *)"\x61"; iov[444].iov_len = 1;
        iov[445].iov_base = (void *)"\x61"; iov[445].iov_len = 1;
        iov[446].iov_base = (void *)"\x61"; iov[446].iov_len = 1;
        iov[447].iov_base = (void *)"\x61"; iov[447].iov_len = 1;
        iov[448].iov_base = (void *)"\x61"; iov[448].iov_len = 1;
        iov[449].iov_base = (void *)"\x61"; iov[449].iov_len = 1;
        iov[450].iov_base = (void *)"\x61"; iov[450].iov_len = 1;
        iov[451].iov_base = (void *)"\x61"; iov[451].iov_len = 1;
        iov[452].iov_base = (void *)"\x61"; iov[452].iov_len = 1;
        iov[453].iov_base = (void *)"\x61"; iov[453].iov_len = 1;
        iov[454].iov_base = (void *)"\x61"; iov[454].iov_len = 1;
        iov[455].iov_base = (void *)"\x61"; iov[455].iov_len = 1;
        iov[456].iov_base = (void *)"\x61"; iov[456].iov_len = 1;
        iov[457].iov_base = (void *)"\x61"; iov[457].iov_len = 1;
        iov[458].iov_base = (void *)"\x61"; iov[458].iov_len = 1;
        iov[459].iov_base = (void *)"\x61"; iov[459].iov_len = 1;
        iov[460].iov_base = (void *)"\x61"; iov[460].iov_len = 1;
        iov[461].iov_base = (void *)"\x61"; iov[461].iov_len = 1;
        iov[462].iov_base = (void *)"\x61"; iov[462].iov_len = 1;
        iov[463].iov_base = (void *)"\x61"; iov[463].iov_len = 1;
        iov[464].iov_base = (void *)"\x61"; iov[464].iov_len = 1;
        iov[465].iov_base = (void *)"\x61"; iov[465].iov_len = 1;
        iov[466].iov_base = (void *)"\x61"; iov[466].iov_len = 1;
        iov[467].iov_base = (void *)"\x61"; iov[467].iov_len = 1;
        iov[468].iov_base = (void *)"\x61"; iov[468].iov_len = 1;
        iov[469].iov_base = (void *)"\x61"; iov[469].iov_len = 1;
        iov[470].iov_base = (void *)"\x61"; iov[470].iov_len = 1;
        iov[471].iov_base = (void *)"\x61"; iov[471].iov_len = 1;
        iov[472].iov_base = (void *)"\x61"; iov[472].iov_len = 1;
        iov[473].iov_base = (void *)"\x61"; iov[473].iov_len = 1;
        iov[474].iov_base = (void *)"\x61"; iov[474].iov_len = 1;
        iov[475].iov_base = (void *)"\x61"; iov[475].iov_len = 1;
        iov[476].iov_base = (void *)"\x61"; iov[476].iov_len = 1;
        iov[477].iov_base = (void *)"\x61"; iov[477].iov_len = 1;
        iov[478].iov_base = (void *)"\x61"; iov[478].iov_len = 1;
        iov[479].iov_base = (void *)"\x61"; iov[479].iov_len = 1;
        iov[480].iov_base = (void *)"\x61"; iov[480].iov_len = 1;
        iov[481].iov_base = (void *)"\x61"; iov[481].iov_len = 1;
        iov[482].iov_base = (void *)"\x61"; iov[482].iov_len = 1;
        iov[483].iov_base = (void *)"\x61"; iov[483].iov_len = 1;
        iov[484].iov_base = (void *)"\x61"; iov[484].iov_len = 1;
        iov[485].iov_base = (void *)"\x61"; iov[485].iov_len = 1;
        iov[486].iov_base = (void *)"\x61"; iov[486].iov_len = 1;
        iov[487].iov_base = (void *)"\x61"; iov[487].iov_len = 1;
        iov[488].iov_base = (void *)"\x61"; iov[488].iov_len = 1;
        iov[489].iov_base = (void *)"\x61"; iov[489].iov_len = 1;
        iov[490].iov_base = (void *)"\x61"; iov[490].iov_len = 1;
        iov[491].iov_base = (void *)"\x61"; iov[491].iov_len = 1;
        iov[492].iov_base = (void *)"\x61"; iov[492].iov_len = 1;
        iov[493].iov_base = (void *)"\x61"; iov[493].iov_len = 1;
        iov[494].iov_base = (void *)"\x61"; iov[494].iov_len = 1;
        iov[495].iov_base = (void *)"\x61"; iov[495].iov_len = 1;
        iov[496].iov_base = (void *)"\x61"; iov[496].iov_len = 1;
        iov[497].iov_base = (void *)"\x61"; iov[497].iov_len = 1;
        iov[498].iov_base = (void *)"\x61"; iov[498].iov_len = 1;
        iov[499].iov_base = (void *)"\x61"; iov[499].iov_len = 1;
        iov[500].iov_base = (void *)"\x61"; iov[500].iov_len = 1;
        iov[501].iov_base = (void *)"\x61"; iov[501].iov_len = 1;
        iov[502].iov_base = (void *)"\x61"; iov[502].iov_len = 1;
        iov[503].iov_base = (void *)"\x61"; iov[503].iov_len = 1;
        iov[504].iov_base = (void *)"\x61"; iov[504].iov_len = 1;
        iov[505].iov_base = (void *)"\x61"; iov[505].iov_len = 1;
        iov[506].iov_base = (void *)"\x61"; iov[506].iov_len = 1;
        iov[507].iov_base = (void *)"\x61"; iov[507].iov_len = 1;
        iov[508].iov_base = (void *)"\x61"; iov[508].iov_len = 1;
        iov[509].iov_base = (void *)"\x61"; iov[509].iov_len = 1;
        iov[510].iov_base = (void *)"\x61"; iov[510].iov_len = 1;
        iov[511].iov_base = (void *)"\x61"; iov[511].iov_len = 1;
        iov[512].iov_base = (void *)"\x61"; iov[512].iov_len = 1;
        iov[513].iov_base = (void *)"\x61"; iov[513].iov_len = 1;
        iov[514].iov_base = (void *)"\x61"; iov[514].iov_len = 1;
        iov[515].iov_base = (void *)"\x61"; iov[515].iov_len = 1;
        iov[516].iov_base = (void *)"\x61"; iov[516].iov_len = 1;
        iov[517].iov_base = (void *)"\x61"; iov[517].iov_len = 1;
        iov[518].iov_base = (void *)"\x61"; iov[518].iov_len = 1;
        iov[519].iov_base = (void *)"\x61"; iov[519].iov_len = 1;
        iov[520].iov_base = (void *)"\x61"; iov[520].iov_len = 1;
        iov[521].iov_base = (void *)"\x61"; iov[521].iov_len = 1;
        iov[522].iov_base = (void *)"\x61"; iov[522].iov_len = 1;
        iov[523].iov_base = (void *)"\x61"; iov[523].iov_len = 1;
        iov[524].iov_base = (void *)"\x61"; iov[524].iov_len = 1;
        iov[525].iov_base = (void *)"\x61"; iov[525].iov_len = 1;
        iov[526].iov_base = (void *)"\x61"; iov[526].iov_len = 1;
        iov[527].iov_base = (void *)"\x61"; iov[527].iov_len = 1;
        iov[528].iov_base = (void *)"\x61"; iov[528].iov_len = 1;
        iov[529].iov_base = (void *)"\x61"; iov[529].iov_len = 1;
        iov[530].iov_base = (void *)"\x61"; iov[530].iov_len = 1;
        iov[531].iov_base = (void *)"\x61"; iov[531].iov_len = 1;
        iov[532].iov_base = (void *)"\x61"; iov[532].iov_len = 1;
        iov[533].iov_base = (void *)"\x61"; iov[533].iov_len = 1;
        iov[534].iov_base = (void *)"\x61"; iov[534].iov_len = 1;
        iov[535].iov_base = (void *)"\x61"; iov[535].iov_len = 1;
        iov[536].iov_base = (void *)"\x61"; iov[536].iov_len = 1;
        iov[537].iov_base = (void *)"\x61"; iov[537].iov_len = 1;
        iov[538].iov_base = (void *)"\x61"; iov[538].iov_len = 1;
        iov[539].iov_base = (void *)"\x61"; iov[539].iov_len = 1;
        iov[540].iov_base = (void *)"\x61"; iov[540].iov_len = 1;
        iov[541].iov_base = (void *)"\x61"; iov[541].iov_len = 1;
        iov[542].iov_base = (void *)"\x61"; iov[542].iov_len = 1;
        iov[543].iov_base = (void *)"\x61"; iov[543].iov_len = 1;
        iov[544].iov_base = (void *)"\x61"; iov[544].iov_len = 1;
        iov[545].iov_base = (void *)"\x61"; iov[545].iov_len = 1;
        iov[546].iov_base = (void *)"\x61"; iov[546].iov_len = 1;
        iov[547].iov_base = (void *)"\x61"; iov[547].iov_len = 1;
        iov[548].iov_base = (void *)"\x61"; iov[548].iov_len = 1;
        iov[549].iov_base = (void *)"\x61"; iov[549].iov_len = 1;
        iov[550].iov_base = (void *)"\x61"; iov[550].iov_len = 1;
        iov[551].iov_base = (void *)"\x61"; iov[551].iov_len = 1;
        iov[552].iov_base = (void *)"\x61"; iov[552].iov_len = 1;
        iov[553].iov_base = (void *)"\x61"; iov[553].iov_len = 1;
        iov[554].iov_base = (void *)"\x61"; iov[554].iov_len = 1;
        iov[555].iov_base = (void *)"\x61"; iov[555].iov_len = 1;
        iov[556].iov_base = (void *)"\x61"; iov[556].iov_len = 1;
        iov[557].iov_base = (void *)"\x61"; iov[557].iov_len = 1;
        iov[558].iov_base = (void *)"\x61"; iov[558].iov_len = 1;
        iov[559].iov_base = (void *)"\x61"; iov[559].iov_len = 1;
        iov[560].iov_base = (void *)"\x61"; iov[560].iov_len = 1;
        iov[561].iov_base = (void *)"\x61"; iov[561].iov_len = 1;
        iov[562].iov_base = (void *)"\x61"; iov[562].iov_len = 1;
        iov[563].iov_base = (void *)"\x61"; iov[563].iov_len = 1;
        iov[564].iov_base = (void *)"\x61"; iov[564].iov_len = 1;
        iov[565].iov_base = (void *)"\x61"; iov[565].iov_len = 1;
        iov[566].iov_base = (void *)"\x61"; iov[566].iov_len = 1;
        iov[567].iov_base = (void *)"\x61"; iov[567].iov_len = 1;
        iov[568].iov_base = (void *)"\x61"; iov[568].iov_len = 1;
        iov[569].iov_base = (void *)"\x61"; iov[569].iov_len = 1;
        iov[570].iov_base = (void *)"\x61"; iov[570].iov_len = 1;
        iov[571].iov_base = (void *)"\x61"; iov[571].iov_len = 1;
        iov[572].iov_base = (void *)"\x61"; iov[572].iov_len = 1;
        iov[573].iov_base = (void *)"\x61"; iov[573].iov_len = 1;
        iov[574].iov_base = (void *)"\x61"; iov[574].iov_len = 1;
        iov[575].iov_base = (void *)"\x61"; iov[575].iov_len = 1;
        iov[576].iov_base = (void *)"\x61"; iov[576].iov_len = 1;
        iov[577].iov_base = (void *)"\x61"; iov[577].iov_len = 1;
        iov[578].iov_base = (void *)"\x61"; iov[578].iov_len = 1;
        iov[579].iov_base = (void *)"\x61"; iov[579].iov_len = 1;
        iov[580].iov_base = (void *)"\x61"; iov[580].iov_len = 1;
        iov[581].iov_base = (void *)"\x61"; iov[581].iov_len = 1;
        iov[582].iov_base = (void *)"\x61"; iov[582].iov_len = 1;
        iov[583].iov_base = (void *)"\x61"; iov[583].iov_len = 1;
        iov[584].iov_base = (void *)"\x61"; iov[584].iov_len = 1;
        iov[585].iov_base = (void *)"\x61"; iov[585].iov_len = 1;
        iov[586].iov_base = (void *)"\x61"; iov[586].iov_len = 1;
        iov[587].iov_base = (void *)"\x61"; iov[587].iov_len = 1;
        iov[588].iov_base = (void *)"\x61"; iov[588].iov_len = 1;
        iov[589].iov_base = (void *)"\x61"; iov[589].iov_len = 1;
        iov[590].iov_base = (void *)"\x61"; iov[590].iov_len = 1;
        iov[591].iov_base = (void *)"\x61"; iov[591].iov_len = 1;
        iov[592].iov_base = (void *)"\x61"; iov[592].iov_len = 1;
        iov[593].iov_base = (void *)"\x61"; iov[593].iov_len = 1;
        iov[594].iov_base = (void *)"\x61"; iov[594].iov_len = 1;
        iov[595].iov_base = (void *)"\x61"; iov[595].iov_len = 1;
        iov[596].iov_base = (void *)"\x61"; iov[596].iov_len = 1;
        iov[597].iov_base = (void *)"\x61"; iov[597].iov_len = 1;
        iov[598].iov_base = (void *)"\x61"; iov[598].iov_len = 1;
        iov[599].iov_base = (void *)"\x61"; iov[599].iov_len = 1;
        iov[600].iov_base = (void *)"\x61"; iov[600].iov_len = 1;
        iov[601].iov_base = (void *)"\x61"; iov[601].iov_len = 1;
        iov[602].iov_base = (void *)"\x61"; iov[602].iov_len = 1;
        iov[603].iov_base = (void *)"\x61"; iov[603].iov_len = 1;
        iov[604].iov_base = (void *)"\x61"; iov[604].iov_len = 1;
        iov[605].iov_base = (void *)"\x61"; iov[605].iov_len = 1;
        iov[606].iov_base = (void *)"\x61"; iov[606].iov_len = 1;
        iov[607].iov_base = (void *)"\x61"; iov[607].iov_len = 1;
        iov[608].iov_base = (void *)"\x61"; iov[608].iov_len = 1;
        iov[609].iov_base = (void *)"\x61"; iov[609].iov_len = 1;
        iov[610].iov_base = (void *)"\x61"; iov[610].iov_len = 1;
        iov[611].iov_base = (void *)"\x61"; iov[611].iov_len = 1;
        iov[612].iov_base = (void *)"\x61"; iov[612].iov_len = 1;
        iov[613].iov_base = (void *)"\x61"; iov[613].iov_len = 1;
        iov[614].iov_base = (void *)"\x61"; iov[614].iov_len = 1;
        iov[615].iov_base = (void *)"\x61"; iov[615].iov_len = 1;
        iov[616].iov_base = (void *)"\x61"; iov[616].iov_len = 1;
        iov[617].iov_base = (void *)"\x61"; iov[617].iov_len = 1;
        iov[618].iov_base = (void *)"\x61"; iov[618].iov_len = 1;
        iov[619].iov_base = (void *)"\x61"; iov[619].iov_len = 1;
        iov[620].iov_base = (void *)"\x61"; iov[620].iov_len = 1;
        iov[621].iov_base = (void *)"\x61"; iov[621].iov_len = 1;
        iov[622].iov_base = (void *)"\x61"; iov[622].iov_len = 1;
        iov[623].iov_base = (void *)"\x61"; iov[623].iov_len = 1;
        iov[624].iov_base = (void *)"\x61"; iov[624].iov_len = 1;
        iov[625].iov_base = (void *)"\x61"; iov[625].iov_len = 1;
        iov[626].iov_base = (void *)"\x61"; iov[626].iov_len = 1;
        iov[627].iov_base = (void *)"\x61"; iov[627].iov_len = 1;
        iov[628].iov_base = (void *)"\x61"; iov[628].iov_len = 1;
        iov[629].iov_base = (void *)"\x61"; iov[629].iov_len = 1;
        iov[630].iov_base = (void *)"\x61"; iov[630].iov_len = 1;
        iov[631].iov_base = (void *)"\x61"; iov[631].iov_len = 1;
        iov[632].iov_base = (void *)"\x61"; iov[632].iov_len = 1;
        iov[633].iov_base = (void *)"\x61"; iov[633].iov_len = 1;
        iov[634].iov_base = (void *)"\x61"; iov[634].iov_len = 1;
        iov[635].iov_base = (void *)"\x61"; iov[635].iov_len = 1;
        iov[636].iov_base = (void *)"\x61"; iov[636].iov_len = 1;
        iov[637].iov_base = (void *)"\x61"; iov[637].iov_len = 1;
        iov[638].iov_base = (void *)"\x61"; iov[638].iov_len = 1;
        iov[639].iov_base = (void *)"\x61"; iov[639].iov_len = 1;
        iov[640].iov_base = (void *)"\x61"; iov[640].iov_len = 1;
        iov[641].iov_base = (void *)"\x61"; iov[641].iov_len = 1;
        iov[642].iov_base = (void *)"\x61"; iov[642].iov_len = 1;
        iov[643].iov_base = (void *)"\x61"; iov[643].iov_len = 1;
        iov[644].iov_base = (void *)"\x61"; iov[644].iov_len = 1;
        iov[645].iov_base = (void *)"\x61"; iov[645].iov_len = 1;
        iov[646].iov_base = (void *)"\x61"; iov[646].iov_len = 1;
        iov[647].iov_base = (void *)"\x61"; iov[647].iov_len = 1;
        iov[648].iov_base = (void *)"\x61"; iov[648].iov_len = 1;
        iov[649].iov_base = (void *)"\x61"; iov[649].iov_len = 1;
        iov[650].iov_base = (void *)"\x61"; iov[650].iov_len = 1;
        iov[651].iov_base = (void *)"\x61"; iov[651].iov_len = 1;
        iov[652].iov_base = (void *)"\x61"; iov[652].iov_len = 1;
        iov[653].iov_base = (void *)"\x61"; iov[653].iov_len = 1;
        iov[654].iov_base = (void *)"\x61"; iov[654].iov_len = 1;
        iov[655].iov_base = (void *)"\x61"; iov[655].iov_len = 1;
        iov[656].iov_base = (void *)"\x61"; iov[656].iov_len = 1;
        iov[657].iov_base = (void *)"\x61"; iov[657].iov_len = 1;
        iov[658].iov_base = (void *)"\x61"; iov[658].iov_len = 1;
        iov[659].iov_base = (void *)"\x61"; iov[659].iov_len = 1;
        iov[660].iov_base = (void *)"\x61"; iov[660].iov_len = 1;
        iov[661].iov_base = (void *)"\x61"; iov[661].iov_len = 1;
        iov[662].iov_base = (void *)"\x61"; iov[662].iov_len = 1;
        iov[663].iov_base = (void *)"\x61"; iov[663].iov_len = 1;
        iov[664].iov_base = (void *)"\x61"; iov[664].iov_len = 1;
        iov[665].iov_base = (void *)"\x61"; iov[665].iov_len = 1;
        iov[666].iov_base = (void *)"\x61"; iov[666].iov_len = 1;
        iov[667].iov_base = (void *)"\x61"; iov[667].iov_len = 1;
        iov[668].iov_base = (void *)"\x61"; iov[668].iov_len = 1;
        iov[669].iov_base = (void *)"\x61"; iov[669].iov_len = 1;
        iov[670].iov_base = (void *)"\x61"; iov[670].iov_len = 1;
        iov[671].iov_base = (void *)"\x61"; iov[671].iov_len = 1;
        iov[672].iov_base = (void *)"\x61"; iov[672].iov_len = 1;
        iov[673].iov_base = (void *)"\x61"; iov[673].iov_len = 1;
        iov[674].iov_base = (void *)"\x61"; iov[674].iov_len = 1;
        iov[675].iov_base = (void *)"\x61"; iov[675].iov_len = 1;
        iov[676].iov_base = (void *)"\x61"; iov[676].iov_len = 1;
        iov[677].iov_base = (void *)"\x61"; iov[677].iov_len = 1;
        iov[678].iov_base = (void *)"\x61"; iov[678].iov_len = 1;
        iov[679].iov_base = (void *)"\x61"; iov[679].iov_len = 1;
        iov[680].iov_base = (void *)"\x61"; iov[680].iov_len = 1;
        iov[681].iov_base = (void *)"\x61"; iov[681].iov_len = 1;
        iov[682].iov_base = (void *)"\x61"; iov[682].iov_len = 1;
        iov[683].iov_base = (void *)"\x61"; iov[683].iov_len = 1;
        iov[684].iov_base = (void *)"\x61"; iov[684].iov_len = 1;
        iov[685].iov_base = (void *)"\x61"; iov[685].iov_len = 1;
        iov[686].iov_base = (void *)"\x61"; iov[686].iov_len = 1;
        iov[687].iov_base = (void *)"\x61"; iov[687].iov_len = 1;
        iov[688].iov_base = (void *)"\x61"; iov[688].iov_len = 1;
        iov[689].iov_base = (void *)"\x61"; iov[689].iov_len = 1;
        iov[690].iov_base = (void *)"\x61"; iov[690].iov_len = 1;
        iov[691].iov_base = (void *)"\x61"; iov[691].iov_len = 1;
        iov[692].iov_base = (void *)"\x61"; iov[692].iov_len = 1;
        iov[693].iov_base = (void *)"\x61"; iov[693].iov_len = 1;
        iov[694].iov_base = (void *)"\x61"; iov[694].iov_len = 1;
        iov[695].iov_base = (void *)"\x61"; iov[695].iov_len = 1;
        iov[696].iov_base = (void *)"\x61"; iov[696].iov_len = 1;
        iov[697].iov_base = (void *)"\x61"; iov[697].iov_len = 1;
        iov[698].iov_base = (void *)"\x61"; iov[698].iov_len = 1;
        iov[699].iov_base = (void *)"\x61"; iov[699].iov_len = 1;
        iov[700].iov_base = (void *)"\x61"; iov[700].iov_len = 1;
        iov[701].iov_base = (void *)"\x61"; iov[701].iov_len = 1;
        iov[702].iov_base = (void *)"\x61"; iov[702].iov_len = 1;
        iov[703].iov_base = (void *)"\x61"; iov[703].iov_len = 1;
        iov[704].iov_base = (void *)"\x61"; iov[704].iov_len = 1;
        iov[705].iov_base = (void *)"\x61"; iov[705].iov_len = 1;
        iov[706].iov_base = (void *)"\x61"; iov[706].iov_len = 1;
        iov[707].iov_base = (void *)"\x61"; iov[707].iov_len = 1;
        iov[708].iov_base = (void *)"\x61"; iov[708].iov_len = 1;
        iov[709].iov_base = (void *)"\x61"; iov[709].iov_len = 1;
        iov[710].iov_base = (void *)"\x61"; iov[710].iov_len = 1;
        iov[711].iov_base = (void *)"\x61"; iov[711].iov_len = 1;
        iov[712].iov_base = (void *)"\x61"; iov[712].iov_len = 1;
        iov[713].iov_base = (void *)"\x61"; iov[713].iov_len = 1;
        iov[714].iov_base = (void *)"\x61"; iov[714].iov_len = 1;
        iov[715].iov_base = (void *)"\x61"; iov[715].iov_len = 1;
        iov[716].iov_base = (void *)"\x61"; iov[716].iov_len = 1;
        iov[717].iov_base = (void *)"\x61"; iov[717].iov_len = 1;
        iov[718].iov_base = (void *)"\x61"; iov[718].iov_len = 1;
        iov[719].iov_base = (void *)"\x61"; iov[719].iov_len = 1;
        iov[720].iov_base = (void *)"\x61"; iov[720].iov_len = 1;
        iov[721].iov_base = (void *)"\x61"; iov[721].iov_len = 1;
        iov[722].iov_base = (void *)"\x61"; iov[722].iov_len = 1;
        iov[723].iov_base = (void *)"\x61"; iov[723].iov_len = 1;
        iov[724].iov_base = (void *)"\x61"; iov[724].iov_len = 1;
        iov[725].iov_base = (void *)"\x61"; iov[725].iov_len = 1;
        iov[726].iov_base = (void *)"\x61"; iov[726].iov_len = 1;
        iov[727].iov_base = (void *)"\x61"; iov[727].iov_len = 1;
        iov[728].iov_base = (void *)"\x61"; iov[728].iov_len = 1;
        iov[729].iov_base = (void *)"\x61"; iov[729].iov_len = 1;
        iov[730].iov_base = (void *)"\x61"; iov[730].iov_len = 1;
        iov[731].iov_base = (void *)"\x61"; iov[731].iov_len = 1;
        iov[732].iov_base = (void *)"\x61"; iov[732].iov_len = 1;
        iov[733].iov_base = (void *)"\x61"; iov[733].iov_len = 1;
        iov[734].iov_base = (void *)"\x61"; iov[734].iov_len = 1;
        iov[735].iov_base = (void *)"\x61"; iov[735].iov_len = 1;
        iov[736].iov_base = (void *)"\x61"; iov[736].iov_len = 1;
        iov[737].iov_base = (void *)"\x61"; iov[737].iov_len = 1;
        iov[738].iov_base = (void *)"\x61"; iov[738].iov_len = 1;
        iov[739].iov_base = (void *)"\x61"; iov[739].iov_len = 1;
        iov[740].iov_base = (void *)"\x61"; iov[740].iov_len = 1;
        iov[741].iov_base = (void *)"\x61"; iov[741].iov_len = 1;
        iov[742].iov_base = (void *)"\x61"; iov[742].iov_len = 1;
        iov[743].iov_base = (void *)"\x61"; iov[743].iov_len = 1;
        iov[744].iov_base = (void *)"\x61"; iov[744].iov_len = 1;
        iov[745].iov_base = (void *)"\x61"; iov[745].iov_len = 1;
        iov[746].iov_base = (void *)"\x61"; iov[746].iov_len = 1;
        iov[747].iov_base = (void *)"\x61"; iov[747].iov_len = 1;
        iov[748].iov_base = (void *)"\x61"; iov[748].iov_len = 1;
        iov[749].iov_base = (void *)"\x61"; iov[749].iov_len = 1;
        iov[750].iov_base = (void *)"\x61"; iov[750].iov_len = 1;
        iov[751].iov_base = (void *)"\x61"; iov[751].iov_len = 1;
        iov[752].iov_base = (void *)"\x61"; iov[752].iov_len = 1;
        iov[753].iov_base = (void *)"\x61"; iov[753].iov_len = 1;
        iov[754].iov_base = (void *)"\x61"; iov[754].iov_len = 1;
        iov[755].iov_base = (void *)"\x61"; iov[755].iov_len = 1;
        iov[756].iov_base = (void *)"\x61"; iov[756].iov_len = 1;
        iov[757].iov_base = (void *)"\x61"; iov[757].iov_len = 1;
        iov[758].iov_base = (void *)"\x61"; iov[758].iov_len = 1;
        iov[759].iov_base = (void *)"\x61"; iov[759].iov_len = 1;
        iov[760].iov_base = (void *)"\x61"; iov[760].iov_len = 1;
        iov[761].iov_base = (void *)"\x61"; iov[761].iov_len = 1;
        iov[762].iov_base = (void *)"\x61"; iov[762].iov_len = 1;
        iov[763].iov_base = (void *)"\x61"; iov[763].iov_len = 1;
        iov[764].iov_base = (void *)"\x61"; iov[764].iov_len = 1;
        iov[765].iov_base = (void *)"\x61"; iov[765].iov_len = 1;
        iov[766].iov_base = (void *)"\x61"; iov[766].iov_len = 1;
        iov[767].iov_base = (void *)"\x61"; iov[767].iov_len = 1;
        iov[768].iov_base = (void *)"\x61"; iov[768].iov_len = 1;
        iov[769].iov_base = (void *)"\x61"; iov[769].iov_len = 1;
        iov[770].iov_base = (void *)"\x61"; iov[770].iov_len = 1;
        iov[771].iov_base = (void *)"\x61"; iov[771].iov_len = 1;
        iov[772].iov_base = (void *)"\x61"; iov[772].iov_len = 1;
        iov[773].iov_base = (void *)"\x61"; iov[773].iov_len = 1;
        iov[774].iov_base = (void *)"\x61"; iov[774].iov_len = 1;
        iov[775].iov_base = (void *)"\x61"; iov[775].iov_len = 1;
        iov[776].iov_base = (void *)"\x61"; iov[776].iov_len = 1;
        iov[777].iov_base = (void *)"\x61"; iov[777].iov_len = 1;
        iov[778].iov_base = (void *)"\x61"; iov[778].iov_len = 1;
        iov[779].iov_base = (void *)"\x61"; iov[779].iov_len = 1;
        iov[780].iov_base = (void *)"\x61"; iov[780].iov_len = 1;
        iov[781].iov_base = (void *)"\x61"; iov[781].iov_len = 1;
        iov[782].iov_base = (void *)"\x61"; iov[782].iov_len = 1;
        iov[783].iov_base = (void *)"\x61"; iov[783].iov_len = 1;
        iov[784].iov_base = (void *)"\x61"; iov[784].iov_len = 1;
        iov[785].iov_base = (void *)"\x61"; iov[785].iov_len = 1;
        iov[786].iov_base = (void *)"\x61"; iov[786].iov_len = 1;
        iov[787].iov_base = (void *)"\x61"; iov[787].iov_len = 1;
        iov[788].iov_base = (void *)"\x61"; iov[788].iov_len = 1;
        iov[789].iov_base = (void *)"\x61"; iov[789].iov_len = 1;
        iov[790].iov_base = (void *)"\x61"; iov[790].iov_len = 1;
        iov[791].iov_base = (void *)"\x61"; iov[791].iov_len = 1;
        iov[792].iov_base = (void *)"\x61"; iov[792].iov_len = 1;
        iov[793].iov_base = (void *)"\x61"; iov[793].iov_len = 1;
        iov[794].iov_base = (void *)"\x61"; iov[794].iov_len = 1;
        iov[795].iov_base = (void *)"\x61"; iov[795].iov_len = 1;
        iov[796].iov_base = (void *)"\x61"; iov[796].iov_len = 1;
        iov[797].iov_base = (void *)"\x61"; iov[797].iov_len = 1;
        iov[798].iov_base = (void *)"\x61"; iov[798].iov_len = 1;
        iov[799].iov_base = (void *)"\x61"; iov[799].iov_len = 1;
        iov[800].iov_base = (void *)"\x61"; iov[800].iov_len = 1;
        iov[801].iov_base = (void *)"\x61"; iov[801].iov_len = 1;
        iov[802].iov_base = (void *)"\x61"; iov[802].iov_len = 1;
        iov[803].iov_base = (void *)"\x61"; iov[803].iov_len = 1;
        iov[804].iov_base = (void *)"\x61"; iov[804].iov_len = 1;
        iov[805].iov_base = (void *)"\x61"; iov[805].iov_len = 1;
        iov[806].iov_base = (void *)"\x61"; iov[806].iov_len = 1;
        iov[807].iov_base = (void *)"\x61"; iov[807].iov_len = 1;
        iov[808].iov_base = (void *)"\x61"; iov[808].iov_len = 1;
        iov[809].iov_base = (void *)"\x61"; iov[809].iov_len = 1;
        iov[810].iov_base = (void *)"\x61"; iov[810].iov_len = 1;
        iov[811].iov_base = (void *)"\x61"; iov[811].iov_len = 1;
        iov[812].iov_base = (void *)"\x61"; iov[812].iov_len = 1;
        iov[813].iov_base = (void *)"\x61"; iov[813].iov_len = 1;
        iov[814].iov_base = (void *)"\x61"; iov[814].iov_len = 1;
        iov[815].iov_base = (void *)"\x61"; iov[815].iov_len = 1;
        iov[816].iov_base = (void *)"\x61"; iov[816].iov_len = 1;
        iov[817].iov_base = (void *)"\x61"; iov[817].iov_len = 1;
        iov[818].iov_base = (void *)"\x61"; iov[818].iov_len = 1;
        iov[819].iov_base = (void *)"\x61"; iov[819].iov_len = 1;
        iov[820].iov_base = (void *)"\x61"; iov[820].iov_len = 1;
        iov[821].iov_base = (void *)"\x61"; iov[821].iov_len = 1;
        iov[822].iov_base = (void *)"\x61"; iov[822].iov_len = 1;
        iov[823].iov_base = (void *)"\x61"; iov[823].iov_len = 1;
        iov[824].iov_base = (void *)"\x61"; iov[824].iov_len = 1;
        iov[825].iov_base = (void *)"\x61"; iov[825].iov_len = 1;
        iov[826].iov_base = (void *)"\x61"; iov[826].iov_len = 1;
        iov[827].iov_base = (void *)"\x61"; iov[827].iov_len = 1;
        iov[828].iov_base = (void *)"\x61"; iov[828].iov_len = 1;
        iov[829].iov_base = (void *)"\x61"; iov[829].iov_len = 1;
        iov[830].iov_base = (void *)"\x61"; iov[830].iov_len = 1;
        iov[831].iov_base = (void *)"\x61"; iov[831].iov_len = 1;
        iov[832].iov_base = (void *)"\x61"; iov[832].iov_len = 1;
        iov[833].iov_base = (void *)"\x61"; iov[833].iov_len = 1;
        iov[834].iov_base = (void *)"\x61"; iov[834].iov_len = 1;
        iov[835].iov_base = (void *)"\x61"; iov[835].iov_len = 1;
        iov[836].iov_base = (void *)"\x61"; iov[836].iov_len = 1;
        iov[837].iov_base = (void *)"\x61"; iov[837].iov_len = 1;
        iov[838].iov_base = (void *)"\x61"; iov[838].iov_len = 1;
        iov[839].iov_base = (void *)"\x61"; iov[839].iov_len = 1;
        iov[840].iov_base = (void *)"\x61"; iov[840].iov_len = 1;
        iov[841].iov_base = (void *)"\x61"; iov[841].iov_len = 1;
        iov[842].iov_base = (void *)"\x61"; iov[842].iov_len = 1;
        iov[843].iov_base = (void *)"\x61"; iov[843].iov_len = 1;
        iov[844].iov_base = (void *)"\x61"; iov[844].iov_len = 1;
        iov[845].iov_base = (void *)"\x61"; iov[845].iov_len = 1;
        iov[846].iov_base = (void *)"\x61"; iov[846].iov_len = 1;
        iov[847].iov_base = (void *)"\x61"; iov[847].iov_len = 1;
        iov[848].iov_base = (void *)"\x61"; iov[848].iov_len = 1;
        iov[849].iov_base = (void *)"\x61"; iov[849].iov_len = 1;
        iov[850].iov_base = (void *)"\x61"; iov[850].iov_len = 1;
        iov[851].iov_base = (void *)"\x61"; iov[851].iov_len = 1;
        iov[852].iov_base = (void *)"\x61"; iov[852].iov_len = 1;
        iov[853].iov_base = (void *)"\x61"; iov[853].iov_len = 1;
        iov[854].iov_base = (void *)"\x61"; iov[854].iov_len = 1;
        iov[855].iov_base = (void *)"\x61"; iov[855].iov_len = 1;
        iov[856].iov_base = (void *)"\x61"; iov[856].iov_len = 1;
        iov[857].iov_base = (void *)"\x61"; iov[857].iov_len = 1;
        iov[858].iov_base = (void *)"\x61"; iov[858].iov_len = 1;
        iov[859].iov_base = (void *)"\x61"; iov[859].iov_len = 1;
        iov[860].iov_base = (void *)"\x61"; iov[860].iov_len = 1;
        iov[861].iov_base = (void *)"\x61"; iov[861].iov_len = 1;
        iov[862].iov_base = (void *)"\x61"; iov[862].iov_len = 1;
        iov[863].iov_base = (void *)"\x61"; iov[863].iov_len = 1;
        iov[864].iov_base = (void *)"\x61"; iov[864].iov_len = 1;
        iov[865].iov_base = (void *)"\x61"; iov[865].iov_len = 1;
        iov[866].iov_base = (void *)"\x61"; iov[866].iov_len = 1;
        iov[867].iov_base = (void *)"\x61"; iov[867].iov_len = 1;
        iov[868].iov_base = (void *)"\x61"; iov[868].iov_len = 1;
        iov[869].iov_base = (void *)"\x61"; iov[869].iov_len = 1;
        iov[870].iov_base = (void *)"\x61"; iov[870].iov_len = 1;
        iov[871].iov_base = (void *)"\x61"; iov[871].iov_len = 1;
        iov[872].iov_base = (void *)"\x61"; iov[872].iov_len = 1;
        iov[873].iov_base = (void *)"\x61"; iov[873].iov_len = 1;
        iov[874].iov_base = (void *)"\x61"; iov[874].iov_len = 1;
        iov[875].iov_base = (void *)"\x61"; iov[875].iov_len = 1;
        iov[876].iov_base = (void *)"\x61"; iov[876].iov_len = 1;
        iov[877].iov_base = (void *)"\x61"; iov[877].iov_len = 1;
        iov[878].iov_base = (void *)"\x61"; iov[878].iov_len = 1;
        iov[879].iov_base = (void *)"\x61"; iov[879].iov_len = 1;
        iov[880].iov_base = (void *)"\x61"; iov[880].iov_len = 1;
        iov[881].iov_base = (void *)"\x61"; iov[881].iov_len = 1;
        iov[882].iov_base = (void *)"\x61"; iov[882].iov_len = 1;
        iov[883].iov_base = (void *)"\x61"; iov[883].iov_len = 1;
        iov[884].iov_base = (void *)"\x61"; iov[884].iov_len = 1;
        iov[885].iov_base = (void *)"\x61"; iov[885].iov_len = 1;
        iov[886].iov_base = (void *)"\x61"; iov[886].iov_len = 1;
        iov[887].iov_base = (void *)"\x61"; iov[887].iov_len = 1;
        iov[888].iov_base = (void *)"\x61"; iov[888].iov_len = 1;
        iov[889].iov_base = (void *)"\x61"; iov[889].iov_len = 1;
        iov[890].iov_base = (void *)"\x61"; iov[890].iov_len = 1;
        iov[891].iov_base = (void *)"\x61"; iov[891].iov_len = 1;
        iov[892].iov_base = (void *)"\x61"; iov[892].iov_len = 1;
        iov[893].iov_base = (void *)"\x61"; iov[893].iov_len = 1;
        iov[894].iov_base = (void *)"\x61"; iov[894].iov_len = 1;
        iov[895].iov_base = (void *)"\x61"; iov[895].iov_len = 1;
        iov[896].iov_base = (void *)"\x61"; iov[896].iov_len = 1;
        iov[897].iov_base = (void *)"\x61"; iov[897].iov_len = 1;
        iov[898].iov_base = (void *)"\x61"; iov[898].iov_len = 1;
        iov[899].iov_base = (void *)"\x61"; iov[899].iov_len = 1;
        iov[900].iov_base = (void *)"\x61"; iov[900].iov_len = 1;
        iov[901].iov_base = (void *)"\x61"; iov[901].iov_len = 1;
        iov[902].iov_base = (void *)"\x61"; iov[902].iov_len = 1;
        iov[903].iov_base = (void *)"\x61"; iov[903].iov_len = 1;
        iov[904].iov_base = (void *)"\x61"; iov[904].iov_len = 1;
        iov[905].iov_base = (void *)"\x61"; iov[905].iov_len = 1;
        iov[906].iov_base = (void *)"\x61"; iov[906].iov_len = 1;
        iov[907].iov_base = (void *)"\x61"; iov[907].iov_len = 1;
        iov[908].iov_base = (void *)"\x61"; iov[908].iov_len = 1;
        iov[909].iov_base = (void *)"\x61"; iov[909].iov_len = 1;
        iov[910].iov_base = (void *)"\x61"; iov[910].iov_len = 1;
        iov[911].iov_base = (void *)"\x61"; iov[911].iov_len = 1;
        iov[912].iov_base = (void *)"\x61"; iov[912].iov_len = 1;
        iov[913].iov_base = (void *)"\x61"; iov[913].iov_len = 1;
        iov[914].iov_base = (void *)"\x61"; iov[914].iov_len = 1;
        iov[915].iov_base = (void *)"\x61"; iov[915].iov_len = 1;
        iov[916].iov_base = (void *)"\x61"; iov[916].iov_len = 1;
        iov[917].iov_base = (void *)"\x61"; iov[917].iov_len = 1;
        iov[918].iov_base = (void *)"\x61"; iov[918].iov_len = 1;
        iov[919].iov_base = (void *)"\x61"; iov[919].iov_len = 1;
        iov[920].iov_base = (void *)"\x61"; iov[920].iov_len = 1;
        iov[921].iov_base = (void *)"\x61"; iov[921].iov_len = 1;
        iov[922].iov_base = (void *)"\x61"; iov[922].iov_len = 1;
        iov[923].iov_base = (void *)"\x61"; iov[923].iov_len = 1;
        iov[924].iov_base = (void *)"\x61"; iov[924].iov_len = 1;
        iov[925].iov_base = (void *)"\x61"; iov[925].iov_len = 1;
        iov[926].iov_base = (void *)"\x61"; iov[926].iov_len = 1;
        iov[927].iov_base = (void *)"\x61"; iov[927].iov_len = 1;
        iov[928].iov_base = (void *)"\x61"; iov[928].iov_len = 1;
        iov[929].iov_base = (void *)"\x61"; iov[929].iov_len = 1;
        iov[930].iov_base = (void *)"\x61"; iov[930].iov_len = 1;
        iov[931].iov_base = (void *)"\x61"; iov[931].iov_len = 1;
        iov[932].iov_base = (void *)"\x61"; iov[932].iov_len = 1;
        iov[933].iov_base = (void *)"\x61"; iov[933].iov_len = 1;
        iov[934].iov_base = (void *)"\x61"; iov[934].iov_len = 1;
        iov[935].iov_base = (void *)"\x61"; iov[935].iov_len = 1;
        iov[936].iov_base = (void *)"\x61"; iov[936].iov_len = 1;
        iov[937].iov_base = (void *)"\x61"; iov[937].iov_len = 1;
        iov[938].iov_base = (void *)"\x61"; iov[938].iov_len = 1;
        iov[939].iov_base = (void *)"\x61"; iov[939].iov_len = 1;
        iov[940].iov_base = (void *)"\x61"; iov[940].iov_len = 1;
        iov[941].iov_base = (void *)"\x61"; iov[941].iov_len = 1;
        iov[942].iov_base = (void *)"\x61"; iov[942].iov_len = 1;
        iov[943].iov_base = (void *)"\x61"; iov[943].iov_len = 1;
        iov[944].iov_base = (void *)"\x61"; iov[944].iov_len = 1;
        iov[945].iov_base = (void *)"\x61"; iov[945].iov_len = 1;
        iov[946].iov_base = (void *)"\x61"; iov[946].iov_len = 1;
        iov[947].iov_base = (void *)"\x61"; iov[947].iov_len = 1;
        iov[948].iov_base = (void *)"\x61"; iov[948].iov_len = 1;
        iov[949].iov_base = (void *)"\x61"; iov[949].iov_len = 1;
        iov[950].iov_base = (void *)"\x61"; iov[950].iov_len = 1;
        iov[951].iov_base = (void *)"\x61"; iov[951].iov_len = 1;
        iov[952].iov_base = (void *)"\x61"; iov[952].iov_len = 1;
        iov[953].iov_base = (void *)"\x61"; iov[953].iov_len = 1;
        iov[954].iov_base = (void *)"\x61"; iov[954].iov_len = 1;
        iov[955].iov_base = (void *)"\x61"; iov[955].iov_len = 1;
        iov[956].iov_base = (void *)"\x61"; iov[956].iov_len = 1;
        iov[957].iov_base = (void *)"\x61"; iov[957].iov_len = 1;
        iov[958].iov_base = (void *)"\x61"; iov[958].iov_len = 1;
        iov[959].iov_base = (void *)"\x61"; iov[959].iov_len = 1;
        iov[960].iov_base = (void *)"\x61"; iov[960].iov_len = 1;
        iov[961].iov_base = (void *)"\x61"; iov[961].iov_len = 1;
        iov[962].iov_base = (void *)"\x61"; iov[962].iov_len = 1;
        iov[963].iov_base = (void *)"\x61"; iov[963].iov_len = 1;
        iov[964].iov_base = (void *)"\x61"; iov[964].iov_len = 1;
        iov[965].iov_base = (void *)"\x61"; iov[965].iov_len = 1;
        iov[966].iov_base = (void *)"\x61"; iov[966].iov_len = 1;
        iov[967].iov_base = (void *)"\x61"; iov[967].iov_len = 1;
        iov[968].iov_base = (void *)"\x61"; iov[968].iov_len = 1;
        iov[969].iov_base = (void *)"\x61"; iov[969].iov_len = 1;
        iov[970].iov_base = (void *)"\x61"; iov[970].iov_len = 1;
        iov[971].iov_base = (void *)"\x61"; iov[971].iov_len = 1;
        iov[972].iov_base = (void *)"\x61"; iov[972].iov_len = 1;
        iov[973].iov_base = (void *)"\x61"; iov[973].iov_len = 1;
        iov[974].iov_base = (void *)"\x61"; iov[974].iov_len = 1;
        iov[975].iov_base = (void *)"\x61"; iov[975].iov_len = 1;
        iov[976].iov_base = (void *)"\x61"; iov[976].iov_len = 1;
        iov[977].iov_base = (void *)"\x61"; iov[977].iov_len = 1;
        iov[978].iov_base = (void *)"\x61"; iov[978].iov_len = 1;
        iov[979].iov_base = (void *)"\x61"; iov[979].iov_len = 1;
        iov[980].iov_base = (void *)"\x61"; iov[980].iov_len = 1;
        iov[981].iov_base = (void *)"\x61"; iov[981].iov_len = 1;
        iov[982].iov_base = (void *)"\x61"; iov[982].iov_len = 1;
        iov[983].iov_base = (void *)"\x61"; iov[983].iov_len = 1;
        iov[984].iov_base = (void *)"\x61"; iov[984].iov_len = 1;
        iov[985].iov_base = (void *)"\x61"; iov[985].iov_len = 1;
        iov[986].iov_base = (void *)"\x61"; iov[986].iov_len = 1;
        iov[987].iov_base = (void *)"\x61"; iov[987].iov_len = 1;
        iov[988].iov_base = (void *)"\x61"; iov[988].iov_len = 1;
        iov[989].iov_base = (void *)"\x61"; iov[989].iov_len = 1;
        iov[990].iov_base = (void *)"\x61"; iov[990].iov_len = 1;
        iov[991].iov_base = (void *)"\x61"; iov[991].iov_len = 1;
        iov[992].iov_base = (void *)"\x61"; iov[992].iov_len = 1;
        iov[993].iov_base = (void *)"\x61"; iov[993].iov_len = 1;
        iov[994].iov_base = (void *)"\x61"; iov[994].iov_len = 1;
        iov[995].iov_base = (void *)"\x61"; iov[995].iov_len = 1;
        iov[996].iov_base = (void *)"\x61"; iov[996].iov_len = 1;
        iov[997].iov_base = (void *)"\x61"; iov[997].iov_len = 1;
        iov[998].iov_base = (void *)"\x61"; iov[998].iov_len = 1;
        iov[999].iov_base = (void *)"\x61"; iov[999].iov_len = 1;
        iov[1000].iov_base = (void *)"\x61"; iov[1000].iov_len = 1;
        iov[1001].iov_base = (void *)"\x61"; iov[1001].iov_len = 1;
        iov[1002].iov_base = (void *)"\x61"; iov[1002].iov_len = 1;
        iov[1003].iov_base = (void *)"\x61"; iov[1003].iov_len = 1;
        iov[1004].iov_base = (void *)"\x61"; iov[1004].iov_len = 1;
        iov[1005].iov_base = (void *)"\x61"; iov[1005].iov_len = 1;
        iov[1006].iov_base = (void *)"\x61"; iov[1006].iov_len = 1;
        iov[1007].iov_base = (void *)"\x61"; iov[1007].iov_len = 1;
        iov[1008].iov_base = (void *)"\x61"; iov[1008].iov_len = 1;
        iov[1009].iov_base = (void *)"\x61"; iov[1009].iov_len = 1;
        iov[1010].iov_base = (void *)"\x61"; iov[1010].iov_len = 1;
        iov[1011].iov_base = (void *)"\x61"; iov[1011].iov_len = 1;
        iov[1012].iov_base = (void *)"\x61"; iov[1012].iov_len = 1;
        iov[1013].iov_base = (void *)"\x61"; iov[1013].iov_len = 1;
        iov[1014].iov_base = (void *)"\x61"; iov[1014].iov_len = 1;
        iov[1015].iov_base = (void *)"\x61"; iov[1015].iov_len = 1;
        iov[1016].iov_base = (void *)"\x61"; iov[1016].iov_len = 1;
        iov[1017].iov_base = (void *)"\x61"; iov[1017].iov_len = 1;
        iov[1018].iov_base = (void *)"\x61"; iov[1018].iov_len = 1;
        iov[1019].iov_base = (void *)"\x61"; iov[1019].iov_len = 1;
        iov[1020].iov_base = (void *)"\x61"; iov[1020].iov_len = 1;
        iov[1021].iov_base = (void *)"\x61"; iov[1021].iov_len = 1;
        iov[1022].iov_base = (void *)"\x61"; iov[1022].iov_len = 1;
        iov[1023].iov_base = (void *)"\x61"; iov[1023].iov_len = 1;
        iov[1024].iov_base = (void *)"\x61"; iov[1024].iov_len = 1;
        union { char buf[4096]; struct cmsghdr align; } ctl;
        memset(&ctl, 0, sizeof ctl);
        struct msghdr m = {0}; m.msg_iov = iov; m.msg_iovlen = 1025;
        size_t used = 0;
        if (used) { m.msg_control = ctl.buf; m.msg_controllen = used; }
        arm(4, "sendmsg"); ssize_t r = sendmsg(ends[0], &m, 0); alarm(0);
        if (r < 0) fail(4, "sendmsg"); else printf("4 sendmsg: ok ret=%zd\n", r);
    }
    return 0;
}
