package io.github.nativeipc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names for ids, from {@code /etc/passwd} (read once, as
 * {@code ls} and {@code ipcs} show owners); the number itself when there is no entry. Thread-safe.
 */
final class Users {
    private Map<Integer, String> users;

    synchronized String user(int uid) {
        if (users == null) {
            users = read(Path.of("/etc/passwd"));
        }
        return users.getOrDefault(uid, Integer.toString(uid));
    }

    private static Map<Integer, String> read(Path file) {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    try {
                        names.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException ignored) {
                        // not an entry
                    }
                }
            }
        } catch (IOException e) {
            // no names: numbers are shown
        }
        return names;
    }
}
