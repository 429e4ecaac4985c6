package org.assessor.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A constructor or factory that makes a fact as the evidence gives it (a benchmark "the fixture gives"), for the
 * evidence loader only: the rule language leaves it out, so a rule makes such a fact only in the ways left to it
 * (a benchmark from a register row), never one that claims to come from the evidence.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface GivenOnly {}
