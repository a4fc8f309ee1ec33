package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The report's CPU count is the machine's, at least what this JVM may use (less under taskset). */
class MachineTest {
    @Test
    void theCpuCountIsTheMachinesNotThisProcesssShare() {
        int cpus = Machine.current().cpus();
        assertTrue(cpus >= Runtime.getRuntime().availableProcessors(), cpus + " CPUs");
    }
}
