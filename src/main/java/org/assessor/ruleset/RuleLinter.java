package org.assessor.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assessor.input.Problem;

/**
 * Checks rules against the house style a policy team relies on: every rule has an id, a kind and a reason, evidence
 * rules in a key-question folder name a statement of that key question, ids and names are unique, every statement,
 * category and key question written in a rule exists, no number is written where a register row belongs, and every
 * register row is read. What a rule may say at all (no salience, no code beyond the fact types) is the rule language's
 * to check, before compiling.
 */
public final class RuleLinter {
    private static final Pattern ID_LITERAL =
            Pattern.compile("\\b(statement|category|keyQuestion)\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern COMMENT = Pattern.compile("//[^\n]*");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])[0-9]+(?:\\.[0-9]+)?(?![\\w.])");
    private static final Pattern DIGIT = Pattern.compile("[0-9]");
    private static final Pattern POLICY_ID = Pattern.compile("PolicyValue\\s*\\(\\s*id\\s*==\\s*\"([^\"]+)\"");

    /**
     * The numbers a rule may write: 0 (none, nothing) and 100 (a percentage's whole). Every other number is a policy
     * value, read from the register.
     */
    public static final List<String> ALLOWED_NUMBERS = List.of("0", "0.0", "100", "100.0");

    private final RuleSet rules;
    private final Framework framework;

    public RuleLinter(RuleSet rules) {
        this.rules = rules;
        this.framework = rules.framework();
    }

    /** Every problem found, each at its file, line and column. */
    public List<Problem> lint() {
        List<Problem> problems = new ArrayList<>();
        Map<String, RuleInfo> ids = new HashMap<>();
        Map<String, RuleInfo> names = new HashMap<>();
        for (RuleInfo r : rules.rules()) {
            identity(r, ids, names, problems);
            metadata(r, problems);
            String text = text(r);
            if (own(r)) {
                statement(r, problems);
                literals(r, text, problems);
            }
            numbers(r, text, problems);
        }
        register(problems);
        return problems;
    }

    /** No number in a rule's name, reason, conditions or consequence beyond the allowed ones. */
    private void numbers(RuleInfo r, String text, List<Problem> problems) {
        if (DIGIT.matcher(r.name()).find()) {
            problems.add(at(r, "rule \"" + r.name() + "\" states a number in its name; numbers belong in the policy "
                    + "register, and the name says what the rule does"));
        }
        if (r.reason() != null && DIGIT.matcher(r.reason()).find()) {
            problems.add(at(r, "rule \"" + r.name() + "\" states a number in its @reason; numbers belong in the policy "
                    + "register, so a reason can never go stale"));
        }
        String plain = blank(STRING, withoutComments(text));
        Matcher when = Pattern.compile("(?m)^\\s*when\\b").matcher(plain);
        if (!when.find()) return;
        Matcher m = NUMBER.matcher(plain);
        m.region(when.end(), plain.length());
        while (m.find()) {
            if (ALLOWED_NUMBERS.contains(m.group())) continue;
            problems.add(at(r, m.start(), "rule \"" + r.name() + "\" writes the number " + m.group() + "; read it from "
                    + "a register row (rules/policy/), or name the framework's score or rating (ScoreLevel, "
                    + "RatingLevel); only " + ALLOWED_NUMBERS.stream().filter(n -> !n.contains(".")).toList()
                    + " may be written"));
        }
    }

    /** Every register id a rule names exists, and every register row is read by some rule. */
    private void register(List<Problem> problems) {
        var register = framework.register();
        java.util.Set<String> named = new java.util.HashSet<>();
        List<String> texts = new ArrayList<>();
        for (RuleInfo r : rules.rules()) {
            String text = withoutComments(text(r));
            texts.add(text);
            Matcher m = POLICY_ID.matcher(text);
            while (m.find()) {
                named.add(m.group(1));
                if (!register.has(m.group(1))) {
                    problems.add(at(r, m.start(1), "rule \"" + r.name() + "\" reads register value '" + m.group(1)
                            + "', which no row of rules/policy/ defines"));
                }
            }
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (var row : register.rows()) {
            if (named.contains(row.id()) || !reported.add(row.id())) continue;
            int colon = row.appliesTo().indexOf(':');
            String prefix = colon < 0 ? null : row.appliesTo().substring(0, colon + 1);
            // A rule reads every row of a kind that it joins on by what the row applies to: appliesTo == ("measure:" + …),
            // or the part after the prefix through its accessor (measure == $measure).
            String accessor = prefix == null ? null : prefix.substring(0, prefix.length() - 1) + " == $";
            boolean byKind = prefix != null && texts.stream().anyMatch(t -> (t.contains("appliesTo == (\"" + prefix)
                    || t.contains("PolicyValue(") && t.contains(accessor)) && t.contains("\"" + row.kind() + "\""));
            if (!byKind) {
                problems.add(new Problem(row.file(), row.line(), 1, "register row '" + row.id() + "' is read by no "
                        + "rule; remove it, or write the rule that uses it"));
            }
        }
    }

    private void identity(RuleInfo r, Map<String, RuleInfo> ids, Map<String, RuleInfo> names, List<Problem> problems) {
        if (r.id() == null || r.id().isBlank()) {
            problems.add(at(r, "rule \"" + r.name() + "\" has no @id; give it a stable id such as @id(\"WL-GOV-09\")"));
        } else if (ids.containsKey(r.id())) {
            var first = ids.get(r.id());
            problems.add(at(r, "rule \"" + r.name() + "\" reuses id " + r.id() + ", already used by \"" + first.name()
                    + "\" at " + first.where()));
        } else {
            ids.put(r.id(), r);
        }
        RuleInfo sameName = names.putIfAbsent(r.name(), r);
        if (sameName != null) {
            problems.add(at(r, "rule \"" + r.name() + "\" has the same name as a rule at " + sameName.where()
                    + "; reports name rules by their names, so give each its own"));
        }
    }

    private void metadata(RuleInfo r, List<Problem> problems) {
        if (r.reason() == null || r.reason().isBlank()) {
            problems.add(at(r, "rule \"" + r.name() + "\" has no @reason; say in one plain sentence why it holds"));
        }
        if (r.kind() == null) {
            problems.add(at(r, "rule \"" + r.name() + "\" has no @kind; say what it does, one of " + RuleInfo.KINDS));
        } else if (!RuleInfo.KINDS.contains(r.kind())) {
            problems.add(at(r, "rule \"" + r.name() + "\" has @kind(\"" + r.kind() + "\"); expected one of "
                    + RuleInfo.KINDS));
        }
        if (r.layer() == null) {
            problems.add(at(r, "rule \"" + r.name() + "\" has no agenda-group; give it its layer, one of "
                    + RuleSet.LAYERS + " (evidence rules: \"evidence\")"));
        } else if (!RuleSet.LAYERS.contains(r.layer())) {
            problems.add(at(r, "rule \"" + r.name() + "\" is in agenda-group \"" + r.layer() + "\", which is not a layer; "
                    + "expected one of " + RuleSet.LAYERS));
        }
    }

    private void statement(RuleInfo r, List<Problem> problems) {
        String folder = keyQuestionFolder(r.file());
        if (r.statement() != null && !framework.statements().containsKey(r.statement())) {
            problems.add(at(r, "rule \"" + r.name() + "\" names unknown statement '" + r.statement() + "' in @statement"));
        } else if (folder != null && r.statement() == null) {
            problems.add(at(r, "rule \"" + r.name() + "\" is an evidence rule for " + folder + " but has no @statement"));
        } else if (folder != null && !framework.statements().get(r.statement()).keyQuestion().equals(folder)) {
            problems.add(at(r, "rule \"" + r.name() + "\" is in the " + folder + " folder but its @statement '"
                    + r.statement() + "' belongs to " + framework.statements().get(r.statement()).keyQuestion()));
        }
    }

    /**
     * Whether the rule's ids are checked against this framework: every rule of the default framework, and for a
     * framework in rules/frameworks/ the rules of its own folder. A shared rule is checked against the default
     * framework, which every rules folder compiles; here it may name an id this framework lacks, and then simply
     * never matches.
     */
    private boolean own(RuleInfo r) {
        if (framework.isDefault()) return true;
        String rel = r.file().startsWith(rules.dir()) ? r.file().substring(rules.dir().length()) : r.file();
        rel = rel.replace('\\', '/');
        if (rel.startsWith("/")) rel = rel.substring(1);
        return rel.startsWith(framework.folder() + "/");
    }

    private String keyQuestionFolder(String file) {
        String rel = file.startsWith(rules.dir()) ? file.substring(rules.dir().length()) : file;
        rel = rel.replace('\\', '/');
        if (rel.startsWith("/")) rel = rel.substring(1);
        // A framework under rules/frameworks/ keeps its grouping-level folders inside its own folder.
        if (!framework.isDefault() && rel.startsWith(framework.folder() + "/")) {
            rel = rel.substring(framework.folder().length() + 1);
        }
        int slash = rel.indexOf('/');
        String top = slash < 0 ? "" : rel.substring(0, slash);
        return framework.keyQuestions().containsKey(top) ? top : null;
    }

    private void literals(RuleInfo r, String text, List<Problem> problems) {
        Matcher m = ID_LITERAL.matcher(withoutComments(text));
        while (m.find()) {
            String kind = m.group(1);
            String id = m.group(2);
            boolean known = switch (kind) {
                case "statement" -> framework.statements().containsKey(id);
                case "category" -> framework.categories().containsKey(id);
                default -> framework.keyQuestions().containsKey(id);
            };
            if (!known) {
                problems.add(at(r, m.start(2), "rule \"" + r.name() + "\" compares " + kind + " with '" + id
                        + "', which the framework does not define"));
            }
        }
    }

    private String text(RuleInfo r) {
        return rules.source(r);
    }

    /** The text with // comments blanked out (same length, so offsets still point at the source). */
    private static String withoutComments(String text) {
        return blank(COMMENT, text);
    }

    /** The text with every match blanked out (same length). */
    private static String blank(Pattern p, String text) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) sb.setCharAt(i, ' ');
        }
        return sb.toString();
    }

    private static Problem at(RuleInfo r, String message) {
        return new Problem(r.file(), r.line(), r.column(), message);
    }

    /** A problem at a character offset inside the rule's text. */
    private Problem at(RuleInfo r, int offsetInRule, String message) {
        int[] p = rules.position(r, offsetInRule);
        return new Problem(r.file(), p[0], p[1], message);
    }
}
