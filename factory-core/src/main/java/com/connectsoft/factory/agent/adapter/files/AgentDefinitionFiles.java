package com.connectsoft.factory.agent.adapter.files;

import com.connectsoft.factory.agent.application.SkillContract;
import com.connectsoft.factory.agent.domain.AgentCatalog;
import com.connectsoft.factory.agent.domain.AgentDefinition;
import com.connectsoft.factory.agent.domain.ModelPolicy;
import com.connectsoft.factory.agent.domain.PermissionScope;
import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code agents/ConnectSoft.Agent.*.yaml} and {@code skills/ConnectSoft.Skill.*.yaml}, checks each against its
 * definition schema, the id against the file name, each skill's input and output schemas (they must compile), and
 * every agent's skills against the skills defined. Any problem stops loading with an error naming the file and field.
 */
public final class AgentDefinitionFiles {
    static final int MAX_FILE_BYTES = 256 * 1024;
    static final int MAX_FILES = 200;
    private static final JsonSchema AGENT = schema("/schemas/agent-definition.schema.json");
    private static final JsonSchema SKILL = schema("/schemas/skill-definition.schema.json");

    /** A definition that cannot be used: which file, which field, what to do. */
    public static final class InvalidDefinition extends RuntimeException {
        public InvalidDefinition(String message) {
            super(message);
        }
    }

    private AgentDefinitionFiles() {
    }

    public static AgentCatalog load(Path home) {
        List<SkillDefinition> skills = new ArrayList<>();
        for (Path f : files(home.resolve("skills"), "ConnectSoft.Skill.")) {
            skills.add(skill(f));
        }
        List<AgentDefinition> agents = new ArrayList<>();
        for (Path f : files(home.resolve("agents"), "ConnectSoft.Agent.")) {
            agents.add(agent(f));
        }
        List<String> ids = new ArrayList<>();
        List<String> capabilities = new ArrayList<>();
        for (SkillDefinition s : skills) {
            if (capabilities.contains(s.capability())) {
                throw new InvalidDefinition(s.file() + ": capability: " + s.capability() + " is another skill's; give each skill its own");
            }
            capabilities.add(s.capability());
            ids.add(s.id());
        }
        for (AgentDefinition a : agents) {
            for (int i = 0; i < a.skills().size(); i++) {
                if (!ids.contains(a.skills().get(i))) {
                    throw new InvalidDefinition(a.file() + ": skills[" + i + "]: no skill " + a.skills().get(i) + " is defined (skills/"
                            + a.skills().get(i) + ".yaml); defined: " + ids);
                }
            }
        }
        return new AgentCatalog(agents, skills);
    }

    private static List<Path> files(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidDefinition(dir + ": no such directory (the agent and skill definitions live in agents/ and skills/ of the "
                    + "factory home; set FACTORY_HOME or -Dfactory.home)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
            if (out.size() > MAX_FILES) {
                throw new InvalidDefinition(dir + ": more than " + MAX_FILES + " definitions");
            }
            for (Path p : out) {
                if (!p.getFileName().toString().startsWith(prefix)) {
                    throw new InvalidDefinition(p + ": a definition's file is named " + prefix + "<Name>.yaml");
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SkillDefinition skill(Path f) {
        JsonNode n = read(f, SKILL);
        String id = n.get("skill").asText();
        expectName(f, "skill", id);
        String input = schemaText(f, "input", n.get("input"));
        String output = schemaText(f, "output", n.get("output"));
        return new SkillDefinition(id, n.get("version").asText(), n.get("description").asText(), n.get("capability").asText(),
                n.get("command").asText(), n.get("resultEvent").asText(), n.get("produces").asText(),
                SkillDefinition.Guardrail.valueOf(n.get("guardrail").asText().toUpperCase(Locale.ROOT)), input, output, f.toString());
    }

    static AgentDefinition agent(Path f) {
        JsonNode n = read(f, AGENT);
        String id = n.get("agent").asText();
        expectName(f, "agent", id);
        JsonNode mp = n.get("modelPolicy");
        List<String> skills = new ArrayList<>();
        n.get("skills").forEach(s -> skills.add(s.asText()));
        List<String> reads = new ArrayList<>();
        n.path("permissions").path("reads").forEach(s -> reads.add(s.asText()));
        List<String> writes = new ArrayList<>();
        n.path("permissions").path("writes").forEach(s -> writes.add(s.asText()));
        return new AgentDefinition(id, n.get("version").asText(), n.get("description").asText(), skills,
                new ModelPolicy(mp.get("maxOutputTokens").asInt(), Duration.ofSeconds(mp.get("timeoutSeconds").asInt()),
                        mp.get("correctionRounds").asInt(), mp.path("retries").asInt(0), mp.path("deterministicFallback").asBoolean(true)),
                new PermissionScope(reads, writes), f.toString());
    }

    private static void expectName(Path f, String field, String id) {
        if (!f.getFileName().toString().equals(id + ".yaml")) {
            throw new InvalidDefinition(f + ": " + field + ": '" + id + "' does not match the file name; name the file " + id + ".yaml");
        }
    }

    private static String schemaText(Path f, String field, JsonNode spec) {
        JsonNode schema;
        if (spec.has("schemaResource")) {
            String res = "/" + spec.get("schemaResource").asText();
            try (InputStream in = AgentDefinitionFiles.class.getResourceAsStream(res)) {
                if (in == null) {
                    throw new InvalidDefinition(f + ": " + field + ".schemaResource: no " + res.substring(1) + " in the factory");
                }
                schema = Json.mapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            schema = spec.get("schema");
        }
        String text = Json.write(schema);
        try {
            SkillContract.compile(text);
        } catch (RuntimeException e) {
            throw new InvalidDefinition(f + ": " + field + ".schema: not a JSON Schema the validator compiles (" + e.getClass().getSimpleName() + ")");
        }
        return text;
    }

    private static JsonNode read(Path f, JsonSchema schema) {
        Object doc;
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new InvalidDefinition(f + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(0);
            o.setAllowDuplicateKeys(false);
            o.setNestingDepthLimit(30);
            doc = new Yaml(new SafeConstructor(o)).load(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            throw new InvalidDefinition(f + ":" + (e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem());
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidDefinition(f + ": not valid YAML (" + e.getClass().getSimpleName() + ")");
        }
        if (!(doc instanceof java.util.Map)) {
            throw new InvalidDefinition(f + ": a definition is a YAML mapping");
        }
        JsonNode n = Json.mapper().valueToTree(doc);
        List<ValidationMessage> problems = new ArrayList<>(schema.validate(n));
        if (!problems.isEmpty()) {
            ValidationMessage m = problems.get(0);
            String at = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            throw new InvalidDefinition(f + ": " + (at.isEmpty() ? "" : at + ": ") + m.getMessage().replaceFirst("^\\$[^:]*: ", "")
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        return n;
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = AgentDefinitionFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
