package io.lumen.api.input;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a session's injector sends what the host's games ask of the client's pads: rumble, trigger rumble, the
 * LED colour, motion-sensor reports, adaptive-trigger effects. The protocol turns each into the message its
 * clients understand. Since 2.0.
 * <p>
 * Thread-safe and non-blocking: an injector calls it from whatever thread reads its devices.
 */
@ProviderType
public interface InputFeedback {

    void send(PadFeedback feedback);
}
