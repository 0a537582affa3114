package io.lumen.itest;

import org.ops4j.pax.exam.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

/**
 * The container every itest runs in: Felix with exactly the bundles of the assembled distribution (its bundle/
 * folder), the test kit, and FileInstall watching a fresh deploy/ folder with a short poll.
 */
public final class LumenContainer {

    public static final String DEPLOY_DIR = "lumen.itest.deploy";

    private LumenContainer() {
    }

    public static Path distributionBundles() {
        return Path.of(System.getProperty("lumen.dist.bundles", "../distribution/target/lumen/bundle"));
    }

    public static Path testBundle(String name) {
        return Path.of(System.getProperty("lumen.test.bundles", "target/test-bundles")).resolve(name);
    }

    public static Option[] options() {
        return options(List.of());
    }

    /** The container without the distribution bundles whose jar names start with one of {@code leftOut}. */
    public static Option[] options(List<String> leftOut) {
        try {
            Path work = Files.createDirectories(Path.of(System.getProperty("lumen.itest.work", "target/itest-work")));
            Path deploy = Files.createTempDirectory(work, "deploy-");
            List<Option> options = new ArrayList<>();
            options.add(cleanCaches());
            // Pax Logging defaults to DEBUG and would echo every JDK debug record (each ffmpeg start, with a trace)
            options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"));
            options.add(junitBundles());
            options.add(systemProperty("org.ops4j.pax.url.mvn.repositories")
                    .value("https://repo.maven.apache.org/maven2@id=central"));
            options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
                    .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                            System.getProperty("user.home") + "/.m2/repository")));
            options.add(systemProperty(DEPLOY_DIR).value(deploy.toString()));
            options.add(frameworkProperty("felix.fileinstall.dir").value(deploy.toString()));
            options.add(frameworkProperty("felix.fileinstall.poll").value("100"));
            options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
            options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.jar"));
            options.add(frameworkProperty("felix.cm.dir").value(work.resolve("config-" + deploy.getFileName()).toString()));
            // the Moonlight host: free ports, no LAN advertisement, its identity in this run's work folder
            options.add(frameworkProperty("lumen.port").value("0"));
            options.add(frameworkProperty("lumen.mdns").value("false"));
            options.add(frameworkProperty("lumen.data").value(work.resolve("data-" + deploy.getFileName()).toString()));
            for (Path jar : jars(distributionBundles())) {
                if (leftOut.stream().noneMatch(prefix -> jar.getFileName().toString().startsWith(prefix))) {
                    options.add(bundle(jar.toUri().toString()));
                }
            }
            options.add(bundle(testBundle("lumen-testkit.jar").toUri().toString()));
            return options.toArray(Option[]::new);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the itest container: " + e, e);
        }
    }

    public static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IOException("no bundles in " + dir.toAbsolutePath() + ": build the distribution first");
            }
            return jars;
        }
    }
}
