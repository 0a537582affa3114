package io.lumen.itest;

import io.lumen.api.encode.EncoderBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.SynchronousBundleListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When encoder services went and came during one operation, for the benchmark's profile of a bundle update: the
 * first one to go (the old revision stopping) and the last one to register (the new revision ready), in ms after
 * the operation began; and every bundle and encoder service event of it, as a timeline.
 */
final class ServiceSteps implements ServiceListener, SynchronousBundleListener, AutoCloseable {

    private final BundleContext context;
    private final long startNanos;
    private volatile long firstGoneNanos = -1;
    private volatile long firstRegisteredNanos = -1;
    private final List<String> timeline = new ArrayList<>();

    private final java.time.Instant start;

    private ServiceSteps(BundleContext context, long startNanos, java.time.Instant start) {
        this.context = context;
        this.startNanos = startNanos;
        this.start = start;
    }

    /** Watches from now: {@code startNanos} and {@code start} are this moment on the two clocks. */
    static ServiceSteps watch(BundleContext context, long startNanos, java.time.Instant start)
            throws InvalidSyntaxException {
        ServiceSteps steps = new ServiceSteps(context, startNanos, start);
        context.addServiceListener(steps, "(objectClass=" + EncoderBackend.class.getName() + ")");
        context.addBundleListener(steps);
        return steps;
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        long now = System.nanoTime();
        if (event.getType() == ServiceEvent.UNREGISTERING && firstGoneNanos < 0) {
            firstGoneNanos = now;
        } else if (event.getType() == ServiceEvent.REGISTERED && firstRegisteredNanos < 0) {
            firstRegisteredNanos = now;
        }
        String type = switch (event.getType()) {
            case ServiceEvent.REGISTERED -> "registered";
            case ServiceEvent.UNREGISTERING -> "unregistering";
            default -> "modified";
        };
        note(now, type + " " + event.getServiceReference().getProperty("component.name"));
    }

    @Override
    public void bundleChanged(org.osgi.framework.BundleEvent event) {
        String type = switch (event.getType()) {
            case org.osgi.framework.BundleEvent.STOPPING -> "stopping";
            case org.osgi.framework.BundleEvent.STOPPED -> "stopped";
            case org.osgi.framework.BundleEvent.UPDATED -> "updated";
            case org.osgi.framework.BundleEvent.UNRESOLVED -> "unresolved";
            case org.osgi.framework.BundleEvent.RESOLVED -> "resolved";
            case org.osgi.framework.BundleEvent.STARTING -> "starting";
            case org.osgi.framework.BundleEvent.STARTED -> "started";
            default -> "event " + event.getType();
        };
        note(System.nanoTime(), "bundle " + event.getBundle().getSymbolicName() + " " + type);
    }

    /** Records a step of the operation for the timeline, with a caller's own name for it. */
    void note(long nanos, String what) {
        synchronized (timeline) {
            timeline.add(String.format(Locale.ROOT, "%8.1f ms  %s", (nanos - startNanos) / 1e6, what));
        }
    }

    List<String> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    /** {@code instant} (wall clock) on the nanosecond clock of this watch. */
    long nanosAt(java.time.Instant instant) {
        return startNanos + java.time.Duration.between(start, instant).toNanos();
    }

    double firstGoneMillis() {
        return millis(firstGoneNanos);
    }

    double firstRegisteredMillis() {
        return millis(firstRegisteredNanos);
    }

    private double millis(long nanos) {
        return nanos < 0 ? Double.NaN : (nanos - startNanos) / 1e6;
    }

    @Override
    public void close() {
        context.removeServiceListener(this);
        context.removeBundleListener(this);
    }
}
