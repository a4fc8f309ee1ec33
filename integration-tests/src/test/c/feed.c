/*
 * The C side of the README's example test (PriceFeedContainerIT): answers COUNT quote requests.
 *
 *   feed REQUESTS QUOTES COUNT
 */
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: feed REQUESTS QUOTES COUNT\n"); return 3; }
    mqd_t in = mq_open(argv[1], O_RDONLY), out = mq_open(argv[2], O_WRONLY);
    if (in == (mqd_t) -1 || out == (mqd_t) -1) { perror("mq_open"); return 2; }
    int n = atoi(argv[3]);
    for (int i = 0; i < n; i++) {
        char symbol[129], quote[160];
        ssize_t len = mq_receive(in, symbol, 128, NULL);   /* the queue's mq_msgsize is 128 */
        if (len < 0) { perror("mq_receive"); return 2; }
        symbol[len] = 0;
        int q = snprintf(quote, sizeof quote, "%s 1.0842", symbol);
        if (mq_send(out, quote, (size_t) q, 0) != 0) { perror("mq_send"); return 2; }
    }
    printf("served %d\n", n);
    return 0;
}
