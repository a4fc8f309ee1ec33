package io.github.nativeipc.testing;

/** What {@link NativeIpcExtension} does when a test leaves something behind. */
public enum LeakPolicy {
    /** Say nothing (objects are still removed). */
    IGNORE,
    /** Print what was left behind (and removed, for objects); the test's outcome stays as it was. */
    REPORT,
    /** Print it and fail the test (objects are still removed first). */
    FAIL
}
