package io.github.nativeipc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of {@code io.github.nativeipc.benchmarks.jmh} in one forked JVM each,
 * with the GC profiler ({@code -prof gc}) for bytes allocated per operation.
 */
final class JmhRunner {
    private JmhRunner() {}

    static List<JmhScore> run(SuiteConfig config) throws RunnerException {
        Options options = new OptionsBuilder()
                .include("io\\.github\\.nativeipc\\.benchmarks\\.jmh\\..*")
                .forks(1)
                .warmupIterations(config.jmhWarmupIterations())
                .warmupTime(TimeValue.milliseconds(config.jmhIterationMillis()))
                .measurementIterations(config.jmhMeasurementIterations())
                .measurementTime(TimeValue.milliseconds(config.jmhIterationMillis()))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        List<JmhScore> scores = new ArrayList<>();
        for (RunResult r : new Runner(options).run()) {
            String benchmark = r.getParams().getBenchmark();
            String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            for (String key : r.getParams().getParamsKeys()) {
                shortName += " " + key + "=" + r.getParams().getParam(key);
            }
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            scores.add(new JmhScore(shortName, primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        return scores;
    }
}
