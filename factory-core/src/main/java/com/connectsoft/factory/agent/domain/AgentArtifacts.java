package com.connectsoft.factory.agent.domain;

/** The artifact types agent tasks record (their inputs and outputs), each with lineage to the agent and skill. */
public final class AgentArtifacts {
    /** The tenant's words, as sent: where a proposal's (and a run's) lineage starts. */
    public static final String INTENT = "Intent";
    /** What ContextLoading retrieved from the knowledge index for a task. */
    public static final String AGENT_CONTEXT = "AgentContext";
    public static final String PRODUCT_VISION = "ProductVision";
    public static final String SOLUTION = "SolutionDesign";
    public static final String BLUEPRINT_PROPOSAL = "BlueprintProposal";

    private AgentArtifacts() {
    }
}
