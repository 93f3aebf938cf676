#!/usr/bin/env python3
"""Reproducer for blocking.released_later:G12 (eventlet), written by socketpair-conformance.
Deviation: later stream call=send then=signal: status linux err EINTR / impl blocked
The difference is at step 11: err vs blocked
  Linux:          err errno=EINTR
  implementation: blocked

Run: python3 THIS_FILE (from a directory where the factory imports)
"""

FACTORY = 'conformance.impl.adapters.green_threads:eventlet_socketpair'

import array, errno, fcntl, importlib, os, select, signal, socket, struct, sys, tempfile, threading, zlib

sys.path.insert(0, os.getcwd())  # the factory's module is found from where you run this

module, _, attr = FACTORY.partition(":")
socketpair = importlib.import_module(module)
for part in attr.split("."):
    socketpair = getattr(socketpair, part)
objects, ends = {}, [None, None]
signal_counts = {"pipe": 0, "io": 0, "urg": 0}  # counted, as the suite's drivers count them (signals)
for _name, _sig in (("pipe", "SIGPIPE"), ("io", "SIGIO"), ("urg", "SIGURG")):
    signal.signal(getattr(signal, _sig), lambda s, f, n=_name: signal_counts.__setitem__(n, signal_counts[n] + 1))


def show(n, verb, call):
    # a step that does not return within 2 s is "blocked", as the suite says it
    # (a watchdog thread: works whatever event loop the implementation runs)
    watchdog = threading.Timer(2.0, lambda: (print(f"{n} {verb}: blocked", flush=True), os._exit(0)))
    watchdog.daemon = True
    watchdog.start()
    try:
        shown = call()
        print(f"{n} {verb}: ok" + ("" if shown is None else f" {shown}"))
    except OSError as exc:
        print(f"{n} {verb}: err {errno_name(exc.errno)}")
    except Exception as exc:  # what Linux never does: the suite reports it as "raised"
        print(f"{n} {verb}: raised {type(exc).__name__}")
    finally:
        watchdog.cancel()


def in_child(step):
    sys.stdout.flush()  # or the child would print the parent's buffered lines again
    pid = os.fork()
    if pid == 0:
        step()
        sys.stdout.flush()
        os._exit(0)
    os.waitpid(pid, 0)


def repeat(block, n):  # a long payload that is one block over and over
    return (block * (n // len(block) + 1))[:n]


def end(i):
    if ends[i] is None:  # closed: EBADF without touching any descriptor, as the suite does
        raise OSError(9, "closed end")
    return ends[i]


def errno_name(number):
    import errno
    name = errno.errorcode.get(number, f"E{number}")
    return {"ENOTSUP": "EOPNOTSUPP", "EWOULDBLOCK": "EAGAIN"}.get(name, name)


def make_object(name, kind, data, cloexec):
    if kind in ("file", "rofile"):
        fd, path = tempfile.mkstemp()
        os.unlink(path)
        os.write(fd, data)
        os.lseek(fd, 0, 0)
        if kind == "rofile":
            fd, old = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY), fd
            os.close(old)
        made = {name: fd}
    elif kind == "pipe":
        r, w = os.pipe()
        os.write(w, data)
        made = {name + ".r": r, name + ".w": w}
    else:
        made = {name: os.open(os.devnull, os.O_RDWR)}
    for key, fd in made.items():
        os.set_inheritable(fd, not cloexec)
        objects[key] = fd


def fd_of(name):
    if name in ("end0", "end1"):
        return ends[int(name[3])].fileno()
    return 1 << 20 if name == "badfd" else objects[name]


def which(fd):
    st = os.fstat(fd)
    mine = [k for k, v in objects.items() if (os.fstat(v).st_dev, os.fstat(v).st_ino) == (st.st_dev, st.st_ino)]
    mine += [f"end{i}" for i, s in enumerate(ends) if s is not None and os.fstat(s.fileno()).st_ino == st.st_ino]
    cloexec = "cloexec" if fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC else "-"
    return f"fd->{'|'.join(mine) or '?'}/{shares(fd, fd_of(mine[0])) if mine else '-'}/{cloexec}"


def shares(fd, original):
    # same open file description? flip O_NONBLOCK on the original, look through fd, restore
    flags = fcntl.fcntl(original, fcntl.F_GETFL)
    fcntl.fcntl(original, fcntl.F_SETFL, flags ^ os.O_NONBLOCK)
    seen = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(original, fcntl.F_SETFL, flags)
    return "same-ofd" if (seen ^ flags) & os.O_NONBLOCK else "other-ofd"


def describe(ancdata):
    out = []
    for level, kind, data in ancdata:
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
            fds = array.array("i", data[: len(data) - len(data) % 4])
            out.append("rights:" + ",".join(which(fd) for fd in fds))
            for fd in fds:
                os.close(fd)
        else:
            if (level, kind) == (socket.SOL_SOCKET, 0x04) and len(data) >= 4:  # SCM_PIDFD: ours to close
                os.close(array.array("i", data[:4])[0])
            out.append(f"cmsg:{level}:{kind}:{len(data)}")
    return ";".join(out)


def open_fd_count():  # descriptors open in this process (only differences are printed)
    return len(os.listdir("/proc/self/fd"))


def leaked_since(before):
    return f" leaked={open_fd_count() - before}"


def fds_text(fds):  # socket.recv_fds's descriptors, as one SCM_RIGHTS message
    text = "rights:" + ",".join(which(fd) for fd in fds) if fds else ""
    for fd in fds:
        os.close(fd)
    return text


def addr_text(address):  # as the suite reports an address: none, unnamed, abstract:HEX, path:HEX
    if address is None:
        return "none"
    if address in ("", b""):
        return "unnamed"
    raw = os.fsencode(address) if isinstance(address, str) else bytes(address)
    return f"abstract:{raw[1:].hex()}" if raw[:1] == b"\0" else f"path:{raw.hex()}"


NOTHING = object()


def shown(ret, data, size, flags=0, anc="", addr=NOTHING):  # one received message, as the C program prints it
    text = f"ret={ret} msg_flags=0x{flags:x} anc={anc} data={bytes(data[: min(ret, size)]).hex()}"
    return text if addr is NOTHING else f"{text} addr={addr_text(addr)}"


def numbered(call, room):  # recv's nofile= and fdnums=: RLIMIT_NOFILE around the call; the lowest numbers?
    import resource
    free, fd = [], 0
    while len(free) < 512 and fd < 65536:
        try:
            fcntl.fcntl(fd, fcntl.F_GETFD)
        except OSError:
            free.append(fd)
        fd += 1
    saved = resource.getrlimit(resource.RLIMIT_NOFILE)
    if room is not None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (free[room - 1] + 1 if room > 0 else free[0], saved[1]))
    try:
        r = call()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, saved)
    got = [f for lv, k, p in r[1] if k == socket.SCM_RIGHTS for f in array.array("i", p[: len(p) - len(p) % 4])]
    numbered.lowest = "-" if not got else int(got == free[: len(got)])
    return r


def read_some(sock, size):  # a raw makefile() reader, whose None is EAGAIN
    reader = sock.makefile("rb", buffering=0)
    try:
        got = reader.read(size)
    finally:
        reader.close()
    if got is None:
        raise BlockingIOError(errno.EAGAIN, "would block")
    return got


def written(sock, data):  # a raw makefile() writer, whose None is EAGAIN
    writer = sock.makefile("wb", buffering=0)
    try:
        sent = writer.write(data)
    finally:
        writer.close()
    if sent is None:
        raise BlockingIOError(errno.EAGAIN, "would block")
    return sent


PATTERN = bytes((i * 7 + 3) % 251 for i in range(251))


def duplex(n, sizes0, sizes1, seed):  # both ends at once, four threads: the calls the suite's duplex makes
    stream = end(0).getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM
    results, stop = {}, threading.Event()

    def message(e, k, size):
        start = (seed + 1000 * e + 37 * k) % 251
        return (PATTERN * (size // 251 + 2))[start : start + size]

    def ready(e, writable):
        fd = end(e).fileno()
        return any(select.select([] if writable else [fd], [fd] if writable else [], [], 0.05)[:2])

    def sender(e, sizes):
        try:
            for k, size in enumerate(sizes):
                data = message(e, k, size)
                while not stop.is_set():
                    try:
                        sent = end(e).send(data)
                    except BlockingIOError:
                        ready(e, True)
                        continue
                    data = data[sent:]
                    if not stream or not data:
                        break
        except OSError as exc:
            results[f"error{1 - e}"] = errno_name(exc.errno)
        except Exception as exc:  # what Linux never does
            results[f"error{1 - e}"] = f"raised-{type(exc).__name__}"

    def receiver(e, sizes):
        total, got, msgs, crc, lens = sum(sizes), 0, 0, 0, 0
        try:
            while not stop.is_set() and ((got < total) if stream else (msgs < len(sizes))):
                if not ready(e, False):
                    continue
                try:
                    chunk = end(e).recv(min(1 << 18, total - got) if stream else (1 << 18) + 1)
                except BlockingIOError:
                    continue
                if not chunk and stream:
                    results.setdefault(f"error{e}", "early-eof")
                    break
                crc, lens = zlib.crc32(chunk, crc), zlib.crc32(struct.pack("=I", len(chunk)), lens)
                got, msgs = got + len(chunk), msgs + 1
        except OSError as exc:
            results.setdefault(f"error{e}", errno_name(exc.errno))
        except Exception as exc:
            results.setdefault(f"error{e}", f"raised-{type(exc).__name__}")
        results[e] = f"got{e}={got}:{crc:08x}" + ("" if stream else f" msgs{e}={msgs}:{lens:08x}")

    jobs = [(sender, 0, sizes0), (sender, 1, sizes1), (receiver, 0, sizes1), (receiver, 1, sizes0)]
    threads = [threading.Thread(target=job, args=args, daemon=True) for job, *args in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(3)
    if any(thread.is_alive() for thread in threads):
        stop.set()
        print(f"{n} duplex: blocked")
        return
    fields = [results[e] + (f" error{e}={results[f'error{e}']}" if f"error{e}" in results else "") for e in (0, 1)]
    print(f"{n} duplex: ok " + " ".join(fields))


make_object('f', 'file', bytes.fromhex('66696c652066'), False)
make_object('g', 'rofile', bytes.fromhex('726561642d6f6e6c792067'), False)
make_object('p', 'pipe', bytes.fromhex('70697065'), False)
make_object('n', 'devnull', bytes.fromhex(''), False)
make_object('c', 'file', bytes.fromhex('636c6f657865632063'), True)
show(7, 'pair', lambda: ends.__setitem__(slice(0, 2), socketpair(1, 1, 0)))
show(8, 'sendmsg', lambda: 'ret=%d' % end(0).sendmsg([bytes.fromhex('ed794e302c15cb01fc46346ef36fa3')], [], 0))
show(9, 'sendmsg', lambda: 'ret=%d' % end(0).sendmsg([bytes.fromhex('ed794e302c15cb01fc46346ef36fa3')], [], 0))
def act10():
    import time
    time.sleep(0.005)
    signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR1)
signalled10 = {'armed': False, 'came': False}
def interrupt10(s, f):
    signalled10['came'] = True
    if signalled10['armed']:
        signalled10['armed'] = False
        raise InterruptedError(4, 'EINTR')
again10 = threading.Thread(target=act10, daemon=True)
def call10():
    signalled10['armed'] = True
    try:
        if signalled10['came']:  # before the call began: again, 5 ms after it began
            again10.start()
        return 'ret=%d' % end(1).send(b'x' * 300000, socket.MSG_NOSIGNAL)
    finally:
        signalled10['armed'] = False
signal.signal(signal.SIGUSR1, interrupt10)
actor10 = threading.Thread(target=act10, daemon=True); actor10.start()
show(10, 'later', call10)
actor10.join()
if again10.ident:
    again10.join()
signal.signal(signal.SIGUSR1, lambda s, f: None)
def act11():
    import time
    time.sleep(0.005)
    signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR1)
signalled11 = {'armed': False, 'came': False}
def interrupt11(s, f):
    signalled11['came'] = True
    if signalled11['armed']:
        signalled11['armed'] = False
        raise InterruptedError(4, 'EINTR')
again11 = threading.Thread(target=act11, daemon=True)
def call11():
    signalled11['armed'] = True
    try:
        if signalled11['came']:  # before the call began: again, 5 ms after it began
            again11.start()
        return 'ret=%d' % end(1).send(b'x' * 1, socket.MSG_NOSIGNAL)
    finally:
        signalled11['armed'] = False
signal.signal(signal.SIGUSR1, interrupt11)
actor11 = threading.Thread(target=act11, daemon=True); actor11.start()
show(11, 'later', call11)
actor11.join()
if again11.ident:
    again11.join()
signal.signal(signal.SIGUSR1, lambda s, f: None)
