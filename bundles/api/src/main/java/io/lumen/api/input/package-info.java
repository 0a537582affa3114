/**
 * What a streaming client does with its keyboard, mouse, pads, touch screen and pen, as events, and the input
 * backends that inject them into the host ({@link io.lumen.api.input.InputBackend}), with the feedback the host's
 * games send back to the client's pads ({@link io.lumen.api.input.PadFeedback}).
 * <p>
 * The events are protocol-neutral values; the numbers inside bit masks (buttons, modifiers, capabilities) are the
 * Moonlight protocol's, named by the enums that carry their {@code flag()}. Bits no enum names yet are kept as
 * sent, so a backend newer than this package can still read them.
 * <p>
 * Versioning: a new kind of event is a minor version of this package. Sessions that switch over
 * {@link io.lumen.api.input.InputEvent} keep a {@code default} branch that ignores kinds they do not know. 2.0
 * replaced the broadcast {@code InputSink} (every sink saw every event) with input backends, one per session;
 * 2.1 lets a session report the events it took but could not inject ({@code InputSession.dropped()}).
 */
@Export
@Version("2.3.0")
package io.lumen.api.input;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
