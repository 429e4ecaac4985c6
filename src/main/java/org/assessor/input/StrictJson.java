package org.assessor.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.lang.reflect.RecordComponent;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads JSON into records strictly: an unknown, missing, duplicated or mistyped field is a {@link Problem} with its
 * line and column, never a silently ignored or defaulted value.
 */
public final class StrictJson {
    /** Largest input file read, so a huge file is refused with a message instead of exhausting memory. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private StrictJson() {}

    /** A document read into {@code T}, with the positions of its values for later checks. */
    public record Read<T>(T value, Positions positions) {}

    /** Reads {@code file} (shown in messages as {@code shownAs}) into {@code type}. */
    public static <T> Read<T> read(Path file, String shownAs, Class<T> type) throws InvalidInputException {
        byte[] bytes = bytes(file, shownAs);
        return read(bytes, shownAs, type);
    }

    /** Reads a document already in memory. */
    public static <T> Read<T> read(byte[] bytes, String shownAs, Class<T> type) throws InvalidInputException {
        if (isBlank(bytes)) {
            throw new InvalidInputException(new Problem(shownAs, 1, 1,
                    "the file is empty; expected a JSON object"));
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new InvalidInputException(new Problem(shownAs, 1, 1, "expected a JSON object, found null"));
            }
            Positions positions = Positions.index(shownAs, bytes);
            List<Problem> nulls = new ArrayList<>();
            requireValues(value, "", positions, nulls);
            if (!nulls.isEmpty()) throw new InvalidInputException(nulls);
            return new Read<>(value, positions);
        } catch (JsonProcessingException e) {
            Problem p = describe(shownAs, e);
            if (p.line() == 0 && String.valueOf(e.getOriginalMessage()).contains("exceeds the maximum allowed")) {
                p = locateLimit(bytes, shownAs, e);
            }
            if (e instanceof MismatchedInputException m && p.message().startsWith("missing field")) {
                p = objectStart(bytes, shownAs, m, p);
            }
            if (e instanceof UnrecognizedPropertyException u) p = fieldName(bytes, shownAs, u, p);
            throw new InvalidInputException(p);
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(shownAs, 0, 0, "cannot be read: " + e.getMessage()));
        }
    }

    /** The bytes of a file, refusing a missing, unreadable or oversized one with a clear problem. */
    public static byte[] bytes(Path file, String shownAs) throws InvalidInputException {
        return bytes(file, shownAs, MAX_BYTES);
    }

    /** As above with another size limit (a saved result with its derivation graph can outgrow a fixture's). */
    public static byte[] bytes(Path file, String shownAs, long maxBytes) throws InvalidInputException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(new Problem(shownAs, 0, 0, Files.exists(file)
                        ? "is not a regular file (a folder, a pipe or a device); expected a JSON file" : "no such file"));
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InvalidInputException(new Problem(shownAs, 0, 0, "the file is " + size
                        + " bytes; the largest input read is " + maxBytes + " bytes (" + (maxBytes >> 20) + " MiB)"));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(shownAs, 0, 0, "cannot be read: " + e.getMessage()));
        }
    }

    /** Reports every required record field given as an explicit null, walking nested records and lists. */
    private static void requireValues(Object value, String pointer, Positions at, List<Problem> problems) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    problems.add(at.at(pointer + "/" + i, "list item " + i + " is null; expected a value"));
                } else {
                    requireValues(list.get(i), pointer + "/" + i, at, problems);
                }
            }
            return;
        }
        if (value == null || !value.getClass().isRecord()) return;
        for (Component c : COMPONENTS.get(value.getClass())) {
            Object v;
            try {
                v = c.accessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v == null && c.required()) {
                problems.add(at.at(pointer + "/" + c.name(), "field '" + c.name() + "' is null; expected "
                        + typeName(c.type())));
            }
            if (v instanceof List<?> || (v != null && v.getClass().isRecord())) {
                requireValues(v, pointer + "/" + c.name(), at, problems);
            }
        }
    }

    /** A record component with its accessor and whether the format requires it; looked up once per class. */
    private record Component(String name, java.lang.reflect.Method accessor, Class<?> type, boolean required) {}

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
                out.add(new Component(c.getName(), c.getAccessor(), c.getType(), p != null && p.required()));
            }
            return out;
        }
    };

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (!Character.isWhitespace(b)) return false;
        return true;
    }

    /** An unknown field is reported at its name, not where Jackson noticed it (for a record: its object's end). */
    private static Problem fieldName(byte[] bytes, String shownAs, UnrecognizedPropertyException u, Problem p) {
        try {
            StringBuilder ptr = new StringBuilder();
            for (var ref : u.getPath()) {
                ptr.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            return Positions.index(shownAs, bytes).atName(ptr.toString(), p.message());
        } catch (java.io.UncheckedIOException notJson) {
            return p;
        }
    }

    /** A missing field is reported where its object starts, not where Jackson noticed the object had ended. */
    private static Problem objectStart(byte[] bytes, String shownAs, MismatchedInputException m, Problem p) {
        try {
            StringBuilder ptr = new StringBuilder();
            var path = m.getPath();
            for (int i = 0; i < path.size() - 1; i++) {
                var ref = path.get(i);
                ptr.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            return Positions.index(shownAs, bytes).at(ptr.toString(), p.message());
        } catch (java.io.UncheckedIOException notJson) {
            return p;
        }
    }

    /**
     * Jackson's size limits (a number's length, nesting depth) come without a position: find where the limit was
     * passed by scanning the bytes (outside strings), and say it in plain words.
     */
    private static Problem locateLimit(byte[] bytes, String file, JsonProcessingException e) {
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        boolean number = msg.startsWith("Number value length");
        int line = 1, col = 0, depth = 0, run = 0, runStartLine = 0, runStartCol = 0;
        boolean inString = false, escaped = false;
        for (byte b : bytes) {
            if (b == '\n') { line++; col = 0; } else if ((b & 0xC0) != 0x80) col++;
            if (inString) {
                if (escaped) escaped = false; else if (b == '\\') escaped = true; else if (b == '"') inString = false;
                continue;
            }
            if (b == '"') { inString = true; run = 0; continue; }
            if (number) {
                if (b >= '0' && b <= '9') {
                    if (run++ == 0) { runStartLine = line; runStartCol = col; }
                    if (run > MAX_NUMBER_DIGITS) {
                        return new Problem(file, runStartLine, runStartCol, "a number with more than "
                                + MAX_NUMBER_DIGITS + " digits; expected a number of at most " + MAX_NUMBER_DIGITS + " digits");
                    }
                } else if (b != '.' && b != 'e' && b != 'E' && b != '-' && b != '+') {
                    run = 0;
                }
            } else if (b == '[' || b == '{') {
                if (++depth > MAX_DEPTH) {
                    return new Problem(file, line, col, "the JSON is nested more than " + MAX_DEPTH
                            + " levels deep; a fixture needs only a few");
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return new Problem(file, 0, 0, message(e));
    }

    private static final int MAX_NUMBER_DIGITS = 1000;
    private static final int MAX_DEPTH = 1000;

    static Problem describe(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        return new Problem(file, line, col, message(e));
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : new TreeSet<>(u.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.toSet())).toString();
            return "unknown field '" + u.getPropertyName() + "' in " + where(parent(u.getPath()))
                    + "; expected one of " + known;
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + typeName(f.getTargetType()) + " for " + where(f.getPath()) + ", found "
                    + quoted(f.getValue());
        }
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (msg.startsWith("Duplicate field")) {
            return "duplicate field " + msg.substring("Duplicate field ".length()) + "; each field may appear once";
        }
        if (msg.contains("end-of-input") && !msg.startsWith("No content")) {
            return "the JSON ends too early (is the file truncated?): " + firstLine(msg);
        }
        if (e instanceof MismatchedInputException m) {
            return mismatch(m);
        }
        var nonNumber = java.util.regex.Pattern.compile("Non-standard token '([^']+)'.*").matcher(msg);
        if (nonNumber.matches()) {
            return "expected a finite number, found " + nonNumber.group(1) + " (JSON has no such number)";
        }
        return "not valid JSON: " + firstLine(msg);
    }

    private static String mismatch(MismatchedInputException m) {
        String msg = m.getOriginalMessage();
        if (msg.startsWith("No content to map")) return "the file is empty; expected a JSON object";
        if (msg.startsWith("Missing required creator property") || msg.startsWith("Missing creator property")) {
            String name = msg.replaceAll(".*'([^']+)'.*", "$1");
            return "missing field '" + name + "' in " + where(parent(m.getPath()));
        }
        if (msg.startsWith("Null value for creator property")) {
            String name = msg.replaceAll(".*'([^']+)'.*", "$1");
            return "field '" + name + "' in " + where(m.getPath()) + " is null; expected a value";
        }
        if (msg.contains("Trailing token")) return "unexpected content after the end of the JSON document";
        String expected = typeName(m.getTargetType());
        return "expected " + expected + " for " + where(m.getPath()) + ", found " + found(msg);
    }

    private static String found(String msg) {
        if (msg.contains("from Array value") || msg.contains("START_ARRAY")) return "a list";
        if (msg.contains("from Object value") || msg.contains("START_OBJECT")) return "an object";
        if (msg.contains("String value") || msg.contains("VALUE_STRING")) return "a string";
        if (msg.contains("Floating-point value") || msg.contains("VALUE_NUMBER_FLOAT")) return "a decimal number";
        if (msg.contains("Integer value") || msg.contains("VALUE_NUMBER_INT")) return "a whole number";
        if (msg.contains("Boolean value") || msg.contains("VALUE_TRUE") || msg.contains("VALUE_FALSE")) {
            return "true/false";
        }
        if (msg.contains("null") || msg.contains("VALUE_NULL")) return "null";
        return "something else (" + firstLine(msg) + ")";
    }

    private static String typeName(Class<?> t) {
        if (t == null) return "a value";
        if (t == String.class) return "a string";
        if (t == int.class || t == Integer.class) return "a whole number";
        if (t == double.class || t == Double.class) return "a number";
        if (t == boolean.class || t == Boolean.class) return "true or false";
        if (List.class.isAssignableFrom(t)) return "a list";
        return "an object";
    }

    private static List<JsonMappingException.Reference> parent(List<JsonMappingException.Reference> path) {
        return path == null || path.isEmpty() ? path : path.subList(0, path.size() - 1);
    }

    static String where(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) return "the document";
        StringBuilder sb = new StringBuilder();
        for (var ref : path) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return "'" + sb + "'";
    }

    private static String quoted(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
