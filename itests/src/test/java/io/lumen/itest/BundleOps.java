package io.lumen.itest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertTrue;

/** What the swap tests and the stall benchmark do to bundles, done one way. */
final class BundleOps {

    static final String FIXTURE_JAR = "lumen-itest-fixture-encoder.jar";

    private BundleOps() {
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Refreshes the wiring of {@code bundles} and waits until the framework says it is done. */
    static void refresh(BundleContext context, Bundle... bundles) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundles), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue("refresh finished", done.await(30, TimeUnit.SECONDS));
    }

    /** The bundle's current class loader, held weakly: the swap tests check it can go once the bundle has. */
    static WeakReference<ClassLoader> classLoader(Bundle bundle) {
        return new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
    }

    /**
     * Updates encoder bundle {@code symbolicName} in place while {@code recorded} streams, then checks the session
     * took encoder {@code encoderId} up again, its stream survived both swaps, and nothing kept the old revision's
     * class loader alive.
     */
    static void updateInPlaceDuring(BundleContext context, RecordedSession recorded, String symbolicName,
                                    String encoderId) throws Exception {
        String id = recorded.session().id();
        Bundle bundle = bundle(context, symbolicName);
        WeakReference<ClassLoader> oldLoader = classLoader(bundle);
        bundle.update();
        refresh(context, bundle);
        recorded.awaitEncoder(encoderId);
        recorded.stop();
        recorded.assertSurvivedSwaps(id, 2);
        Collectable.assertCollected("the class loader of " + symbolicName + "'s old revision", oldLoader);
    }

    /** Installs and starts the ipcm-h264 fixture encoder (ranked above java-h264). */
    static Bundle installFixture(BundleContext context) throws BundleException {
        Bundle fixture = context.installBundle(LumenContainer.testBundle(FIXTURE_JAR).toUri().toString());
        fixture.start();
        return fixture;
    }
}
