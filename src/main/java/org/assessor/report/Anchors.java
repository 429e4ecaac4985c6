package org.assessor.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Fragment ids for one page: letters, digits, '-' and '_' only, and a suffix (-2, -3, …) where one repeats. */
final class Anchors {
    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> next = new HashMap<>();
    private final String prefix;

    Anchors(String prefix) {
        this.prefix = prefix;
    }

    String unique(String wanted) {
        String id = prefix + wanted.replaceAll("[^A-Za-z0-9_-]", "-");
        String out = id;
        while (!used.add(out)) {
            int n = next.merge(id, 1, Integer::sum) + 1;
            out = id + "-" + n;
        }
        return out;
    }
}
