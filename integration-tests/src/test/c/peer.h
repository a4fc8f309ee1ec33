/*
 * Layout of the exchange block that the Java tests, the demo and the C peers share in one POSIX
 * shared-memory object. The Java side mirrors these numbers in ExchangeLayout.java; keep both equal.
 */
#ifndef NIPC_PEER_H
#define NIPC_PEER_H

#include <stdint.h>

#define XB_READY_OFF     0     /* uint32: 1 once the creator has initialised the block (release/acquire) */
#define XB_REQ_SEM_OFF   64    /* sem_t: request posted (unnamed-semaphore mode) */
#define XB_RESP_SEM_OFF  128   /* sem_t: response posted (unnamed-semaphore mode) */
#define XB_COUNTER_OFF   192   /* int64: counter both sides add to with atomic_fetch_add */
#define XB_START_OFF     200   /* uint32: start gate for the counter race */
#define XB_SEQ_OFF       208   /* int64: sequence number of the spin exchange (odd: request, even: reply) */
#define XB_LENGTH_OFF    216   /* uint32: length of the message in the buffer */
#define XB_BUFFER_OFF    256   /* message bytes */
#define XB_BUFFER_SIZE   4096
#define XB_SIZE          (XB_BUFFER_OFF + XB_BUFFER_SIZE)

#endif
