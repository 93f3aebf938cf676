/* Reproducer for stream.bytes_in_order:G5 (eventlet), written by socketpair-conformance.
 * Deviation: send stream: status linux err EAGAIN / impl blocked
 * The difference is at step 3: err vs blocked
 *   Linux:          err errno=EAGAIN
 *   implementation: blocked
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
        const char *buf = repeat("\x82\x89\x90\x97\x9e\xa5\xac\xb3\xba\xc1\xc8\xcf\xd6\xdd\xe4\xeb\xf2\xf9\x05\x0c\x13\x1a\x21\x28\x2f\x36\x3d\x44\x4b\x52\x59\x60\x67\x6e\x75\x7c\x83\x8a\x91\x98\x9f\xa6\xad\xb4\xbb\xc2\xc9\xd0\xd7\xde\xe5\xec\xf3\xfa\x06\x0d\x14\x1b\x22\x29\x30\x37\x3e\x45\x4c\x53\x5a\x61\x68\x6f\x76\x7d\x84\x8b\x92\x99\xa0\xa7\xae\xb5\xbc\xc3\xca\xd1\xd8\xdf\xe6\xed\xf4\x00\x07\x0e\x15\x1c\x23\x2a\x31\x38\x3f\x46\x4d\x54\x5b\x62\x69\x70\x77\x7e\x85\x8c\x93\x9a\xa1\xa8\xaf\xb6\xbd\xc4\xcb\xd2\xd9\xe0\xe7\xee\xf5\x01\x08\x0f\x16\x1d\x24\x2b\x32\x39\x40\x47\x4e\x55\x5c\x63\x6a\x71\x78\x7f\x86\x8d\x94\x9b\xa2\xa9\xb0\xb7\xbe\xc5\xcc\xd3\xda\xe1\xe8\xef\xf6\x02\x09\x10\x17\x1e\x25\x2c\x33\x3a\x41\x48\x4f\x56\x5d\x64\x6b\x72\x79\x80\x87\x8e\x95\x9c\xa3\xaa\xb1\xb8\xbf\xc6\xcd\xd4\xdb\xe2\xe9\xf0\xf7\x03\x0a\x11\x18\x1f\x26\x2d\x34\x3b\x42\x49\x50\x57\x5e\x65\x6c\x73\x7a\x81\x88\x8f\x96\x9d\xa4\xab\xb2\xb9\xc0\xc7\xce\xd5\xdc\xe3\xea\xf1\xf8\x04\x0b\x12\x19\x20\x27\x2e\x35\x3c\x43\x4a\x51\x58\x5f\x66\x6d\x74\x7b", 251, 230000); size_t len = 230000; (void)buf;
        arm(3, "sendall");
        ssize_t r; size_t done = 0;
        do { r = send(ends[1], buf + done, len - done, 16448); if (r > 0) done += (size_t)r; } while (r >= 0 && done < len);
        if (r >= 0) r = (ssize_t)done;
        alarm(0);
        if (r < 0) fail(3, "sendall"); else printf("3 sendall: ok ret=%zd\n", r);
    }
    return 0;
}
