package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.ruleset.Framework;
import org.assessor.input.InvalidInputException;

/**
 * Fuzzes the loader with mutated fixtures, byte by byte and field by field: it either loads the fixture or reports
 * positioned problems; no other exception ever escapes.
 */
class LoaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOWN = "fuzzed/evidence.json";
    private static byte[] seed;
    private static EvidenceLoader loader;

    private static void setUp() throws Exception {
        if (loader != null) return;
        seed = Files.readAllBytes(Path.of("fixtures/cpft-well-led-2025/evidence.json"));
        loader = new EvidenceLoader(Framework.load(Path.of("rules")));
    }

    private static void loadsOrReportsPositionedProblems(byte[] bytes) {
        try {
            loader.load(bytes, SHOWN);
        } catch (InvalidInputException e) {
            assertThat(e.problems()).isNotEmpty();
            e.problems().forEach(p -> {
                assertThat(p.file()).isEqualTo(SHOWN);
                assertThat(p.line()).as(p.toString()).isGreaterThanOrEqualTo(1);
                assertThat(p.column()).as(p.toString()).isGreaterThanOrEqualTo(1);
                assertThat(p.message()).isNotBlank();
            });
        }
    }

    @Property(tries = 400, seed = "20251125")
    void byteMutations(@ForAll long randomSeed, @ForAll @IntRange(min = 1, max = 6) int mutations) throws Exception {
        setUp();
        Random r = new Random(randomSeed);
        byte[] b = seed.clone();
        String alphabet = "{}[],:\"0123456789.-eE ntfalsru\\\n";
        for (int i = 0; i < mutations; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b = splice(b, at, Math.min(b.length, at + 1 + r.nextInt(40)), new byte[0]);
                case 1 -> b = splice(b, at, at, new byte[] {(byte) alphabet.charAt(r.nextInt(alphabet.length()))});
                case 2 -> b[at] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                default -> {
                    int end = Math.min(b.length, at + 1 + r.nextInt(200));
                    b = splice(b, end, end, java.util.Arrays.copyOfRange(b, at, end));
                }
            }
        }
        loadsOrReportsPositionedProblems(b);
    }

    @Property(tries = 400, seed = "20251125")
    void fieldMutations(@ForAll long randomSeed, @ForAll @IntRange(min = 1, max = 4) int mutations) throws Exception {
        setUp();
        Random r = new Random(randomSeed);
        JsonNode doc = JSON.readTree(seed);
        for (int i = 0; i < mutations; i++) mutate(doc, r);
        loadsOrReportsPositionedProblems(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
    }

    /** Picks a random object or array in the tree and removes, retypes, nulls or duplicates one of its values. */
    private static void mutate(JsonNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode c = containers.get(r.nextInt(containers.size()));
        JsonNode[] replacements = {null, JSON.nullNode(), JSON.getNodeFactory().textNode("x"),
                JSON.getNodeFactory().numberNode(-1), JSON.getNodeFactory().numberNode(1e300),
                JSON.getNodeFactory().booleanNode(true), JSON.createArrayNode(), JSON.createObjectNode(),
                JSON.getNodeFactory().textNode(""), JSON.getNodeFactory().numberNode(2.5)};
        JsonNode with = replacements[r.nextInt(replacements.length)];
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(r.nextInt(names.size()));
            if (with == null) o.remove(name); else if (r.nextBoolean()) o.set(name, with); else o.set(name + "x", with);
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            int i = r.nextInt(a.size());
            if (with == null) a.remove(i); else if (r.nextBoolean()) a.set(i, with); else a.add(a.get(i).deepCopy());
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(child -> collect(child, out));
        }
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }
}
