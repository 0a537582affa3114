/**
 * A desktop's portal backend for tests: a scripted org.freedesktop.impl.portal ScreenCast and RemoteDesktop that
 * grants, denies or ignores as a test says and records what the real portal frontend passed on, so capture-portal's
 * tests and the itests drive one copy.
 */
@Export
@Version("1.0.0")
package io.lumen.testkit.portal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
