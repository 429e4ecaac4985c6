package org.assessor.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Cached code is checked again when it is read: an authentic entry (made with the key, as an older Assessor with
 * weaker checks would have made it) whose code the checks refuse is not used.
 */
class CachedCodeCheckTest {
    @TempDir Path tmp;

    @Test
    void anAuthenticEntryWithRefusedCodeIsNotUsed() {
        var builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource("""
                package assessor.x;
                rule "A rule that ends the process"
                when
                then
                    System.exit(0);
                end
                """.getBytes(StandardCharsets.UTF_8)).setSourcePath("x.drl"), ResourceType.DRL);
        assertThat(builder.getErrors()).isEmpty();
        List<RuleInfo> rules = new ArrayList<>();
        rules.add(new RuleInfo("assessor.x", "A rule that ends the process", "T", "method", null, "r", "evidence",
                "x.drl", 2, 1, 0, 0, false, List.of()));
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        cache.store("hostile", new CompiledRulesCache.Entry(builder.getKnowledgePackages(), rules));
        assertThat(cache.entry("hostile")).exists();
        assertThat(cache.load("hostile")).isNull();

        var plain = KnowledgeBuilderFactory.newKnowledgeBuilder();
        plain.add(ResourceFactory.newByteArrayResource("package assessor.x;\nrule \"A plain rule\"\nwhen\nthen\nend\n"
                .getBytes(StandardCharsets.UTF_8)).setSourcePath("y.drl"), ResourceType.DRL);
        cache.store("plain", new CompiledRulesCache.Entry(plain.getKnowledgePackages(), List.of(new RuleInfo("assessor.x",
                "A plain rule", "P", "method", null, "r", "evidence", "y.drl", 2, 1, 0, 0, false, List.of()))));
        assertThat(cache.load("plain")).as("the same way of storing and loading works for code the checks accept")
                .isNotNull();
    }
}
