package com.connectsoft.factory.blueprint.adapter.jdl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a JDL file says, as written, with the position of each part (1-based line and column). */
record JdlModel(List<App> apps, List<Entity> entities, Map<String, EnumType> enums, List<Relationship> relationships,
                List<Option> options, List<Deployment> deployments) {

    record Pos(int line, int column) {
    }

    /** '*' (all entities), or a list of names; either minus {@code except}. */
    record Selection(boolean all, List<String> names, List<String> except, Pos pos) {
        boolean includes(String entity) {
            return (all || names.contains(entity)) && !except.contains(entity);
        }
    }

    record App(String baseName, String type, String packageName, Optional<Selection> entities, List<String> ignoredConfig,
               List<String> uses, List<Option> options, Pos pos, Pos baseNamePos) {
    }

    record Annotation(String name, String value, Pos pos) {
    }

    record Validation(String kind, String argument, Pos pos) {
    }

    record Field(String name, String type, List<Validation> validations, List<Annotation> annotations, Optional<String> doc,
                 Pos pos, Pos typePos) {
    }

    record Entity(String name, Optional<String> table, List<Field> fields, List<Annotation> annotations, Optional<String> doc,
                  Pos pos) {
    }

    record EnumValue(String name, Optional<String> custom, Optional<String> doc) {
    }

    record EnumType(String name, List<EnumValue> values, Optional<String> doc, Pos pos) {
    }

    record Side(String entity, Optional<String> injected, Optional<String> display, boolean required, boolean explicit, Pos pos) {
    }

    record Relationship(String kind, Side from, Side to, List<String> with, List<Annotation> annotations, Optional<String> doc,
                        Pos pos) {
    }

    record Option(String name, Selection selection, Optional<String> value, Pos pos) {
    }

    record Deployment(String type, Pos pos) {
    }
}
