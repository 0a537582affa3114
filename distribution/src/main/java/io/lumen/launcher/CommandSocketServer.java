package io.lumen.launcher;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shell commands from other terminals ({@code bin/lumen cmd ...}) over a UNIX socket in a 0700 directory, the
 * socket itself 0600: only root and the host's owner reach it. One connection carries one command line; the reply
 * is the command's output and a last status line. Connections are served side by side (a few at once; more are
 * told the host is busy), and one that sends no line within the read timeout is closed, so a client that connects
 * and stays silent holds up nobody. The Gogo classes live in a bundle the launcher cannot link against, so the
 * command processor is called reflectively.
 */
final class CommandSocketServer implements AutoCloseable {

    /** Ends every reply: the client's exit code follows it. */
    static final String STATUS_PREFIX = "\u0000lumen-exit=";
    /** An optional first line: the width of the client's terminal, for commands that fit tables to it. */
    static final String COLUMNS_PREFIX = "\u0000lumen-columns=";

    private static final Logger LOG = Logger.getLogger("lumen.host");
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CONNECTIONS = 8;
    private static final int MAX_LINE = 64 * 1024;

    private final BundleContext context;
    private final Path socket;
    private final Duration readTimeout;
    private final Semaphore slots;
    private final ConsolelessShell shell;
    private final ExecutorService connections = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("lumen-command-", 1).daemon().factory());
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lumen-command-deadline").daemon().factory());
    private ServerSocketChannel server;
    private Thread acceptor;

    /** {@code consoleBundles}: the directory of Felix's console bundles (see {@link ConsolelessShell}). */
    CommandSocketServer(BundleContext context, Path socket, Path consoleBundles) {
        this(context, socket, consoleBundles, READ_TIMEOUT, MAX_CONNECTIONS);
    }

    /** {@code readTimeout}: how long a connection may take to send its line; {@code maxConnections} served at once. */
    CommandSocketServer(BundleContext context, Path socket, Path consoleBundles, Duration readTimeout,
                        int maxConnections) {
        this.context = context;
        this.socket = socket;
        this.readTimeout = readTimeout;
        this.slots = new Semaphore(maxConnections);
        this.shell = new ConsolelessShell(context, consoleBundles);
    }

    void start() throws IOException {
        Path dir = socket.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        // a host killed with -9 leaves its socket behind; a live one would still answer
        if (Files.exists(socket) && !CommandClient.answers(socket)) {
            Files.delete(socket);
        } else if (Files.exists(socket)) {
            throw new IOException("another lumen host already listens on " + socket + " (use --data for a second one)");
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        acceptor = new Thread(this::acceptLoop, "lumen-command-socket");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "command socket: " + e.getMessage());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(client);
                continue;
            }
            try {
                connections.execute(() -> {
                    try {
                        serve(client);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException closing) {
                slots.release();
                closeQuietly(client);
            }
        }
    }

    /** Every slot is taken (by clients that may never speak): answer at once rather than queue. */
    private static void refuse(SocketChannel client) {
        try (client) {
            PrintStream out = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8);
            int status = fail(out, "busy: too many command connections are open; try again");
            out.print(STATUS_PREFIX + status + "\n");
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.FINE, "command socket: refusing a connection: " + e.getMessage());
        }
    }

    /** One connection: its line must arrive within the read timeout, else the connection is closed under it. */
    private void serve(SocketChannel client) {
        try (client) {
            ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client), readTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            String line;
            Integer columns = null;
            try {
                line = readLine(client);
                if (line != null && line.startsWith(COLUMNS_PREFIX)) {
                    String width = line.substring(COLUMNS_PREFIX.length()).strip();
                    columns = width.matches("\\d{1,6}") ? Integer.valueOf(width) : null;
                    line = readLine(client);
                }
            } finally {
                deadline.cancel(false);
            }
            PrintStream out = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8);
            int status = line == null || line.isBlank() ? fail(out, "empty command") : runOnce(line, out, columns);
            out.print(STATUS_PREFIX + status + "\n");
            out.flush();
        } catch (AsynchronousCloseException timedOut) {
            LOG.fine("command socket: a connection sent no command within " + readTimeout.toMillis() + " ms; closed");
        } catch (IOException e) {
            if (server.isOpen()) {
                LOG.log(Level.WARNING, "command socket: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "command socket: " + e, e);
        }
    }

    /** The command line, up to its newline (or the end of input); null if nothing came. */
    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.size() <= MAX_LINE) {
            one.clear();
            if (client.read(one) < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (one.get(0) == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(one.get(0));
        }
        throw new IOException("a command line longer than " + MAX_LINE + " bytes");
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "command socket: closing a connection: " + e.getMessage());
        }
    }

    private static int fail(PrintStream out, String message) {
        out.println("error: " + message);
        return 2;
    }

    /** Runs one command line through Gogo, printing its output and result; returns 0 on success. */
    int runOnce(String line, PrintStream out) {
        return runOnce(line, out, null);
    }

    /** As {@link #runOnce(String, PrintStream)}; {@code columns}, when known, is the session's COLUMNS. */
    int runOnce(String line, PrintStream out, Integer columns) {
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            return fail(out, "the Gogo runtime is not running");
        }
        Object processor = context.getService(reference);
        Object session = null;
        try {
            shell.equip(processor);
            Method create = processor.getClass().getMethod("createSession", java.io.InputStream.class, OutputStream.class,
                    OutputStream.class);
            session = create.invoke(processor, new ByteArrayInputStream(new byte[0]), out, out);
            if (columns != null) {
                session.getClass().getMethod("put", String.class, Object.class).invoke(session, "COLUMNS", columns);
            }
            Object result = session.getClass().getMethod("execute", CharSequence.class).invoke(session, line);
            if (result != null) {
                Object text = session.getClass().getMethod("format", Object.class, int.class).invoke(session, result, 0);
                out.println(text);
            }
            LOG.fine("command ran: " + line);
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            out.println("error: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            return 1;
        } catch (ReflectiveOperationException e) {
            return fail(out, "cannot call the Gogo command processor: " + e);
        } finally {
            if (session != null) {
                try {
                    session.getClass().getMethod("close").invoke(session);
                } catch (ReflectiveOperationException ignored) {
                    // the session only buffers; nothing to recover
                }
            }
            context.ungetService(reference);
        }
    }

    @Override
    public void close() {
        connections.shutdownNow();
        deadlines.shutdownNow();
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "command socket did not close: " + e.getMessage());
        }
    }
}
