/* sendmsg: the article's sendmsg()/recvmsg() example.
 *
 *   sendmsg [-t stream|dgram|seqpacket] [-s N,N,...] [-x HEX | -i | MESSAGE]
 *
 * sock[1] sends the payload with one sendmsg() whose iovec is split at the
 * given sizes (-s; the remainder forms a last entry), sock[0] receives it
 * with recvmsg().  -i reads the payload from stdin (argv cannot carry a
 * 64 KiB payload in hex: Linux caps one argument at 128 KiB).
 * The default payload is the article's "it is a test".
 * Payloads are printed escaped (see common.h) so any bytes are unambiguous.
 * Exit codes: 0 ok, 1 a system call failed, 2 bad arguments. */
#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>
#include "common.h"

#define USAGE "usage: sendmsg [-t stream|dgram|seqpacket] [-s N,N,...] [-x HEX | -i | MESSAGE]"
#define MAX_PAYLOAD 65536
#define MAX_IOV 64

static void usage(void)
{
    fprintf(stderr, "sendmsg: %s\n", USAGE);
    exit(2);
}

int main(int argc, char **argv)
{
    int type = SOCK_STREAM, i = 1, have_payload = 0;
    unsigned char *payload = (unsigned char *)"it is a test";
    size_t len = strlen((const char *)payload);
    size_t splits[MAX_IOV];
    int nsplits = 0;
    while (i < argc) {
        if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
            if ((type = parse_socket_type(argv[i + 1])) < 0) usage();
            i += 2;
        } else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
            char *list = argv[i + 1], *tok, *save = NULL;
            nsplits = 0;
            for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
                long long v;
                if (nsplits == MAX_IOV - 1 || parse_long(tok, 0, MAX_PAYLOAD, &v) != 0) usage();
                splits[nsplits++] = (size_t)v;
            }
            if (nsplits == 0) usage();
            i += 2;
        } else if (strcmp(argv[i], "-x") == 0 && i + 1 < argc && !have_payload) {
            if (decode_hex(argv[i + 1], &payload, &len) != 0) usage();
            have_payload = 1;
            i += 2;
        } else if (strcmp(argv[i], "-i") == 0 && !have_payload) {
            static unsigned char in[MAX_PAYLOAD + 1];
            len = fread(in, 1, sizeof in, stdin);
            if (ferror(stdin)) { perror("fread()"); return 1; }
            payload = in;
            have_payload = 1;
            i += 1;
        } else if (argv[i][0] != '-' && !have_payload && i == argc - 1) {
            payload = (unsigned char *)argv[i];
            len = strlen(argv[i]);
            have_payload = 1;
            i += 1;
        } else {
            usage();
        }
    }
    if (len > MAX_PAYLOAD) {
        fprintf(stderr, "sendmsg: payload too large (max %d bytes)\n", MAX_PAYLOAD);
        return 2;
    }
    /* Build the iovec: the split sizes in order, clipped to the payload. */
    struct iovec iov[MAX_IOV];
    size_t off = 0;
    int niov = 0;
    for (int k = 0; k < nsplits; k++) {
        size_t n = splits[k] < len - off ? splits[k] : len - off;
        iov[niov].iov_base = payload + off;
        iov[niov++].iov_len = n;
        off += n;
    }
    iov[niov].iov_base = payload + off;
    iov[niov++].iov_len = len - off;

    int sock[2];
    if (socketpair(AF_UNIX, type, 0, sock) < 0) { perror("socketpair()"); return 1; }
    printf("开始发送数据:\n");
    printf("发送的数据为: ");
    print_escaped(stdout, payload, len);
    printf("\n");
    struct msghdr msg = {0};
    msg.msg_iov = iov;
    msg.msg_iovlen = (size_t)niov;
    ssize_t sent = sendmsg(sock[1], &msg, 0);
    if (sent < 0) { perror("sendmsg()"); return 1; }
    printf("发送成功!\n");

    /* One recvmsg() per message; a stream may need several to drain. */
    unsigned char *got = malloc(len + 1);
    if (!got) { perror("malloc()"); return 1; }
    size_t have = 0;
    /* An empty stream send queues nothing, so there is nothing to wait for;
     * an empty datagram is a real message. */
    if (type != SOCK_STREAM || sent > 0) do {
        struct iovec riov = { got + have, len + 1 - have };
        struct msghdr rmsg = {0};
        rmsg.msg_iov = &riov;
        rmsg.msg_iovlen = 1;
        ssize_t n = recvmsg(sock[0], &rmsg, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) { perror("recvmsg()"); return 1; }
        have += (size_t)n;
        if (type != SOCK_STREAM || n == 0) break;
    } while (have < (size_t)sent);
    printf("接收成功!\n");
    printf("收到数据为: ");
    print_escaped(stdout, got, have);
    printf("\n");
    free(got);
    close(sock[0]);
    close(sock[1]);
    return 0;
}
