package org.assessor.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assessor.ruleset.Framework;
import org.assessor.input.Problem;

/**
 * Checks rules against the house style a policy team relies on: every rule has an id and a reason, evidence rules
 * in a key-question folder name a statement of that key question, ids are unique, every statement, category and key
 * question written in a rule exists, consequences do no I/O, printing or modification of facts, and no salience.
 */
public final class RuleLinter {
    private static final Pattern ID_LITERAL =
            Pattern.compile("\\b(statement|category|keyQuestion)\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(System\\s*\\.|java\\.io\\.|java\\.nio\\.|Files\\s*\\.|Runtime\\s*\\.|ProcessBuilder|Thread\\s*\\.)"
                    + "|\\bprint(ln|f)?\\s*\\(|\\b(modify|update|retract|delete)\\s*\\(");

    private final Framework framework;

    public RuleLinter(Framework framework) {
        this.framework = framework;
    }

    public List<Problem> lint(String rulesDir, List<RuleSource.Rule> rules) {
        List<Problem> problems = lintRules(rulesDir, rules);
        for (RuleSource.Rule r : rules) {
            if (r.layer() == null) {
                problems.add(at(r, "rule \"" + r.name() + "\" has no agenda-group; give it its layer, one of "
                        + RuleSet.LAYERS + " (evidence rules: \"evidence\")"));
            } else if (!RuleSet.LAYERS.contains(r.layer())) {
                problems.add(at(r, "rule \"" + r.name() + "\" is in agenda-group \"" + r.layer() + "\", which is not a layer; "
                        + "expected one of " + RuleSet.LAYERS));
            }
        }
        return problems;
    }

    private List<Problem> lintRules(String rulesDir, List<RuleSource.Rule> rules) {
        List<Problem> problems = new ArrayList<>();
        Map<String, RuleSource.Rule> ids = new HashMap<>();
        for (RuleSource.Rule r : rules) {
            if (r.id() == null || r.id().isBlank()) {
                problems.add(at(r, "rule \"" + r.name() + "\" has no @id; give it a stable id such as @id(\"WL-GOV-09\")"));
            } else if (ids.containsKey(r.id())) {
                var first = ids.get(r.id());
                problems.add(at(r, "rule \"" + r.name() + "\" reuses id " + r.id() + ", already used by \"" + first.name()
                        + "\" at " + first.file() + ":" + first.line()));
            } else {
                ids.put(r.id(), r);
            }
            if (r.reason() == null || r.reason().isBlank()) {
                problems.add(at(r, "rule \"" + r.name() + "\" has no @reason; say in one plain sentence why it holds"));
            }
            statementMetadata(r, rulesDir, problems);
            if (r.salience()) {
                problems.add(at(r, "rule \"" + r.name() + "\" uses salience to force an order; let layers follow from "
                        + "the facts instead"));
            }
            literals(r, problems);
            consequence(r, problems);
        }
        return problems;
    }

    private void statementMetadata(RuleSource.Rule r, String rulesDir, List<Problem> problems) {
        String folder = keyQuestionFolder(rulesDir, r.file());
        if (r.statement() != null && !framework.statements().containsKey(r.statement())) {
            problems.add(at(r, "rule \"" + r.name() + "\" names unknown statement '" + r.statement() + "' in @statement"));
        } else if (folder != null && r.statement() == null) {
            problems.add(at(r, "rule \"" + r.name() + "\" is an evidence rule for " + folder + " but has no @statement"));
        } else if (folder != null && !framework.statements().get(r.statement()).keyQuestion().equals(folder)) {
            problems.add(at(r, "rule \"" + r.name() + "\" is in the " + folder + " folder but its @statement '"
                    + r.statement() + "' belongs to " + framework.statements().get(r.statement()).keyQuestion()));
        }
    }

    private String keyQuestionFolder(String rulesDir, String file) {
        String rel = file.startsWith(rulesDir) ? file.substring(rulesDir.length()) : file;
        rel = rel.replace('\\', '/');
        if (rel.startsWith("/")) rel = rel.substring(1);
        int slash = rel.indexOf('/');
        String top = slash < 0 ? "" : rel.substring(0, slash);
        return framework.keyQuestions().containsKey(top) ? top : null;
    }

    private void literals(RuleSource.Rule r, List<Problem> problems) {
        Matcher m = ID_LITERAL.matcher(withoutComments(r.text()));
        while (m.find()) {
            String kind = m.group(1);
            String id = m.group(2);
            boolean known = switch (kind) {
                case "statement" -> framework.statements().containsKey(id);
                case "category" -> framework.categories().containsKey(id);
                default -> framework.keyQuestions().containsKey(id);
            };
            if (!known) {
                int[] p = r.position(m.start(2));
                problems.add(new Problem(r.file(), p[0], p[1], "rule \"" + r.name() + "\" compares " + kind + " with '"
                        + id + "', which the framework does not define"));
            }
        }
    }

    private void consequence(RuleSource.Rule r, List<Problem> problems) {
        String text = withoutComments(r.text());
        int then = indexOfKeyword(text, "then");
        if (then < 0) return;
        Matcher m = FORBIDDEN.matcher(text.substring(then));
        java.util.Set<Integer> lines = new java.util.HashSet<>();
        while (m.find()) {
            int[] p = r.position(then + m.start());
            if (!lines.add(p[0])) continue; // one problem per line
            problems.add(new Problem(r.file(), p[0], p[1], "rule \"" + r.name() + "\" calls '" + m.group().strip()
                    + "' in its consequence; a consequence only inserts derived facts (no I/O, printing, System "
                    + "calls or changes to facts)"));
        }
    }

    /** The text with // comments blanked out (same length, so offsets still point at the source). */
    private static String withoutComments(String text) {
        Matcher m = Pattern.compile("//[^\n]*").matcher(text);
        StringBuilder sb = new StringBuilder(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) sb.setCharAt(i, ' ');
        }
        return sb.toString();
    }

    private static int indexOfKeyword(String text, String word) {
        Matcher m = Pattern.compile("(?m)^\\s*" + word + "\\b").matcher(text);
        return m.find() ? m.end() : -1;
    }

    private static Problem at(RuleSource.Rule r, String message) {
        return new Problem(r.file(), r.line(), r.column(), message);
    }
}
