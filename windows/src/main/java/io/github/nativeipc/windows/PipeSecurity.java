package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.SDDL_REVISION_1;
import static io.github.nativeipc.bindings.windows.Win32Constants.SECURITY_ATTRIBUTES_DESCRIPTOR;
import static io.github.nativeipc.bindings.windows.Win32Constants.SECURITY_ATTRIBUTES_SIZE;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import io.github.nativeipc.bindings.windows.Advapi32;
import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;

/**
 * A {@code SECURITY_ATTRIBUTES} with a security descriptor parsed from SDDL
 * ({@code ConvertStringSecurityDescriptorToSecurityDescriptorW}), kept in native memory for as
 * long as the owner creates objects with it; {@link #free()} releases the descriptor
 * ({@code LocalFree}). Not thread-safe on its own: owned by one {@link NamedPipeServer}.
 */
final class PipeSecurity {
    private final ByteBuffer attributes = Win32.scratch(SECURITY_ATTRIBUTES_SIZE);
    private final long attributesAddress = Win32.address(attributes);
    private final long descriptor;
    final String sddl;

    PipeSecurity(String sddl, String object) throws IpcException {
        this.sddl = sddl;
        ByteBuffer out = Win32.scratch(8);
        if (Advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(Win32.wide(sddl), SDDL_REVISION_1,
                Win32.address(out), 0L) == 0) {
            throw Win32.lastError("ConvertStringSecurityDescriptorToSecurityDescriptorW(\"" + sddl + "\", SDDL_REVISION_1)", object);
        }
        descriptor = out.getLong(0);
        attributes.putInt(0, SECURITY_ATTRIBUTES_SIZE).putLong(SECURITY_ATTRIBUTES_DESCRIPTOR, descriptor);
    }

    /**
     * SDDL granting full access to the current user only, and nobody else (no inherited ACEs):
     * {@code D:P(A;;GA;;;<the user's SID>)}. The SID comes from the process token
     * ({@code OpenProcessToken}, {@code GetTokenInformation(TokenUser)}, through jna-platform).
     */
    static String currentUserOnly() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        com.sun.jna.platform.win32.Advapi32 advapi = com.sun.jna.platform.win32.Advapi32.INSTANCE;
        if (!advapi.OpenProcessToken(com.sun.jna.platform.win32.Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            throw new IllegalStateException("OpenProcessToken failed: error " + Kernel32.lastError());
        }
        try {
            return "D:P(A;;GA;;;" + Advapi32Util.getTokenAccount(token.getValue()).sidString + ")";
        } finally {
            com.sun.jna.platform.win32.Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    /** The {@code SECURITY_ATTRIBUTES *} to pass. */
    long address() {
        return attributesAddress;
    }

    void free() {
        Kernel32.LocalFree(descriptor);
    }
}
