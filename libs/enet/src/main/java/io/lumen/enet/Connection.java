package io.lumen.enet;

import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.CommandHeader;
import io.lumen.enet.wire.CommandType;
import io.lumen.enet.wire.ProtocolHeader;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * The state of one ENet connection, in either role, owned by the thread that drives its {@link EnetProtocol}. The few
 * fields other threads read (state, round-trip time, counters) are volatile with that single writer.
 */
final class Connection {

    enum State { CONNECTING, ACKNOWLEDGING_CONNECT, CONNECTED, DISCONNECT_LATER, DISCONNECTING, ACKNOWLEDGING_DISCONNECT, CLOSED }

    static final long NEVER = Long.MIN_VALUE;
    static final int DEFAULT_ROUND_TRIP_TIME = 500;
    static final long THROTTLE_INTERVAL = 5000;
    static final long THROTTLE_ACCELERATION = 2;
    static final long THROTTLE_DECELERATION = 2;
    static final int MINIMUM_WINDOW = 4096;
    static final int MAXIMUM_WINDOW = 65536;
    private static final int UNSEQUENCED_WINDOW = 1024;
    private static final int FREE_UNSEQUENCED_WINDOWS = 32;

    /** Acknowledgement owed for a reliable command received. */
    record PendingAck(int channelId, int reliableSequenceNumber, int sentTime, CommandType type) {
    }

    /** Builds a command once its sequence numbers are known. */
    @FunctionalInterface
    interface Sequenced {
        Command build(int reliableSequenceNumber, int unreliableSequenceOrGroup);
    }

    final int incomingPeerId;
    final InetSocketAddress address;
    final EnetPeer handle;
    private final EnetOptions options;
    private final HostCounters counters;
    final Channel[] channels;

    volatile State state;
    volatile int channelCount;
    int outgoingPeerId = ProtocolHeader.NO_PEER;
    int incomingSessionId;
    int outgoingSessionId;
    int connectId;
    int mtu;
    long windowSize = MAXIMUM_WINDOW;
    long incomingBandwidth;
    long outgoingBandwidth;
    long throttleInterval = THROTTLE_INTERVAL;
    long throttleAcceleration = THROTTLE_ACCELERATION;
    long throttleDeceleration = THROTTLE_DECELERATION;
    /** The value the next connected/disconnected event reports. */
    int eventData;
    /** The acknowledgement of the peer's DISCONNECT went out: the connection ends once that datagram is sent. */
    boolean closeAfterFlush;
    /** Host role: when an answered CONNECT that is still unacknowledged gives its slot up. */
    long handshakeDeadline = NEVER;
    /** Numbers held packets in arrival order, so the oldest can go first. */
    private long arrivals;

    private int outgoingReliableSequenceNumber;
    private int outgoingUnsequencedGroup;
    private int incomingUnsequencedGroup;
    private final long[] unsequencedWindow = new long[UNSEQUENCED_WINDOW / 64];
    private long queued;
    private long waitingData;

    final TreeMap<Long, Outgoing> outgoing = new TreeMap<>();
    final ArrayDeque<Outgoing> sentReliable = new ArrayDeque<>();
    final ArrayDeque<PendingAck> acknowledgements = new ArrayDeque<>();
    long reliableDataInTransit;
    long nextTimeout;
    private long earliestTimeout = NEVER;
    long lastAcknowledgedAt = NEVER;
    private boolean roundTripMeasured;
    volatile int roundTripTime = DEFAULT_ROUND_TRIP_TIME;
    volatile int roundTripTimeVariance;

    volatile long reliableSent;
    volatile long retransmitted;
    volatile long acknowledged;
    volatile long packetsSent;
    volatile long packetsReceived;

    Connection(EnetProtocol protocol, int incomingPeerId, InetSocketAddress address, int channelCount, EnetOptions options) {
        this.incomingPeerId = incomingPeerId;
        this.address = address;
        this.options = options;
        this.counters = protocol.counters();
        this.channelCount = channelCount;
        this.mtu = options.mtu();
        this.channels = new Channel[channelCount];
        for (int i = 0; i < channelCount; i++) {
            channels[i] = new Channel();
        }
        this.handle = new EnetPeer(protocol, this);
    }

    boolean open() {
        return state == State.CONNECTED || state == State.DISCONNECT_LATER;
    }

    boolean hasOutgoing() {
        return !outgoing.isEmpty() || !sentReliable.isEmpty();
    }

    /** Numbers a command the way ENet does and queues it behind everything queued before. */
    Outgoing queue(int channelId, int flags, boolean continuesFragment, Sequenced command, int fragmentLength, boolean carriesPacket) {
        int reliable;
        int second = 0;
        if (channelId == CommandHeader.CONNECTION_CHANNEL) {
            reliable = outgoingReliableSequenceNumber = (outgoingReliableSequenceNumber + 1) & 0xFFFF;
        } else {
            Channel channel = channels[channelId];
            if ((flags & CommandHeader.FLAG_ACKNOWLEDGE) != 0) {
                reliable = channel.outgoingReliable = (channel.outgoingReliable + 1) & 0xFFFF;
                channel.outgoingUnreliable = 0;
            } else if ((flags & CommandHeader.FLAG_UNSEQUENCED) != 0) {
                reliable = 0;
                second = outgoingUnsequencedGroup = (outgoingUnsequencedGroup + 1) & 0xFFFF;
            } else {
                if (!continuesFragment) {
                    channel.outgoingUnreliable++;
                }
                reliable = channel.outgoingReliable;
                second = channel.outgoingUnreliable;
            }
        }
        Outgoing entry = new Outgoing(command.build(reliable, second), ++queued, reliable, fragmentLength, carriesPacket);
        outgoing.put(entry.order, entry);
        return entry;
    }

    void queueAcknowledgement(Command command, int sentTime) {
        CommandHeader header = command.header();
        if (header.channelId() < channelCount && !channels[header.channelId()].acknowledgeable(header.reliableSequenceNumber())) {
            return;
        }
        acknowledgements.addLast(new PendingAck(header.channelId(), header.reliableSequenceNumber(), sentTime, header.type()));
    }

    /**
     * Forgets the acknowledged command; returns its type, or null when nothing matched. Like ENet it also finds a
     * command that timed out and waits in the queue for its retransmission.
     */
    CommandType acknowledge(int reliableSequenceNumber, int channelId) {
        Outgoing match = null;
        boolean inFlight = false;
        for (Iterator<Outgoing> it = sentReliable.iterator(); it.hasNext(); ) {
            Outgoing sent = it.next();
            if (sent.reliableSequenceNumber == reliableSequenceNumber && sent.channelId() == channelId) {
                it.remove();
                match = sent;
                inFlight = true;
                break;
            }
        }
        if (match == null) {
            for (Iterator<Outgoing> it = outgoing.values().iterator(); it.hasNext(); ) {
                Outgoing waiting = it.next();
                if (!waiting.reliable()) {
                    continue;
                }
                if (waiting.sendAttempts < 1) {
                    break;
                }
                if (waiting.reliableSequenceNumber == reliableSequenceNumber && waiting.channelId() == channelId) {
                    it.remove();
                    match = waiting;
                    break;
                }
            }
        }
        if (match == null) {
            return null;
        }
        if (channelId < channelCount) {
            channels[channelId].markAcknowledged(reliableSequenceNumber);
        }
        if (match.carriesPacket && inFlight) {
            reliableDataInTransit -= match.fragmentLength;
        }
        acknowledged++;
        if (!sentReliable.isEmpty()) {
            Outgoing first = sentReliable.getFirst();
            nextTimeout = first.sentTime + first.roundTripTimeout;
        }
        return match.command.type();
    }

    /** ENet's smoothing: variance moves a quarter of the way, the mean an eighth, rounding up. */
    void measureRoundTrip(long now, long sample) {
        int rtt = roundTripTime;
        int variance = roundTripTimeVariance;
        if (roundTripMeasured) {
            variance -= (variance + 3) / 4;
            long diff = Math.abs(sample - rtt);
            variance += (int) ((diff + 3) / 4);
            rtt += (int) (sample >= rtt ? (diff + 7) / 8 : -((diff + 7) / 8));
        } else {
            rtt = (int) sample;
            variance = (int) ((sample + 1) / 2);
            roundTripMeasured = true;
        }
        roundTripTime = rtt;
        roundTripTimeVariance = variance;
        lastAcknowledgedAt = now;
        earliestTimeout = NEVER;
    }

    /** The retransmission timeout: RTT plus up to four variances, at most a fifth of the peer timeout (cgutman's cap). */
    long retransmitTimeout() {
        int rtt = roundTripTime;
        long timeout = rtt + Math.min(rtt, 4L * Math.max(1, roundTripTimeVariance));
        return Math.min(timeout, options.timeoutMaximum().toMillis() / 5);
    }

    /**
     * Requeues every overdue reliable command, or returns true when the peer has gone silent for too long: ENet's
     * {@code enet_protocol_check_timeouts}.
     */
    boolean timedOut(long now) {
        if (sentReliable.isEmpty() || now < nextTimeout) {
            return false;
        }
        long minimum = options.timeoutMinimum().toMillis();
        long maximum = options.timeoutMaximum().toMillis();
        int limit = options.timeoutLimit();
        for (Iterator<Outgoing> it = sentReliable.iterator(); it.hasNext(); ) {
            Outgoing sent = it.next();
            if (now - sent.sentTime < sent.roundTripTimeout) {
                continue;
            }
            if (earliestTimeout == NEVER || sent.sentTime < earliestTimeout) {
                earliestTimeout = sent.sentTime;
            }
            long waited = now - earliestTimeout;
            long backoff = 1L << Math.min(sent.sendAttempts - 1, 62);
            if (waited >= maximum || backoff >= limit && waited >= minimum) {
                return true;
            }
            retransmitted++;
            long timeout = retransmitTimeout();
            sent.roundTripTimeout = timeout * (sent.sendAttempts < limit ? Math.max(1, sent.sendAttempts) : limit);
            it.remove();
            if (sent.carriesPacket) {
                reliableDataInTransit -= sent.fragmentLength;
            }
            outgoing.put(sent.order, sent);
        }
        if (!sentReliable.isEmpty()) {
            Outgoing first = sentReliable.getFirst();
            nextTimeout = first.sentTime + first.roundTripTimeout;
        }
        return false;
    }

    boolean pingDue(long now) {
        return state == State.CONNECTED && sentReliable.isEmpty()
                && (lastAcknowledgedAt == NEVER || now - lastAcknowledgedAt >= options.pingInterval().toMillis());
    }

    boolean handshakeExpired(long now) {
        return state == State.ACKNOWLEDGING_CONNECT && now >= handshakeDeadline;
    }

    /** When this connection next needs the service thread, or {@code Long.MAX_VALUE}. */
    long wakeup() {
        if (!acknowledgements.isEmpty()) {
            return Long.MIN_VALUE;
        }
        if (state == State.ACKNOWLEDGING_CONNECT) {
            return Math.min(handshakeDeadline, sentReliable.isEmpty() ? Long.MAX_VALUE : nextTimeout);
        }
        if (!sentReliable.isEmpty()) {
            return nextTimeout;
        }
        if (state == State.CONNECTED) {
            return lastAcknowledgedAt == NEVER ? Long.MIN_VALUE : lastAcknowledgedAt + options.pingInterval().toMillis();
        }
        return Long.MAX_VALUE;
    }

    /** ENet's unsequenced window: true for a group not seen yet among the last 32 Ki groups. */
    boolean firstOfUnsequencedGroup(int group) {
        int index = group % UNSEQUENCED_WINDOW;
        int unwrapped = group < incomingUnsequencedGroup ? group + 0x10000 : group;
        if (unwrapped >= incomingUnsequencedGroup + FREE_UNSEQUENCED_WINDOWS * UNSEQUENCED_WINDOW) {
            return false;
        }
        int base = (unwrapped & 0xFFFF) - index;
        if (base != incomingUnsequencedGroup) {
            incomingUnsequencedGroup = base;
            java.util.Arrays.fill(unsequencedWindow, 0);
        } else if ((unsequencedWindow[index / 64] & 1L << (index % 64)) != 0) {
            return false;
        }
        unsequencedWindow[index / 64] |= 1L << (index % 64);
        return true;
    }

    /**
     * Charges {@code bytes} of held data to this peer and the host, first giving up this peer's oldest unreliable
     * packets (never {@code keep}, never reliable ones, which were acknowledged) while either budget has no room.
     */
    boolean reserve(int bytes, Object keep) {
        while (!charge(bytes)) {
            Channel oldestIn = null;
            long oldest = Long.MAX_VALUE;
            for (Channel channel : channels) {
                long arrival = channel.oldestUnreliable(keep);
                if (arrival < oldest) {
                    oldest = arrival;
                    oldestIn = channel;
                }
            }
            if (oldestIn == null) {
                return false;
            }
            release(oldestIn.evictOldestUnreliable(keep));
            counters.evicted();
        }
        return true;
    }

    private boolean charge(int bytes) {
        if (waitingData + bytes > options.maxWaitingData() || !counters.hold(bytes)) {
            return false;
        }
        waitingData += bytes;
        return true;
    }

    void release(int bytes) {
        waitingData -= bytes;
        counters.unhold(bytes);
    }

    long nextArrival() {
        return arrivals++;
    }

    /** Everything queued either way goes: ENet's {@code enet_peer_reset_queues}. */
    void resetQueues() {
        acknowledgements.clear();
        outgoing.clear();
        sentReliable.clear();
        reliableDataInTransit = 0;
        counters.unhold(waitingData);
        waitingData = 0;
        for (Channel channel : channels) {
            channel.resetIncoming();
            channel.resetOutgoingWindows();
        }
    }
}
