package com.connectsoft.factory.blueprint.domain;

/**
 * How large a blueprint and its parts may be, whatever format it came in. A blueprint is untrusted input: every
 * reader refuses what is over these bounds with a located problem before it spends more work on it. The published
 * schema (schemas/blueprint.schema.json) states the same numbers; a test keeps the two in step.
 */
public final class BlueprintLimits {
    /** Product names are display names ("Clinic Booking"). */
    public static final int PRODUCT_NAME = 80;
    /** A module becomes a service name and a Java package segment. */
    public static final int MODULE_NAME = 40;
    /** Entity, field, relationship, event and enum value names, plurals and the entities they refer to. */
    public static final int NAME = 64;
    /** A whole Java package, dots included. */
    public static final int PACKAGE = 200;
    public static final int DESCRIPTION = 2_000;
    /** An {@code example:} value, and any sample value derived for generated tests. */
    public static final int EXAMPLE = 1_000;
    /** A field pattern, in characters of its source. */
    public static final int PATTERN = 500;
    /** The largest RE2 program a pattern may compile to (about one step per character, class or repeated copy). */
    public static final int PATTERN_PROGRAM = 3_000;
    /** The largest count in a counted repetition {@code {n}} / {@code {n,m}} (RE2's own limit). */
    public static final int PATTERN_REPEAT = 1_000;
    /** minLength is bounded so a generated sample value stays small; maxLength so it fits a stored item. */
    public static final int MIN_LENGTH = EXAMPLE;
    public static final int MAX_LENGTH = 1_048_576;
    /** Digits before and after the decimal point of min and max. */
    public static final int NUMBER_DIGITS = 38;

    public static final int MODULES = 50;
    public static final int ENTITIES_PER_MODULE = 100;
    public static final int ENTITIES = 500;
    public static final int FIELDS_PER_ENTITY = 200;
    public static final int FIELDS = 10_000;
    public static final int RELATIONSHIPS_PER_ENTITY = 100;
    public static final int ENUM_VALUES = 500;
    public static final int EVENTS_PER_MODULE = 200;

    /** Problems reported for one input; what is beyond is summarised in one more problem. */
    public static final int PROBLEMS = 50;

    private BlueprintLimits() {
    }
}
