package io.github.nativeipc.windows;

/** How a {@link FileMapping} or its view is opened: {@code PAGE_READONLY}/{@code FILE_MAP_READ} or read-write. */
public enum MappingAccess {
    READ_ONLY,
    READ_WRITE
}
