/**
 * Seeded, reproducible models of a lossy network (independent and bursty loss), shared by the lossy relay, loss
 * harnesses and test clients, so "2% in bursts of 3" means the same wherever it is asked for.
 */
@Export
@Version("1.0.0")
package io.lumen.testkit.loss;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
