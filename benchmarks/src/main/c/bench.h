/*
 * Layout of the benchmark block: one POSIX shared-memory object shared by the C server, the C
 * client and the Java clients. BenchLayout.java mirrors these numbers; a test compares them.
 * Hot words sit on cache lines of their own so a doorbell never shares a line with the payload.
 */
#ifndef NIPC_BENCH_H
#define NIPC_BENCH_H

#define BL_REQ_SEM_OFF    64     /* sem_t: request posted (unnamed-semaphore doorbell) */
#define BL_RESP_SEM_OFF   128    /* sem_t: reply posted (unnamed-semaphore doorbell) */
#define BL_SEQ_OFF        192    /* int64: spin doorbell; odd = request i published, even = reply */
#define BL_HEAD_OFF       256    /* int64: bulk ring, chunks published by the producer */
#define BL_TAIL_OFF       320    /* int64: bulk ring, chunks consumed by the consumer */
#define BL_MESSAGE_OFF    4096   /* the message buffer (request, then reply, in place) */
#define BL_MESSAGE_MAX    4096
#define BL_RING_OFF       8192   /* bulk ring slots, BL_SLOT_SIZE bytes each */
#define BL_SLOT_SIZE      65536
#define BL_SLOTS          4
#define BL_SIZE           (BL_RING_OFF + BL_SLOTS * BL_SLOT_SIZE)

/* Where private buffers start within a page (the shared buffers start on page boundaries). */
#define BL_PRIVATE_PAGE_OFFSET 2048

/* The server answers request word w with w ^ BL_REPLY_MAGIC (first 8 bytes; the rest is echoed). */
#define BL_REPLY_MAGIC    0x5A5A5A5A5A5A5A5ALL

#endif
