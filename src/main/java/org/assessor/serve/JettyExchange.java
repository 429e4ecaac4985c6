package org.assessor.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * A Jetty request and response as the workbench's {@link Http.Exchange}: its body is read within a time limit (the
 * connection is closed when the whole body has not arrived in time), and the response is sent whole, once.
 */
final class JettyExchange implements Http.Exchange {
    private final Request request;
    private final Response response;
    private final ScheduledExecutorService timer;
    private final long bodyMillis;
    private boolean sent;

    JettyExchange(Request request, Response response, ScheduledExecutorService timer, long bodyMillis) {
        this.request = request;
        this.response = response;
        this.timer = timer;
        this.bodyMillis = bodyMillis;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getHttpURI().getPath();
    }

    @Override
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public InputStream body() throws IOException {
        InputStream in = Content.Source.asInputStream(request);
        return new InputStream() {
            private final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bodyMillis);
            // A read that waits past the deadline is ended by closing the connection.
            private final java.util.concurrent.ScheduledFuture<?> stop = timer.schedule(
                    () -> request.getConnectionMetaData().getConnection().getEndPoint().close(), bodyMillis,
                    TimeUnit.MILLISECONDS);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (System.nanoTime() > deadline) throw new IOException("the request body took longer than "
                        + bodyMillis / 1000 + " seconds to arrive");
                int n = in.read(b, off, len);
                if (n < 0) stop.cancel(false);
                return n;
            }

            @Override
            public void close() throws IOException {
                stop.cancel(false);
                in.close();
            }
        };
    }

    @Override
    public void send(int status, Map<String, String> headers, byte[] body) throws IOException {
        if (sent) throw new IllegalStateException("a response was sent already");
        sent = true;
        response.setStatus(status);
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        if (!method().equals("HEAD")) response.getHeaders().put("Content-Length", Long.toString(body.length));
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(body), done);
            done.block();
        }
    }
}
