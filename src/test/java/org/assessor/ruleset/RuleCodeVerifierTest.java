package org.assessor.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assessor.input.Problem;
import org.junit.jupiter.api.Test;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * The second wall: code that reached the compiler without the rule language (compiled here directly) is refused by
 * the class-file check, and a rule file's package earns it nothing.
 */
class RuleCodeVerifierTest {
    private static List<Problem> verify(String drl) {
        var builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)).setSourcePath("x.drl"),
                ResourceType.DRL);
        assertThat(builder.getErrors()).as("the test's rule compiles").isEmpty();
        List<RuleInfo> rules = new ArrayList<>();
        for (var p : builder.getKnowledgePackages()) {
            for (var r : p.getRules()) {
                rules.add(new RuleInfo(p.getName(), r.getName(), "T", "method", null, "r", "evidence", "x.drl", 3, 1, 0, 0,
                        false, List.of()));
            }
        }
        return RuleCodeVerifier.verify(builder.getKnowledgePackages(), rules);
    }

    @Test
    void aRuleInALibrarysPackageMayNotCallThatLibrary() {
        var problems = verify("""
                package org.mvel2;
                rule "A rule in MVEL's package"
                when
                then
                    org.mvel2.MVEL.eval("1 + 1");
                end
                """);
        assertThat(problems).extracting(Problem::toString).singleElement().asString()
                .startsWith("x.drl:3:1: rule \"A rule in MVEL's package\" uses org.mvel2.MVEL.eval;");
    }

    @Test
    void theClockAndChanceAreRefusedOnAnyClass() {
        var problems = verify("""
                package assessor.x;
                rule "A rule of chance and time"
                when
                then
                    double d = Math.random() + java.time.LocalDate.now().getYear() + System.nanoTime()
                            + java.util.UUID.randomUUID().hashCode();
                end
                """);
        assertThat(problems).extracting(Problem::toString).singleElement().asString()
                .contains("java.lang.Math.random").contains("java.time.LocalDate.now").contains("java.lang.System.nanoTime")
                .contains("java.util.UUID.randomUUID");
    }

    @Test
    void arithmeticOnFactsPasses() {
        assertThat(verify("""
                package assessor.x;
                import org.assessor.facts.*;
                rule "A plain rule"
                when
                    $m : Metric()
                then
                    double half = $m.value() / 2;
                    insertLogical(new Unjudged($m.evidenceId(), Numbers.plain(half) + " " + Math.max(half, 1)));
                end
                """)).isEmpty();
    }
}
