package io.github.nativeipc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of {@code io.github.nativeipc.benchmarks.jmh} (all, or the classes the
 * configuration lists) in one forked JVM each, with the GC profiler ({@code -prof gc}) for bytes
 * allocated per operation.
 */
final class JmhRunner {
    static final String PACKAGE = "io.github.nativeipc.benchmarks.jmh";

    private JmhRunner() {}

    /** The fully qualified name of the benchmark class {@code simpleName} of {@link #PACKAGE}; throws if there is none. */
    static String benchmarkClass(String simpleName) {
        String name = PACKAGE + "." + simpleName;
        try {
            Class.forName(name, false, JmhRunner.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no JMH benchmark class " + simpleName + " in " + PACKAGE, e);
        }
        return name;
    }

    static List<JmhScore> run(SuiteConfig config) throws RunnerException {
        String include = config.jmhClasses().isEmpty() ? Pattern.quote(PACKAGE + ".") + ".*"
                : config.jmhClasses().stream().map(c -> Pattern.quote(c + ".") + ".*").collect(Collectors.joining("|"));
        Options options = new OptionsBuilder()
                .include(include)
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
