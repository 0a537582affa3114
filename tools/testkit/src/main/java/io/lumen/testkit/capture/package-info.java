/** Test helpers for capture backends. */
package io.lumen.testkit.capture;
