package com.connectsoft.factory.cli;

import com.connectsoft.factory.agent.domain.AgentCatalog;
import com.connectsoft.factory.agent.domain.AgentDefinition;
import com.connectsoft.factory.agent.domain.SkillDefinition;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agents", description = "List the agents and skills (agents/, skills/) and what performs the skills here.")
final class AgentsCommand extends FactoryCommand {
    @Option(names = "--json", description = "Print them as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Factory factory = open()) {
            AgentCatalog c = factory.agents().catalog();
            String impl = factory.agents().implementation();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("implementation", impl);
                body.put("runTokenCap", factory.agents().settings().runTokenCap());
                body.put("agents", c.agents().stream().map(a -> Map.of("id", a.id(), "version", a.version(), "description", a.description(),
                        "skills", a.skills(), "modelPolicy", Map.of("maxOutputTokens", a.modelPolicy().maxOutputTokens(),
                                "timeoutSeconds", a.modelPolicy().timeout().toSeconds(), "correctionRounds", a.modelPolicy().correctionRounds(),
                                "retries", a.modelPolicy().retries(),
                                "deterministicFallback", a.modelPolicy().deterministicFallback()),
                        "permissions", Map.of("reads", a.permissions().reads(), "writes", a.permissions().writes()))).toList());
                body.put("skills", c.skills().stream().map(s -> Map.of("id", s.id(), "version", s.version(), "capability", s.capability(),
                        "command", s.command(), "resultEvent", s.resultEvent(), "produces", s.produces(),
                        "guardrail", s.guardrail().name().toLowerCase(java.util.Locale.ROOT), "inputSchema", Json.read(s.inputSchema()),
                        "outputSchema", Json.read(s.outputSchema()))).toList());
                out().println(Json.pretty(body));
                return FactoryCli.OK;
            }
            for (AgentDefinition a : c.agents()) {
                out().printf("agent %s@%s  %s%n  model policy: %d output tokens, %d s, %d correction round(s), %d retry(ies)%s; reads %s, writes %s%n",
                        a.id(), a.version(), a.description(), a.modelPolicy().maxOutputTokens(), a.modelPolicy().timeout().toSeconds(),
                        a.modelPolicy().correctionRounds(), a.modelPolicy().retries(), a.modelPolicy().deterministicFallback() ? ", deterministic without a model" : "",
                        a.permissions().reads(), a.permissions().writes());
                List<String> skills = a.skills();
                for (int i = 0; i < skills.size(); i++) {
                    SkillDefinition s = c.requireSkill(skills.get(i));
                    out().printf("  %d. %-34s %-7s capability %-22s %s -> %s (%s, guardrail %s)%n", i + 1, s.id(), s.version(), s.capability(),
                            s.command(), s.resultEvent(), s.produces(), s.guardrail().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
            out().printf("%d agent(s), %d skill(s); skills performed by: %s; run token cap %d%n", c.agents().size(), c.skills().size(), impl,
                    factory.agents().settings().runTokenCap());
            return FactoryCli.OK;
        }
    }
}
