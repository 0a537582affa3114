package io.lumen.tools.streambench;

import io.lumen.nativeaccess.net.SendPath;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The send path alone, on this thread: 1408-byte datagrams from the bare DatagramChannel loop and from the native
 * socket's three paths, each clear and with AES-GCM per packet, against {@code iperf3 -u -b 0 -l 1408} run in the
 * same rounds. Every sender's turn in a round comes in a rotated order; the figures are medians over the rounds.
 */
final class SendPathRounds {

    /** One turn of one sender: what it sent, how long and how much of this thread's CPU it took, what arrived. */
    private record Turn(long bytes, long datagrams, double seconds, double cpuSeconds, double readShare, long drops) {

        double gbps() {
            return bytes * 8 / seconds / 1e9;
        }

        double cpuPerGb() {
            return cpuSeconds / (bytes / 1e9);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int IPERF_SECONDS = 2;

    private SendPathRounds() {
    }

    /** A sender and the reader it sends to. */
    private record Entry(SendPaths.Sender sender, CountingClient reader, String name) {
    }

    /**
     * {@code reader} reads every sender's datagrams one by one (the kernel cuts a GSO send on the sending CPU, as
     * it would for a NIC without segmentation offload); {@code groReader} takes the GSO sends once more whole, as
     * loopback hands them to a GRO socket, which shows what the sending side costs when nothing cuts them.
     */
    static void run(CountingClient reader, CountingClient groReader, int datagramBytes, byte[] key, long roundBytes,
                    int rounds) throws Exception {
        Path iperf3 = Iperf3.find();
        long datagrams = roundBytes / datagramBytes;
        System.out.printf(Locale.ROOT, "%nsend paths alone, one sending thread, %d-byte datagrams, %d MB a turn,"
                        + " median of %d rounds (order rotated); AES-GCM = a 32-byte header and the sealed shard per"
                        + " packet; CPU = the sending thread's (on loopback it includes the kernel's delivery into the"
                        + " reader's socket); reader: %s, rows '> GRO': %s; peer: %s%n", datagramBytes,
                roundBytes / 1_000_000, rounds, reader.describe(), groReader.describe(), iperf3 == null
                        ? "no iperf3 installed (apt-get install iperf3)"
                        : Iperf3.version(iperf3) + " -u -b 0 -l " + datagramBytes + " -t " + IPERF_SECONDS
                        + " (its own server, its process CPU)");
        List<Entry> senders = new ArrayList<>();
        try {
            for (byte[] mode : new byte[][] {null, key}) {
                SendPaths.Sender channel = SendPaths.channel(datagramBytes, mode);
                senders.add(new Entry(channel, reader, channel.name()));
                for (SendPath path : new SendPath[] {SendPath.SINGLE, SendPath.SENDMMSG, SendPath.GSO}) {
                    try {
                        SendPaths.Sender sender = SendPaths.nativeSocket(path, datagramBytes, mode);
                        senders.add(new Entry(sender, reader, sender.name()));
                        if (path == SendPath.GSO) {
                            senders.add(new Entry(sender, groReader, sender.name() + " > GRO"));
                        }
                    } catch (IOException e) {
                        System.out.println("  (" + path.description() + " left out: " + e.getMessage() + ")");
                    }
                }
            }
            for (Entry entry : senders) { // warm-up
                turn(entry, datagrams / 4, datagramBytes);
            }
            List<List<Turn>> turns = new ArrayList<>();
            senders.forEach(s -> turns.add(new ArrayList<>()));
            List<Iperf3.Run> iperf = new ArrayList<>();
            int participants = senders.size() + (iperf3 == null ? 0 : 1);
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < participants; k++) {
                    int who = (k + round) % participants;
                    if (who == senders.size()) {
                        iperf.add(Iperf3.run(iperf3, datagramBytes, IPERF_SECONDS));
                    } else {
                        turns.get(who).add(turn(senders.get(who), datagrams, datagramBytes));
                    }
                }
            }
            print(senders, turns, iperf, datagramBytes);
        } finally {
            for (Entry entry : senders) {
                entry.sender().close();
            }
        }
    }

    private static Turn turn(Entry entry, long datagrams, int datagramBytes)
            throws IOException, GeneralSecurityException {
        CountingClient client = entry.reader();
        long readBefore = client.datagrams();
        long dropsBefore = client.drops();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        entry.sender().send(datagrams, client.address());
        long nanos = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        long read = client.awaitDatagrams(readBefore + datagrams) - readBefore;
        long bytes = datagrams * datagramBytes;
        return new Turn(bytes, datagrams, nanos / 1e9, cpu / 1e9, (double) read / datagrams,
                client.drops() - dropsBefore);
    }

    private static void print(List<Entry> senders, List<List<Turn>> turns, List<Iperf3.Run> iperf,
                              int datagramBytes) {
        double iperfGbps = iperf.isEmpty() ? Double.NaN
                : median(iperf.stream().mapToDouble(r -> r.bytes() * 8 / r.seconds() / 1e9).toArray());
        // Gbit/s a whole core would give at that CPU cost: what the rate means when other work shares the cores
        System.out.printf(Locale.ROOT, "%-22s %-7s %7s %8s %9s %10s %7s %8s | %9s %13s %11s%n", "sender", "mode",
                "Gbit/s", "Mdgram/s", "CPU s/GB", "Gb/s/core", "read", "drops", "x iperf3", "x DatagramCh",
                "CPU x DgCh");
        if (!iperf.isEmpty()) {
            double cpu = median(iperf.stream().mapToDouble(r -> r.cpuPercent() / 100 * r.seconds()
                    / (r.bytes() / 1e9)).toArray());
            double lost = median(iperf.stream().mapToDouble(Iperf3.Run::lostPercent).toArray());
            System.out.printf(Locale.ROOT, "%-22s %-7s %7.2f %8.3f %9.2f %10.2f %6.1f%% %8s | %9.2f %13s %11s%n",
                    "iperf3 -u -b 0", "clear", iperfGbps, iperfGbps * 1e9 / 8 / datagramBytes / 1e6, cpu, 8 / cpu,
                    100 - lost, "-", 1.0, "", "");
        }
        double[] channelGbps = new double[2];
        double[] channelCpu = new double[2];
        for (int s = 0; s < senders.size(); s++) {
            SendPaths.Sender sender = senders.get(s).sender();
            List<Turn> list = turns.get(s);
            double gbps = median(list.stream().mapToDouble(Turn::gbps).toArray());
            double cpu = median(list.stream().mapToDouble(Turn::cpuPerGb).toArray());
            int mode = sender.sealed() ? 1 : 0;
            if (senders.get(s).name().startsWith("DatagramChannel")) {
                channelGbps[mode] = gbps;
                channelCpu[mode] = cpu;
            }
            System.out.printf(Locale.ROOT, "%-22s %-7s %7.2f %8.3f %9.2f %10.2f %6.1f%% %8d | %9.2f %13.2f %11.2f%n",
                    senders.get(s).name(), sender.sealed() ? "AES-GCM" : "clear", gbps,
                    median(list.stream().mapToDouble(t -> t.datagrams() / t.seconds() / 1e6).toArray()), cpu, 8 / cpu,
                    100 * median(list.stream().mapToDouble(Turn::readShare).toArray()),
                    list.stream().mapToLong(Turn::drops).sum(), gbps / iperfGbps, gbps / channelGbps[mode],
                    cpu / channelCpu[mode]);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
