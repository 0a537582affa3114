package io.lumen.tools.fecbench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Throughput per second of CPU the forked JVM used ({@code -prof io.lumen.tools.fecbench.CpuTimeProfiler}): on a
 * machine shared with other builds a fork that waits for a core scores low in wall-clock ops/s although its code is
 * as fast, and this figure tells the two apart. Counts the whole process (the JIT's compiler threads too), so a
 * fork still compiling during its measurement is charged for it.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    /** The secondary result's label; FecBenchReport reads it. */
    static final String LABEL = "cpu.thrpt";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        double cpu = os.getProcessCpuTime() - cpuStart;
        double wall = System.nanoTime() - wallStart;
        double opsPerWallSecond = result.getPrimaryResult().getScore();
        return List.of(new ScalarResult(LABEL, cpu <= 0 ? Double.NaN : opsPerWallSecond * wall / cpu, "ops/cpu-s",
                AggregationPolicy.AVG));
    }

    @Override
    public String getDescription() {
        return "throughput per CPU-second of the benchmark JVM";
    }
}
