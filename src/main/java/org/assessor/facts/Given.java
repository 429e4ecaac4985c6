package org.assessor.facts;

/**
 * A fact that only the evidence, the register or the framework gives (a measured value, a breach, a judgement an
 * inspector recorded, a register value): rules match it and never make one, so no rule can put words in someone
 * else's mouth. The rule language refuses making one.
 */
public interface Given extends Fact {}
