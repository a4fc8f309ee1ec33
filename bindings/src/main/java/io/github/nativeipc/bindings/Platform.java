package io.github.nativeipc.bindings;

import java.util.Locale;

/**
 * The operating system and CPU architecture this JVM runs on, as far as the native layouts care.
 *
 * <p>Detected once from {@code os.name} and {@code os.arch}. Immutable; thread-safe.
 */
public enum Platform {
    LINUX_X86_64(Os.LINUX, "x86_64"),
    LINUX_AARCH64(Os.LINUX, "aarch64"),
    DARWIN_X86_64(Os.DARWIN, "x86_64"),
    DARWIN_AARCH64(Os.DARWIN, "aarch64"),
    WINDOWS_X86_64(Os.WINDOWS, "x86_64"),
    WINDOWS_AARCH64(Os.WINDOWS, "aarch64"),
    /** Anything else: POSIX calls may still work, but no layout table is known. */
    UNSUPPORTED(Os.OTHER, "unknown");

    /** Operating system families whose constants differ. */
    public enum Os { LINUX, DARWIN, WINDOWS, OTHER }

    private static final Platform CURRENT = detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));

    private final Os os;
    private final String arch;

    Platform(Os os, String arch) {
        this.os = os;
        this.arch = arch;
    }

    /** The platform of this JVM. */
    public static Platform current() {
        return CURRENT;
    }

    public Os os() {
        return os;
    }

    public String arch() {
        return arch;
    }

    public boolean isLinux() {
        return os == Os.LINUX;
    }

    public boolean isDarwin() {
        return os == Os.DARWIN;
    }

    public boolean isPosix() {
        return os == Os.LINUX || os == Os.DARWIN;
    }

    static Platform detect(String osName, String osArch) {
        String osLower = osName.toLowerCase(Locale.ROOT);
        String archLower = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = archLower.equals("amd64") || archLower.equals("x86_64");
        boolean a64 = archLower.equals("aarch64") || archLower.equals("arm64");
        if (osLower.startsWith("linux")) {
            return x64 ? LINUX_X86_64 : a64 ? LINUX_AARCH64 : UNSUPPORTED;
        }
        if (osLower.startsWith("mac") || osLower.startsWith("darwin")) {
            return x64 ? DARWIN_X86_64 : a64 ? DARWIN_AARCH64 : UNSUPPORTED;
        }
        if (osLower.startsWith("windows")) {
            return x64 ? WINDOWS_X86_64 : a64 ? WINDOWS_AARCH64 : UNSUPPORTED;
        }
        return UNSUPPORTED;
    }
}
