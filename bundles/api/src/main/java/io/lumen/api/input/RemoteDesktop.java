package io.lumen.api.input;

import org.osgi.annotation.versioning.ProviderType;

import java.util.concurrent.CompletionStage;

/**
 * A compositor's remote-desktop session linked to the cast one lumen session streams (Mutter's RemoteDesktop, the
 * desktop portal's): input goes to the desktop as if from local devices, and absolute positions land on the
 * streamed monitor, which the compositor knows only within the session linked to that cast. Each call sends its
 * event and returns without waiting for the compositor's reply; one that cannot be sent (the session ended, the bus
 * is gone) is dropped and counted, never thrown. Codes are Linux evdev codes ({@code linux/input-event-codes.h}),
 * as lumen's input events carry them. Since 2.3.
 */
@ProviderType
public interface RemoteDesktop {

    /** The streamed monitor's size in pixels: absolute positions and touch points are in 0..width, 0..height. */
    int width();

    int height();

    void pointerMotionAbsolute(double x, double y);

    void pointerMotionRelative(double dx, double dy);

    /** @param button an evdev button code ({@code BTN_LEFT} 0x110 ...) */
    void pointerButton(int button, boolean pressed);

    /** Smooth scrolling in pixels, as a touchpad's; {@code finish} ends a scroll sequence (kinetic scrolling). */
    void pointerAxis(double dx, double dy, boolean finish);

    /** @param axis 0 vertical, 1 horizontal; {@code steps} clicks of a wheel, positive down or right */
    void pointerAxisDiscrete(int axis, int steps);

    /** @param keycode an evdev key code ({@code KEY_A} 30 ...) */
    void keyboardKeycode(int keycode, boolean pressed);

    /** For text the client types as characters: an X keysym. */
    void keyboardKeysym(int keysym, boolean pressed);

    void touchDown(int slot, double x, double y);

    void touchMotion(int slot, double x, double y);

    void touchUp(int slot);

    /** Events dropped since the session began, because Mutter could not be told. */
    long dropped();

    /** Completes, with the reason, when the session ends: the cast closed or replaced, Mutter or the bus gone. */
    CompletionStage<String> ended();
}
