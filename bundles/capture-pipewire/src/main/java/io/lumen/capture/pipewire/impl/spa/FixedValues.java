package io.lumen.capture.pipewire.impl.spa;

import java.util.Optional;

/** Reads the fixed property values of a negotiated object, naming the property in every complaint. */
final class FixedValues {

    private final SpaPod.ObjectPod object;

    FixedValues(SpaPod.ObjectPod object) {
        this.object = object;
    }

    <T extends SpaPod> T required(int key, String name, Class<T> type) throws SpaPodException {
        return optional(key, name, type).orElseThrow(() -> new SpaPodException(
                SpaParam.name(object.objectId()) + " has no " + name + ": " + SpaPodDescriber.describe(object)));
    }

    /**
     * The value of {@code key}, unwrapped when PipeWire hands it over in a None choice (as negotiated formats
     * do); a choice with alternatives left means nothing was fixed.
     */
    <T extends SpaPod> Optional<T> optional(int key, String name, Class<T> type) throws SpaPodException {
        Optional<SpaPod.Property> property = object.property(key);
        if (property.isEmpty()) {
            return Optional.empty();
        }
        SpaPod value = property.get().value();
        if (value instanceof SpaPod.ChoicePod choice) {
            if (choice.choiceType() != SpaChoiceType.NONE) {
                throw new SpaPodException(name + " is not fixed: " + SpaPodDescriber.describe(object));
            }
            value = choice.values().getFirst();
        }
        if (!type.isInstance(value)) {
            throw new SpaPodException(name + " is a " + SpaType.name(value.type()) + " pod, expected "
                    + type.getSimpleName().replace("Pod", ""));
        }
        return Optional.of(type.cast(value));
    }
}
