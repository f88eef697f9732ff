package com.connectsoft.factory.blueprint;

import com.connectsoft.factory.blueprint.adapter.jdl.JdlBlueprintReader;
import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import java.util.List;

/** The input formats the factory reads: YAML blueprints and JHipster JDL, picked by the file's name. */
public final class BlueprintConfiguration {
    public static final BlueprintReaders READERS = new BlueprintReaders(List.of(new YamlBlueprintReader(), new JdlBlueprintReader()));

    private BlueprintConfiguration() {
    }
}
