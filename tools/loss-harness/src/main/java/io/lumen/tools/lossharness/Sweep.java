package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The cells of a run, and running them on a few threads. */
final class Sweep {

    private Sweep() {
    }

    /** Every FEC percentage x loss model x frame size x scheme, in the order the table prints them. */
    static List<Cell> cells(HarnessOptions options) {
        List<Cell> cells = new ArrayList<>();
        for (int fec : options.fecPercents()) {
            for (LossSpec loss : options.losses()) {
                for (int size : options.sizes()) {
                    for (VideoFecScheme scheme : options.schemes()) {
                        cells.add(new Cell(scheme, size, fec, loss, options.framesFor(size)));
                    }
                }
            }
        }
        return cells;
    }

    /** The summary's stream (bitrate / fps frames at the summary's FEC) under each burst model of the sweep. */
    static List<Cell> streamCells(HarnessOptions options) {
        List<Cell> cells = new ArrayList<>();
        if (options.streamFrames() == 0) {
            return cells;
        }
        for (LossSpec loss : options.losses()) {
            if (loss.bursty()) {
                for (VideoFecScheme scheme : options.schemes()) {
                    cells.add(new Cell(scheme, options.streamFrameBytes(), options.summaryFec(), loss,
                            options.streamFrames()));
                }
            }
        }
        return cells;
    }

    /**
     * Runs the cells on {@code threads} threads, the costliest first so no thread is left with a 16 MB cell at the
     * end; the results come back in the cells' order. {@code progress} hears about every tenth of the work.
     */
    static List<CellResult> run(List<Cell> cells, CellRunner runner, int threads, String what,
                                Consumer<String> progress) {
        if (cells.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, cells.size() / 10);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> (long) cells.get(i).frames() * cells.get(i).frameBytes())
                .reversed());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<CellResult>> futures = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                futures.add(null);
            }
            for (int i : order) {
                Cell cell = cells.get(i);
                futures.set(i, pool.submit(() -> {
                    CellResult result = runner.run(cell);
                    int n = done.incrementAndGet();
                    if (n % step == 0 || n == cells.size()) {
                        progress.accept(String.format("%s: %d of %d cells done (%.0f s)", what, n, cells.size(),
                                (System.nanoTime() - started) / 1e9));
                    }
                    return result;
                }));
            }
            List<CellResult> results = new ArrayList<>(cells.size());
            for (Future<CellResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sweeping", interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a cell failed: " + failed.getCause(), failed.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
