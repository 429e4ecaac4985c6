package org.assessor.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request as the workbench reads it (query and form fields decoded) and the responses it sends. */
final class Http {
    /** The largest form body accepted (a whole register of edited values is a few kilobytes). */
    static final int MAX_FORM_BYTES = 1 << 20;

    /** A response the handler chose instead of a page: a status and a plain message (never a stack trace). */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * One request and its response, whichever server carries them: what the workbench reads of a request, and the one
     * response it sends.
     */
    interface Exchange {
        String method();

        /** The path as sent (still percent-encoded). */
        String rawPath();

        /** The query as sent, or null. */
        String rawQuery();

        String header(String name);

        /** The request's body, read within the server's time limits (a stalled body ends the read with an error). */
        InputStream body() throws IOException;

        /** Sends the response: status, headers and body (none for HEAD); once per exchange. */
        void send(int status, Map<String, String> headers, byte[] body) throws IOException;
    }

    record Request(Exchange exchange, String method, String path, Map<String, String> query,
                   Map<String, String> form, String rawQuery) {
        String q(String name) {
            return query.get(name);
        }

        /** Every value a query field was given, in order (a field given once per ticked box). */
        java.util.List<String> all(String name) {
            java.util.List<String> out = new java.util.ArrayList<>();
            if (rawQuery == null) return out;
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = decodeOne(eq < 0 ? pair : pair.substring(0, eq));
                if (k.equals(name)) out.add(eq < 0 ? "" : decodeOne(pair.substring(eq + 1)));
            }
            return out;
        }

        String f(String name) {
            return form.get(name);
        }

        String header(String name) {
            return exchange.header(name);
        }
    }

    private Http() {}

    static Request read(Exchange ex) throws IOException {
        String method = ex.method();
        String path = ex.rawPath();
        Map<String, String> query = decode(ex.rawQuery());
        Map<String, String> form = Map.of();
        if (method.equals("POST")) {
            String type = ex.header("Content-Type");
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw new Refused(415, "expected a form (application/x-www-form-urlencoded); found " + type);
            }
            form = decode(new String(readLimited(ex.body()), StandardCharsets.UTF_8));
        }
        return new Request(ex, method, path, query, form, ex.rawQuery());
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_FORM_BYTES) throw new Refused(413, "the form is larger than 1 MiB");
        }
        return out.toByteArray();
    }

    /** Decodes {@code a=1&b=2}; a name given twice keeps its first value. */
    static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw new Refused(400, "a query or form field is not valid percent-encoding: " + pair);
            }
        }
        return out;
    }

    private static String decodeOne(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "a query field is not valid percent-encoding: " + s);
        }
    }

    static void send(Exchange ex, int status, String contentType, byte[] body) throws IOException {
        send(ex, status, contentType, body, Map.of());
    }

    static void send(Exchange ex, int status, String contentType, byte[] body, Map<String, String> extra)
            throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "same-origin");
        h.put("X-Frame-Options", "DENY");
        h.put("Cache-Control", "no-store");
        h.put("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        h.putAll(extra);
        ex.send(status, h, ex.method().equals("HEAD") ? new byte[0] : body);
    }

    static void redirect(Exchange ex, String location) throws IOException {
        redirect(ex, location, Map.of());
    }

    /** A redirect with other headers too (a session's cookie). */
    static void redirect(Exchange ex, String location, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(extra);
        h.put("Location", location);
        send(ex, 303, "text/plain; charset=utf-8", new byte[0], h);
    }

    /** Equal strings in time that does not depend on where they differ. */
    static boolean sameSecret(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String url(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
