package org.assessor.facts;

/** A fact the rules see, with a stable key that names it in the derivation graph. */
public interface Fact {
    /** A key unique within one evaluation, stable across runs, e.g. {@code statement-score/freedom-to-speak-up}. */
    String key();
}
