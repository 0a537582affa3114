package io.lumen.itest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import javax.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Every bundle the distribution ships resolves and starts, and every lumen component is satisfied. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EveryBundleResolvesIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return LumenContainer.options();
    }

    @Test
    public void everyDistributionBundleIsActive() throws Exception {
        Set<String> shipped = new java.util.HashSet<>();
        for (Path jar : LumenContainer.jars(LumenContainer.distributionBundles())) {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                String name = file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
                shipped.add(name.split(";")[0].trim());
            }
        }
        List<String> notActive = new ArrayList<>();
        Set<String> found = new java.util.HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            if (!shipped.contains(bundle.getSymbolicName())) {
                continue;
            }
            found.add(bundle.getSymbolicName());
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notActive.add(bundle.getSymbolicName() + " state " + bundle.getState());
            }
        }
        assertEquals("every shipped bundle is installed", shipped, found);
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
        assertTrue(shipped.containsAll(Set.of("io.lumen.api", "io.lumen.session.manager", "io.lumen.capture.synthetic",
                "io.lumen.encode.java", "io.lumen.native", "io.lumen.fec.leopard")));
    }

    @Test
    public void everyLumenComponentIsSatisfied() {
        List<String> problems = new ArrayList<>();
        int lumenComponents = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.name.startsWith("io.lumen.")) {
                continue;
            }
            lumenComponents++;
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(description.name + " state " + configuration.state + " unsatisfied "
                            + java.util.Arrays.stream(configuration.unsatisfiedReferences).map(r -> r.name)
                            .collect(Collectors.joining(",")));
                }
            }
        }
        assertTrue("lumen components found: " + lumenComponents, lumenComponents >= 4);
        assertTrue("unsatisfied: " + problems, problems.isEmpty());
    }
}
