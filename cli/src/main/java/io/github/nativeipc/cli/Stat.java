package io.github.nativeipc.cli;

import java.util.Map;

/** The output of the {@code stat} commands: {@code key: value} lines, or one JSON object. Stateless. */
final class Stat {
    private Stat() {}

    private static final Users USERS = new Users();

    /** Adds {@code mode} (octal text), {@code uid}, {@code owner} (the user's name) and {@code gid}. */
    static void owner(Map<String, Object> m, int mode, int uid, int gid) {
        m.put("mode", mode(mode));
        m.put("uid", uid);
        m.put("owner", USERS.user(uid));
        m.put("gid", gid);
    }

    static String mode(int mode) {
        return String.format("%04o", mode);
    }

    static void print(Io io, Map<String, Object> m, boolean json) {
        if (json) {
            Payloads.printJson(io.out(), m);
            return;
        }
        int width = 0;
        for (String k : m.keySet()) {
            width = Math.max(width, k.length());
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            io.out().println(e.getKey() + ":" + " ".repeat(width - e.getKey().length() + 1) + (v == null ? "-" : v));
        }
        io.out().flush();
    }
}
