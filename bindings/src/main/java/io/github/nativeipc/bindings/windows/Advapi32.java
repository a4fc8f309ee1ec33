package io.github.nativeipc.bindings.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.WString;

/**
 * The {@code advapi32.dll} call jna-platform lacks, by JNA direct mapping (see {@link Kernel32}
 * for the conventions and the last-error contract). Loading this class outside Windows fails.
 * Thread-safe.
 */
public final class Advapi32 {
    private Advapi32() {}

    static {
        Native.register(Advapi32.class, NativeLibrary.getInstance("advapi32"));
    }

    /**
     * Parses SDDL into a self-relative security descriptor that the caller frees with
     * {@link Kernel32#LocalFree}. {@code securityDescriptor}: address of a pointer; {@code size}:
     * address of a {@code ULONG}, or 0.
     */
    public static native int ConvertStringSecurityDescriptorToSecurityDescriptorW(WString sddl, int revision,
            long securityDescriptor, long size);
}
