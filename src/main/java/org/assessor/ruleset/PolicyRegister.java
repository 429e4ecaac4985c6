package org.assessor.ruleset;

import java.io.IOException;
import java.io.Reader;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.assessor.facts.PolicyValue;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;

/**
 * The policy register: every number and setting the rules use, one CSV row each ({@code rules/policy/*.csv}), with
 * what it applies to, its kind, unit, the date it takes effect (several rows of one id give its history), its source,
 * rationale and owner. Read strictly: an unknown or missing column, a duplicate or overlapping row, an unknown measure,
 * rating or statement, a unit that does not match its measure, or a value out of range is a problem at
 * {@code file:row:column}.
 */
public final class PolicyRegister {
    public static final String FOLDER = "policy";
    static final List<String> COLUMNS = List.of("id", "applies_to", "kind", "value", "unit", "effective_from",
            "effective_to", "source", "citation", "rationale", "owner");
    /** What a row can be. */
    public static final List<String> KINDS = List.of("target", "limit", "parity", "national-average", "tolerance",
            "cut-off", "count", "score", "setting");
    /** Units beyond the measures' own: a score on the framework's scale, a date, a yes/no, a rounding mode. */
    static final List<String> OTHER_UNITS = List.of("score", "date", "yes-no", "rounding");

    /** One row as read, with where it is. */
    public record Row(String id, String appliesTo, String kind, String value, String unit, LocalDate from, LocalDate to,
                      String source, String citation, String rationale, String owner, String file, int line) {

        /** Whether the row is in force on a date. */
        boolean inForceOn(LocalDate date) {
            return !date.isBefore(from) && (to == null || !date.isAfter(to));
        }

        /** The row as a fact for a session. */
        public PolicyValue fact() {
            double number = isNumeric(unit) ? Double.parseDouble(value) : Double.NaN;
            return new PolicyValue(id, appliesTo, kind, number, value, unit, from.toString(), source, citation,
                    rationale, owner, file, line);
        }
    }

    private final List<Row> rows;
    private final List<String> changes;
    private final Framework framework;

    PolicyRegister(List<Row> rows, List<String> changes, Framework framework) {
        this.rows = List.copyOf(rows);
        this.changes = List.copyOf(changes);
        this.framework = framework;
    }

    /** The values changed in memory by a what-if ("limiters.cascade: yes → no"); empty for the register as read. */
    public List<String> changes() {
        return changes;
    }

    /** Every row, in file and line order. */
    public List<Row> rows() {
        return rows;
    }

    /** The earliest date any row takes effect (assessments before it have no register). */
    public Optional<LocalDate> earliest() {
        return rows.stream().map(Row::from).min(Comparator.naturalOrder());
    }

    /** The value of each id in force on a date, as facts, in register order. */
    public List<PolicyValue> inForceOn(LocalDate date) {
        Map<String, Row> chosen = new LinkedHashMap<>();
        for (Row r : rows) if (r.inForceOn(date)) chosen.put(r.id(), r);
        return chosen.values().stream().map(Row::fact).toList();
    }

    /**
     * The register with one id's value replaced in every row of its history (a what-if; nothing is written). An
     * unknown id or a value its unit does not allow is refused with the reason.
     */
    public PolicyRegister with(String id, String value) {
        return with(id, value, true);
    }

    /**
     * As above; {@code annotate} false leaves each row's rationale as it is (the register as if the value had been
     * written into its file, as a policy dry run compares it), true adds "[changed in memory from … to …]".
     */
    public PolicyRegister with(String id, String value, boolean annotate) {
        List<Row> out = new ArrayList<>();
        String was = null;
        for (Row r : rows) {
            if (!r.id().equals(id)) {
                out.add(r);
                continue;
            }
            String problem = valueProblem(value, r.unit(), framework);
            if (problem != null) throw new IllegalArgumentException("register value " + id + ": " + problem);
            was = r.value();
            out.add(new Row(r.id(), r.appliesTo(), r.kind(), value, r.unit(), r.from(), r.to(), r.source(),
                    r.citation(), annotate ? r.rationale() + " [changed in memory from " + r.value() + " to " + value + "]"
                            : r.rationale(),
                    r.owner(), r.file(), r.line()));
        }
        if (was == null) {
            throw new IllegalArgumentException("no register value '" + id + "'; expected an id from "
                    + FOLDER + "/*.csv such as " + rows.stream().map(Row::id).limit(3).toList());
        }
        List<Problem> order = bandOrder(out, framework);
        if (!order.isEmpty()) throw new IllegalArgumentException("register value " + id + " = " + value + ": "
                + order.get(0).message());
        List<String> changed = new ArrayList<>(changes);
        changed.add(id + ": " + was + " → " + value);
        return new PolicyRegister(out, changed, framework);
    }

    /** Whether a row has this id. */
    public boolean has(String id) {
        return rows.stream().anyMatch(r -> r.id().equals(id));
    }

    /** What is wrong with a value for a unit, or null when it is allowed. */
    static String valueProblem(String value, String unit, Framework framework) {
        switch (unit) {
            case "date" -> {
                try {
                    LocalDate.parse(value);
                    return null;
                } catch (DateTimeParseException e) {
                    return "expected a date as YYYY-MM-DD, found '" + value + "'";
                }
            }
            case "yes-no" -> {
                return value.equals("yes") || value.equals("no") ? null : "expected yes or no, found '" + value + "'";
            }
            case "rounding" -> {
                try {
                    RoundingMode.valueOf(value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return "expected a rounding such as HALF_EVEN or HALF_UP, found '" + value + "'";
                }
            }
            default -> {
                return numberProblem(value, unit, framework);
            }
        }
    }

    private static String numberProblem(String value, String unit, Framework framework) {
        if (!value.matches("[0-9]+(\\.[0-9]+)?")) {
            return "expected a plain decimal number of 0 or more such as 90 or 2.5, found '" + value + "'";
        }
        double v = Double.parseDouble(value);
        if (unit.equals("percent") && v > 100) return "expected a percentage from 0 to 100, found " + value;
        if (unit.equals("score") && (v < framework.minScore() || v > framework.maxScore() || v != Math.rint(v))) {
            return "expected a whole score from " + framework.minScore() + " to " + framework.maxScore() + ", found " + value;
        }
        if ((unit.equals("count") || unit.equals("segment")) && v != Math.rint(v)) {
            return "expected a whole number, found " + value;
        }
        return null;
    }

    static boolean isNumeric(String unit) {
        return !OTHER_UNITS.contains(unit) || unit.equals("score");
    }

    /**
     * Reads every CSV file under {@code rules/policy/} for the default framework (a missing folder is an empty
     * register). For a framework under {@code rules/frameworks/}: the shared register {@code rules/policy/} when its
     * {@code sharedRules} names "policy", then the CSV files of its own folder. A shared row for a measure or statement
     * this framework does not define belongs to another framework and is left out of this one (the default framework
     * reads every shared row strictly, so a mistyped id is still found); its own rows are read strictly.
     */
    static PolicyRegister load(Path rulesDir, Framework framework) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        if (framework.isDefault() || framework.sharedRules().contains(FOLDER)) {
            for (Path f : csvFiles(rulesDir.resolve(FOLDER))) read(f, framework, !framework.isDefault(), rows, problems);
        }
        if (!framework.isDefault()) {
            for (Path f : csvFiles(rulesDir.resolve(framework.folder()))) read(f, framework, false, rows, problems);
        }
        overlaps(rows, problems);
        if (problems.isEmpty()) problems.addAll(bandOrder(rows, framework));
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().sorted().toList());
        return new PolicyRegister(rows, List.of(), framework);
    }

    private static List<Path> csvFiles(Path dir) throws InvalidInputException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(dir.toString(), 0, 0, "cannot be read: " + e.getMessage()));
        }
    }

    private static void read(Path file, Framework framework, boolean shared, List<Row> rows, List<Problem> problems) {
        String name = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        String text;
        try {
            text = withoutByteOrderMark(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(name, 0, 0, "cannot be read as CSV: " + e.getMessage()));
            return;
        }
        int[] lineStarts = lineStarts(text);
        int unclosed = unclosedQuote(text);
        if (unclosed >= 0) {
            int line = lineOf(lineStarts, unclosed);
            problems.add(new Problem(name, line, unclosed - lineStarts[line - 1] + 1, "a quote that is never closed; "
                    + "expected a closing \" at the end of the cell (a value with a comma or a quote is written in "
                    + "double quotes, each quote inside it doubled)"));
            return;
        }
        try (Reader in = new java.io.StringReader(text);
             CSVParser csv = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = csv.getHeaderNames();
            for (int i = 0; i < header.size(); i++) {
                if (!COLUMNS.contains(header.get(i))) {
                    problems.add(new Problem(name, 1, i + 1, "unknown column '" + header.get(i) + "'; expected the "
                            + "columns " + COLUMNS));
                }
            }
            for (String c : COLUMNS) {
                if (!header.contains(c)) problems.add(new Problem(name, 1, 1, "missing column '" + c + "'; expected the "
                        + "columns " + COLUMNS));
            }
            if (!problems.isEmpty()) return;
            for (CSVRecord r : csv) {
                // The physical line the row starts on (blank lines and quoted line breaks counted), as an editor shows it.
                int line = rowLine(text, lineStarts, r.getCharacterPosition());
                Row row = new RowCheck(name, line, header, r, framework, shared, problems).row();
                if (row != null) rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(name, 0, 0, "cannot be read as CSV: " + e.getMessage()));
        }
    }

    /**
     * The text with a leading byte-order mark (which spreadsheets write when saving UTF-8) made a space: the header's
     * first name is then read as "id", and every offset stays where it was.
     */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
    }

    /**
     * The offset of a quote that opens a cell and is not closed at the end of that cell, or -1 (CSV: a quote inside a
     * quoted cell is doubled). Found before parsing, since the CSV reader says only where its reading went wrong.
     */
    static int unclosedQuote(String text) {
        boolean cellStart = true;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (cellStart && c == '"') {
                int open = i++;
                while (true) {
                    if (i >= text.length()) return open;
                    if (text.charAt(i) == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                // The cell ends at its closing quote: what follows is the next cell or the next row, or the quote
                // that closed it was really another cell's opening one.
                int after = i;
                while (after < text.length() && text.charAt(after) == ' ') after++;
                if (after < text.length() && ",\r\n".indexOf(text.charAt(after)) < 0) return open;
                cellStart = false;
                continue;
            }
            if (c == ' ' && cellStart) {
                i++;
                continue; // spaces before a quoted cell are ignored, as the reader ignores them
            }
            cellStart = c == ',' || c == '\n' || c == '\r';
            i++;
        }
        return -1;
    }

    /** The character offset each line of a text starts at. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The line a row's text starts on: a record's position includes the blank lines the reader skipped before it. */
    private static int rowLine(String text, int[] lineStarts, long position) {
        int at = (int) position;
        while (at < text.length() && (text.charAt(at) == '\r' || text.charAt(at) == '\n')) at++;
        return lineOf(lineStarts, at);
    }

    /** The 1-based line of a character offset. */
    private static int lineOf(int[] lineStarts, long offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, (int) offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /**
     * A register file's text with the {@code value} cell of the row that starts on {@code line} (as {@link Row#line}
     * gives it) replaced, every other character as it was; the value is quoted if it needs quoting. The row is found
     * by the same CSV reading as the register's, so blank lines, quoted line breaks and columns in any order are
     * handled; it must still hold {@code id} with {@code oldValue}. The result is read again and refused unless it
     * holds the same rows with only that value changed. Throws IllegalArgumentException saying why it cannot.
     */
    public static String withValueWritten(String text, int line, String id, String oldValue, String value) {
        return withCellWritten(text, line, id, "value", oldValue, value);
    }

    /**
     * As {@link #withValueWritten}, for any column of the row ({@code rationale}, {@code source}, {@code citation},
     * {@code owner}, {@code effective_from}, {@code effective_to} …): only that cell changes, checked by reading the
     * file back; refused if the row no longer holds the id and the old text of the cell.
     */
    public static String withCellWritten(String text, int line, String id, String columnName, String oldValue,
                                         String value) {
        if (!COLUMNS.contains(columnName)) throw new IllegalArgumentException("no register column '" + columnName
                + "'; expected one of " + COLUMNS);
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException(id + " " + columnName + ": expected one line; found a line break");
        }
        List<CSVRecord> records = records(text);
        int[] lineStarts = lineStarts(text);
        for (int k = 0; k < records.size(); k++) {
            CSVRecord r = records.get(k);
            if (rowLine(text, lineStarts, r.getCharacterPosition()) != line) continue;
            if (!r.isMapped("id") || !r.isMapped(columnName) || !id.equals(r.get("id"))
                    || !oldValue.equals(r.get(columnName))) {
                throw new IllegalArgumentException("line " + line + " no longer holds " + id + " with the "
                        + (columnName.equals("value") ? "value " : columnName + " ") + oldValue
                        + " (the file changed since it was read)");
            }
            int column = r.getParser().getHeaderNames().indexOf(columnName);
            int start = (int) r.getCharacterPosition();
            while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n')) start++;
            int end = k + 1 < records.size() ? (int) records.get(k + 1).getCharacterPosition() : text.length();
            String record = text.substring(start, end);
            String body = record.replaceFirst("(\\r?\\n)+$", "");
            String out = text.substring(0, start) + replaceCell(body, column, value) + record.substring(body.length())
                    + text.substring(end);
            // Read it back: the same rows, and only this row's value changed.
            List<CSVRecord> after = records(out);
            boolean same = after.size() == records.size();
            for (int j = 0; same && j < records.size(); j++) {
                List<String> a = new ArrayList<>(records.get(j).toList());
                List<String> b = new ArrayList<>(after.get(j).toList());
                if (j == k) {
                    if (b.size() <= column || !b.get(column).equals(value.strip())) same = false;
                    else a.set(column, b.get(column));
                }
                same &= a.equals(b);
            }
            if (!same) {
                throw new IllegalArgumentException("line " + line + " could not be changed without changing other cells "
                        + "(a quote inside an unquoted cell, perhaps); change " + id + " in the file by hand");
            }
            return out;
        }
        throw new IllegalArgumentException("no register row starts on line " + line + " (the file changed since it was read)");
    }

    private static List<CSVRecord> records(String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        try (CSVParser csv = CSVParser.builder().setReader(new java.io.StringReader(withoutByteOrderMark(text)))
                .setFormat(format).get()) {
            return csv.getRecords();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the register file cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    /** A CSV record's text with its {@code index}th cell (0-based) replaced, quoting the value if it needs it. */
    static String replaceCell(String record, int index, String value) {
        int cell = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= record.length(); i++) {
            char ch = i < record.length() ? record.charAt(i) : ',';
            if (ch == '"') quoted = !quoted;
            if (ch == ',' && !quoted) {
                if (cell == index) {
                    String v = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                            || !value.equals(value.strip()) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
                    return record.substring(0, start) + v + record.substring(i);
                }
                cell++;
                start = i + 1;
            }
        }
        throw new IllegalArgumentException("the register row has fewer than " + (index + 1) + " cells");
    }

    /** Two rows of one id whose dates overlap would give two values for one assessment. */
    /**
     * The rating bands' cut-offs (rows of kind cut-off applying to {@code rating:<id>}) must rise with the rating's rank
     * on every day they are in force, and lie within 0–100: otherwise a band would be empty (Good from 95 above
     * Outstanding from 90 leaves no Good). Checked on each date some row starts.
     */
    static List<Problem> bandOrder(List<Row> rows, Framework framework) {
        List<Problem> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
        rows.forEach(r -> dates.add(r.from()));
        for (LocalDate d : dates) {
            List<Object[]> cuts = new ArrayList<>();
            for (Row r : rows) {
                if (!r.kind().equals("cut-off") || !r.appliesTo().startsWith("rating:") || !r.inForceOn(d)) continue;
                var rating = framework.ratings().get(r.appliesTo().substring("rating:".length()));
                if (rating == null) continue;
                double v;
                try {
                    v = Double.parseDouble(r.value());
                } catch (NumberFormatException e) {
                    continue; // reported by the row's own check
                }
                cuts.add(new Object[] {rating.rank(), v, r, rating.name()});
            }
            cuts.sort(java.util.Comparator.comparingInt(c -> (Integer) c[0]));
            for (int i = 0; i < cuts.size(); i++) {
                Row r = (Row) cuts.get(i)[2];
                double v = (Double) cuts.get(i)[1];
                String problem = null;
                if (v > 100) {
                    problem = r.id() + " is " + r.value() + "; expected a cut-off from 0 to 100 (a percentage)";
                } else if (i > 0 && v <= (Double) cuts.get(i - 1)[1]) {
                    Row below = (Row) cuts.get(i - 1)[2];
                    problem = "expected the bands' cut-offs to rise with the rating, each above the one below it; found "
                            + r.id() + " = " + r.value() + " (" + cuts.get(i)[3] + ") not above " + below.id() + " = "
                            + below.value() + " (" + cuts.get(i - 1)[3] + "), which would leave "
                            + cuts.get(i - 1)[3] + " no percentages" + (d.equals(dates.first()) ? "" : " from " + d);
                }
                // Said once per row and pair, at the first date it holds.
                String key = r.file() + ":" + r.line() + (i > 0 ? ((Row) cuts.get(i - 1)[2]).id() : "");
                if (problem != null && seen.add(key)) {
                    out.add(new Problem(r.file(), r.line(), COLUMNS.indexOf("value") + 1, problem));
                }
            }
        }
        return out;
    }

    private static void overlaps(List<Row> rows, List<Problem> problems) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < i; j++) {
                Row a = rows.get(j);
                Row b = rows.get(i);
                if (!a.id().equals(b.id())) continue;
                boolean overlap = (a.to() == null || !b.from().isAfter(a.to())) && (b.to() == null || !a.from().isAfter(b.to()));
                if (overlap) {
                    problems.add(new Problem(b.file(), b.line(), COLUMNS.indexOf("effective_from") + 1,
                            (a.from().equals(b.from()) ? "duplicate row for '" : "row for '") + b.id() + "' in force "
                            + "from " + b.from() + " overlaps the row at " + a.file() + ":" + a.line() + " (in force from "
                            + a.from() + (a.to() == null ? "" : " to " + a.to()) + "); give the earlier row an "
                            + "effective_to before " + b.from()));
                }
            }
        }
    }

    /** The checks of one row. */
    private static final class RowCheck {
        private final String file;
        private final int line;
        private final List<String> header;
        private final CSVRecord r;
        private final Framework framework;
        private final List<Problem> problems;
        private final int before;
        private final boolean shared;
        private boolean foreign;

        RowCheck(String file, int line, List<String> header, CSVRecord r, Framework framework, boolean shared,
                 List<Problem> problems) {
            this.shared = shared;
            this.file = file;
            this.line = line;
            this.header = header;
            this.r = r;
            this.framework = framework;
            this.problems = problems;
            this.before = problems.size();
        }

        Row row() {
            if (r.size() != header.size()) {
                problems.add(new Problem(file, line, 1, "expected " + header.size() + " cells, found " + r.size()
                        + " (a comma inside a value needs the value in double quotes)"));
                return null;
            }
            String id = text("id");
            if (id != null && !id.matches("[a-z0-9][a-z0-9.\\-]*")) {
                bad("id", "expected an id of lower-case letters, digits, dots and hyphens, found '" + id + "'");
            }
            String applies = text("applies_to");
            String kind = oneOf("kind", KINDS);
            String unit = text("unit");
            String value = text("value");
            LocalDate from = date("effective_from", false);
            LocalDate to = date("effective_to", true);
            if (from != null && to != null && to.isBefore(from)) bad("effective_to", "expected a date on or after "
                    + "effective_from " + from + ", found " + to);
            String measureUnit = appliesTo(applies);
            if (foreign) return null;
            if (unit != null) unit(unit, measureUnit);
            if (value != null && unit != null) value(value, unit);
            String source = text("source");
            String citation = r.get("citation");
            String rationale = text("rationale");
            String owner = text("owner");
            if (problems.size() > before) return null;
            return new Row(id, applies, kind, value, unit, from, to, source, citation, rationale, owner, file, line);
        }

        /** Checks what the row applies to; returns the measure's unit for a measure row. */
        private String appliesTo(String applies) {
            if (applies == null || applies.equals("method")) return null;
            int colon = applies.indexOf(':');
            String what = colon < 0 ? applies : applies.substring(0, colon);
            String id = colon < 0 ? "" : applies.substring(colon + 1);
            switch (what) {
                case "measure" -> {
                    var m = framework.measures().get(id);
                    if (m == null && shared) foreign = true;
                    else if (m == null) bad("applies_to", "unknown measure '" + id + "'; expected an id from "
                            + framework.folder() + "/measures.json");
                    return m == null ? null : m.unit();
                }
                case "rating" -> {
                    if (!framework.ratings().containsKey(id)) bad("applies_to", "unknown rating '" + id
                            + "'; expected one of " + framework.ratings().keySet());
                }
                case "statement" -> {
                    if (!framework.statements().containsKey(id) && shared) foreign = true;
                    else if (!framework.statements().containsKey(id)) bad("applies_to", "unknown statement '" + id + "'");
                }
                default -> bad("applies_to", "expected method, measure:<id>, rating:<id> or statement:<id>, found '"
                        + applies + "'");
            }
            return null;
        }

        private void unit(String unit, String measureUnit) {
            List<String> units = new ArrayList<>(framework.vocabulary().units());
            units.addAll(OTHER_UNITS);
            if (!units.contains(unit)) {
                bad("unit", "unknown unit '" + unit + "'; expected one of " + units);
            } else if (measureUnit != null && !measureUnit.equals(unit)) {
                bad("unit", "the measure is in " + measureUnit + ", found unit '" + unit + "'");
            }
        }

        private void value(String value, String unit) {
            String problem = valueProblem(value, unit, framework);
            if (problem != null) bad("value", problem);
        }

        private String text(String column) {
            String v = r.get(column);
            if (v == null || v.isBlank()) {
                bad(column, "expected a value in column '" + column + "', found nothing");
                return null;
            }
            return v;
        }

        private String oneOf(String column, List<String> allowed) {
            String v = text(column);
            if (v != null && !allowed.contains(v)) bad(column, "unknown " + column + " '" + v + "'; expected one of " + allowed);
            return v;
        }

        private LocalDate date(String column, boolean optional) {
            String v = r.get(column);
            if (optional && (v == null || v.isBlank())) return null;
            if (v == null || v.isBlank()) {
                bad(column, "expected a date as YYYY-MM-DD, found nothing");
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                bad(column, "expected a date as YYYY-MM-DD, found '" + v + "'");
                return null;
            }
        }

        private void bad(String column, String message) {
            problems.add(new Problem(file, line, header.indexOf(column) + 1, message));
        }
    }
}
