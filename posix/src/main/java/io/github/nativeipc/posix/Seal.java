package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.PosixConstants;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file seal ({@code fcntl(F_ADD_SEALS)}, Linux): a restriction on a {@link MemFd} that no process
 * holding it can lift, so a receiver can trust what the sender can no longer change.
 */
public enum Seal {
    /** No further seals may be added. */
    SEAL(PosixConstants.F_SEAL_SEAL),
    /** The size may not shrink (a receiver's mapping can never fault past the end). */
    SHRINK(PosixConstants.F_SEAL_SHRINK),
    /** The size may not grow. */
    GROW(PosixConstants.F_SEAL_GROW),
    /** Nobody may write; refused ({@code EBUSY}) while a writable shared mapping exists. */
    WRITE(PosixConstants.F_SEAL_WRITE),
    /** No new writable mapping or write; existing writable mappings keep writing (Linux 5.1+). */
    FUTURE_WRITE(PosixConstants.F_SEAL_FUTURE_WRITE);

    private final int bit;

    Seal(int bit) {
        this.bit = bit;
    }

    /** The {@code F_SEAL_*} bit. */
    public int bit() {
        return bit;
    }

    static int bits(Set<Seal> seals) {
        int bits = 0;
        for (Seal s : seals) {
            bits |= s.bit;
        }
        return bits;
    }

    static Set<Seal> of(int bits) {
        EnumSet<Seal> set = EnumSet.noneOf(Seal.class);
        for (Seal s : values()) {
            if ((bits & s.bit) != 0) {
                set.add(s);
            }
        }
        return set;
    }

    static String names(int bits) {
        StringBuilder sb = new StringBuilder();
        for (Seal s : of(bits)) {
            sb.append(sb.length() == 0 ? "" : "|").append("F_SEAL_").append(s.name());
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }
}
