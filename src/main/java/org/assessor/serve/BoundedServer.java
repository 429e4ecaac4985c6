package org.assessor.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The workbench's HTTP server (Jetty's core server) with bounds on its clients: at most {@code connections} open at
 * once (more wait to be accepted); a connection whose request line and headers have not all arrived within
 * {@code headerMillis} of opening is closed, and so is one whose body has not all arrived within {@code bodyMillis}
 * (or arrives slower than a minimum rate), or that sends nothing for {@code idleMillis}; one request per connection;
 * headers of at most 16 KiB. Reading a request holds no thread until it has all arrived, so slow clients cannot stop
 * it answering others.
 */
final class BoundedServer implements AutoCloseable {
    /** The bounds; {@link #defaults()} are the workbench's. */
    record Limits(int connections, long headerMillis, long bodyMillis, long idleMillis, int threads, int heavyRunning,
                  int heavyWaiting, long heavyWaitMillis) {
        static Limits defaults() {
            return new Limits(64, 10_000, 10_000, 30_000, 32, Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                    8, 5_000);
        }
    }

    /** What answers each request. */
    interface Answer {
        void handle(Http.Exchange exchange) throws Exception;
    }

    /** The slowest a request body may arrive, in bytes a second (a form of a few kilobytes takes a moment). */
    private static final long MIN_BODY_RATE = 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timer;
    private final NetworkConnectionLimit limit;
    private final Map<Connection, ScheduledFuture<?>> awaitingHeaders = new ConcurrentHashMap<>();

    /** Opens the port now (so a port in use is said at once); requests are answered from {@link #start()}. */
    BoundedServer(String host, int port, Limits limits, Answer answer) throws IOException {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workbench-http-limits");
            t.setDaemon(true);
            return t;
        });
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, limits.threads()), 2);
        threads.setName("workbench-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setPersistentConnectionsEnabled(false);
        config.setRequestHeaderSize(16 * 1024);
        config.setMinRequestDataRate(MIN_BODY_RATE);
        // Accepting in the selector (no acceptor thread), so that at the cap not one more connection is taken.
        connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleMillis());
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection c) {
                awaitingHeaders.put(c, timer.schedule(() -> {
                    if (awaitingHeaders.remove(c) != null) c.getEndPoint().close();
                }, limits.headerMillis(), TimeUnit.MILLISECONDS));
            }

            @Override
            public void onClosed(Connection c) {
                ScheduledFuture<?> f = awaitingHeaders.remove(c);
                if (f != null) f.cancel(false);
            }
        });
        server.addConnector(connector);
        limit = new NetworkConnectionLimit(limits.connections(), connector);
        server.addBean(limit);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                ScheduledFuture<?> f = awaitingHeaders.remove(request.getConnectionMetaData().getConnection());
                if (f != null) f.cancel(false);
                JettyExchange ex = new JettyExchange(request, response, timer, limits.bodyMillis());
                try {
                    answer.handle(ex);
                    callback.succeeded();
                } catch (Throwable t) {
                    callback.failed(t);
                }
                return true;
            }
        });
        try {
            connector.open();
        } catch (IOException e) {
            timer.shutdownNow();
            if (e.getCause() instanceof BindException bind) throw bind;
            throw e;
        }
    }

    void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the web server did not start: " + e.getMessage(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    /** The connections open now. */
    int connections() {
        return limit.getNetworkConnectionCount();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is ending or the test is done
        }
        timer.shutdownNow();
    }
}
