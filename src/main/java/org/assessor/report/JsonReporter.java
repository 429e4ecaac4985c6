package org.assessor.report;

import org.assessor.result.Result;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;

/** Renders a {@link Result} as JSON: the full result with the derivation graph and provenance. */
public final class JsonReporter {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public void render(Result r, PrintWriter out) throws IOException {
        out.println(MAPPER.writeValueAsString(r));
        out.flush();
    }

    /** The mapper that reads a saved result back. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
