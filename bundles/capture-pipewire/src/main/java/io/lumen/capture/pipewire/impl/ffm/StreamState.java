package io.lumen.capture.pipewire.impl.ffm;

/** enum pw_stream_state. */
public enum StreamState {
    ERROR(-1),
    UNCONNECTED(0),
    CONNECTING(1),
    PAUSED(2),
    STREAMING(3);

    private final int value;

    StreamState(int value) {
        this.value = value;
    }

    int value() {
        return value;
    }

    static StreamState of(int value) {
        for (StreamState state : values()) {
            if (state.value == value) {
                return state;
            }
        }
        throw new IllegalArgumentException("no pw_stream_state " + value);
    }
}
