package io.lumen.tools.lossharness;

import java.util.List;

/** Everything one run measured: the sweep's cells, the summary's stream, each scheme's limits. */
record HarnessRun(List<CellResult> sweep, List<CellResult> stream, List<SchemeLimits> limits) {
}
