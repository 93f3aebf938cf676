/* driver: the reference implementation of docs/protocol.md on the Linux
 * kernel.  One process serves a whole test session: `reset` between
 * scenarios, never a process per example.  It must never hang (every step
 * that may block is bounded by a non-restarting SIGALRM) and never crash on
 * bad input (a `bad` reply instead). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "driver.h"

static int parse_request(char *line, struct request *r)
{
    char *tok[MAX_KV + 2];
    int n = split(line, ' ', tok, MAX_KV + 2);
    if (n < 2) return -1;
    r->seq = tok[0];
    r->verb = tok[1];
    r->nkv = 0;
    for (int i = 2; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        if (!eq || eq == tok[i]) return -1;
        *eq = '\0';
        r->kv[r->nkv].key = tok[i];
        r->kv[r->nkv++].val = eq + 1;
    }
    return 0;
}

static void verb_start(const struct request *r, struct reply *rp)
{
    const char *version = req_get(r, "version"), *block = req_get(r, "block_ms");
    /* version 2 is version 1 plus verbs and capabilities (docs/protocol.md), so
     * this driver answers in either; a version-1 suite never asks for what is new */
    int asked = version ? atoi(version) : 0;
    if (asked < 1 || asked > PROTOCOL_VERSION) {
        set_bad(rp, "protocol version %s not supported; this driver speaks versions 1 to %d",
                version ? version : "(none)", PROTOCOL_VERSION);
        return;
    }
    if (block) S.block_ms = atoi(block) > 0 ? atoi(block) : S.block_ms;
    buf_printf(&rp->fields, " version=%d name=linux-kernel impl_version=0.1 caps="
               "stream,dgram,seqpacket,nonblock,cloexec,scm_rights,scm_credentials,peek,trunc,"
               "waitall,shutdown,poll,sockopt,duplex%s verbs=", asked,
               asked >= 2 ? ",sockopt2,oob,signals,cmsg_bytes,abi,ctrl_units,creds_spoof,fd_numbers,pidns,pair_by_child,output_flags" : "");
    for (size_t i = 0; i < NVERBS; i++) buf_printf(&rp->fields, "%s%s", i ? "," : "", VERBS[i].name);
    buf_printf(&rp->fields, " views=");
    for (const struct name *v = RECV_VIEWS; v->name; v++) buf_printf(&rp->fields, "%srecv.%s", v == RECV_VIEWS ? "" : ",", v->name);
    for (const struct name *v = SEND_VIEWS; v->name; v++) buf_printf(&rp->fields, ",send.%s", v->name);
    buf_printf(&rp->fields, ",recv.msg_name"); /* recvmsg with name=1 returns the sender's address */
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: a blocked call returns EINTR */
    sigaction(SIGALRM, &sa, NULL);
    install_signal_counters(); /* SIGPIPE, SIGIO, SIGURG counted (op_signals.c); EPIPE stays an errno */
    S.pid = getpid();
    S.ppid = getppid();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    struct reply rp = { 0 };
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = '\0';
        struct request r;
        rp.st = ST_OK;
        rp.fields.len = 0;
        buf_printf(&rp.fields, "%s", "");
        if (parse_request(line, &r) != 0) {
            printf("? bad why=malformed request line\n");
            fflush(stdout);
            continue;
        }
        if (strcmp(r.verb, "start") == 0) {
            verb_start(&r, &rp);
        } else {
            size_t i;
            for (i = 0; i < NVERBS; i++)
                if (strcmp(r.verb, VERBS[i].name) == 0) break;
            if (i == NVERBS) set_bad(&rp, "unknown verb %s", r.verb);
            else VERBS[i].fn(&r, &rp);
        }
        char scratch[16];
        switch (rp.st) {
        case ST_OK: printf("%s ok%s\n", r.seq, rp.fields.p); break;
        case ST_ERR: printf("%s err errno=%s\n", r.seq, errno_name(rp.err, scratch, sizeof scratch)); break;
        case ST_BLOCKED: printf("%s blocked\n", r.seq); break;
        case ST_BAD: printf("%s bad why=%s\n", r.seq, rp.why); break;
        }
        fflush(stdout);
    }
    verb_reset(NULL, &rp);
    free(line);
    free(rp.fields.p);
    return 0;
}
