package org.assessor.facts;

import org.kie.api.runtime.rule.RuleContext;

/** Reads a firing rule's stable id (its {@code @id} metadata) so derived facts can name the rule that made them. */
public final class RuleIds {
    private RuleIds() {}

    /** The {@code @id} of the rule now firing, or its name if it has none (validation reports that as a problem). */
    public static String of(RuleContext context) {
        Object id = context.getRule().getMetaData().get("id");
        return id == null ? context.getRule().getName() : id.toString();
    }
}
