package io.lumen.api.capture;

import io.lumen.api.backend.BackendException;
import io.lumen.api.media.VideoMode;
import org.osgi.annotation.versioning.ConsumerType;

import java.nio.file.Path;

/**
 * A capture that runs the app itself, inside what it captures: gamescope is a compositor of its own, so a game
 * started inside it draws into the display gamescope streams. The launcher of an app whose capture names this
 * host's {@link #id()} runs the command line {@link #host} returns in place of the app's own, and passes the
 * returned options to every capture of that launch.
 * <p>
 * The process is the launcher's, not the host's: the launcher stops it at quit and ends the launch when it exits.
 * A host bundle updated or stopped meanwhile leaves it running, and the host that comes back finds it again from
 * the options alone (they are plain strings, so nothing of a departed bundle outlives it).
 *
 * @since 1.2
 */
@ConsumerType
public interface AppHost {

    /** The id of the capture backend that streams what this host runs, as an app's {@code capture =} names it. */
    String id();

    /**
     * The command line that runs {@code appCommand} (a shell command line) inside this host at the client's
     * {@code mode}.
     *
     * @param output the file the launcher appends the process's output to; the host may read what it prints there
     * @throws BackendException when the host cannot run here, saying why
     */
    HostedApp host(String appCommand, VideoMode mode, Path output) throws BackendException;
}
