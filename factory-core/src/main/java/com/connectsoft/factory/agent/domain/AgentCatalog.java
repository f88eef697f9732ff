package com.connectsoft.factory.agent.domain;

import java.util.List;
import java.util.Optional;

/** The agents and skills the repository defines, checked against each other when loaded. */
public record AgentCatalog(List<AgentDefinition> agents, List<SkillDefinition> skills) {
    public AgentCatalog {
        agents = List.copyOf(agents);
        skills = List.copyOf(skills);
    }

    public Optional<AgentDefinition> agent(String id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Optional<SkillDefinition> skill(String id) {
        return skills.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public SkillDefinition requireSkill(String id) {
        return skill(id).orElseThrow(() -> new IllegalStateException("no skill " + id + " in the catalog (skills/" + id + ".yaml)"));
    }

    public AgentDefinition requireAgent(String id) {
        return agent(id).orElseThrow(() -> new IllegalStateException("no agent " + id + " in the catalog (agents/" + id + ".yaml)"));
    }
}
