/* signals: which signals this process received since the last look (catalog
 * M8 SIGPIPE only for stream, N8 SIGIO with an owner).  main() installs the
 * counting handlers; a handler without SA_RESTART would turn a blocking call
 * into EINTR, so they restart (SIGALRM alone bounds a step). */
#include <signal.h>
#include <string.h>
#include "driver.h"

static volatile sig_atomic_t counts[3];
static const int SIGNALS[3] = { SIGPIPE, SIGIO, SIGURG };

static void count(int sig)
{
    for (int i = 0; i < 3; i++)
        if (SIGNALS[i] == sig) counts[i]++;
}

void install_signal_counters(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = count;
    sa.sa_flags = SA_RESTART;
    for (int i = 0; i < 3; i++) sigaction(SIGNALS[i], &sa, NULL);
}

void reset_signal_counts(void)
{
    for (int i = 0; i < 3; i++) counts[i] = 0;
}

/* signals: ok pipe=N io=N urg=N, then the counts start again from 0 */
void verb_signals(const struct request *r, struct reply *rp)
{
    (void)r;
    buf_printf(&rp->fields, " pipe=%d io=%d urg=%d", (int)counts[0], (int)counts[1], (int)counts[2]);
    reset_signal_counts();
}
