/**
 * Input test support: an input backend that writes down what it injects, so a test sees which backend injected
 * which event, in which order, and when its sessions opened and closed.
 */
@Export
@Version("1.0.0")
package io.lumen.testkit.input;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
