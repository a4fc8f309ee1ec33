package io.github.nativeipc.posix;

import java.time.Instant;

/**
 * {@code shmctl(IPC_STAT)} of a System V shared-memory segment.
 *
 * @param id            the segment's id
 * @param permissions   key, owner, creator, mode
 * @param size          bytes ({@code shm_segsz})
 * @param attachCount   current attaches, all processes ({@code shm_nattch})
 * @param lastAttach    last {@code shmat}, or null if never
 * @param lastDetach    last {@code shmdt}, or null if never
 * @param lastChange    last change by {@code shmctl}, or creation
 * @param creatorPid    process that created it ({@code shm_cpid})
 * @param lastPid       process of the last {@code shmat}/{@code shmdt} ({@code shm_lpid})
 */
public record SysVSharedMemoryStatus(int id, IpcPermissions permissions, long size, long attachCount,
        Instant lastAttach, Instant lastDetach, Instant lastChange, int creatorPid, int lastPid) {}
