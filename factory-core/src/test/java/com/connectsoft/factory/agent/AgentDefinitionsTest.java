package com.connectsoft.factory.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.agent.adapter.files.AgentDefinitionFiles;
import com.connectsoft.factory.agent.domain.AgentCatalog;
import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.run.TestFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's definitions load and agree with the registry; a bad definition is refused naming its file and field. */
class AgentDefinitionsTest {
    static final String AGENT = "agents/ConnectSoft.Agent.ProductIntake.yaml";
    static final String VISION = "skills/ConnectSoft.Skill.ProductVision.yaml";
    @TempDir
    Path dir;

    @Test
    void theRepositorysDefinitionsLoadAndEachSkillIsARegisteredCapability() {
        AgentCatalog c = AgentDefinitionFiles.load(TestFactory.ROOT);
        assertEquals(1, c.agents().size());
        assertEquals(3, c.skills().size());
        Set<String> skillCapabilities = c.skills().stream().map(SkillDefinition::capability).collect(Collectors.toSet());
        Set<String> registered = CapabilityRegistry.all().stream().map(Capability::name).filter(n -> n.startsWith("skill-")).collect(Collectors.toSet());
        assertEquals(registered, skillCapabilities);
        for (SkillDefinition s : c.skills()) {
            Capability cap = CapabilityRegistry.get(s.capability());
            assertEquals(Set.of(s.command()), cap.inputEventTypes(), s.id());
            assertEquals(Set.of(s.resultEvent()), cap.resultEventTypes(), s.id());
            assertEquals(CapabilityRegistry.COMMANDS, cap.topic());
        }
    }

    Path copy() throws IOException {
        for (String sub : new String[] {"agents", "skills"}) {
            Files.createDirectories(dir.resolve(sub));
            try (var s = Files.list(TestFactory.ROOT.resolve(sub))) {
                for (Path p : s.toList()) {
                    Files.copy(p, dir.resolve(sub).resolve(p.getFileName()));
                }
            }
        }
        return dir;
    }

    String refused(String file, String from, String to) throws IOException {
        Path home = copy();
        Path f = home.resolve(file);
        String text = Files.readString(f);
        assertTrue(text.contains(from), from);
        Files.writeString(f, text.replace(from, to));
        return assertThrows(AgentDefinitionFiles.InvalidDefinition.class, () -> AgentDefinitionFiles.load(home)).getMessage();
    }

    @Test
    void aBadDefinitionNamesItsFileAndField() throws IOException {
        String m = refused(AGENT, "version: 1.0.0", "version: one");
        assertTrue(m.contains("ConnectSoft.Agent.ProductIntake.yaml: version:"), m);
    }

    @Test
    void anUnknownSkillIsRefused() throws IOException {
        String m = refused(AGENT, "  - ConnectSoft.Skill.DomainModel", "  - ConnectSoft.Skill.Nothing");
        assertTrue(m.contains("ConnectSoft.Agent.ProductIntake.yaml: skills[2]: no skill ConnectSoft.Skill.Nothing"), m);
    }

    @Test
    void moreCorrectionRoundsThanThreeAreRefused() throws IOException {
        String m = refused(AGENT, "correctionRounds: 3", "correctionRounds: 9");
        assertTrue(m.contains("modelPolicy.correctionRounds"), m);
    }

    @Test
    void anIdOtherThanTheFileNameIsRefused() throws IOException {
        String m = refused(VISION, "skill: ConnectSoft.Skill.ProductVision", "skill: ConnectSoft.Skill.Vision");
        assertTrue(m.contains("ConnectSoft.Skill.ProductVision.yaml: skill: 'ConnectSoft.Skill.Vision' does not match the file name"), m);
    }

    @Test
    void aSchemaThatDoesNotCompileIsRefused() throws IOException {
        String m = refused(VISION, "      intent: { type: string, minLength: 1, maxLength: 4000 }",
                "      intent: { type: string, minLength: 1, maxLength: 4000, pattern: \"([\" }");
        assertTrue(m.contains("ConnectSoft.Skill.ProductVision.yaml"), m);
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() throws IOException {
        String m = refused(VISION, "guardrail: schema", "guardrail: [schema");
        assertTrue(m.contains("ConnectSoft.Skill.ProductVision.yaml:") && m.contains("not valid YAML"), m);
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        String m = refused(VISION, "guardrail: schema", "guardrail: schema\npowers: all");
        assertTrue(m.contains("ConnectSoft.Skill.ProductVision.yaml") && m.contains("powers"), m);
    }
}
