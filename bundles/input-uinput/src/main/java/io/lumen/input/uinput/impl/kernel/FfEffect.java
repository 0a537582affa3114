package io.lumen.input.uinput.impl.kernel;

/**
 * The parts of a struct ff_effect a rumble-only pad reads.
 *
 * @param type               FF_RUMBLE for every effect the pads accept (they announce no other type)
 * @param id                 the slot the kernel gave the effect, 0..ff_effects_max-1
 * @param replayLengthMillis how long one play lasts; 0 plays until stopped
 * @param replayDelayMillis  how long after the play request it starts
 * @param strong             the heavy motor, 0..65535
 * @param weak               the light motor, 0..65535
 */
public record FfEffect(int type, int id, int replayLengthMillis, int replayDelayMillis, int strong, int weak) {
}
