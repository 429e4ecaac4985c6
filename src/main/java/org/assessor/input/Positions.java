package org.assessor.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON document starts, by JSON pointer ("/evidence/3/metric/value"), so that a mistake found
 * after the document is read (an unknown statement id, a value out of range) can still name its line and column.
 */
public final class Positions {
    private final String file;
    private final byte[] json;
    private Map<String, int[]> starts;

    private Positions(String file, byte[] json) {
        this.file = file;
        this.json = json;
    }

    /**
     * Positions in a document that is already known to parse. The document is indexed only when a problem is
     * reported, so a valid document (the usual case, and every line of a large batch) costs nothing here.
     */
    static Positions index(String file, byte[] json) {
        return new Positions(file, json);
    }

    private Map<String, int[]> starts() {
        if (starts == null) {
            try {
                starts = scan(json);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // cannot happen: the document parsed before
            }
        }
        return starts;
    }

    private static Map<String, int[]> scan(byte[] json) throws IOException {
        Map<String, int[]> starts = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayIndex = new ArrayDeque<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    path.push(p.currentName());
                    var name = p.currentTokenLocation();
                    starts.put(NAME + pointer(path), new int[] {name.getLineNr(), name.getColumnNr()});
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    if (t == JsonToken.END_ARRAY) arrayIndex.pop();
                    popField(path);
                    continue;
                }
                if (!arrayIndex.isEmpty() && isDirectlyInArray(path, arrayIndex)) {
                    path.push(String.valueOf(arrayIndex.peek()[0]++));
                }
                var loc = p.currentTokenLocation();
                starts.put(pointer(path), new int[] {loc.getLineNr(), loc.getColumnNr()});
                if (t == JsonToken.START_ARRAY) {
                    arrayIndex.push(new int[] {0, path.size()});
                } else if (t != JsonToken.START_OBJECT) {
                    popField(path);
                }
            }
        }
        return starts;
    }

    private static boolean isDirectlyInArray(Deque<String> path, Deque<int[]> arrayIndex) {
        return arrayIndex.peek()[1] == path.size();
    }

    private static void popField(Deque<String> path) {
        if (!path.isEmpty()) path.pop();
    }

    private static String pointer(Deque<String> path) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) sb.append('/').append(it.next());
        return sb.toString();
    }

    /** Keys of the field names' own positions (a pointer never starts with this). */
    private static final String NAME = "name:";

    /** A problem at the name of the field the pointer names (where a reader looks for a misspelt field), else at()'s. */
    public Problem atName(String pointer, String message) {
        int[] lc = starts().get(NAME + pointer);
        return lc != null ? new Problem(file, lc[0], lc[1], message) : at(pointer, message);
    }

    /** The file these positions belong to, as given to the loader. */
    public String file() {
        return file;
    }

    /** A problem at the value the pointer names (or its nearest parent that exists). */
    public Problem at(String pointer, String message) {
        String p = pointer;
        while (true) {
            int[] lc = starts().get(p);
            if (lc != null) return new Problem(file, lc[0], lc[1], message);
            if (p.isEmpty()) return new Problem(file, 1, 1, message);
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
