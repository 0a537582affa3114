package io.lumen.api.input;

/**
 * The client wants rumble sent to its pads; every client sends it once as the stream starts. GameStream hosts
 * sent no rumble before it; a host may send rumble regardless.
 *
 * @param sessionId the session whose client sent it
 * @param enabled   whether rumble is wanted (clients only ever send true)
 */
public record HapticsRequest(String sessionId, boolean enabled) implements InputEvent {

    public HapticsRequest {
        Check.session(sessionId);
    }
}
