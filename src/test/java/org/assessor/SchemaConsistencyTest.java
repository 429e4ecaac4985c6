package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assessor.ruleset.Framework;
import org.junit.jupiter.api.Test;

/**
 * The editors' JSON Schema and the ids page in the docs list the same ids and words the loader accepts, so neither
 * can drift from the framework data.
 */
class SchemaConsistencyTest {

    private static List<String> enumAt(JsonNode schema, String pointer) {
        List<String> out = new ArrayList<>();
        schema.at(pointer).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void schemaEnumsMatchTheFrameworkAndVocabulary() throws Exception {
        JsonNode s = new ObjectMapper().readTree(Path.of("fixtures/evidence.schema.json").toFile());
        Framework f = Framework.load(Path.of("rules"));
        assertThat(enumAt(s, "/$defs/statementId/enum")).containsExactlyElementsOf(f.statements().keySet());
        assertThat(enumAt(s, "/$defs/keyQuestionId/enum")).containsExactlyElementsOf(f.keyQuestions().keySet());
        assertThat(enumAt(s, "/$defs/envelope/properties/serviceType/enum")).containsExactlyElementsOf(f.serviceTypes().keySet());
        assertThat(enumAt(s, "/$defs/envelope/properties/scope/enum")).containsExactlyElementsOf(f.scopes().keySet());
        assertThat(enumAt(s, "/$defs/item/properties/category/enum")).containsExactlyElementsOf(f.categories().keySet());
        assertThat(enumAt(s, "/$defs/metric/properties/unit/enum")).containsExactlyElementsOf(f.vocabulary().units());
        assertThat(enumAt(s, "/$defs/benchmark/properties/kind/enum")).containsExactlyElementsOf(f.vocabulary().benchmarkKinds());
        assertThat(enumAt(s, "/$defs/observation/properties/direction/enum")).containsExactlyElementsOf(f.vocabulary().directions());
        assertThat(enumAt(s, "/$defs/observation/properties/extent/enum")).containsExactlyElementsOf(f.vocabulary().extents());
        assertThat(enumAt(s, "/$defs/who/enum")).containsExactlyElementsOf(f.vocabulary().who());
        assertThat(enumAt(s, "/$defs/observation/properties/kind/enum")).containsExactlyElementsOf(f.vocabulary().kinds());
        assertThat(enumAt(s, "/$defs/observation/properties/impact/enum")).containsExactlyElementsOf(f.vocabulary().impacts());
        // A draft's suggestion markers: the field names the loader accepts in "suggested".
        assertThat(enumAt(s, "/$defs/envelope/properties/suggested/items/enum"))
                .containsExactlyElementsOf(org.assessor.evidence.EvidenceFile.SUGGESTABLE_ENVELOPE);
        assertThat(enumAt(s, "/$defs/item/properties/suggested/items/enum"))
                .containsExactlyElementsOf(org.assessor.evidence.EvidenceFile.SUGGESTABLE_ITEM);
    }

    @Test
    void theIdsPageIsGeneratedFromTheFrameworkData() throws Exception {
        var run = TestSupport.cli("ids");
        assertThat(run.code()).isZero();
        assertThat(java.nio.file.Files.readString(Path.of("docs/ids.md")))
                .as("docs/ids.md is out of date: regenerate it with ./assessor ids -o docs/ids.md")
                .isEqualTo(run.out());
    }
}
