package org.assessor.ruleset;

import java.util.List;

/** The words the fixture format accepts for enumerated fields (the format's own vocabulary, not policy). */
public final class Vocabulary {
    private Vocabulary() {}

    public static final List<String> UNITS =
            List.of("percent", "count", "ratio", "months", "days", "rate-per-1000", "segment");
    public static final List<String> BENCHMARK_KINDS =
            List.of("national-average", "peer-average", "target", "previous", "organisation-average", "parity");
    public static final List<String> DIRECTIONS = List.of("positive", "negative", "mixed");
    public static final List<String> EXTENTS = List.of("isolated", "some", "widespread");
    public static final List<String> WHO =
            List.of("people", "carers", "staff", "leaders", "governors", "partners", "inspectors", "regulators",
                    "auditors");
}
