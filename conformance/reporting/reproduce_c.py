"""The C half of a reproducer: the scenario's steps on the raw system calls (see reproducers.py)."""

from __future__ import annotations

from ..spec.protocol import Op, plain_recv

CFLAGS = "-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror"


_C_PRELUDE = r"""
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int ends[2] = {-1, -1};
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

__attribute__((unused)) static void received(int n, const char *verb, ssize_t ret, struct msghdr *m, struct iovec *iov, size_t niov, size_t size)
{
    if (ret < 0) { fail(n, verb); return; }
    /* after recv(2), m is untouched: no msg_flags, no control data */
    printf("%d %s: ok ret=%zd msg_flags=0x%x anc=", n, verb, ret, (unsigned)m->msg_flags);
    int first = 1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
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
    printf("\n");
}
"""


def period(data: bytes) -> int:
    """The shortest p with data[i] == data[i - p] throughout (KMP's failure function)."""
    fail = [0] * len(data)
    k = 0
    for i in range(1, len(data)):
        while k and data[i] != data[k]:
            k = fail[k - 1]
        if data[i] == data[k]:
            k += 1
        fail[i] = k
    return len(data) - fail[-1] if data else 0


def repeated(hexdata: str) -> tuple[bytes, int]:
    """(block, length) when the payload is worth writing as a repeated block, else (data, 0).
    Generated large payloads are periodic; written out in full, one reproducer
    would be megabytes."""
    data = bytes.fromhex(hexdata)
    p = period(data) if len(data) >= 1024 else 0
    return (data[:p], len(data)) if 0 < p <= len(data) // 4 else (data, 0)


def _c_literal(data: bytes) -> str:
    return '"' + "".join(f"\\x{b:02x}" for b in data) + '"'


def _c_bytes(hexdata: str) -> tuple[str, int]:
    block, length = repeated(hexdata)
    if length:
        return f"repeat({_c_literal(block)}, {len(block)}, {length})", length
    return _c_literal(block), len(block)


def c_program(ops: list[Op], header: list[str]) -> str:
    from .reproducers import numbers  # one decoding of the arguments for both languages

    body: list[str] = []
    for n, op in enumerate(ops, 1):
        a, v = dict(op.args), numbers(op)
        end = f"ends[{v['end']}]"
        block: list[str] = []
        if op.verb == "obj":
            text, length = _c_bytes(a.get("data", ""))
            block.append(
                f'make_object("{a["name"]}", "{a["kind"]}", {text}, {length}, {int(a.get("cloexec") == "1")});'
            )
        elif op.verb == "pair":
            block.append(
                f'if (socketpair({v["family"]}, {v["kind"]}, {v["proto"]}, ends) != 0) fail({n}, "pair"); else printf("{n} pair: ok\\n");'
            )
        elif op.verb == "send":
            flags, pieces = v["flags"], v["pieces"]
            if a.get("via") == "send":
                text, length = _c_bytes((pieces or [""])[0])
                block.append(f'arm({n}, "send"); ssize_t r = send({end}, {text}, {length}, {flags}); alarm(0);')
                block.append(f'if (r < 0) fail({n}, "send"); else printf("{n} send: ok ret=%zd\\n", r);')
            else:
                block.append(f"struct iovec iov[{max(len(pieces), 1)}];")
                for i, piece in enumerate(pieces):
                    text, length = _c_bytes(piece)
                    block.append(f"iov[{i}].iov_base = (void *){text}; iov[{i}].iov_len = {length};")
                block.append("union { char buf[4096]; struct cmsghdr align; } ctl;")
                block.append("memset(&ctl, 0, sizeof ctl);")
                block.append(f"struct msghdr m = {{0}}; m.msg_iov = iov; m.msg_iovlen = {len(pieces)};")
                block += _c_anc(a.get("anc", ""))
                block.append(f'arm({n}, "sendmsg"); ssize_t r = sendmsg({end}, &m, {flags}); alarm(0);')
                block.append(f'if (r < 0) fail({n}, "sendmsg"); else printf("{n} sendmsg: ok ret=%zd\\n", r);')
        elif op.verb == "recv":
            flags, size, ctrl, iov = v["flags"], v["size"], v["ctrl"], v["iov"]
            block.append(
                f"static char data[{max(size, 1)}]; static union {{ char buf[{max(ctrl, 1)}]; struct cmsghdr align; }} ctl; (void)ctl;"
            )
            block.append(
                f"struct iovec iov[{len(iov)}]; size_t at = 0; size_t sizes[] = {{{', '.join(map(str, iov))}}};"
            )
            block.append(
                f"for (int i = 0; i < {len(iov)}; i++) {{ iov[i].iov_base = data + at; iov[i].iov_len = sizes[i]; at += sizes[i]; }}"
            )
            control = "ctl.buf" if ctrl else "NULL"
            block.append(
                f"struct msghdr m = {{0}}; m.msg_iov = iov; m.msg_iovlen = {len(iov)}; m.msg_control = {control}; m.msg_controllen = {ctrl};"
            )
            verb, call = (
                ("recv", f"recv({end}, data, {size}, {flags})")
                if plain_recv(op)
                else ("recvmsg", f"recvmsg({end}, &m, {flags})")
            )
            receive = f'arm({n}, "{verb}"); received({n}, "{verb}", {call}, &m, iov, {len(iov)}, {size}); alarm(0);'
            if a.get("in") == "child":  # the article's setting: the descriptors arrive in a forked child
                block.append(f"pid_t pid = fork(); if (pid == 0) {{ {receive} _exit(0); }} waitpid(pid, NULL, 0);")
            else:
                block.append(receive)
        elif op.verb in ("shutdown", "close"):
            call = f"shutdown({end}, {v['how']})" if op.verb == "shutdown" else f"close({end})"
            block.append(f'if ({call} != 0) fail({n}, "{op.verb}"); else printf("{n} {op.verb}: ok\\n");')
            if op.verb == "close":
                block.append(f"{end} = -1;")
        elif op.verb == "getsockopt":
            opt = v["opt"]
            block.append("int v[16] = {0}; socklen_t len = sizeof v;")
            block.append(f'if (getsockopt({end}, SOL_SOCKET, {opt}, v, &len) != 0) fail({n}, "getsockopt");')
            block.append(f'else printf("{n} getsockopt: ok value=%d (%u bytes)\\n", v[0], (unsigned)len);')
        elif op.verb == "setsockopt":
            opt = v["opt"]
            block.append(f"int v = {a.get('value', '0')};")
            block.append(
                f'if (setsockopt({end}, SOL_SOCKET, {opt}, &v, sizeof v) != 0) fail({n}, "setsockopt"); else printf("{n} setsockopt: ok\\n");'
            )
        elif op.verb == "poll":
            events = v["events"]
            block.append(f"struct pollfd p = {{ {end}, {events}, 0 }};")
            block.append(
                f'if (poll(&p, 1, 0) < 0) fail({n}, "poll"); else printf("{n} poll: ok revents=0x%x\\n", (unsigned)p.revents);'
            )
        elif op.verb == "fdflags":
            block.append(f"int fl = fcntl({end}, F_GETFL), fd = fcntl({end}, F_GETFD);")
            block.append(f'if (fl < 0 || fd < 0) fail({n}, "fdflags");')
            # FD_CLOEXEC where the suite waived it (PEP 446) is printed as such
            shown, arg = (
                ("(not compared: PEP 446)", "") if a.get("show") == "nonblock" else ("%d", ", !!(fd & FD_CLOEXEC)")
            )
            block.append(f'else printf("{n} fdflags: ok nonblock=%d cloexec={shown}\\n", !!(fl & O_NONBLOCK){arg});')
        elif op.verb != "reset":
            block.append(f'printf("{n} {op.verb}: skipped (not reproduced standalone)\\n");')
        if block:
            body.append("    {\n" + "\n".join("        " + line for line in block) + "\n    }")
    doc = "\n * ".join(header)
    return (
        f"/* {doc}\n *\n * Build and run: cc {CFLAGS} -o repro THIS_FILE && ./repro\n */\n{_C_PRELUDE}\n"
        "int main(void)\n{\n    setvbuf(stdout, NULL, _IONBF, 0);\n    signal(SIGPIPE, SIG_IGN); /* as the suite's drivers: EPIPE is an answer */\n"
        + "\n".join(body)
        + "\n    return 0;\n}\n"
    )


def _c_anc(spec: str) -> list[str]:
    lines = ["size_t used = 0;"]
    for item in filter(None, spec.split(";")):
        if item.startswith("rights:"):
            fds = [f'fd_of("{name}")' for name in filter(None, item[7:].split(","))]
            lines.append(f"{{ int fds[] = {{{', '.join(fds) or '0'}}}; size_t k = {len(fds)};")
            lines.append(
                "  struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used); c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;"
            )
            lines.append(
                "  c->cmsg_len = CMSG_LEN(k * sizeof(int)); memcpy(CMSG_DATA(c), fds, k * sizeof(int)); used += CMSG_SPACE(k * sizeof(int)); }"
            )
        elif item == "creds":
            lines.append("{ struct ucred u = { getpid(), getuid(), getgid() };")
            lines.append(
                "  struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used); c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_CREDENTIALS;"
            )
            lines.append(
                "  c->cmsg_len = CMSG_LEN(sizeof u); memcpy(CMSG_DATA(c), &u, sizeof u); used += CMSG_SPACE(sizeof u); }"
            )
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            text, length = _c_bytes(data)
            lines.append(
                f"{{ struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used); c->cmsg_level = {level}; c->cmsg_type = {kind};"
            )
            lines.append(
                f"  c->cmsg_len = CMSG_LEN({length}); memcpy(CMSG_DATA(c), {text}, {length}); used += CMSG_SPACE({length}); }}"
            )
    lines.append("if (used) { m.msg_control = ctl.buf; m.msg_controllen = used; }")
    return lines
