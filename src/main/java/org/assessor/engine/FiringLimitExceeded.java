package org.assessor.engine;

import java.util.Map;
import java.util.stream.Collectors;

/** Thrown when an evaluation fires more rules than the limit: the rules probably loop. Names the rules that fired most. */
public class FiringLimitExceeded extends RuntimeException {
    /** {@code firings} counts firings by rule identity ("package/name"); messages give the name. */
    public FiringLimitExceeded(long limit, Map<String, Integer> firings) {
        super("the rules fired more than " + limit + " times in one evaluation, so they probably loop; the rules that "
                + "fired most were: " + firings.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                .map(e -> "\"" + e.getKey().substring(e.getKey().indexOf('/') + 1) + "\" (" + e.getValue() + " times)")
                .collect(Collectors.joining(", ")) + " (raise the limit with --max-firings if this is expected)");
    }
}
