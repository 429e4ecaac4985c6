package org.assessor.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;

/**
 * The JSON Lines results of an earlier {@code evaluate --out} batch, shown in the portfolio as saved: their scores and
 * ratings as written, never evaluated again (a saved line holds no evidence to explain or to dry-run).
 */
final class SavedResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedResults() {}

    static List<Workbench.Saved> read(Path file) throws IOException, InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0,
                    "expected the JSON Lines file an 'evaluate --out' batch wrote; found no such file"));
        }
        List<Workbench.Saved> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    // A bad line is listed with its problem; the other lines are still shown.
                    out.add(new Workbench.Saved("saved-" + n, file + ":" + n, null, new Problem(file.toString(), n,
                            e.getLocation() == null ? 1 : e.getLocation().getColumnNr(), "expected one result as a JSON "
                            + "object per line; this line is not JSON (" + e.getOriginalMessage() + ")").toString()));
                    continue;
                }
                if (!node.isObject() || !node.has("keyQuestions") || !node.has("overall")) {
                    out.add(new Workbench.Saved("saved-" + n, file + ":" + n, null, new Problem(file.toString(), n, 1,
                            "expected a result line with keyQuestions and overall (as 'evaluate --out' writes); found "
                            + (node.isObject() ? "an object with fields " + iterable(node.fieldNames())
                            : node.getNodeType().toString().toLowerCase())).toString()));
                    continue;
                }
                String from = node.path("batchSource").asText("");
                out.add(new Workbench.Saved("saved-" + n, file + ":" + n + (from.isEmpty() ? "" : " (from " + from + ")"),
                        node, null));
            }
        }
        return out;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
