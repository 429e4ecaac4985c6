package org.assessor.facts;

import java.util.Collection;
import java.util.stream.Collectors;

/** A breach of regulations found under a key question. */
public record Breach(String keyQuestion, String regulation, String description) implements Given {
    public String key() { return "breach/" + keyQuestion + "/" + regulation; }

    /** The breaches named for a report, in key order: "Regulation 12 under safe (description); …". */
    public static String describe(Collection<?> breaches) {
        return breaches.stream().filter(Breach.class::isInstance).map(Breach.class::cast)
                .sorted(java.util.Comparator.comparing(Breach::key))
                .map(b -> b.regulation() + " under " + b.keyQuestion() + " (" + b.description() + ")")
                .collect(Collectors.joining("; "));
    }
}
