package io.github.nativeipc.posix;

import java.time.Instant;

/**
 * {@code semctl(IPC_STAT)} of a System V semaphore set.
 *
 * @param id            the set's id
 * @param permissions   key, owner, creator, mode
 * @param count         semaphores in the set ({@code sem_nsems})
 * @param lastOperation last {@code semop}, or null if never
 * @param lastChange    last change by {@code semctl}, or creation
 */
public record SysVSemaphoreSetStatus(int id, IpcPermissions permissions, long count, Instant lastOperation,
        Instant lastChange) {}
