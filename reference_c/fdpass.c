/* fdpass: pass an open file to a forked child with SCM_RIGHTS.
 *
 *   fdpass [-t stream|dgram|seqpacket] [TEXT]
 *
 * The parent writes TEXT to an unlinked temporary file, rewinds it and sends
 * the descriptor in a cmsghdr (SOL_SOCKET, SCM_RIGHTS, CMSG_LEN(sizeof(int))).
 * The child reads TEXT through the received descriptor and appends a reply.
 * The parent then shows that both descriptors share one open file: its own
 * offset moved with the child's reads and writes, and the file holds both.
 * Exit codes: 0 ok, 1 a system call failed, 2 bad arguments. */
#include <errno.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

#define USAGE "usage: fdpass [-t stream|dgram|seqpacket] [TEXT]"
#define REPLY "child was here"
#define MAX_TEXT 65536

static void usage(void)
{
    fprintf(stderr, "fdpass: %s\n", USAGE);
    exit(2);
}

static void die(const char *what)
{
    perror(what);
    fflush(stdout);
    _exit(1);
}

static void send_fd(int sock, int fd)
{
    char byte = 'F'; /* a stream drops fds sent with zero bytes of data */
    struct iovec iov = { &byte, 1 };
    union { struct cmsghdr align; char buf[CMSG_SPACE(sizeof(int))]; } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl.buf;
    msg.msg_controllen = sizeof ctl.buf;
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &fd, sizeof fd);
    if (sendmsg(sock, &msg, 0) != 1) die("sendmsg()");
}

static int recv_fd(int sock)
{
    char byte;
    struct iovec iov = { &byte, 1 };
    union { struct cmsghdr align; char buf[CMSG_SPACE(sizeof(int))]; } ctl;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl.buf;
    msg.msg_controllen = sizeof ctl.buf;
    if (recvmsg(sock, &msg, 0) < 0) die("recvmsg()");
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    if (!cm || cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS
        || cm->cmsg_len != CMSG_LEN(sizeof(int))) {
        fprintf(stderr, "recvmsg(): no descriptor received\n");
        fflush(stdout);
        _exit(1);
    }
    int fd;
    memcpy(&fd, CMSG_DATA(cm), sizeof fd);
    return fd;
}

/* Read from the current offset to end of file. */
static size_t read_rest(int fd, unsigned char *buf, size_t cap)
{
    size_t have = 0;
    for (;;) {
        ssize_t n = read(fd, buf + have, cap - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) die("read()");
        if (n == 0 || (size_t)n == cap - have) return have + (size_t)n;
        have += (size_t)n;
    }
}

int main(int argc, char **argv)
{
    int type = SOCK_STREAM, i = 1;
    const char *text = "hello from the parent";
    if (argc > i && strcmp(argv[i], "-t") == 0) {
        if (argc <= i + 1 || (type = parse_socket_type(argv[i + 1])) < 0) usage();
        i += 2;
    }
    if (argc - i > 1) usage();
    if (argc - i == 1) text = argv[i];
    size_t len = strlen(text);
    if (len > MAX_TEXT) usage();

    int sock[2];
    if (socketpair(AF_UNIX, type, 0, sock) < 0) { perror("socketpair()"); return 1; }
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/fdpass-XXXXXX", dir && *dir ? dir : "/tmp");
    int file = mkstemp(path);
    if (file < 0) { perror("mkstemp()"); return 1; }
    unlink(path); /* nothing is left behind, whatever happens next */
    if (write(file, text, len) != (ssize_t)len) { perror("write()"); return 1; }
    if (lseek(file, 0, SEEK_SET) != 0) { perror("lseek()"); return 1; }
    printf("父进程: 写入文件 %zu 字节\n", len);
    fflush(stdout); /* nothing buffered may be duplicated into the child */

    pid_t pid = fork();
    if (pid < 0) { perror("fork()"); return 1; }
    if (pid == 0) {
        close(sock[0]);
        close(file); /* the child must use only what it receives */
        int fd = recv_fd(sock[1]);
        unsigned char buf[MAX_TEXT + 1];
        size_t got = read_rest(fd, buf, sizeof buf);
        printf("子进程: 收到描述符\n子进程: 读取数据: ");
        print_escaped(stdout, buf, got);
        printf("\n子进程: 写入数据: %s\n", REPLY);
        if (write(fd, REPLY, strlen(REPLY)) != (ssize_t)strlen(REPLY)) die("write()");
        fflush(stdout);
        _exit(0);
    }
    close(sock[1]);
    printf("父进程: 发送描述符\n");
    fflush(stdout); /* printed before the child can possibly print */
    send_fd(sock[0], file);
    int status;
    if (waitpid(pid, &status, 0) < 0) { perror("waitpid()"); return 1; }
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        fprintf(stderr, "fdpass: child failed\n");
        return 1;
    }
    off_t shared = lseek(file, 0, SEEK_CUR);
    if (shared < 0) { perror("lseek()"); return 1; }
    unsigned char all[MAX_TEXT + sizeof REPLY];
    ssize_t n = pread(file, all, sizeof all, 0);
    if (n < 0) { perror("pread()"); return 1; }
    printf("父进程: 共享偏移: %lld\n", (long long)shared);
    printf("父进程: 文件内容: ");
    print_escaped(stdout, all, (size_t)n);
    printf("\n");
    return 0;
}
