package io.github.nativeipc.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the numbers were measured on: CPU model, CPU count, kernel, JDK, C compiler. The CPU count
 * is the machine's ({@code /sys/devices/system/cpu/online}), not this JVM's share of it: the
 * harness itself may run under {@code taskset} (CPU 1, say, while the measured processes are
 * pinned to CPU 0 by their own {@code taskset}), where {@code availableProcessors()} says 1.
 */
public record Machine(String cpuModel, int cpus, String kernel, String jdk, String compiler) {

    static Machine current() {
        return new Machine(readCpuModel(), onlineCpus(),
                firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                commandOutput(List.of("gcc", "--version")));
    }

    /** The CPUs online on this machine, whatever this process's affinity; {@code availableProcessors()} where unknown. */
    static int onlineCpus() {
        try {
            int count = 0;
            for (String range : Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().split(",")) {
                String[] ends = range.split("-");
                count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    String model = line.substring(line.indexOf(':') + 1).trim();
                    boolean virtual = Files.readString(Path.of("/proc/cpuinfo")).contains(" hypervisor");
                    return virtual ? model + " (virtual machine)" : model;
                }
            }
        } catch (IOException e) {
            // not Linux, or no /proc: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String firstLine(Path file, String fallback) {
        try {
            return Files.readAllLines(file).get(0).trim();
        } catch (IOException | IndexOutOfBoundsException e) {
            return fallback;
        }
    }

    private static String commandOutput(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?").trim();
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
