package io.lumen.enet;

/** What {@link EnetProtocol#drainEvents()} returns; {@link EnetHost} turns them into {@link EnetListener} calls. */
public sealed interface EnetEvent {

    EnetPeer peer();

    /** See {@link EnetListener#connected}. */
    record Connected(EnetPeer peer, int data) implements EnetEvent {
    }

    /** See {@link EnetListener#received}. */
    record Received(EnetPeer peer, int channel, byte[] packet) implements EnetEvent {
    }

    /** See {@link EnetListener#disconnected}. */
    record Disconnected(EnetPeer peer, EnetPeer.DisconnectReason reason, int data) implements EnetEvent {
    }

    /** Our connect never completed: refused by the remote ({@code REMOTE}), timed out, or cancelled ({@code LOCAL}). */
    record ConnectFailed(EnetPeer peer, EnetPeer.DisconnectReason reason) implements EnetEvent {
    }
}
