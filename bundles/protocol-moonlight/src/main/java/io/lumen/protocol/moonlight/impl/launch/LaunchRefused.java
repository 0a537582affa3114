package io.lumen.protocol.moonlight.impl.launch;

/** A launch, resume or quit the host cannot do; {@link #status()} is the HTTP-style code clients are sent. */
public final class LaunchRefused extends Exception {

    private final int status;

    public LaunchRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
